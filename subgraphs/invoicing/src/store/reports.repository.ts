import type { InvoiceStatus } from '../domain/invoice-status';
import type { StoredLineJson } from './invoice-lines';
import type { Reader } from './usage.repository';

/**
 * Which invoices a report covers, resolved: statuses, customers and plan versions as ids (null: no such filter).
 * `from`/`to` bound the invoice's period start for invoice reports, the note's or payment's own instant for theirs.
 */
export interface ReportScope {
  platformId: string;
  from: Date | null;
  to: Date | null;
  statuses: readonly InvoiceStatus[];
  customerId: string | null;
  planVersionIds: readonly string[] | null;
}

/** Where a batch ends: the next batch starts after this key (the instant as Postgres text, full precision). */
export interface Keyset {
  at: string;
  id: string;
}

/** The conditions on invoices `i` (with its parameters appended to `params`); `period`: bound i.period_start too. */
function invoiceConditions(scope: ReportScope, params: unknown[], period: boolean): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`i.platform_id = ${p(scope.platformId)}`, `i.status = ANY(${p(scope.statuses)}::text[])`];
  if (period && scope.from) where.push(`i.period_start >= ${p(scope.from)}`);
  if (period && scope.to) where.push(`i.period_start < ${p(scope.to)}`);
  if (scope.customerId) where.push(`i.customer_id = ${p(scope.customerId)}`);
  if (scope.planVersionIds)
    // Billed on the plan: a phase of the invoice's subscription on one of its versions overlaps the invoice's period.
    where.push(`EXISTS (SELECT 1 FROM subscriptions s, jsonb_array_elements(s.phases) ph
      WHERE s.platform_id = i.platform_id AND s.id = i.subscription_id AND ph->>'planVersionId' = ANY(${p(scope.planVersionIds)}::text[])
        AND (ph->>'startsAt')::timestamptz < i.period_end AND (ph->>'endsAt' IS NULL OR (ph->>'endsAt')::timestamptz > i.period_start))`);
  return where.join(' AND ');
}

