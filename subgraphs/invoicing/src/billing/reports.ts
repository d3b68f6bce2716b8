import { badInput, Decimal, groupBy, parseDateTimeInput, refused, type RequestContext } from '@meterline/kit';
import { breakdownText, decimalCell, instantCell, textCell, type Cell } from '../domain/report-cells';
import { quantityOfRows } from '../domain/period-usage';
import type { InvoiceStatus } from '../domain/invoice-status';
import { lineFromJson } from '../store/invoice-lines';
import {
  creditNoteBatch,
  customerIdOf,
  customersAwaitingRefresh,
  invoiceBatch,
  itemsByIds,
  paymentBatch,
  planVersionIdsOf,
  reportRowCount,
  taxSummary,
  type Keyset,
  type ReportScope,
} from '../store/reports.repository';
import { usageOfQueries, type Reader } from '../store/usage.repository';
import { freshenCustomers } from './current-drafts';
import { periodUsageQueries } from './invoice-drafts';
import { subscriptionsOfCustomers, versionsByIds } from './read-models';

export const REPORT_NAMES = ['invoices', 'invoice-lines', 'tax-summary', 'credit-notes', 'payments', 'usage'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const isReportName = (name: string): name is ReportName => (REPORT_NAMES as readonly string[]).includes(name);

const STATUSES: readonly InvoiceStatus[] = ['DRAFT', 'ISSUED', 'OVERDUE', 'PAID', 'VOID'];
/** Without `status`, every invoice that was issued: drafts only when asked for. */
const DEFAULT_STATUSES: readonly InvoiceStatus[] = ['ISSUED', 'OVERDUE', 'PAID', 'VOID'];
const PARAMETERS = new Set(['from', 'to', 'status', 'customer', 'plan']);

/** The filters of a report as asked in its query string, checked. */
export interface ReportFilters {
  from: Date | null;
  to: Date | null;
  statuses: readonly InvoiceStatus[];
  customer: string | null;
  plan: string | null;
}

type QueryValue = string | string[] | undefined | unknown;

function single(query: Record<string, QueryValue>, field: string, named: string = field): string | null {
  const value = query[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badInput(named, `give ${field} once`);
  if (value.trim() === '') throw badInput(named, `${field} must not be empty`);
  return value;
}

function instant(query: Record<string, QueryValue>, field: string, named: string = field): Date | null {
  const value = single(query, field, named);
  if (value === null) return null;
  const checked = parseDateTimeInput(value);
  if (refused(checked)) throw badInput(named, `${field}: ${checked.reason}`);
  return checked.value;
}

/**
 * The filters of a report's query string: `from`/`to` RFC 3339 instants with an offset (from before to), `status`
 * repeated or as a comma list, `customer` (id or reference) and `plan` (reference or id) once each. Anything else, or a
 * value that does not parse, is BAD_USER_INPUT naming the parameter.
 */
export function reportFiltersOf(query: Record<string, QueryValue>, fieldOf: (parameter: string) => string = (p) => p): ReportFilters {
  for (const key of Object.keys(query))
    if (!PARAMETERS.has(key)) throw badInput(fieldOf(key), `unknown parameter ${key} (known: ${[...PARAMETERS].join(', ')})`);
  const from = instant(query, 'from', fieldOf('from'));
  const to = instant(query, 'to', fieldOf('to'));
  if (from && to && from >= to) throw badInput(fieldOf('to'), 'to must be after from');
  const raw = query.status;
  let statuses = DEFAULT_STATUSES;
  if (raw !== undefined && raw !== null) {
    const given = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [null]));
    const unknown = given.find((s) => s === null || !(STATUSES as readonly string[]).includes(s.trim().toUpperCase()));
    if (unknown !== undefined || given.length === 0) throw badInput(fieldOf('status'), `status must be among ${STATUSES.join(', ')}`);
    statuses = [...new Set(given.map((s) => s!.trim().toUpperCase() as InvoiceStatus))];
  }
  return { from, to, statuses, customer: single(query, 'customer', fieldOf('customer')), plan: single(query, 'plan', fieldOf('plan')) };
}

/**
 * Report names as GraphQL spells them (INVOICE_LINES) and as the REST path does (invoice-lines), one from the other.
 */
