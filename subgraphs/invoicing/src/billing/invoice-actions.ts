import { badInput, conflict, Decimal, isUuid, notFound, roundToMinorUnit, type RequestContext, type Transaction } from '@meterline/kit';
import { lineFromJson, type StoredLineJson } from '../store/invoice-lines';
import { CreditNoteEntity, InvoiceEntity, type InvoiceStatus } from '../store/invoice.entity';
import { lockCustomerInvoices } from '../store/draft-requests';
import { issueCustomerDrafts, nextNumber, type BillingOptions } from './invoice-issuing';

/** The invoice, locked with its customer's invoices; not found (as for another platform's) when absent. */
async function lockedInvoice(tx: Transaction, ctx: RequestContext, id: string): Promise<InvoiceEntity> {
  if (!isUuid(id)) throw notFound('Invoice');
  const head = await tx.manager.findOneBy(InvoiceEntity, { id, platformId: ctx.platformId });
  if (!head) throw notFound('Invoice');
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

function invoiceEventData(invoice: InvoiceEntity) {
  return {
    id: invoice.id,
    // Only issued invoices are paid, voided or credited, and issuing gives the number.
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

export async function markInvoicePaid(ctx: RequestContext, id: string, paidAt: Date | null): Promise<InvoiceEntity> {
  return ctx.db.transact(async (tx) => {
    const invoice = await lockedInvoice(tx, ctx, id);
    requireStatus(invoice, ['ISSUED'], 'marked paid');
    const now = ctx.clock.now();
    if (paidAt && paidAt > now) throw badInput('paidAt', 'paidAt cannot be in the future');
    invoice.status = 'PAID';
    invoice.paidAt = paidAt ?? now;
    await tx.manager.update(InvoiceEntity, { id }, { status: invoice.status, paidAt: invoice.paidAt });
    await tx.emit('invoicing.invoice.paid', ctx.platformId, { ...invoiceEventData(invoice), paidAt: invoice.paidAt.toISOString() });
    return invoice;
  });
}

/** ISSUED → VOID with a reason; the number stays taken (gapless means no number is ever reused). */
export async function voidInvoice(ctx: RequestContext, id: string, reason: string): Promise<InvoiceEntity> {
  if (reason.trim() === '') throw badInput('reason', 'Voiding an invoice needs a reason');
  return ctx.db.transact(async (tx) => {
    const invoice = await lockedInvoice(tx, ctx, id);
    requireStatus(invoice, ['ISSUED'], 'voided (a paid invoice is corrected with a credit note)');
    invoice.status = 'VOID';
    invoice.voidedAt = ctx.clock.now();
    invoice.voidReason = reason.trim();
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
    requireStatus(invoice, ['ISSUED', 'PAID'], 'credited');
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
    await tx.manager.update(InvoiceEntity, { id: invoice.id }, { lines: updatedLines, credited: invoice.credited.plus(total) });
    const note = tx.manager.create(CreditNoteEntity, {
      platformId: ctx.platformId,
      invoiceId: invoice.id,
      number: await nextNumber(tx, ctx.platformId, 'credit_note', options.creditNoteNumberPrefix),
      reason: input.reason.trim(),
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
    return note;
  });
}