/** `AND (<at>, <id>) > (key)` for the batch after `after`, and the instant bounds of `at` (credit notes, payments). */
function after(column: string, idColumn: string, key: Keyset | null, params: unknown[]): string {
  if (!key) return '';
  params.push(key.at, key.id);
  return ` AND (${column}, ${idColumn}) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
}

function instantBounds(column: string, scope: ReportScope, params: unknown[]): string {
  let sql = '';
  if (scope.from) {
    params.push(scope.from);
    sql += ` AND ${column} >= $${params.length}`;
  }
  if (scope.to) {
    params.push(scope.to);
    sql += ` AND ${column} < $${params.length}`;
  }
  return sql;
}

const CUSTOMER_JOIN = `LEFT JOIN customers c ON c.platform_id = i.platform_id AND c.id = i.customer_id`;

/** An invoice as reports read it: decimals as the numeric columns' text, exact. */
export interface ReportInvoiceRow {
  id: string;
  number: string | null;
  kind: string;
  status: InvoiceStatus;
  customer_id: string;
  customer_reference: string | null;
  subscription_id: string | null;
  currency: string;
  period_start: Date;
  period_end: Date;
  issued_at: Date | null;
  due_at: Date | null;
  paid_at: Date | null;
  voided_at: Date | null;
  refreshed_at: Date | null;
  tax_rate: string | null;
  subtotal: string;
  tax: string;
  total: string;
  deductions: string;
  credited: string;
  amount_paid: string;
  amount_due: string;
  lines?: StoredLineJson[];
  key_at: string;
}

/** The next `limit` invoices of the scope after `key`, by (period start, id); with their lines when asked. */
export function invoiceBatch(
  reader: Reader,
  scope: ReportScope,
  key: Keyset | null,
  limit: number,
  withLines: boolean,
): Promise<ReportInvoiceRow[]> {
  const params: unknown[] = [];
  const where = invoiceConditions(scope, params, true) + after('i.period_start', 'i.id', key, params);
  params.push(limit);
  return reader.manager.query(
    `SELECT i.id, i.number, i.kind, i.status, i.customer_id, c.reference AS customer_reference, i.subscription_id, i.currency,
            i.period_start, i.period_end, i.issued_at, i.due_at, i.paid_at, i.voided_at, i.refreshed_at,
            i.tax_rate::text AS tax_rate, i.subtotal::text AS subtotal, i.tax::text AS tax, i.total::text AS total,
            i.deductions::text AS deductions, i.credited::text AS credited, i.amount_paid::text AS amount_paid,
            i.amount_due::text AS amount_due, ${withLines ? 'i.lines,' : ''} i.period_start::text AS key_at
       FROM invoices i ${CUSTOMER_JOIN}
      WHERE ${where}
      ORDER BY i.period_start, i.id LIMIT $${params.length}`,
    params,
  );
}

/** What the catalog said of product items (the newest plan version naming each): name, charge type, metric. */
export interface ReportItem {
  name: string;
  chargeType: string | null;
  metric: string | null;
}

/** Items by id from the `product_items` read model (one primary-key lookup per batch). */
export async function itemsByIds(reader: Reader, platformId: string, ids: readonly string[]): Promise<Map<string, ReportItem>> {
  if (ids.length === 0) return new Map();
  const rows = (await reader.manager.query(
    `SELECT id, name, charge_type, metric FROM product_items WHERE platform_id = $1 AND id = ANY($2::text[])`,
    [platformId, ids],
  )) as Array<{ id: string; name: string; charge_type: string | null; metric: string | null }>;
  return new Map(rows.map((r) => [r.id, { name: r.name, chargeType: r.charge_type, metric: r.metric }]));
}

export interface ReportCreditNoteRow {
  id: string;
  number: string;
  invoice_id: string;
  invoice_number: string | null;
  invoice_status: InvoiceStatus;
  customer_id: string;
  customer_reference: string | null;
  reason: string;
  currency: string;
  subtotal: string;
  tax: string;
  total: string;
  created_at: Date;
  key_at: string;
}

/** The next credit notes of the scope's invoices made in [from, to), by (created at, id). */
export function creditNoteBatch(reader: Reader, scope: ReportScope, key: Keyset | null, limit: number): Promise<ReportCreditNoteRow[]> {
  const params: unknown[] = [];
  const where =
    invoiceConditions(scope, params, false) + instantBounds('n.created_at', scope, params) + after('n.created_at', 'n.id', key, params);
  params.push(limit);
  return reader.manager.query(
    `SELECT n.id, n.number, n.invoice_id, i.number AS invoice_number, i.status AS invoice_status, i.customer_id,
            c.reference AS customer_reference, n.reason, n.currency, n.subtotal::text AS subtotal, n.tax::text AS tax,
            n.total::text AS total, n.created_at, n.created_at::text AS key_at
       FROM credit_notes n JOIN invoices i ON i.platform_id = n.platform_id AND i.id = n.invoice_id ${CUSTOMER_JOIN}
      WHERE n.platform_id = i.platform_id AND ${where}
      ORDER BY n.created_at, n.id LIMIT $${params.length}`,
    params,
  );
}

/** A payment, or a refund (a negative amount, with the credit note it pays back), as the payments report reads it. */
export interface ReportPaymentRow {
  id: string;
  kind: 'PAYMENT' | 'REFUND';
  invoice_id: string;
  invoice_number: string | null;
  invoice_status: InvoiceStatus;
  credit_note_id: string | null;
  credit_note_number: string | null;
  customer_id: string;
  customer_reference: string | null;
  amount: string;
  currency: string;
  method: string;
  reference: string | null;
  paid_at: Date;
  created_at: Date;
  key_at: string;
}

/**
 * The next money movements on the scope's invoices in [from, to), by (instant, id): payments received (paid at) and
 * refunds of their credit notes paid back (refunded at, the amount negative). Both walks are index ranges.
 */
export function paymentBatch(reader: Reader, scope: ReportScope, key: Keyset | null, limit: number): Promise<ReportPaymentRow[]> {
  const params: unknown[] = [];
  const payments =
    invoiceConditions(scope, params, false) + instantBounds('pm.paid_at', scope, params) + after('pm.paid_at', 'pm.id', key, params);
  const refunds =
    invoiceConditions(scope, params, false) + instantBounds('r.refunded_at', scope, params) + after('r.refunded_at', 'r.id', key, params);
  params.push(limit);
  return reader.manager.query(
    `(SELECT pm.id, 'PAYMENT' AS kind, pm.invoice_id, i.number AS invoice_number, i.status AS invoice_status,
             NULL::uuid AS credit_note_id, NULL::text AS credit_note_number, i.customer_id, c.reference AS customer_reference,
             pm.amount::text AS amount, pm.currency, pm.method, pm.reference, pm.paid_at, pm.created_at, pm.paid_at::text AS key_at
        FROM payments pm JOIN invoices i ON i.platform_id = pm.platform_id AND i.id = pm.invoice_id ${CUSTOMER_JOIN}
       WHERE ${payments}
       ORDER BY pm.paid_at, pm.id LIMIT $${params.length})
     UNION ALL
     (SELECT r.id, 'REFUND', n.invoice_id, i.number, i.status, n.id, n.number, i.customer_id, c.reference,
             (-r.amount)::text, r.currency, r.method, r.reference, r.refunded_at, r.created_at, r.refunded_at::text
        FROM refunds r JOIN credit_notes n ON n.platform_id = r.platform_id AND n.id = r.credit_note_id
        JOIN invoices i ON i.platform_id = n.platform_id AND i.id = n.invoice_id ${CUSTOMER_JOIN}
       WHERE r.platform_id = i.platform_id AND ${refunds}
       ORDER BY r.refunded_at, r.id LIMIT $${params.length})
     ORDER BY paid_at, id LIMIT $${params.length}`,
    params,
  );
}

export interface TaxSummaryRow {
  currency: string;
  tax_rate: string | null;
  status: InvoiceStatus;
  invoices: string;
  subtotal: string;
  tax: string;
  total: string;
  credit_notes: string;
  credited_subtotal: string;
  credited_tax: string;
  credited_total: string;
}

/**
 * The scope's invoices summed per currency, tax rate and status (a few rows whatever the volume, summed exactly in
 * numeric), with the credit notes made on them.
 */
export function taxSummary(reader: Reader, scope: ReportScope): Promise<TaxSummaryRow[]> {
  const params: unknown[] = [];
  const where = invoiceConditions(scope, params, true);
  return reader.manager.query(
    `SELECT i.currency, i.tax_rate::text AS tax_rate, i.status, count(*)::text AS invoices, sum(i.subtotal)::text AS subtotal,
            sum(i.tax)::text AS tax, sum(i.total)::text AS total, coalesce(sum(n.count), 0)::text AS credit_notes,
            coalesce(sum(n.subtotal), 0)::text AS credited_subtotal, coalesce(sum(n.tax), 0)::text AS credited_tax,
            coalesce(sum(n.total), 0)::text AS credited_total
       FROM invoices i
       LEFT JOIN LATERAL (SELECT count(*) AS count, sum(subtotal) AS subtotal, sum(tax) AS tax, sum(total) AS total
                            FROM credit_notes WHERE platform_id = i.platform_id AND invoice_id = i.id) n ON true
      WHERE ${where}
      GROUP BY i.currency, i.tax_rate, i.status
      ORDER BY i.currency, i.tax_rate NULLS FIRST, i.status`,
    params,
  );
}

/** A customer by id or reference (null: none of this platform). */
export async function customerIdOf(reader: Reader, platformId: string, idOrReference: string): Promise<string | null> {
  const [row] = (await reader.manager.query(
    `SELECT id FROM customers WHERE platform_id = $1 AND (reference = $2 OR id::text = $2) ORDER BY (reference = $2) DESC LIMIT 1`,
    [platformId, idOrReference],
  )) as Array<{ id: string }>;
  return row?.id ?? null;
}

/** The versions of a pricing plan named by its reference or id, as catalog's snapshots name it (empty: none known). */
export async function planVersionIdsOf(reader: Reader, platformId: string, idOrReference: string): Promise<string[]> {
  const rows = (await reader.manager.query(
    `SELECT id FROM plan_versions WHERE platform_id = $1 AND (snapshot->>'planReference' = $2 OR snapshot->>'planId' = $2)`,
    [platformId, idOrReference],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/** Customers of the platform whose drafts wait for a refresh (the reports of drafts bring them up to date first). */
export async function customersAwaitingRefresh(reader: Reader, platformId: string, customerId: string | null): Promise<string[]> {
  const rows = (await reader.manager.query(
    `SELECT DISTINCT customer_id FROM draft_refresh_requests WHERE platform_id = $1 AND ($2::uuid IS NULL OR customer_id = $2)`,
    [platformId, customerId],
  )) as Array<{ customer_id: string }>;
  return rows.map((r) => r.customer_id);
}

/**
 * How many rows a report will have, counted on the same conditions as its batches (a job's progress: rows written of
 * rows expected). Drafts recomputed while the file is written may change it by a few.
 */
export async function reportRowCount(
  reader: Reader,
  report: 'invoices' | 'invoice-lines' | 'tax-summary' | 'credit-notes' | 'payments',
  scope: ReportScope,
): Promise<number> {
  const params: unknown[] = [];
  let sql: string;
  switch (report) {
    case 'invoices':
      sql = `SELECT count(*) AS n FROM invoices i WHERE ${invoiceConditions(scope, params, true)}`;
      break;
    case 'invoice-lines':
      sql = `SELECT coalesce(sum(jsonb_array_length(i.lines)), 0) AS n FROM invoices i WHERE ${invoiceConditions(scope, params, true)}`;
      break;
    case 'tax-summary':
      sql = `SELECT count(*) AS n FROM (SELECT 1 FROM invoices i WHERE ${invoiceConditions(scope, params, true)}
               GROUP BY i.currency, i.tax_rate, i.status) g`;
      break;
    case 'credit-notes':
      sql = `SELECT count(*) AS n FROM credit_notes n JOIN invoices i ON i.platform_id = n.platform_id AND i.id = n.invoice_id
              WHERE ${invoiceConditions(scope, params, false)}${instantBounds('n.created_at', scope, params)}`;
      break;
    case 'payments':
      sql = `SELECT (SELECT count(*) FROM payments pm JOIN invoices i ON i.platform_id = pm.platform_id AND i.id = pm.invoice_id
                      WHERE ${invoiceConditions(scope, params, false)}${instantBounds('pm.paid_at', scope, params)})
                  + (SELECT count(*) FROM refunds r JOIN credit_notes n ON n.platform_id = r.platform_id AND n.id = r.credit_note_id
                       JOIN invoices i ON i.platform_id = n.platform_id AND i.id = n.invoice_id
                      WHERE r.platform_id = i.platform_id AND ${invoiceConditions(scope, params, false)}${instantBounds('r.refunded_at', scope, params)}) AS n`;
      break;
  }
  const [row] = (await reader.manager.query(sql, params)) as Array<{ n: string }>;
  return Number(row.n);
}
