import { Money, notFound, paginate, PageArgs, type RequestContext } from '@meterline/kit';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { InvoiceEntity } from '../store/invoice.entity';
import { InvoiceRepository } from '../store/invoice.repository';
import { Customer } from './customer/customer.type';
import { Invoice, InvoiceConnection } from './invoice.type';

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => InvoiceConnection)
  async invoices(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(new InvoiceRepository(ctx).query(), 'i', page);
  }

  @FieldResolver(() => Money)
  total(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.total, invoice.currency);
  }

  @FieldResolver(() => Customer)
  customer(@Root() invoice: InvoiceEntity): Customer {
    return { id: invoice.customerId };
  }
}

export async function resolveInvoiceReference(reference: { id: string }, ctx: RequestContext): Promise<InvoiceEntity> {
  const invoice = await new InvoiceRepository(ctx).byId(reference.id);
  if (!invoice) throw notFound('Invoice');
  return invoice;
}
