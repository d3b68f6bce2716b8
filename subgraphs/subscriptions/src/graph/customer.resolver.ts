import { badInput, notFound, paginate, PageArgs, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { validateNewCustomer } from '../domain/customer';
import { emitCustomerCreated } from '../events/customer.events';
import { CustomerRepository } from '../store/customer.repository';
import { CreateCustomerInput, Customer, CustomerConnection } from './customer.type';

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => Customer, { nullable: true, description: 'A customer by id or by reference (exactly one)' })
  async customer(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('reference', () => String, { nullable: true }) reference?: string,
  ): Promise<Customer | null> {
    if (Boolean(id) === Boolean(reference)) throw badInput('id', 'Give exactly one of id and reference');
    const customers = new CustomerRepository(ctx);
    return id ? customers.byId(id) : customers.byReference(reference!);
  }

  @Query(() => CustomerConnection)
  async customers(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(new CustomerRepository(ctx).query(), 'c', page);
  }

  @Mutation(() => Customer)
  async createCustomer(@Ctx() ctx: RequestContext, @Arg('input') input: CreateCustomerInput): Promise<Customer> {
    const customer = validateNewCustomer(input);
    return ctx.db.transact(async (tx) => {
      const created = await new CustomerRepository(ctx).insert(tx, customer);
      await emitCustomerCreated(tx, created);
      return created;
    });
  }
}

export async function resolveCustomerReference(reference: { id: string }, ctx: RequestContext): Promise<Customer> {
  const customer = await new CustomerRepository(ctx).byId(reference.id);
  // Another platform's customer looks exactly like a missing one.
  if (!customer) throw notFound('Customer');
  return customer;
}
