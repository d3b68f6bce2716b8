import { periodContaining, periodsBetween, type BillingPeriod, type Period } from '@meterline/periods';
import { badInput } from '@meterline/kit/domain';
import type { InvoiceStatus } from './invoice-status';

/** The longest grace period a platform may set: 31 days, in seconds. */
export const MAX_GRACE_PERIOD_SECONDS = 31 * 86_400;

/** A platform's grace period: whole seconds 0 to 31 days, or null for the deployment's INVOICE_GRACE_PERIOD_MS. */
export function checkGracePeriodSeconds(field: string, seconds: number | null): number | null {
  if (seconds === null) return null;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_GRACE_PERIOD_SECONDS)
    throw badInput(
      field,
      `${field} must be a whole number of seconds from 0 to ${MAX_GRACE_PERIOD_SECONDS} (31 days), or null for the default`,
    );
  return seconds;
}

const later = (a: Date, b: Date) => (a > b ? a : b);

/** What the scheduling rules read of a subscription. */
export interface ScheduledSubscription {
  id: string;
  billingPeriod: BillingPeriod;
  anchor: Date;
  startAt: Date;
  endAt: Date | null;
  /** Billing cutover of a subscription moved from another system; null or absent: none. */
  cutoverAt?: Date | null;
}

/**
 * The first instant a subscription bills: its start, or with a cutover the start of the billing period holding the
 * cutover (that period is invoiced whole — the old system billed the periods before it; none of them gets a draft).
 */
export function billsFrom(sub: ScheduledSubscription): Date {
  if (!sub.cutoverAt || sub.cutoverAt <= sub.startAt) return sub.startAt;
  return later(periodContaining(sub.anchor, sub.billingPeriod, sub.cutoverAt).start, sub.startAt);
}

/** What the scheduling rules read of the invoices a subscription has. */
export interface InvoiceHead {
  id: string;
  kind: 'SUBSCRIPTION' | 'CORRECTION';
  status: InvoiceStatus;
  subscription_id: string;
  period_start: Date;
}

/**
 * The periods of a subscription to (re)compute now: every period with an open draft, the periods after the last
 * invoice up to the one running now (so drafts exist from the period's start, backdated subscriptions included), and,
 * when usage arrived for past hours, every period from the one holding them (issued ones get corrections).
 */
export function periodsToCompute(sub: ScheduledSubscription, invoices: InvoiceHead[], usageSince: Date | null, now: Date): Period[] {
  return periodsToComputeCapped(sub, invoices, usageSince, now).periods;
}

/**
 * New periods (no invoice yet) one pass opens per subscription at most: a subscription backdated far (or an anchor
 * far back) opens its history over several passes instead of thousands of invoices in one transaction.
 */
export const MAX_NEW_PERIODS_PER_PASS = 36;

/** periodsToCompute, with at most `maxNewPeriods` periods without an invoice (the earliest); `more` says some wait. */
export function periodsToComputeCapped(
  sub: ScheduledSubscription,
  invoices: InvoiceHead[],
  usageSince: Date | null,
  now: Date,
  maxNewPeriods = MAX_NEW_PERIODS_PER_PASS,
): { periods: Period[]; more: boolean } {
  const periods = allPeriodsToCompute(sub, invoices, usageSince, now);
  const invoiced = new Set(
    invoices.filter((i) => i.subscription_id === sub.id && i.kind === 'SUBSCRIPTION').map((i) => i.period_start.getTime()),
  );
  let fresh = 0;
  const kept = periods.filter((p) => invoiced.has(p.start.getTime()) || ++fresh <= maxNewPeriods);
  return { periods: kept, more: kept.length < periods.length };
}

function allPeriodsToCompute(sub: ScheduledSubscription, invoices: InvoiceHead[], usageSince: Date | null, now: Date): Period[] {
  // Nothing before the cutover period is ever computed: not opened, and usage or changes dated before it re-bill nothing.
  const from = billsFrom(sub);
  if (from > now) return [];
  const lastInstant = sub.endAt && sub.endAt <= now ? new Date(sub.endAt.getTime() - 1) : now;
  if (lastInstant < from) return [];
  const current = periodContaining(sub.anchor, sub.billingPeriod, lastInstant);
  const starts = new Map<number, Period>();
  const addFrom = (since: Date) => {
    for (const p of periodsBetween(sub.anchor, sub.billingPeriod, later(since, from), current.end)) starts.set(p.start.getTime(), p);
  };
  const own = invoices.filter((i) => i.subscription_id === sub.id && i.kind === 'SUBSCRIPTION');
  for (const draft of own.filter((i) => i.status === 'DRAFT'))
    starts.set(draft.period_start.getTime(), periodContaining(sub.anchor, sub.billingPeriod, draft.period_start));
  const latest = own.reduce<Date | null>((max, i) => (max === null || i.period_start > max ? i.period_start : max), null);
  addFrom(latest === null ? from : new Date(latest.getTime() + 1));
  // Usage (or a change) from that instant on: every period from the one holding it, up to the last one invoiced (a
  // backdated end leaves invoiced periods after it to be credited).
  if (usageSince) {
    const to = latest && latest >= current.end ? new Date(latest.getTime() + 1) : current.end;
    for (const p of periodsBetween(sub.anchor, sub.billingPeriod, later(usageSince, from), to)) starts.set(p.start.getTime(), p);
  }
  return [...starts.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** When a subscription period's draft is issued: at its end (or the subscription's, if earlier) plus the grace period. */
export function draftIssuesAt(sub: ScheduledSubscription, period: Period, graceMs: number): Date {
  const end = sub.endAt && sub.endAt < period.end ? sub.endAt : period.end;
  return new Date(end.getTime() + graceMs);
}

/** A correction goes out with the subscription's next invoice: at the end of the period running now plus grace. */
export function correctionIssuesAt(sub: ScheduledSubscription, now: Date, graceMs: number): Date {
  if (sub.endAt && sub.endAt <= now) return new Date(now.getTime() + graceMs);
  return draftIssuesAt(sub, periodContaining(sub.anchor, sub.billingPeriod, now), graceMs);
}
