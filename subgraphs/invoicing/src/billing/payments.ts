import { badInput, conflict, Decimal, isUuid, notFound, type RequestContext, type Transaction } from '@meterline/kit';
import { applyPayment, checkRefund } from '../domain/payments';
import { CreditNoteEntity, InvoiceEntity } from '../store/invoice.entity';
import type { EntityTarget, FindOptionsWhere } from 'typeorm';
import { PaymentEntity, RefundEntity, type MoneyMovement, type PaymentMethod } from '../store/payment.entity';
import { invoiceEventData, lockedInvoice } from './invoice-actions';

export interface PaymentRequest {
  invoice: string;
  amount: Decimal;
  paidAt?: Date | null;
  method: PaymentMethod;
  reference?: string | null;
}

export interface RefundRequest {
  creditNote: string;
  amount: Decimal;
  refundedAt?: Date | null;
  method: PaymentMethod;
  reference?: string | null;
}

/** An instant given for when money moved: not in the future; now when left out. */
function movedAt(ctx: RequestContext, field: string, at: Date | null | undefined): Date {
  const now = ctx.clock.now();
  if (at && at > now) throw badInput(field, `${field} cannot be in the future`);
  return at ?? now;
}

/**
 * What was already recorded under the input's reference against the same invoice or credit note (`parent`): the same
 * again is the first one; with another amount or method, a conflict (the first one stays). Null: record it.
 */
export async function alreadyRecorded<T extends MoneyMovement>(
  tx: Transaction,
  entity: EntityTarget<T>,
  parent: Partial<T>,
  input: { amount: Decimal; method: PaymentMethod; reference?: string | null },
): Promise<T | null> {
  if (input.reference == null) return null;
  const first = await tx.manager.findOneBy(entity, { ...parent, reference: input.reference } as FindOptionsWhere<T>);
  if (first && (!first.amount.eq(input.amount) || first.method !== input.method))
    throw conflict('input.reference', `This reference was already recorded with ${first.amount.toFixed()} by ${first.method}`);
  return first;
}

/**
 * Records money received against an ISSUED or OVERDUE invoice: partial payments add up, never beyond what is due
 * (BAD_USER_INPUT on input.amount); the payment that leaves nothing due makes it PAID. A reference makes it
 * idempotent: the same reference again is the same payment. `invoicing.payment.recorded` (and `.invoice.paid`) leave
 * with the same transaction.
 */
export async function recordPayment(ctx: RequestContext, input: PaymentRequest): Promise<PaymentEntity> {
  return ctx.db.transact(async (tx) => {
    const invoice = await lockedInvoice(tx, ctx, input.invoice, 'input.invoice');
    const first = await alreadyRecorded(tx, PaymentEntity, { platformId: ctx.platformId, invoiceId: invoice.id }, input);
    if (first) return first;
    const paidAt = movedAt(ctx, 'input.paidAt', input.paidAt);
    return addPayment(tx, ctx, invoice, { amount: input.amount, paidAt, method: input.method, reference: input.reference ?? null });
  });
}

/** A payment on the locked invoice, the invoice's totals and status with it, and the events. */
export async function addPayment(
  tx: Transaction,
  ctx: Pick<RequestContext, 'platformId' | 'clock'>,
  invoice: InvoiceEntity,
  payment: Pick<PaymentEntity, 'amount' | 'paidAt' | 'method' | 'reference'>,
): Promise<PaymentEntity> {
  const after = applyPayment(invoice, payment.amount);
  const saved = await tx.manager.save(
    tx.manager.create(PaymentEntity, {
      ...payment,
      platformId: ctx.platformId,
      invoiceId: invoice.id,
      currency: invoice.currency,
      createdAt: ctx.clock.now(),
    }),
  );
  Object.assign(invoice, { status: after.status, amountPaid: after.amountPaid, amountDue: after.amountDue });
  if (after.status === 'PAID') invoice.paidAt = payment.paidAt;
  await tx.manager.update(
    InvoiceEntity,
    { id: invoice.id },
    { status: invoice.status, amountPaid: invoice.amountPaid, amountDue: invoice.amountDue, paidAt: invoice.paidAt },
  );
  await tx.emit('invoicing.payment.recorded', ctx.platformId, {
    id: saved.id,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number!,
    customerId: invoice.customerId,
    currency: invoice.currency,
    amount: saved.amount.toFixed(),
    paidAt: saved.paidAt.toISOString(),
    method: saved.method,
    reference: saved.reference,
    invoiceAmountPaid: invoice.amountPaid.toFixed(),
    invoiceAmountDue: invoice.amountDue.toFixed(),
    invoiceStatus: invoice.status as 'ISSUED' | 'OVERDUE' | 'PAID',
  });
  if (invoice.status === 'PAID') await emitPaid(tx, ctx.platformId, invoice);
  return saved;
}

export async function emitPaid(tx: Transaction, platformId: string, invoice: InvoiceEntity): Promise<void> {
  await tx.emit('invoicing.invoice.paid', platformId, { ...invoiceEventData(invoice), paidAt: invoice.paidAt!.toISOString() });
}

/**
 * Records money paid back against a credit note: never more than its total minus earlier refunds (BAD_USER_INPUT on
 * input.amount); idempotent by reference like payments. Refunds of one invoice's notes queue on the invoice's lock.
 */
export async function recordRefund(ctx: RequestContext, input: RefundRequest): Promise<RefundEntity> {
  if (!isUuid(input.creditNote)) throw notFound('CreditNote', 'input.creditNote');
  return ctx.db.transact(async (tx) => {
    const head = await tx.manager.findOneBy(CreditNoteEntity, { id: input.creditNote, platformId: ctx.platformId });
    if (!head) throw notFound('CreditNote', 'input.creditNote');
    await lockedInvoice(tx, ctx, head.invoiceId, 'input.creditNote');
    const first = await alreadyRecorded(tx, RefundEntity, { platformId: ctx.platformId, creditNoteId: head.id }, input);
    if (first) return first;
    const refundedAt = movedAt(ctx, 'input.refundedAt', input.refundedAt);
    const refunded = await refundedOf(tx, ctx.platformId, head.id);
    const amount = checkRefund({ total: head.total, currency: head.currency, refunded }, input.amount);
    const saved = await tx.manager.save(
      tx.manager.create(RefundEntity, {
        platformId: ctx.platformId,
        creditNoteId: head.id,
        amount,
        currency: head.currency,
        refundedAt,
        method: input.method,
        reference: input.reference ?? null,
        createdAt: ctx.clock.now(),
      }),
    );
    const invoice = await tx.manager.findOneByOrFail(InvoiceEntity, { id: head.invoiceId });
    await tx.emit('invoicing.refund.recorded', ctx.platformId, {
      id: saved.id,
      creditNoteId: head.id,
      creditNoteNumber: head.number,
      invoiceId: head.invoiceId,
      customerId: invoice.customerId,
      currency: head.currency,
      amount: amount.toFixed(),
      refundedAt: refundedAt.toISOString(),
      method: saved.method,
      reference: saved.reference,
      creditNoteRefunded: refunded.plus(amount).toFixed(),
    });
    return saved;
  });
}

async function refundedOf(tx: Transaction, platformId: string, creditNoteId: string): Promise<Decimal> {
  const [row] = (await tx.manager.query(
    `SELECT coalesce(sum(amount), 0)::text AS refunded FROM refunds WHERE platform_id = $1 AND credit_note_id = $2`,
    [platformId, creditNoteId],
  )) as Array<{ refunded: string }>;
  return new Decimal(row.refunded);
}