export const reportNameOfEnum = (value: string): ReportName | null => {
  const name = value.toLowerCase().replace(/_/g, '-');
  return isReportName(name) ? name : null;
};
export const enumOfReportName = (name: ReportName): string => name.toUpperCase().replace(/-/g, '_');

/**
 * The filters resolved on the platform's read models: the customer (by reference, else id) and the plan's versions
 * (catalog's snapshots name the plan's reference and id); one that is not known is BAD_USER_INPUT naming it.
 */
export async function reportScopeOf(
  reader: Reader,
  platformId: string,
  filters: ReportFilters,
  fieldOf: (parameter: string) => string = (p) => p,
): Promise<ReportScope> {
  const customerId = filters.customer === null ? null : await customerIdOf(reader, platformId, filters.customer);
  if (filters.customer !== null && !customerId)
    throw badInput(fieldOf('customer'), `no customer with id or reference "${filters.customer}"`);
  const planVersionIds = filters.plan === null ? null : await planVersionIdsOf(reader, platformId, filters.plan);
  if (planVersionIds && planVersionIds.length === 0)
    throw badInput(fieldOf('plan'), `no pricing plan with reference or id "${filters.plan}"`);
  return { platformId, from: filters.from, to: filters.to, statuses: filters.statuses, customerId, planVersionIds };
}

/**
 * Drafts in a report are current as the API answers them: before streaming, the drafts of the report's customers
 * with a refresh pending (usage or changes the refresher has not applied yet) are recomputed, as `freshenCustomers`
 * does before a GraphQL read. Only those, and `FRESHEN_BATCH` customers per transaction: a report of a platform with
 * many pending customers never holds all their locks (nor one long transaction) at once.
 */
export async function freshenReportDrafts(ctx: RequestContext, scope: ReportScope): Promise<void> {
  if (!scope.statuses.includes('DRAFT')) return;
  const pending = await customersAwaitingRefresh(ctx.db.ds, scope.platformId, scope.customerId);
  await freshenCustomers(ctx, pending);
}

/** A report: its header row, and its rows in batches (a batch is read, written and dropped before the next is read). */
export interface Report {
  columns: readonly string[];
  /** How many rows the report will have (null: not known before it is written). */
  count(reader: Reader, scope: ReportScope): Promise<number | null>;
  batches(reader: Reader, scope: ReportScope): AsyncGenerator<Cell[][]>;
}

/** Invoices per batch of the invoice reports; invoice lines come with their invoices (a few dozen each). */
export const INVOICE_BATCH = 1_000;
const LINES_INVOICE_BATCH = 200;

/** Any keyset walk: `next` reads the batch after a key; rows carry their key. */
async function* keysetBatches<R extends { id: string; key_at: string }>(
  next: (key: Keyset | null) => Promise<R[]>,
  size: number,
): AsyncGenerator<R[]> {
  let key: Keyset | null = null;
  for (;;) {
    const rows = await next(key);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    key = { at: last.key_at, id: last.id };
  }
}

/** The scope's invoices in batches by (period start, id), with their lines when asked. */
const invoiceBatches = (reader: Reader, scope: ReportScope, size: number, withLines: boolean) =>
  keysetBatches((key) => invoiceBatch(reader, scope, key, size, withLines), size);

const dec = (text: string | null) => decimalCell(text === null ? null : new Decimal(text));

const invoiceColumns = [
  'invoice_id',
  'number',
  'kind',
  'status',
  'customer_id',
  'customer_reference',
  'subscription_id',
  'currency',
  'period_start',
  'period_end',
  'issued_at',
  'due_at',
  'paid_at',
  'voided_at',
  'tax_rate',
  'subtotal',
  'tax',
  'total',
  'deductions',
  'credited',
  'amount_paid',
  'amount_due',
  'refreshed_at',
] as const;

