import { Decimal, Money, notFound, type RequestContext } from '@meterline/kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { currentInvoices } from '../billing/current-drafts';
import { recordPayment, recordRefund } from '../billing/payments';
import { CreditNoteEntity, InvoiceEntity } from '../store/invoice.entity';
import { InvoiceRepository } from '../store/invoice.repository';
import { PaymentEntity, RefundEntity } from '../store/payment.entity';
import { PaymentRepository } from '../store/payment.repository';
import { CreditNote, Invoice } from './invoice.type';
import { Payment, RecordPaymentInput, RecordRefundInput, Refund } from './payment.type';

@Resolver(() => Payment)
export class PaymentResolver {
  @Mutation(() => Payment, {
    description:
      'Records a payment against an ISSUED or OVERDUE invoice (partial payments add up; PAID once nothing is due); the same reference again is the same payment',
  })
  recordPayment(@Ctx() ctx: RequestContext, @Arg('input') input: RecordPaymentInput): Promise<PaymentEntity> {
    return recordPayment(ctx, input);
  }

  @FieldResolver(() => Invoice)
  async invoice(@Root() payment: PaymentEntity, @Ctx() ctx: RequestContext): Promise<InvoiceEntity> {
    const invoice = await currentInvoices(ctx).byId(payment.invoiceId);
    if (!invoice) throw notFound('Invoice');
    return invoice;
  }

  @FieldResolver(() => Money)
  amount(@Root() payment: PaymentEntity): Money {
    return Money.of(payment.amount, payment.currency);
  }
}

@Resolver(() => Refund)
export class RefundResolver {
  @Mutation(() => Refund, {
    description:
      'Records a refund against a credit note (at most its total minus earlier refunds); the same reference again is the same refund',
  })
  recordRefund(@Ctx() ctx: RequestContext, @Arg('input') input: RecordRefundInput): Promise<RefundEntity> {
    return recordRefund(ctx, input);
  }

  @FieldResolver(() => CreditNote)
  async creditNote(@Root() refund: RefundEntity, @Ctx() ctx: RequestContext): Promise<CreditNoteEntity> {
    const note = await new InvoiceRepository(ctx).creditNoteById(refund.creditNoteId);
    if (!note) throw notFound('CreditNote');
    return note;
  }

  @FieldResolver(() => Money)
  amount(@Root() refund: RefundEntity): Money {
    return Money.of(refund.amount, refund.currency);
  }
}

/** What invoices and credit notes show of the money that moved. */
@Resolver(() => Invoice)
export class InvoicePaymentsResolver {
  @FieldResolver(() => Money, { description: 'Sum of the payments recorded' })
  amountPaid(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.amountPaid, invoice.currency);
  }

  @FieldResolver(() => [Payment], { description: 'Payments recorded, by paidAt' })
  payments(@Root() invoice: InvoiceEntity, @Ctx() ctx: RequestContext): Promise<PaymentEntity[]> {
    return new PaymentRepository(ctx).paymentsOf(invoice.id);
  }
}

@Resolver(() => CreditNote)
export class CreditNoteRefundsResolver {
  @FieldResolver(() => [Refund], { description: 'Refunds recorded, by refundedAt' })
  refunds(@Root() note: CreditNoteEntity, @Ctx() ctx: RequestContext): Promise<RefundEntity[]> {
    return new PaymentRepository(ctx).refundsOf(note.id);
  }

  @FieldResolver(() => Money, { description: 'Sum of the refunds recorded' })
  async amountRefunded(@Root() note: CreditNoteEntity, @Ctx() ctx: RequestContext): Promise<Money> {
    const refunds = await new PaymentRepository(ctx).refundsOf(note.id);
    return Money.of(
      refunds.reduce((sum, r) => sum.plus(r.amount), new Decimal(0)),
      note.currency,
    );
  }
}
