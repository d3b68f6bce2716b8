import { isUuid, notFound, type RequestContext } from '@meterline/kit';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { UsageRepository } from '../../store/usage.repository';
import { Customer, CustomerUsageArgs, Usage, UsageArgs } from './customer.type';

@Resolver(() => Customer)
export class CustomerUsageResolver {
  @FieldResolver(() => Usage, { description: 'The customer’s usage of a metric over [from, to), optionally per bucket and dimension' })
  async usage(@Root() customer: Customer, @Ctx() ctx: RequestContext, @Args() args: UsageArgs): Promise<Usage> {
    return new UsageRepository(ctx).forCustomer(customer.id, { ...args, groupBy: args.groupBy ?? [] });
  }

  @Query(() => Usage, { name: 'usage', description: 'A customer’s usage of a metric (customer by id or reference)' })
  async usageOfCustomer(@Ctx() ctx: RequestContext, @Args() { customer, ...args }: CustomerUsageArgs): Promise<Usage> {
    const [row] = (await ctx.db.query(
      `SELECT id FROM customers WHERE platform_id = $1 AND (reference = $2 OR ($3::boolean AND id::text = $2))`,
      [ctx.platformId, customer, isUuid(customer)],
    )) as Array<{ id: string }>;
    if (!row) throw notFound('Customer', 'customer');
    return new UsageRepository(ctx).forCustomer(row.id, { ...args, groupBy: args.groupBy ?? [] });
  }
}

/** Any customer id: the owner (subscriptions) has already checked it against the tenant. */
export function resolveCustomerReference(reference: { id: string }): Customer {
  return { id: reference.id };
}
