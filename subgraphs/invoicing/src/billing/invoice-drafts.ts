import type { SubgraphServices, Transaction } from '@meterline/kit';
import { periodContaining, periodsBetween, type Period } from '@meterline/periods';
import { correctionLines } from '../domain/correction';
import {
  calculateInvoice,
  totalsOf,
  type InvoiceDraft,
  type InvoiceLineDraft,
  type VersionForBilling,
} from '../domain/invoice-calculation';
import { stretchUsage, type UsageRow } from '../domain/period-usage';
import { stretchKey, stretchQueries, type UsageQuery } from '../domain/usage-windows';
import { usageOfQueries } from '../store/usage.repository';
import { lineFromJson, lineToJson, type StoredLineJson } from '../store/invoice-lines';
import { customersByIds, subscriptionsOfCustomers, versionsByIds, type BilledCustomer, type BilledSubscription } from './read-models';

interface InvoiceHead {
  id: string;
  kind: 'SUBSCRIPTION' | 'CORRECTION';
  status: 'DRAFT' | 'ISSUED' | 'PAID' | 'VOID';
  subscription_id: string;
  period_start: Date;
}

export interface RefreshResult {
  /** Drafts and corrections written. */
  written: number;
  /** Subscriptions skipped because a plan version they bill has not arrived yet (its arrival asks again). */
  waiting: number;
}

/**
 * Everything that writes a customer's invoices (refresher, issuer, mutations) holds this lock for the transaction, so
 * two replicas never recompute or issue the same customer at once. `wait: false` answers false when someone else has it.
 */
export async function lockCustomerInvoices(tx: Transaction, platformId: string, customerId: string, wait = true): Promise<boolean> {
  const [row] = (await tx.manager.query(
    wait
      ? `SELECT pg_advisory_xact_lock(hashtext('invoices:' || $1 || ':' || $2)) IS NOT NULL AS locked`
      : `SELECT pg_try_advisory_xact_lock(hashtext('invoices:' || $1 || ':' || $2)) AS locked`,
    [platformId, customerId],
  )) as Array<{ locked: boolean }>;
  return row.locked;
}

