import { badInput, conflict, roundToMinorUnit, type Decimal } from '@meterline/kit/domain';
import { canTransition, OPEN_STATUSES, type InvoiceStatus } from './invoice-status';

export const MAX_PAYMENT_TERMS_DAYS = 365;
const DAY_MS = 86_400_000;

/** What the payment rules read of an invoice. */
export interface PayableInvoice {
  status: InvoiceStatus;
  currency: string;
  total: Decimal;
  deductions: Decimal;
  credited: Decimal;
  amountPaid: Decimal;
}

/** What is still owed: total − deductions − credit notes − payments (negative: credited beyond what was left to pay). */
export function amountDueOf(invoice: Omit<PayableInvoice, 'status' | 'currency'>): Decimal {
  return invoice.total.minus(invoice.deductions).minus(invoice.credited).minus(invoice.amountPaid);
}

/** When an invoice issued at `issuedAt` is due: `termsDays` whole days of 24 hours later (0: due on issue). */
export function paymentDueAt(issuedAt: Date, termsDays: number): Date {
  return new Date(issuedAt.getTime() + termsDays * DAY_MS);
}

/** Overdue: still open, something still due, and its due date passed (an invoice is due until the end of its due instant). */
export function isOverdue(invoice: PayableInvoice & { dueAt: Date | null }, now: Date): boolean {
  return invoice.status === 'ISSUED' && invoice.dueAt !== null && invoice.dueAt < now && amountDueOf(invoice).gt(0);
}

/** A positive amount in the currency's minor unit, at most `most`; `field` names it when refused. */
export function checkAmount(field: string, amount: Decimal, currency: string, most: Decimal, what: string): Decimal {
  if (amount.lte(0)) throw badInput(field, `${field} must be more than 0`);
  if (!roundToMinorUnit(amount, currency).eq(amount))
    throw badInput(field, `${field} must be in ${currency}'s minor unit (got ${amount.toFixed()})`);
  if (amount.gt(most)) throw badInput(field, `${field} ${amount.toFixed()} is more than the ${most.lte(0) ? '0' : most.toFixed()} ${what}`);
  return amount;
}

/** The invoice after a payment of `amount`: PAID (with `paidAt`) once nothing is left due. */
export function applyPayment<T extends PayableInvoice>(invoice: T, amount: Decimal): T & { amountDue: Decimal } {
  if (!OPEN_STATUSES.includes(invoice.status))
    throw conflict('invoice', `Only ISSUED or OVERDUE invoices take payments; this one is ${invoice.status}`);
  checkAmount('input.amount', amount, invoice.currency, amountDueOf(invoice), `${invoice.currency} still due`);
  return settled({ ...invoice, amountPaid: invoice.amountPaid.plus(amount) });
}

/** The invoice after a credit note of `total`: a credit note that leaves nothing due settles an open invoice. */
export function applyCredit<T extends PayableInvoice>(invoice: T, total: Decimal): T & { amountDue: Decimal } {
  return settled({ ...invoice, credited: invoice.credited.plus(total) });
}

function settled<T extends PayableInvoice>(invoice: T): T & { amountDue: Decimal } {
  const amountDue = amountDueOf(invoice);
  const status =
    OPEN_STATUSES.includes(invoice.status) && amountDue.lte(0) && canTransition(invoice.status, 'PAID') ? 'PAID' : invoice.status;
  return { ...invoice, status, amountDue };
}

/** A refund of a credit note: never more than its total minus earlier refunds. */
export function checkRefund(creditNote: { total: Decimal; currency: string; refunded: Decimal }, amount: Decimal): Decimal {
  return checkAmount(
    'input.amount',
    amount,
    creditNote.currency,
    creditNote.total.minus(creditNote.refunded),
    `${creditNote.currency} left to refund on this credit note`,
  );
}

/** A platform's payment terms: whole days 0 to 365, or null for the deployment's default. */
export function checkPaymentTermsDays(field: string, days: number | null): number | null {
  if (days === null) return null;
  if (!Number.isInteger(days) || days < 0 || days > MAX_PAYMENT_TERMS_DAYS)
    throw badInput(field, `${field} must be a whole number of days from 0 to ${MAX_PAYMENT_TERMS_DAYS}, or null for the default`);
  return days;
}
