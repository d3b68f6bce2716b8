import { badInput, conflict, Decimal, isUuid, notFound, roundToMinorUnit, type RequestContext, type Transaction } from '@meterline/kit';
import { lineFromJson, type StoredLineJson } from '../store/invoice-lines';
import { CreditNoteEntity, InvoiceEntity, type InvoiceStatus } from '../store/invoice.entity';
import { lockCustomerInvoices } from '../store/draft-requests';
import { ISSUED_STATUSES, OPEN_STATUSES } from '../domain/invoice-status';
import { applyCredit } from '../domain/payments';
import { issueCustomerDrafts, type BillingOptions } from './invoice-issuing';
import { creditNoteSeller } from './billing-entities';
import { addPayment, emitPaid } from './payments';

/** The invoice, locked with its customer's invoices; not found (as for another platform's) when absent. */
export async function lockedInvoice(
  tx: Transaction,
  ctx: Pick<RequestContext, 'platformId'>,
  id: string,
  field = 'id',
): Promise<InvoiceEntity> {
  if (!isUuid(id)) throw notFound('Invoice', field);
  const head = await tx.manager.findOneBy(InvoiceEntity, { id, platformId: ctx.platformId });
  if (!head) throw notFound('Invoice', field);
  await lockCustomerInvoices(tx, ctx.platformId, head.customerId);
  const invoice = await tx.manager
    .getRepository(InvoiceEntity)
    .createQueryBuilder('i')
    .setLock('pessimistic_write')
    .where('i.id = :id AND i.platformId = :platformId', { id, platformId: ctx.platformId })
    .getOneOrFail();
  return invoice;
}

function requireStatus(invoice: InvoiceEntity, allowed: InvoiceStatus[], action: string): void {
  if (!allowed.includes(invoice.status))
    throw conflict('invoice', `Only ${allowed.join(' or ')} invoices can be ${action}; this one is ${invoice.status}`);
}

export function invoiceEventData(invoice: InvoiceEntity) {
  return {
    id: invoice.id,
    // Only issued invoices are paid, voided, credited or overdue, and issuing gives the number.
    number: invoice.number!,
    customerId: invoice.customerId,
    subscriptionId: invoice.subscriptionId,
    currency: invoice.currency,
    total: invoice.total.toFixed(),
    amountDue: invoice.amountDue.toFixed(),
  };
}

/** Issues a draft now (a one-off, a cancellation, or simply early): its last recomputation, a number, immutable. */
export async function issueInvoiceNow(ctx: RequestContext, options: BillingOptions, id: string): Promise<InvoiceEntity> {
  return ctx.db.transact(async (tx) => {
    const invoice = await lockedInvoice(tx, ctx, id);
    requireStatus(invoice, ['DRAFT'], 'issued');
    await issueCustomerDrafts(tx, ctx.platformId, invoice.customerId, ctx.clock.now(), options, [id]);
    // Its last recomputation may have left a correction with nothing to correct: then it is gone, not issued.
    const issued = await tx.manager.findOneBy(InvoiceEntity, { id });
    if (issued?.status !== 'ISSUED') throw conflict('invoice', 'The draft had nothing left to issue (a correction that came out empty)');
    return issued;
  });
}

/**
 * ISSUED or OVERDUE → PAID at once: records a payment of what is still due (method OTHER, no reference), so amountPaid
 * and amountDue stay true; an invoice with nothing due is simply marked paid. recordPayment is the finer door.
 */
export async function markInvoicePaid(ctx: RequestContext, id: string, paidAt: Date | null): Promise<InvoiceEntity> {
  return ctx.db.transact(async (tx) => {
    const invoice = await lockedInvoice(tx, ctx, id);
    requireStatus(invoice, [...OPEN_STATUSES], 'marked paid');
    const now = ctx.clock.now();
    if (paidAt && paidAt > now) throw badInput('paidAt', 'paidAt cannot be in the future');
    const at = paidAt ?? now;
    if (invoice.amountDue.gt(0)) {
      await addPayment(tx, ctx, invoice, { amount: invoice.amountDue, paidAt: at, method: 'OTHER', reference: null });
      return invoice;
    }
    invoice.status = 'PAID';
    invoice.paidAt = at;
    await tx.manager.update(InvoiceEntity, { id }, { status: invoice.status, paidAt: invoice.paidAt });
    await emitPaid(tx, ctx.platformId, invoice);
    return invoice;
  });
}

/**
 * ISSUED or OVERDUE → VOID with a reason, while nothing was paid (money received is given back with a credit note and
 * a refund); the number stays taken (gapless means no number is ever reused).
 */
export async function voidInvoice(ctx: RequestContext, id: string, reason: string): Promise<InvoiceEntity> {
  if (reason.trim() === '') throw badInput('reason', 'Voiding an invoice needs a reason');
  return ctx.db.transact(async (tx) => {
    const invoice = await lockedInvoice(tx, ctx, id);
    requireStatus(invoice, [...OPEN_STATUSES], 'voided (a paid invoice is corrected with a credit note)');
    if (invoice.amountPaid.gt(0))
      throw conflict('invoice', `${invoice.amountPaid.toFixed()} was paid on this invoice: credit it with a credit note and refund that`);
    invoice.status = 'VOID';
    invoice.voidedAt = ctx.clock.now();
    invoice.voidReason = reason;
    await tx.manager.update(InvoiceEntity, { id }, { status: 'VOID', voidedAt: invoice.voidedAt, voidReason: invoice.voidReason });
    await tx.emit('invoicing.invoice.voided', ctx.platformId, {
      ...invoiceEventData(invoice),
      reason: invoice.voidReason,
      voidedAt: invoice.voidedAt.toISOString(),
    });
    return invoice;
  });
}

