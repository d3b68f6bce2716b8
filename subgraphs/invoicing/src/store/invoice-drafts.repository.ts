import type { Transaction } from '@meterline/kit';
import type { Period } from '@meterline/periods';
import type { BilledLine } from '../domain/correction';
import type { InvoiceHead } from '../domain/draft-schedule';
import type { InvoiceDraft } from '../domain/invoice-calculation';
import { lineFromJson, linesToJson, type StoredLineJson } from './invoice-lines';

/** The invoices of customers, as the scheduling rules read them. */
export async function invoiceHeads(tx: Transaction, platformId: string, customerIds: string[]): Promise<InvoiceHead[]> {
  return (await tx.manager.query(
    `SELECT id, kind, status, subscription_id, period_start FROM invoices WHERE platform_id = $1 AND customer_id = ANY($2::uuid[])`,
    [platformId, customerIds],
  )) as InvoiceHead[];
}

/** A period's invoice to write (a subscription's draft, or a correction): who, which period, the amounts, when it is issued. */
export interface DraftRow {
  customerId: string;
  subscriptionId: string;
  currency: string;
  taxRate: string | null;
  period: Period;
  draft: InvoiceDraft;
  /** When the billing run is to issue it. */
  issuesAt: Date;
}

function amountsJson(draft: InvoiceDraft, invoiceKey: string) {
  return {
    subtotal: draft.subtotal.toFixed(),
    tax: draft.tax.toFixed(),
    total: draft.total.toFixed(),
    deductions: draft.deductions.toFixed(),
    amount_due: draft.amountDue.toFixed(),
    lines: linesToJson(invoiceKey, draft.lines),
  };
}

/**
 * `sequence`: for a correction, how many corrections of its period were issued (or voided) before it, so that the
 * second correction of a period gets line ids of its own, not the first one's.
 */
function rowJson(platformId: string, kind: 'SUBSCRIPTION' | 'CORRECTION', row: DraftRow, sequence = 0) {
  return {
    customer_id: row.customerId,
    subscription_id: row.subscriptionId,
    currency: row.currency,
    period_start: row.period.start,
    period_end: row.period.end,
    tax_rate: row.taxRate,
    ...amountsJson(
      row.draft,
      [platformId, row.subscriptionId, row.period.start.toISOString(), kind, ...(sequence > 0 ? [sequence] : [])].join(':'),
    ),
    issues_at: row.issuesAt,
  };
}

const ROWS = `jsonb_to_recordset($2::jsonb) AS r(customer_id uuid, subscription_id uuid, currency text, period_start timestamptz,
            period_end timestamptz, tax_rate numeric, subtotal numeric, tax numeric, total numeric, deductions numeric,
            amount_due numeric, lines jsonb, issues_at timestamptz)`;

/** A draft invoice a write opened (not one it updated): what `invoicing.invoice.created` says of it. */
export interface OpenedDraft {
  id: string;
  kind: 'SUBSCRIPTION' | 'CORRECTION';
  customerId: string;
  subscriptionId: string;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  issuesAt: Date;
  total: string;
  createdAt: Date;
}

/** RETURNING of the draft writes: `opened` is true for a row the statement inserted (xmax 0), false for one it updated. */
const WRITTEN = `id, kind, customer_id AS "customerId", subscription_id AS "subscriptionId", trim(currency) AS currency,
  period_start AS "periodStart", period_end AS "periodEnd", issues_at AS "issuesAt", total::text AS total,
  created_at AS "createdAt", (xmax = 0) AS opened`;

type WrittenRow = OpenedDraft & { opened: boolean };

const openedOf = (rows: WrittenRow[]): OpenedDraft[] => rows.filter((r) => r.opened).map(({ opened: _opened, ...draft }) => draft);

/**
 * Writes periods' drafts in one statement, except those issued meanwhile: `notWritten` are those (the caller asks for
 * their correction), `opened` the drafts this write created.
 */