const invoices: Report = {
  columns: invoiceColumns,
  count: (reader, scope) => reportRowCount(reader, 'invoices', scope),
  async *batches(reader, scope) {
    for await (const rows of invoiceBatches(reader, scope, INVOICE_BATCH, false))
      yield rows.map((i) => [
        i.id,
        textCell(i.number),
        i.kind,
        i.status,
        i.customer_id,
        textCell(i.customer_reference),
        textCell(i.subscription_id),
        i.currency,
        instantCell(i.period_start),
        instantCell(i.period_end),
        instantCell(i.issued_at),
        instantCell(i.due_at),
        instantCell(i.paid_at),
        instantCell(i.voided_at),
        dec(i.tax_rate),
        dec(i.subtotal),
        dec(i.tax),
        dec(i.total),
        dec(i.deductions),
        dec(i.credited),
        dec(i.amount_paid),
        dec(i.amount_due),
        instantCell(i.refreshed_at),
      ]);
  },
};

const invoiceLines: Report = {
  columns: [
    'invoice_id',
    'invoice_number',
    'status',
    'customer_id',
    'customer_reference',
    'subscription_id',
    'period_start',
    'period_end',
    'line_id',
    'line_kind',
    'product_item_id',
    'product_item_name',
    'charge_type',
    'metric',
    'description',
    'quantity',
    'breakdown',
    'stretch_start',
    'stretch_end',
    'amount',
    'deduction',
    'credited',
    'currency',
  ],
  count: (reader, scope) => reportRowCount(reader, 'invoice-lines', scope),
  async *batches(reader, scope) {
    for await (const rows of invoiceBatches(reader, scope, LINES_INVOICE_BATCH, true)) {
      const itemIds = new Set(rows.flatMap((i) => (i.lines ?? []).flatMap((l) => (l.productItemId ? [l.productItemId] : []))));
      const items = await itemsByIds(reader, scope.platformId, [...itemIds]);
      yield rows.flatMap((i) =>
        (i.lines ?? []).map(lineFromJson).map((l) => {
          const item = l.productItemId ? items.get(l.productItemId) : undefined;
          return [
            i.id,
            textCell(i.number),
            i.status,
            i.customer_id,
            textCell(i.customer_reference),
            textCell(i.subscription_id),
            instantCell(i.period_start),
            instantCell(i.period_end),
            l.id,
            l.kind,
            textCell(l.productItemId),
            textCell(item?.name),
            textCell(item?.chargeType),
            textCell(item?.metric),
            l.description,
            decimalCell(l.quantity),
            breakdownText(l.breakdown),
            instantCell(l.windowStart),
            instantCell(l.windowEnd),
            decimalCell(l.amount),
            String(l.deduction),
            decimalCell(l.credited),
            i.currency,
          ];
        }),
      );
    }
  },
};

const taxSummaryReport: Report = {
  columns: [
    'currency',
    'tax_rate',
    'status',
    'invoices',
    'subtotal',
    'tax',
    'total',
    'credit_notes',
    'credited_subtotal',
    'credited_tax',
    'credited_total',
  ],
  count: (reader, scope) => reportRowCount(reader, 'tax-summary', scope),
  async *batches(reader, scope) {
    const rows = await taxSummary(reader, scope);
    if (rows.length > 0)
      yield rows.map((r) => [
        r.currency,
        dec(r.tax_rate),
        r.status,
        r.invoices,
        dec(r.subtotal),
        dec(r.tax),
        dec(r.total),
        r.credit_notes,
        dec(r.credited_subtotal),
        dec(r.credited_tax),
        dec(r.credited_total),
      ]);
  },
};

const creditNotes: Report = {
  columns: [
    'credit_note_id',
    'number',
    'created_at',
    'invoice_id',
    'invoice_number',
    'invoice_status',
    'customer_id',
    'customer_reference',
    'reason',
    'currency',
    'subtotal',
    'tax',
    'total',
  ],
  count: (reader, scope) => reportRowCount(reader, 'credit-notes', scope),
  async *batches(reader, scope) {
    for await (const rows of keysetBatches((key) => creditNoteBatch(reader, scope, key, INVOICE_BATCH), INVOICE_BATCH))
      yield rows.map((n) => [
        n.id,
        n.number,
        instantCell(n.created_at),
        n.invoice_id,
        textCell(n.invoice_number),
        n.invoice_status,
        n.customer_id,
        textCell(n.customer_reference),
        n.reason,
        n.currency,
        dec(n.subtotal),
        dec(n.tax),
        dec(n.total),
      ]);
  },
};