/** `lockCustomerInvoices` without waiting, for many customers in one statement; returns the customers locked. */
async function tryLockCustomersInvoices(tx: Transaction, platformId: string, customerIds: string[]): Promise<string[]> {
  const rows = (await tx.manager.query(
    `SELECT c::text AS id FROM unnest($2::uuid[]) AS c WHERE pg_try_advisory_xact_lock(hashtext('invoices:' || $1 || ':' || c))`,
    [platformId, [...customerIds].sort()],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/**
 * Asks for customers' drafts to be recomputed, with the earliest usage hour that changed (null: recompute the open
 * drafts and current periods only). Many asks before the next refresh make one row per customer (coalescing).
 */
export async function requestDraftRefresh(
  tx: Transaction,
  platformId: string,
  requests: ReadonlyArray<{ customerId: string; usageSince: Date | null }>,
): Promise<void> {
  if (requests.length === 0) return;
  const sorted = [...requests].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  await tx.manager.query(
    `INSERT INTO draft_refresh_requests (platform_id, customer_id, usage_since, requested_at)
     SELECT $1, r.customer_id, min(r.usage_since), clock_timestamp()
       FROM unnest($2::uuid[], $3::timestamptz[]) AS r(customer_id, usage_since) GROUP BY r.customer_id
     ON CONFLICT (platform_id, customer_id) DO UPDATE
       SET usage_since = LEAST(draft_refresh_requests.usage_since, EXCLUDED.usage_since)`,
    [platformId, sorted.map((r) => r.customerId), sorted.map((r) => r.usageSince)],
  );
}

/** Refreshes requested drafts, many customers per transaction; returns how many customers were refreshed. */
export async function refreshRequestedDrafts(services: SubgraphServices, graceMs: number, customersPerRound = 200): Promise<number> {
  const now = services.clock.now();
  return services.db.transact(async (tx) => {
    const requests = (await tx.manager.query(
      `SELECT platform_id, customer_id, usage_since FROM draft_refresh_requests ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [customersPerRound],
    )) as Array<{ platform_id: string; customer_id: string; usage_since: Date | null }>;
    const byPlatform = new Map<string, Array<{ customerId: string; usageSince: Date | null }>>();
    for (const r of requests) {
      const list = byPlatform.get(r.platform_id) ?? [];
      list.push({ customerId: r.customer_id, usageSince: r.usage_since });
      byPlatform.set(r.platform_id, list);
    }
    let refreshed = 0;
    for (const [platformId, asked] of byPlatform) {
      // A customer being issued right now by another job is left alone: that job applies the request itself.
      const locked = new Set(
        await tryLockCustomersInvoices(
          tx,
          platformId,
          asked.map((r) => r.customerId),
        ),
      );
      const list = asked.filter((r) => locked.has(r.customerId));
      if (list.length === 0) continue;
      await tx.manager.query(`DELETE FROM draft_refresh_requests WHERE platform_id = $1 AND customer_id = ANY($2::uuid[])`, [
        platformId,
        list.map((r) => r.customerId),
      ]);
      await refreshDrafts(tx, platformId, list, now, graceMs);
      refreshed += list.length;
    }
    return refreshed;
  });
}

/** Asks for a refresh of every running subscription whose current period has no invoice yet: drafts exist from a period's start. */
export async function requestPeriodOpenings(services: SubgraphServices): Promise<number> {
  const rows = (await services.db.query(
    `INSERT INTO draft_refresh_requests (platform_id, customer_id, usage_since, requested_at)
     SELECT DISTINCT s.platform_id, s.customer_id, NULL::timestamptz, clock_timestamp() FROM subscriptions s
      WHERE s.status <> 'DRAFT' AND s.start_at <= $1 AND (s.end_at IS NULL OR s.end_at > $1)
        AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.platform_id = s.platform_id AND i.subscription_id = s.id
                           AND i.kind = 'SUBSCRIPTION' AND i.period_end > $1)
     ON CONFLICT (platform_id, customer_id) DO NOTHING
     RETURNING customer_id`,
    [services.clock.now()],
  )) as unknown[];
  return rows.length;
}

const later = (a: Date, b: Date) => (a > b ? a : b);

/**
 * The periods of a subscription to (re)compute now: every period with an open draft, the periods after the last
 * invoice up to the one running now (so drafts exist from the period's start, backdated subscriptions included), and,
 * when usage arrived for past hours, every period from the one holding them (issued ones get corrections).
 */
function periodsToCompute(sub: BilledSubscription, invoices: InvoiceHead[], usageSince: Date | null, now: Date): Period[] {
  if (sub.startAt > now) return [];
  const lastInstant = sub.endAt && sub.endAt <= now ? new Date(sub.endAt.getTime() - 1) : now;
  if (lastInstant < sub.startAt) return [];
  const current = periodContaining(sub.anchor, sub.billingPeriod, lastInstant);
  const starts = new Map<number, Period>();
  const addFrom = (from: Date) => {
    for (const p of periodsBetween(sub.anchor, sub.billingPeriod, later(from, sub.startAt), current.end)) starts.set(p.start.getTime(), p);
  };
  const own = invoices.filter((i) => i.subscription_id === sub.id && i.kind === 'SUBSCRIPTION');
  for (const draft of own.filter((i) => i.status === 'DRAFT'))
    starts.set(draft.period_start.getTime(), periodContaining(sub.anchor, sub.billingPeriod, draft.period_start));
  const latest = own.reduce<Date | null>((max, i) => (max === null || i.period_start > max ? i.period_start : max), null);
  addFrom(latest === null ? sub.startAt : new Date(latest.getTime() + 1));
  // Usage (or a change) from that instant on: every period from the one holding it, up to the last one invoiced (a
  // backdated end leaves invoiced periods after it to be credited).
  if (usageSince) {
    const to = latest && latest >= current.end ? new Date(latest.getTime() + 1) : current.end;
    for (const p of periodsBetween(sub.anchor, sub.billingPeriod, later(usageSince, sub.startAt), to)) starts.set(p.start.getTime(), p);
  }
  return [...starts.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** When a subscription period's draft is issued: at its end (or the subscription's, if earlier) plus the grace period. */
function dueAt(sub: BilledSubscription, period: Period, graceMs: number): Date {
  const end = sub.endAt && sub.endAt < period.end ? sub.endAt : period.end;
  return new Date(end.getTime() + graceMs);
}

/** A correction goes out with the subscription's next invoice: at the end of the period running now plus grace. */
function correctionDueAt(sub: BilledSubscription, now: Date, graceMs: number): Date {
  if (sub.endAt && sub.endAt <= now) return new Date(now.getTime() + graceMs);
  return dueAt(sub, periodContaining(sub.anchor, sub.billingPeriod, now), graceMs);
}

function calculate(
  sub: BilledSubscription,
  customer: BilledCustomer,
  versions: Map<string, VersionForBilling>,
  usage: Map<string, UsageRow[]>,
  period: Period,
): InvoiceDraft {
  return calculateInvoice({
    period,
    subscriptionStart: sub.startAt,
    subscriptionEnd: sub.endAt,
    trialEnd: sub.trialEnd,
    phases: sub.phases,
    versions,
    usage: (stretch, price) => stretchUsage(usage.get(stretchKey(stretch)) ?? [], price),
    currency: customer.currency,
    taxRate: customer.taxRate,
  });
}

interface Writable {
  lines: InvoiceLineDraft[];
  subtotal: InvoiceDraft['subtotal'];
  tax: InvoiceDraft['tax'];
  total: InvoiceDraft['total'];
  deductions: InvoiceDraft['deductions'];
  amountDue: InvoiceDraft['amountDue'];
}

function amounts(draft: Writable) {
  const json = amountsJson(draft);
  return [json.subtotal, json.tax, json.total, json.deductions, json.amount_due, JSON.stringify(json.lines)];
}

function amountsJson(draft: Writable) {
  return {
    subtotal: draft.subtotal.toFixed(),
    tax: draft.tax.toFixed(),
    total: draft.total.toFixed(),
    deductions: draft.deductions.toFixed(),
    amount_due: draft.amountDue.toFixed(),
    lines: draft.lines.map(lineToJson),
  };
}

interface DraftWrite {
  sub: BilledSubscription;
  customer: BilledCustomer;
  period: Period;
  draft: InvoiceDraft;
  due: Date;
}

/**
 * Writes periods' drafts in one statement, except those issued meanwhile; returns the ones not written (the caller
 * asks for their correction).
 */
async function writeDrafts(tx: Transaction, platformId: string, writes: DraftWrite[], now: Date): Promise<DraftWrite[]> {
  if (writes.length === 0) return [];
  const rows = (await tx.manager.query(
    `INSERT INTO invoices (platform_id, customer_id, subscription_id, kind, status, currency, period_start, period_end, tax_rate,
                           subtotal, tax, total, deductions, amount_due, lines, due_at, refreshed_at, created_at)
     SELECT $1, r.customer_id, r.subscription_id, 'SUBSCRIPTION', 'DRAFT', r.currency, r.period_start, r.period_end, r.tax_rate,
            r.subtotal, r.tax, r.total, r.deductions, r.amount_due, r.lines, r.due_at, $3, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(customer_id uuid, subscription_id uuid, currency text, period_start timestamptz,
            period_end timestamptz, tax_rate numeric, subtotal numeric, tax numeric, total numeric, deductions numeric,
            amount_due numeric, lines jsonb, due_at timestamptz)
     ON CONFLICT (platform_id, subscription_id, period_start) WHERE kind = 'SUBSCRIPTION' DO UPDATE
       SET currency = EXCLUDED.currency, period_end = EXCLUDED.period_end, tax_rate = EXCLUDED.tax_rate, subtotal = EXCLUDED.subtotal,
           tax = EXCLUDED.tax, total = EXCLUDED.total, deductions = EXCLUDED.deductions, amount_due = EXCLUDED.amount_due,
           lines = EXCLUDED.lines, due_at = EXCLUDED.due_at, refreshed_at = EXCLUDED.refreshed_at
       WHERE invoices.status = 'DRAFT'
     RETURNING subscription_id, period_start`,
    [
      platformId,
      JSON.stringify(
        writes.map((w) => ({
          customer_id: w.sub.customerId,
          subscription_id: w.sub.id,
          currency: w.customer.currency,
          period_start: w.period.start,
          period_end: w.period.end,
          tax_rate: w.customer.taxRate?.toFixed() ?? null,
          ...amountsJson(w.draft),
          due_at: w.due,
        })),
      ),
      now,
    ],
  )) as Array<{ subscription_id: string; period_start: Date }>;
  const written = new Set(rows.map((r) => `${r.subscription_id}|${r.period_start.getTime()}`));
  return writes.filter((w) => !written.has(`${w.sub.id}|${w.period.start.getTime()}`));
}

/** Recomputes the correction of an issued period: written as an open CORRECTION draft, or removed when nothing differs. */
async function writeCorrection(
  tx: Transaction,
  platformId: string,
  sub: BilledSubscription,
  customer: BilledCustomer,
  period: Period,
  recomputed: InvoiceDraft,
  due: Date,
  now: Date,
): Promise<void> {
  const billed = (await tx.manager.query(
    `SELECT lines FROM invoices WHERE platform_id = $1 AND subscription_id = $2 AND period_start = $3 AND status IN ('ISSUED', 'PAID')`,
    [platformId, sub.id, period.start],
  )) as Array<{ lines: StoredLineJson[] }>;
  const lines = correctionLines(
    recomputed.lines,
    billed.flatMap((b) => b.lines.map(lineFromJson)),
    period,
  );
  if (lines.length === 0) {
    await tx.manager.query(
      `DELETE FROM invoices WHERE platform_id = $1 AND subscription_id = $2 AND period_start = $3 AND kind = 'CORRECTION' AND status = 'DRAFT'`,
      [platformId, sub.id, period.start],
    );
    return;
  }
  const correction = { lines, ...totalsOf(lines, customer.taxRate, customer.currency) };
  await tx.manager.query(
    `INSERT INTO invoices (platform_id, customer_id, subscription_id, kind, status, currency, period_start, period_end, tax_rate,
                           subtotal, tax, total, deductions, amount_due, lines, due_at, refreshed_at, created_at)
     VALUES ($1, $2, $3, 'CORRECTION', 'DRAFT', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
     ON CONFLICT (platform_id, subscription_id, period_start) WHERE kind = 'CORRECTION' AND status = 'DRAFT' DO UPDATE
       SET tax_rate = EXCLUDED.tax_rate, subtotal = EXCLUDED.subtotal, tax = EXCLUDED.tax, total = EXCLUDED.total,
           deductions = EXCLUDED.deductions, amount_due = EXCLUDED.amount_due, lines = EXCLUDED.lines, refreshed_at = EXCLUDED.refreshed_at`,
    [
      platformId,
      sub.customerId,
      sub.id,
      customer.currency,
      period.start,
      period.end,
      customer.taxRate?.toFixed() ?? null,
      ...amounts(correction),
      due,
      now,
    ],
  );
}

/**
 * Recomputes customers' invoices from invoicing's read models: open drafts are rewritten, missing drafts (a period
 * that started, a backdated subscription) are created, and issued periods that received usage get a correction
 * (DESIGN §3: an issued invoice never changes). Many customers of one platform at once, in a handful of queries; the
 * caller holds their invoice locks. Pure calculation lives in `calculateInvoice`; this only loads and writes.
 */
export async function refreshDrafts(
  tx: Transaction,
  platformId: string,
  requests: ReadonlyArray<{ customerId: string; usageSince: Date | null }>,
  now: Date,
  graceMs: number,
): Promise<RefreshResult> {
  const result: RefreshResult = { written: 0, waiting: 0 };
  const ids = [...new Set(requests.map((r) => r.customerId))];
  const customers = await customersByIds(tx, platformId, ids);
  const subscriptions = (await subscriptionsOfCustomers(tx, platformId, ids)).filter((s) => customers.has(s.customerId));
  if (subscriptions.length === 0) return result;
  const versions = await versionsByIds(tx, platformId, [...new Set(subscriptions.flatMap((s) => s.phases.map((p) => p.planVersionId)))]);
  const invoices = (await tx.manager.query(
    `SELECT id, kind, status, subscription_id, period_start FROM invoices WHERE platform_id = $1 AND customer_id = ANY($2::uuid[])`,
    [platformId, ids],
  )) as InvoiceHead[];
  const since = new Map(requests.map((r) => [r.customerId, r.usageSince]));
  const work = subscriptions.flatMap((sub) => {
    if (sub.phases.some((p) => !versions.has(p.planVersionId))) {
      result.waiting += 1;
      return [];
    }
    return periodsToCompute(sub, invoices, since.get(sub.customerId) ?? null, now).map((period) => ({ sub, period }));
  });
  const usage = await usageOfWork(tx, platformId, work, subscriptions, versions);
  const drafts: DraftWrite[] = [];
  for (const [index, { sub, period }] of work.entries()) {
    const customer = customers.get(sub.customerId)!;
    const draft = calculate(sub, customer, versions, usage[index], period);
    const head = invoices.find(
      (i) => i.subscription_id === sub.id && i.kind === 'SUBSCRIPTION' && i.period_start.getTime() === period.start.getTime(),
    );
    if (!head || head.status === 'DRAFT') drafts.push({ sub, customer, period, draft, due: dueAt(sub, period, graceMs) });
    else if (head.status !== 'VOID') {
      await writeCorrection(tx, platformId, sub, customer, period, draft, correctionDueAt(sub, now, graceMs), now);
      result.written += 1;
    }
  }
  const issuedMeanwhile = await writeDrafts(tx, platformId, drafts, now);
  result.written += drafts.length - issuedMeanwhile.length;
  // Issued between our read and our write: the next refresh computes these periods' corrections.
  await requestDraftRefresh(
    tx,
    platformId,
    issuedMeanwhile.map((w) => ({ customerId: w.sub.customerId, usageSince: w.period.start })),
  );
  return result;
}

/** The usage rows of each (subscription, period) to compute, per stretch key, read in two statements for all of them. */
async function usageOfWork(
  tx: Transaction,
  platformId: string,
  work: ReadonlyArray<{ sub: BilledSubscription; period: Period }>,
  subscriptions: readonly BilledSubscription[],
  versions: Map<string, VersionForBilling>,
): Promise<Array<Map<string, UsageRow[]>>> {
  const asked: Array<{ index: number; key: string; query: UsageQuery }> = [];
  work.forEach(({ sub, period }, index) => {
    const window = { start: later(period.start, sub.startAt), end: sub.endAt && sub.endAt < period.end ? sub.endAt : period.end };
    if (window.start >= window.end) return;
    const ofCustomer = subscriptions.filter((s) => s.customerId === sub.customerId);
    for (const { key, query } of stretchQueries(sub, ofCustomer, versions, window)) asked.push({ index, key, query });
  });
  const rows = await usageOfQueries(
    tx,
    platformId,
    asked.map((a) => a.query),
  );
  const out = work.map(() => new Map<string, UsageRow[]>());
  asked.forEach(({ index, key }, i) => out[index].set(key, [...(out[index].get(key) ?? []), ...rows[i]]));
  return out;
}

/** `refreshDrafts` for one customer. */
export function refreshCustomerDrafts(
  tx: Transaction,
  platformId: string,
  customerId: string,
  usageSince: Date | null,
  now: Date,
  graceMs: number,
): Promise<RefreshResult> {
  return refreshDrafts(tx, platformId, [{ customerId, usageSince }], now, graceMs);
}
