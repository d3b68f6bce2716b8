import { badInput, type RequestContext } from '@meterline/kit';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { UsageRepository } from '../../store/usage.repository';
import { Customer, Usage, UsageArgs } from './customer.type';

@Resolver(() => Customer)
export class CustomerUsageResolver {
  @FieldResolver(() => Usage, { description: 'The customer’s usage of a metric over [from, to)' })
  async usage(@Root() customer: Customer, @Ctx() ctx: RequestContext, @Args() { metric, from, to }: UsageArgs): Promise<Usage> {
    if (to <= from) throw badInput('to', 'to must be after from');
    const value = await new UsageRepository(ctx).total(customer.id, { metric, from, to });
    return { metric, from, to, value };
  }
}

/** Any customer id: the owner (subscriptions) has already checked it against the tenant. */
export function resolveCustomerReference(reference: { id: string }): Customer {
  return { id: reference.id };
}