/** Payments received and refunds paid back (negative amounts, naming their credit note), by their own instants. */
const payments: Report = {
  columns: [
    'payment_id',
    'kind',
    'paid_at',
    'recorded_at',
    'invoice_id',
    'invoice_number',
    'invoice_status',
    'customer_id',
    'customer_reference',
    'amount',
    'currency',
    'method',
    'reference',
    'credit_note_id',
    'credit_note_number',
  ],
  count: (reader, scope) => reportRowCount(reader, 'payments', scope),
  async *batches(reader, scope) {
    for await (const rows of keysetBatches((key) => paymentBatch(reader, scope, key, INVOICE_BATCH), INVOICE_BATCH))
      yield rows.map((p) => [
        p.id,
        p.kind,
        instantCell(p.paid_at),
        instantCell(p.created_at),
        p.invoice_id,
        textCell(p.invoice_number),
        p.invoice_status,
        p.customer_id,
        textCell(p.customer_reference),
        dec(p.amount),
        p.currency,
        p.method,
        textCell(p.reference),
        textCell(p.credit_note_id),
        textCell(p.credit_note_number),
      ]);
  },
};

/**
 * Usage per customer × metric × billing period: for each subscription invoice of the scope, each metric its plan
 * prices in the period, the metric's value over the period as billing reads it (the same stretch queries and usage
 * totals as the draft calculation, merged by the metric's aggregation). Corrections bill the same periods: they add
 * no rows; the value is the period's usage as known now (late usage included).
 */
const usage: Report = {
  columns: [
    'customer_id',
    'customer_reference',
    'subscription_id',
    'invoice_id',
    'invoice_number',
    'status',
    'metric',
    'period_start',
    'period_end',
    'value',
  ],
  // A row per metric priced in each invoice's period: not known before the periods' plan versions are read.
  count: async () => null,
  async *batches(reader, scope) {
    for await (const rows of invoiceBatches(reader, scope, INVOICE_BATCH, false)) {
      const billed = rows.filter((i) => i.kind === 'SUBSCRIPTION' && i.subscription_id);
      if (billed.length === 0) continue;
      const subscriptions = await subscriptionsOfCustomers(reader, scope.platformId, [...new Set(billed.map((i) => i.customer_id))]);
      const byId = new Map(subscriptions.map((s) => [s.id, s]));
      const versions = await versionsByIds(reader, scope.platformId, [
        ...new Set(subscriptions.flatMap((s) => s.phases.map((p) => p.planVersionId))),
      ]);
      const work = billed.flatMap((invoice) => {
        const sub = byId.get(invoice.subscription_id!);
        if (!sub || sub.phases.some((p) => !versions.has(p.planVersionId))) return [];
        return [{ invoice, sub, period: { start: invoice.period_start, end: invoice.period_end } }];
      });
      const asked = periodUsageQueries(
        work,
        groupBy(subscriptions, (s) => s.customerId),
        versions,
      );
      const usageRows = await usageOfQueries(
        reader,
        scope.platformId,
        asked.map((a) => a.query),
      );
      const perMetric = groupBy(
        asked.map((a, i) => ({ ...a, rows: usageRows[i] })),
        (a) => `${a.index}|${a.query.metric}`,
      );
      yield [...perMetric.values()]
        .map((group) => ({ index: group[0].index, metric: group[0].query.metric, rows: group.flatMap((g) => g.rows) }))
        .sort((a, b) => a.index - b.index || (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0))
        .map(({ index, metric, rows: metricRows }) => {
          const i = work[index].invoice;
          return [
            i.customer_id,
            textCell(i.customer_reference),
            textCell(i.subscription_id),
            i.id,
            textCell(i.number),
            i.status,
            metric,
            instantCell(i.period_start),
            instantCell(i.period_end),
            decimalCell(quantityOfRows(metricRows)),
          ];
        });
    }
  },
};

export const REPORTS: Record<ReportName, Report> = {
  invoices,
  'invoice-lines': invoiceLines,
  'tax-summary': taxSummaryReport,
  'credit-notes': creditNotes,
  payments,
  usage,
};
