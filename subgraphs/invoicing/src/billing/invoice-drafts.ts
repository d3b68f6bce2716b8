import { groupBy, type Transaction } from '@meterline/kit';
import type { Period } from '@meterline/periods';
import { correctionLines } from '../domain/correction';
import { evaluateSpendAlerts } from './alert-evaluation';
import { correctionIssuesAt, draftIssuesAt, periodsToComputeCapped } from '../domain/draft-schedule';
import { calculateInvoice, totalsOf, type InvoiceDraft, type VersionForBilling } from '../domain/invoice-calculation';
import { stretchUsage, type UsageRow } from '../domain/period-usage';
import { stretchKey, stretchQueries, type UsageQuery } from '../domain/usage-windows';
import { requestDraftRefresh } from '../store/draft-requests';
import {
  billedLinesOf,
  invoiceHeads,
  writeCorrection,
  writeDrafts,
  type DraftRow,
  type OpenedDraft,
} from '../store/invoice-drafts.repository';
import { usageOfQueries, type Reader } from '../store/usage.repository';
import { gracePeriodMsOf } from '../store/invoicing-settings.repository';
import { customersByIds, subscriptionsOfCustomers, versionsByIds, type BilledCustomer, type BilledSubscription } from './read-models';

export interface RefreshResult {
  /** Drafts and corrections written. */
  written: number;
  /** Subscriptions skipped because a plan version they bill has not arrived yet (its arrival asks again). */
  waiting: number;
}

const later = (a: Date, b: Date) => (a > b ? a : b);

/** The invoice of one period of a subscription from its read models and its usage rows: drafts and simulations alike. */
export function calculate(
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
  deploymentGraceMs: number,
): Promise<RefreshResult> {
  const result: RefreshResult = { written: 0, waiting: 0 };
  // The platform's own grace period, else the deployment's: when its drafts are issued.
  const graceMs = await gracePeriodMsOf(tx.manager, platformId, deploymentGraceMs);
  const ids = [...new Set(requests.map((r) => r.customerId))];
  const customers = await customersByIds(tx, platformId, ids);
  const subscriptions = (await subscriptionsOfCustomers(tx, platformId, ids)).filter((s) => customers.has(s.customerId));
  if (subscriptions.length === 0) return result;
  const versions = await versionsByIds(tx, platformId, [...new Set(subscriptions.flatMap((s) => s.phases.map((p) => p.planVersionId)))]);
  const invoices = await invoiceHeads(tx, platformId, ids);
  const invoicesOf = groupBy(invoices, (i) => i.subscription_id);
  const since = new Map(requests.map((r) => [r.customerId, r.usageSince]));
  const continued = new Set<string>();
  const work = subscriptions.flatMap((sub) => {
    if (sub.phases.some((p) => !versions.has(p.planVersionId))) {
      result.waiting += 1;
      return [];
    }
    const { periods, more } = periodsToComputeCapped(sub, invoicesOf.get(sub.id) ?? [], since.get(sub.customerId) ?? null, now);
    if (more) continued.add(sub.customerId);
    return periods.map((period) => ({ sub, period }));
  });
  const usage = await usageOfWork(
    tx,
    platformId,
    work,
    groupBy(subscriptions, (s) => s.customerId),
    versions,
  );
  const heads = new Map(
    invoices.filter((i) => i.kind === 'SUBSCRIPTION').map((i) => [`${i.subscription_id}|${i.period_start.getTime()}`, i]),
  );
  const drafts: DraftRow[] = [];
  for (const [index, { sub, period }] of work.entries()) {
    const customer = customers.get(sub.customerId)!;
    const draft = calculate(sub, customer, versions, usage[index], period);
    const head = heads.get(`${sub.id}|${period.start.getTime()}`);
    const row = (d: InvoiceDraft, issuesAt: Date): DraftRow => ({
      customerId: sub.customerId,
      subscriptionId: sub.id,
      currency: customer.currency,
      taxRate: customer.taxRate?.toFixed() ?? null,
      period,
      draft: d,
      issuesAt,
    });
    if (!head || head.status === 'DRAFT') drafts.push(row(draft, draftIssuesAt(sub, period, graceMs)));
    else if (head.status !== 'VOID') {
      // An issued period never changes (DESIGN §3): what differs from what was billed goes on its correction.
      const lines = correctionLines(draft.lines, await billedLinesOf(tx, platformId, sub.id, period), period);
      const correction =
        lines.length === 0
          ? null
          : row({ lines, ...totalsOf(lines, customer.taxRate, customer.currency) }, correctionIssuesAt(sub, now, graceMs));
      const opened = await writeCorrection(tx, platformId, sub.id, period, correction, now);
      if (opened) await emitOpened(tx, platformId, [opened]);
      result.written += 1;
    }
  }
  const { notWritten: issuedMeanwhile, opened } = await writeDrafts(tx, platformId, drafts, now);
  await emitOpened(tx, platformId, opened);
  result.written += drafts.length - issuedMeanwhile.length;
  const notWritten = new Set(issuedMeanwhile.map((d) => `${d.subscriptionId}|${d.period.start.getTime()}`));
  await evaluateSpendAlerts(
    tx,
    platformId,
    drafts
      .filter((d) => !notWritten.has(`${d.subscriptionId}|${d.period.start.getTime()}`))
      .map((d) => ({
        customerId: d.customerId,
        subscriptionId: d.subscriptionId,
        period: d.period,
        currency: d.currency,
        total: d.draft.total,
      })),
    now,
  );
  // Issued between our read and our write: the next refresh computes these periods' corrections.
  await requestDraftRefresh(tx, platformId, [
    ...issuedMeanwhile.map((w) => ({ customerId: w.customerId, usageSince: w.period.start })),
    // More periods than one pass opens (MAX_NEW_PERIODS_PER_PASS): the next round opens the next ones.
    ...[...continued].map((customerId) => ({ customerId, usageSince: null })),
  ]);
  return result;
}

