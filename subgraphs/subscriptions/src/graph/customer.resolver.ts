import { badInput, notFound, paginate, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { validateCustomerDetails, validateNewCustomer } from '../domain/customer';
import { emitCustomerCreated, emitCustomerUpdated } from '../events/customer.events';
import { CustomerRepository } from '../store/customer.repository';
import { CreateCustomerInput, Customer, CustomerConnection, CustomerDetailsInput, CustomerListArgs } from './customer.type';

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

  @Query(() => CustomerConnection, { description: 'Customers, oldest first; search by name, reference or e-mail' })
  async customers(@Ctx() ctx: RequestContext, @Args() { search, includeArchived, ...page }: CustomerListArgs) {
    return paginate(new CustomerRepository(ctx).search(search, includeArchived), 'c', page);
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

  @Mutation(() => Customer, { description: 'Changes a customer’s details (not its reference or currency)' })
  async updateCustomer(
    @Ctx() ctx: RequestContext,
    @Arg('customer', { description: 'Id or reference' }) id: string,
    @Arg('input') input: CustomerDetailsInput,
  ): Promise<Customer> {
    const details = validateCustomerDetails(input);
    const customers = new CustomerRepository(ctx);
    const customer = await customers.get(id);
    return ctx.db.transact(async (tx) => {
      const updated = await customers.update(tx, customer, details);
      await emitCustomerUpdated(tx, updated);
      return updated;
    });
  }

  @Mutation(() => Customer, { description: 'Hides a customer from lists; its history stays' })
  async archiveCustomer(@Ctx() ctx: RequestContext, @Arg('customer', { description: 'Id or reference' }) id: string): Promise<Customer> {
    const customers = new CustomerRepository(ctx);
    const customer = await customers.get(id);
    if (customer.archivedAt) return customer;
    return ctx.db.transact(async (tx) => {
      const archived = await customers.update(tx, customer, { archivedAt: ctx.clock.now() });
      await emitCustomerUpdated(tx, archived);
      return archived;
    });
  }
}

export async function resolveCustomerReference(reference: { id: string }, ctx: RequestContext): Promise<Customer> {
  const customer = await new CustomerRepository(ctx).byId(reference.id);
  // Another platform's customer looks exactly like a missing one.
  if (!customer) throw notFound('Customer');
  return customer;
}