export interface CreditNoteRequest {
  invoice: string;
  reason: string;
  lines?: Array<{ invoiceLine: string; amount?: Decimal | null }> | null;
}

/**
 * A credit note against an issued (or paid) invoice: every line whole by default, or some lines, each for part of
 * what is left. Never more than a line's amount minus what earlier notes credited; deduction and negative lines are
 * not creditable. Tax is the invoice's rate on the credited subtotal, rounded once, and never more than the tax left.
 */
export async function createCreditNote(ctx: RequestContext, options: BillingOptions, input: CreditNoteRequest): Promise<CreditNoteEntity> {
  if (input.reason.trim() === '') throw badInput('reason', 'A credit note needs a reason');
  return ctx.db.transact(async (tx) => {
    const invoice = await lockedInvoice(tx, ctx, input.invoice);
    requireStatus(invoice, [...ISSUED_STATUSES], 'credited');
    const lines = invoice.lines.map(lineFromJson);
    const creditable = (line: (typeof lines)[number]) =>
      line.deduction || line.amount.lte(0) ? new Decimal(0) : line.amount.minus(line.credited);
    const wanted = input.lines ?? lines.filter((l) => creditable(l).gt(0)).map((l) => ({ invoiceLine: l.id, amount: null }));
    if (wanted.length === 0) throw badInput('lines', 'Nothing is left to credit on this invoice');
    const seen = new Set<string>();
    const credited = wanted.map((w, index) => {
      const field = `lines[${index}]`;
      if (seen.has(w.invoiceLine)) throw badInput(`${field}.invoiceLine`, 'Each invoice line can appear once');
      seen.add(w.invoiceLine);
      const line = lines.find((l) => l.id === w.invoiceLine);
      if (!line) throw badInput(`${field}.invoiceLine`, 'Not a line of this invoice');
      const left = creditable(line);
      const amount = w.amount ?? left;
      if (amount.lte(0)) throw badInput(`${field}.amount`, left.lte(0) ? 'Nothing is left to credit on this line' : 'Must be more than 0');
      if (amount.gt(left)) throw badInput(`${field}.amount`, `At most ${left.toFixed()} is left to credit on this line`);
      if (!roundToMinorUnit(amount, invoice.currency).eq(amount))
        throw badInput(`${field}.amount`, `Must be in ${invoice.currency}'s minor unit`);
      return { line, amount };
    });
    const subtotal = credited.reduce((sum, c) => sum.plus(c.amount), new Decimal(0));
    const [{ credited_tax: taxAlready }] = (await tx.manager.query(
      `SELECT coalesce(sum(tax), 0)::text AS credited_tax FROM credit_notes WHERE platform_id = $1 AND invoice_id = $2`,
      [ctx.platformId, invoice.id],
    )) as Array<{ credited_tax: string }>;
    const taxLeft = invoice.tax.minus(taxAlready);
    const tax = invoice.taxRate
      ? Decimal.min(roundToMinorUnit(subtotal.times(invoice.taxRate).dividedBy(100), invoice.currency), taxLeft)
      : new Decimal(0);
    const total = subtotal.plus(tax);
    const byLine = new Map(credited.map((c) => [c.line.id, c.amount]));
    const updatedLines: StoredLineJson[] = invoice.lines.map((l) =>
      byLine.has(l.id) ? { ...l, credited: new Decimal(l.credited ?? '0').plus(byLine.get(l.id)!).toFixed() } : l,
    );
    // What is credited is no longer due; a note that leaves nothing due settles the invoice (PAID).
    const after = applyCredit(invoice, total);
    const settles = after.status === 'PAID' && invoice.status !== 'PAID';
    Object.assign(invoice, { credited: after.credited, amountDue: after.amountDue, status: after.status, lines: updatedLines });
    if (settles) invoice.paidAt = ctx.clock.now();
    await tx.manager.update(
      InvoiceEntity,
      { id: invoice.id },
      { lines: updatedLines, credited: invoice.credited, amountDue: invoice.amountDue, status: invoice.status, paidAt: invoice.paidAt },
    );
    // The credit-note series of the entity the invoice was issued by, with that entity's prefix as it is now.
    const seller = await creditNoteSeller(tx, ctx.platformId, invoice, options, ctx.clock.now());
    const note = tx.manager.create(CreditNoteEntity, {
      platformId: ctx.platformId,
      invoiceId: invoice.id,
      number: seller.number,
      billingEntityVersionId: seller.versionId,
      reason: input.reason,
      currency: invoice.currency,
      lines: credited.map((c) => ({ invoiceLineId: c.line.id, description: c.line.description, amount: c.amount.toFixed() })),
      subtotal,
      tax,
      total,
      createdAt: ctx.clock.now(),
    });
    await tx.manager.save(note);
    await tx.emit('invoicing.credit_note.created', ctx.platformId, {
      id: note.id,
      number: note.number,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number!,
      customerId: invoice.customerId,
      currency: invoice.currency,
      reason: note.reason,
      subtotal: subtotal.toFixed(),
      tax: tax.toFixed(),
      total: total.toFixed(),
      createdAt: note.createdAt.toISOString(),
    });
    if (settles) await emitPaid(tx, ctx.platformId, invoice);
    return note;
  });
}
