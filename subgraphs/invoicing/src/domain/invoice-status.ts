/**
 * The invoice lifecycle: DRAFT → ISSUED → OVERDUE → PAID, VOID from ISSUED or OVERDUE while nothing was paid. PAID
 * and VOID are final. A refused transition is an error with a code (the caller's), never a silent no-op.
 */
export type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'OVERDUE' | 'PAID' | 'VOID';

const NEXT: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  DRAFT: ['ISSUED'],
  ISSUED: ['OVERDUE', 'PAID', 'VOID'],
  OVERDUE: ['PAID', 'VOID'],
  PAID: [],
  VOID: [],
};

export function canTransition(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses of an issued invoice that still collects payments. */
export const OPEN_STATUSES: readonly InvoiceStatus[] = ['ISSUED', 'OVERDUE'];

/** Statuses of an invoice that was issued (its lines are final: late usage goes on a correction). */
export const ISSUED_STATUSES: readonly InvoiceStatus[] = ['ISSUED', 'OVERDUE', 'PAID'];