export async function writeDrafts<T extends DraftRow>(
  tx: Transaction,
  platformId: string,
  rows: T[],
  now: Date,
): Promise<{ notWritten: T[]; opened: OpenedDraft[] }> {
  if (rows.length === 0) return { notWritten: [], opened: [] };
  const written = (await tx.manager.query(
    `INSERT INTO invoices (platform_id, customer_id, subscription_id, kind, status, currency, period_start, period_end, tax_rate,
                           subtotal, tax, total, deductions, amount_due, lines, issues_at, refreshed_at, created_at)
     SELECT $1, r.customer_id, r.subscription_id, 'SUBSCRIPTION', 'DRAFT', r.currency, r.period_start, r.period_end, r.tax_rate,
            r.subtotal, r.tax, r.total, r.deductions, r.amount_due, r.lines, r.issues_at, $3, $3
       FROM ${ROWS}
     ON CONFLICT (platform_id, subscription_id, period_start) WHERE kind = 'SUBSCRIPTION' DO UPDATE
       SET currency = EXCLUDED.currency, period_end = EXCLUDED.period_end, tax_rate = EXCLUDED.tax_rate, subtotal = EXCLUDED.subtotal,
           tax = EXCLUDED.tax, total = EXCLUDED.total, deductions = EXCLUDED.deductions, amount_due = EXCLUDED.amount_due,
           lines = EXCLUDED.lines, issues_at = EXCLUDED.issues_at, refreshed_at = EXCLUDED.refreshed_at
       WHERE invoices.status = 'DRAFT'
     RETURNING ${WRITTEN}`,
    [platformId, JSON.stringify(rows.map((r) => rowJson(platformId, 'SUBSCRIPTION', r))), now],
  )) as WrittenRow[];
  const done = new Set(written.map((r) => `${r.subscriptionId}|${r.periodStart.getTime()}`));
  return { notWritten: rows.filter((r) => !done.has(`${r.subscriptionId}|${r.period.start.getTime()}`)), opened: openedOf(written) };
}

/** What the issued invoices of a period (the original and issued corrections) billed, line by line. */
export async function billedLinesOf(tx: Transaction, platformId: string, subscriptionId: string, period: Period): Promise<BilledLine[]> {
  const billed = (await tx.manager.query(
    `SELECT lines FROM invoices WHERE platform_id = $1 AND subscription_id = $2 AND period_start = $3 AND status IN ('ISSUED', 'OVERDUE', 'PAID')`,
    [platformId, subscriptionId, period.start],
  )) as Array<{ lines: StoredLineJson[] }>;
  return billed.flatMap((b) =>
    b.lines
      .map(lineFromJson)
      .map((l) => ({ ...l, window: l.windowStart && l.windowEnd ? { start: l.windowStart, end: l.windowEnd } : null })),
  );
}

/**
 * The open CORRECTION draft of a period: written (`row`), or removed when there is nothing to correct (null). Returns
 * the draft when this write opened it.
 */
export async function writeCorrection(
  tx: Transaction,
  platformId: string,
  subscriptionId: string,
  period: Period,
  row: DraftRow | null,
  now: Date,
): Promise<OpenedDraft | null> {
  if (row === null) {
    await tx.manager.query(
      `DELETE FROM invoices WHERE platform_id = $1 AND subscription_id = $2 AND period_start = $3 AND kind = 'CORRECTION' AND status = 'DRAFT'`,
      [platformId, subscriptionId, period.start],
    );
    return null;
  }
  const [{ earlier }] = (await tx.manager.query(
    `SELECT count(*)::int AS earlier FROM invoices
      WHERE platform_id = $1 AND subscription_id = $2 AND period_start = $3 AND kind = 'CORRECTION' AND status <> 'DRAFT'`,
    [platformId, subscriptionId, period.start],
  )) as Array<{ earlier: number }>;
  const written = (await tx.manager.query(
    `INSERT INTO invoices (platform_id, customer_id, subscription_id, kind, status, currency, period_start, period_end, tax_rate,
                           subtotal, tax, total, deductions, amount_due, lines, issues_at, refreshed_at, created_at)
     SELECT $1, r.customer_id, r.subscription_id, 'CORRECTION', 'DRAFT', r.currency, r.period_start, r.period_end, r.tax_rate,
            r.subtotal, r.tax, r.total, r.deductions, r.amount_due, r.lines, r.issues_at, $3, $3
       FROM ${ROWS}
     ON CONFLICT (platform_id, subscription_id, period_start) WHERE kind = 'CORRECTION' AND status = 'DRAFT' DO UPDATE
       SET tax_rate = EXCLUDED.tax_rate, subtotal = EXCLUDED.subtotal, tax = EXCLUDED.tax, total = EXCLUDED.total,
           deductions = EXCLUDED.deductions, amount_due = EXCLUDED.amount_due, lines = EXCLUDED.lines, refreshed_at = EXCLUDED.refreshed_at
     RETURNING ${WRITTEN}`,
    [platformId, JSON.stringify([rowJson(platformId, 'CORRECTION', row, earlier)]), now],
  )) as WrittenRow[];
  return openedOf(written)[0] ?? null;
}
