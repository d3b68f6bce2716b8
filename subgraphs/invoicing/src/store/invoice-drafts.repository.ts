import type { Transaction } from '@meterline/kit';
import type { Period } from '@meterline/periods';
import type { BilledLine } from '../domain/correction';
import type { InvoiceHead } from '../domain/draft-schedule';
import type { InvoiceDraft } from '../domain/invoice-calculation';
import { lineFromJson, lineToJson, type StoredLineJson } from './invoice-lines';

/** The invoices of customers, as the scheduling rules read them. */
export async function invoiceHeads(tx: Transaction, platformId: string, customerIds: string[]): Promise<InvoiceHead[]> {
  return (await tx.manager.query(
    `SELECT id, kind, status, subscription_id, period_start FROM invoices WHERE platform_id = $1 AND customer_id = ANY($2::uuid[])`,
    [platformId, customerIds],
  )) as InvoiceHead[];
}

/** A period's invoice to write (a subscription's draft, or a correction): who, which period, the amounts, when due. */
export interface DraftRow {
  customerId: string;
  subscriptionId: string;
  currency: string;
  taxRate: string | null;
  period: Period;
  draft: InvoiceDraft;
  due: Date;
}

function amountsJson(draft: InvoiceDraft) {
  return {
    subtotal: draft.subtotal.toFixed(),
    tax: draft.tax.toFixed(),
    total: draft.total.toFixed(),
    deductions: draft.deductions.toFixed(),
    amount_due: draft.amountDue.toFixed(),
    lines: draft.lines.map(lineToJson),
  };
}

function rowJson(row: DraftRow) {
  return {
    customer_id: row.customerId,
    subscription_id: row.subscriptionId,
    currency: row.currency,
    period_start: row.period.start,
    period_end: row.period.end,
    tax_rate: row.taxRate,
    ...amountsJson(row.draft),
    due_at: row.due,
  };
}

const ROWS = `jsonb_to_recordset($2::jsonb) AS r(customer_id uuid, subscription_id uuid, currency text, period_start timestamptz,
            period_end timestamptz, tax_rate numeric, subtotal numeric, tax numeric, total numeric, deductions numeric,
            amount_due numeric, lines jsonb, due_at timestamptz)`;

/**
 * Writes periods' drafts in one statement, except those issued meanwhile; returns the ones not written (the caller
 * asks for their correction).
 */
export async function writeDrafts<T extends DraftRow>(tx: Transaction, platformId: string, rows: T[], now: Date): Promise<T[]> {
  if (rows.length === 0) return [];
  const written = (await tx.manager.query(
    `INSERT INTO invoices (platform_id, customer_id, subscription_id, kind, status, currency, period_start, period_end, tax_rate,
                           subtotal, tax, total, deductions, amount_due, lines, due_at, refreshed_at, created_at)
     SELECT $1, r.customer_id, r.subscription_id, 'SUBSCRIPTION', 'DRAFT', r.currency, r.period_start, r.period_end, r.tax_rate,
            r.subtotal, r.tax, r.total, r.deductions, r.amount_due, r.lines, r.due_at, $3, $3
       FROM ${ROWS}
     ON CONFLICT (platform_id, subscription_id, period_start) WHERE kind = 'SUBSCRIPTION' DO UPDATE
       SET currency = EXCLUDED.currency, period_end = EXCLUDED.period_end, tax_rate = EXCLUDED.tax_rate, subtotal = EXCLUDED.subtotal,
           tax = EXCLUDED.tax, total = EXCLUDED.total, deductions = EXCLUDED.deductions, amount_due = EXCLUDED.amount_due,
           lines = EXCLUDED.lines, due_at = EXCLUDED.due_at, refreshed_at = EXCLUDED.refreshed_at
       WHERE invoices.status = 'DRAFT'
     RETURNING subscription_id, period_start`,
    [platformId, JSON.stringify(rows.map(rowJson)), now],
  )) as Array<{ subscription_id: string; period_start: Date }>;
  const done = new Set(written.map((r) => `${r.subscription_id}|${r.period_start.getTime()}`));
  return rows.filter((r) => !done.has(`${r.subscriptionId}|${r.period.start.getTime()}`));
}

/** What the issued invoices of a period (the original and issued corrections) billed, line by line. */
export async function billedLinesOf(tx: Transaction, platformId: string, subscriptionId: string, period: Period): Promise<BilledLine[]> {
  const billed = (await tx.manager.query(
    `SELECT lines FROM invoices WHERE platform_id = $1 AND subscription_id = $2 AND period_start = $3 AND status IN ('ISSUED', 'PAID')`,
    [platformId, subscriptionId, period.start],
  )) as Array<{ lines: StoredLineJson[] }>;
  return billed.flatMap((b) =>
    b.lines
      .map(lineFromJson)
      .map((l) => ({ ...l, window: l.windowStart && l.windowEnd ? { start: l.windowStart, end: l.windowEnd } : null })),
  );
}

/** The open CORRECTION draft of a period: written (`row`), or removed when there is nothing to correct (null). */
export async function writeCorrection(
  tx: Transaction,
  platformId: string,
  subscriptionId: string,
  period: Period,
  row: DraftRow | null,
  now: Date,
): Promise<void> {
  if (row === null) {
    await tx.manager.query(
      `DELETE FROM invoices WHERE platform_id = $1 AND subscription_id = $2 AND period_start = $3 AND kind = 'CORRECTION' AND status = 'DRAFT'`,
      [platformId, subscriptionId, period.start],
    );
    return;
  }
  await tx.manager.query(
    `INSERT INTO invoices (platform_id, customer_id, subscription_id, kind, status, currency, period_start, period_end, tax_rate,
                           subtotal, tax, total, deductions, amount_due, lines, due_at, refreshed_at, created_at)
     SELECT $1, r.customer_id, r.subscription_id, 'CORRECTION', 'DRAFT', r.currency, r.period_start, r.period_end, r.tax_rate,
            r.subtotal, r.tax, r.total, r.deductions, r.amount_due, r.lines, r.due_at, $3, $3
       FROM ${ROWS}
     ON CONFLICT (platform_id, subscription_id, period_start) WHERE kind = 'CORRECTION' AND status = 'DRAFT' DO UPDATE
       SET tax_rate = EXCLUDED.tax_rate, subtotal = EXCLUDED.subtotal, tax = EXCLUDED.tax, total = EXCLUDED.total,
           deductions = EXCLUDED.deductions, amount_due = EXCLUDED.amount_due, lines = EXCLUDED.lines, refreshed_at = EXCLUDED.refreshed_at`,
    [platformId, JSON.stringify([rowJson(row)]), now],
  );
}