/**
 * What to read for the usage each (subscription, period) bills: the queries of its usage stretches (the part of the
 * period the subscription runs), each with the index of its work item and its stretch key. Drafts and reports of
 * usage read the same.
 */
export function periodUsageQueries(
  work: ReadonlyArray<{ sub: BilledSubscription; period: Period }>,
  subscriptionsOf: ReadonlyMap<string, BilledSubscription[]>,
  versions: ReadonlyMap<string, VersionForBilling>,
): Array<{ index: number; key: string; query: UsageQuery }> {
  const asked: Array<{ index: number; key: string; query: UsageQuery }> = [];
  work.forEach(({ sub, period }, index) => {
    const window = { start: later(period.start, sub.startAt), end: sub.endAt && sub.endAt < period.end ? sub.endAt : period.end };
    if (window.start >= window.end) return;
    for (const { key, query } of stretchQueries(sub, subscriptionsOf.get(sub.customerId) ?? [], versions, window))
      asked.push({ index, key, query });
  });
  return asked;
}

/** The usage rows of each (subscription, period) to compute, per stretch key, read in two statements for all of them. */
export async function usageOfWork(
  tx: Reader,
  platformId: string,
  work: ReadonlyArray<{ sub: BilledSubscription; period: Period }>,
  subscriptionsOf: Map<string, BilledSubscription[]>,
  versions: Map<string, VersionForBilling>,
): Promise<Array<Map<string, UsageRow[]>>> {
  const asked = periodUsageQueries(work, subscriptionsOf, versions);
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

/** invoicing.invoice.created for each draft a write opened (not for the refreshes of one already open). */
async function emitOpened(tx: Transaction, platformId: string, opened: OpenedDraft[]): Promise<void> {
  for (const draft of opened)
    await tx.emit('invoicing.invoice.created', platformId, {
      id: draft.id,
      kind: draft.kind,
      customerId: draft.customerId,
      subscriptionId: draft.subscriptionId,
      currency: draft.currency,
      periodStart: draft.periodStart.toISOString(),
      periodEnd: draft.periodEnd.toISOString(),
      issuesAt: draft.issuesAt.toISOString(),
      total: draft.total,
      createdAt: draft.createdAt.toISOString(),
    });
}
