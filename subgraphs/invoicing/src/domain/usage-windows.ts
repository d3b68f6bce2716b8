import { periodContaining, periodsBetween, type BillingPeriod } from '@meterline/periods';
import { parsePrice, serializePrice } from '@meterline/pricing';
import type { PhaseForBilling, PriceLine, VersionForBilling } from './invoice-calculation';
import { needsTransactions } from './period-usage';

/** A half-open interval of time [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

/**
 * A stretch of a billing window in which one usage item has one price: usage with a timestamp in [start, end) is
 * priced on its own with `price` (tiers, packages, free units and free transactions restart in each stretch). A phase
 * change that leaves the item's price as it was (seats, another item's override) does not split it.
 */
export interface UsageStretch extends Interval {
  item: PriceLine;
  /** The price in force: the customer's override for the item, else the phase's plan-version price. */
  price: Record<string, unknown>;
  phase: PhaseForBilling;
}

const later = (a: Date, b: Date) => (a > b ? a : b);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

/** JSON with keys sorted at every level, so two equal prices compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The phases in force in [start, end), clipped to it, in time order. */
export function phasesWithin(phases: readonly PhaseForBilling[], window: Interval): Array<{ phase: PhaseForBilling } & Interval> {
  return [...phases]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((phase) => ({
      phase,
      start: later(phase.startsAt, window.start),
      end: phase.endsAt ? earlier(phase.endsAt, window.end) : window.end,
    }))
    .filter((p) => p.start < p.end);
}

/**
 * The stretches of every usage item in a billing window (period ∩ the subscription's life), in time order per item:
 * consecutive phases whose price of the item is the same make one stretch; phases without a price for it bill none.
 */
export function usageStretches(
  phases: readonly PhaseForBilling[],
  versions: ReadonlyMap<string, VersionForBilling>,
  window: Interval,
): UsageStretch[] {
  const stretches: UsageStretch[] = [];
  const open = new Map<string, { stretch: UsageStretch; key: string }>();
  for (const { phase, start, end } of phasesWithin(phases, window)) {
    const version = versions.get(phase.planVersionId);
    if (!version) throw new Error(`plan version ${phase.planVersionId} is not known to invoicing yet`);
    const priced = new Set<string>();
    for (const item of version.prices) {
      if (item.chargeType !== 'USAGE') continue;
      priced.add(item.productItemId);
      const price = phase.overrides[item.productItemId] ?? item.price;
      // Compared as the engine reads it: an override spelled differently from the version's price (defaults left out,
      // "0.10" for "0.1") is the same price, and does not cut the stretch.
      const key = canonical(serializePrice(parsePrice(price)));
      const current = open.get(item.productItemId);
      if (current && current.key === key && current.stretch.end.getTime() === start.getTime()) {
        current.stretch.end = end;
        continue;
      }
      const stretch: UsageStretch = { item, price, phase, start, end };
      stretches.push(stretch);
      open.set(item.productItemId, { stretch, key });
    }
    for (const id of [...open.keys()]) if (!priced.has(id)) open.delete(id);
  }
  return stretches;
}

/** Whether a phase's version prices a metric with a usage item. */
function pricesMetric(versions: ReadonlyMap<string, VersionForBilling>, phase: PhaseForBilling, metric: string): boolean {
  return versions.get(phase.planVersionId)?.prices.some((p) => p.chargeType === 'USAGE' && p.metricReference === metric) ?? false;
}

/** Where a subscription prices a metric: its phases within its life that price it, merged where they touch. */
export function pricingIntervals(
  subscription: { startAt: Date; endAt: Date | null; phases: readonly PhaseForBilling[] },
  versions: ReadonlyMap<string, VersionForBilling>,
  metric: string,
): Interval[] {
  const life = { start: subscription.startAt, end: subscription.endAt ?? new Date(8.64e15) };
  const out: Interval[] = [];
  for (const { phase, start, end } of phasesWithin(subscription.phases, life)) {
    if (!pricesMetric(versions, phase, metric)) continue;
    const last = out[out.length - 1];
    if (last && last.end.getTime() === start.getTime()) last.end = end;
    else out.push({ start, end });
  }
  return out;
}

/** `intervals` without the parts covered by `minus` (both sorted or not; the result is sorted). */
export function subtractIntervals(intervals: readonly Interval[], minus: readonly Interval[]): Interval[] {
  let rest = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const cut of minus) {
    rest = rest.flatMap((i) => {
      if (cut.end <= i.start || cut.start >= i.end) return [i];
      const parts: Interval[] = [];
      if (i.start < cut.start) parts.push({ start: i.start, end: cut.start });
      if (cut.end < i.end) parts.push({ start: cut.end, end: i.end });
      return parts;
    });
  }
  return rest;
}

export function intersect(a: Interval, b: Interval): Interval | null {
  const start = later(a.start, b.start);
  const end = earlier(a.end, b.end);
  return start < end ? { start, end } : null;
}

export interface SubscriptionForAttribution {
  id: string;
  startAt: Date;
  endAt: Date | null;
  phases: readonly PhaseForBilling[];
}

/**
 * Where usage of a metric that names no subscription bills on `subscription`: where it prices the metric, except where
 * a subscription of the same customer that started before it (then by id) prices it too. The subscriptions service
 * refuses such overlaps, so this is a guard: whatever happens, a unit of usage is never billed twice.
 */
export function unnamedUsageIntervals(
  subscription: SubscriptionForAttribution,
  ofCustomer: readonly SubscriptionForAttribution[],
  versions: ReadonlyMap<string, VersionForBilling>,
  metric: string,
): Interval[] {
  const before = (s: SubscriptionForAttribution) =>
    s.startAt < subscription.startAt || (s.startAt.getTime() === subscription.startAt.getTime() && s.id < subscription.id);
  const claimed = ofCustomer.filter((s) => s.id !== subscription.id && before(s)).flatMap((s) => pricingIntervals(s, versions, metric));
  return subtractIntervals(pricingIntervals(subscription, versions, metric), claimed);
}

const HOUR_MS = 3_600_000;

/** The UTC hour holding an instant. */
export function hourOf(at: Date): Interval {
  const start = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  return { start: new Date(start), end: new Date(start + HOUR_MS) };
}

/** What the window boundaries of a customer's usage come from: its subscriptions' lives, phases and periods. */
export interface SubscriptionForBoundaries {
  anchor: Date;
  billingPeriod: BillingPeriod;
  startAt: Date;
  endAt: Date | null;
  phases: ReadonlyArray<Pick<PhaseForBilling, 'startsAt' | 'endsAt'>>;
}

/**
 * The instants inside an hour (not its start) where a window of the customer's billing may begin or end: a start or
 * end of a subscription, of a phase, or of a billing period. Hourly totals are split there, so every window is read
 * from totals alone, to the millisecond.
 */
export function boundariesWithin(subscriptions: readonly SubscriptionForBoundaries[], hour: Interval): Date[] {
  const inside = new Set<number>();
  const add = (d: Date | null) => {
    if (d && d > hour.start && d < hour.end) inside.add(d.getTime());
  };
  for (const s of subscriptions) {
    add(s.startAt);
    add(s.endAt);
    for (const p of s.phases) {
      add(p.startsAt);
      add(p.endsAt);
    }
    if (hour.end > s.anchor) {
      const period = periodContaining(s.anchor, s.billingPeriod, hour.start < s.anchor ? s.anchor : hour.start);
      add(period.start);
      add(period.end);
    }
  }
  return [...inside].sort((x, y) => x - y).map((t) => new Date(t));
}

/** The start of the bucket an instant's usage is totalled in: the last boundary at or before it in its hour, else the hour. */
export function bucketStartOf(at: Date, hour: Interval, boundaries: readonly Date[]): Date {
  let start = hour.start;
  for (const b of boundaries) if (b <= at) start = b;
  return start;
}

/**
 * The hours whose totals must be split again after a customer's subscriptions changed from `before` to `after`: those
 * where `after` has a boundary `before` did not (up to `horizon`, the latest usage known), with the boundaries to split
 * at — the new ones and the old ones together, since a reader may still be computing windows from the old state.
 */
export function hoursToSplit(
  before: readonly SubscriptionForBoundaries[],
  after: readonly SubscriptionForBoundaries[],
  horizon: Date,
): Array<{ hour: Interval; boundaries: Date[] }> {
  const candidates = new Map<number, Interval>();
  const consider = (d: Date | null) => {
    if (d && d <= horizon) candidates.set(hourOf(d).start.getTime(), hourOf(d));
  };
  const key = (s: SubscriptionForBoundaries) => JSON.stringify([s.anchor, s.billingPeriod, s.startAt, s.endAt, s.phases]);
  const known = new Set(before.map(key));
  for (const s of after) {
    if (known.has(key(s))) continue;
    consider(s.startAt);
    consider(s.endAt);
    for (const p of s.phases) {
      consider(p.startsAt);
      consider(p.endsAt);
    }
    for (const period of periodsBetween(s.anchor, s.billingPeriod, s.anchor, new Date(horizon.getTime() + 1))) consider(period.start);
  }
  const out: Array<{ hour: Interval; boundaries: Date[] }> = [];
  for (const hour of [...candidates.values()].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    const old = boundariesWithin(before, hour);
    const fresh = boundariesWithin(after, hour);
    const oldTimes = new Set(old.map((d) => d.getTime()));
    if (fresh.every((d) => oldTimes.has(d.getTime()))) continue;
    const all = new Set([...oldTimes, ...fresh.map((d) => d.getTime())]);
    out.push({ hour, boundaries: [...all].sort((a, b) => a - b).map((t) => new Date(t)) });
  }
  return out;
}

/** Usage of one metric of a customer in [start, end): naming one of these subscriptions (null: naming none). */
export interface UsageQuery extends Interval {
  customerId: string;
  metric: string;
  subscriptionIds: Array<string | null>;
  /** Every event on its own (percentage prices), instead of hourly totals for the whole hours. */
  transactions: boolean;
}

/** The key of a stretch among a window's stretches. */
export const stretchKey = (s: Pick<UsageStretch, 'item' | 'start' | 'end'>) =>
  `${s.item.productItemId}|${s.start.getTime()}|${s.end.getTime()}`;

/**
 * What to read to bill a subscription's window: for each usage stretch, the usage naming the subscription in it, and
 * the usage naming none where this subscription is the one pricing its metric (`unnamedUsageIntervals`).
 */
export function stretchQueries(
  subscription: SubscriptionForAttribution & { customerId: string },
  ofCustomer: readonly SubscriptionForAttribution[],
  versions: ReadonlyMap<string, VersionForBilling>,
  window: Interval,
): Array<{ key: string; query: UsageQuery }> {
  const out: Array<{ key: string; query: UsageQuery }> = [];
  const unnamed = new Map<string, Interval[]>();
  for (const stretch of usageStretches(subscription.phases, versions, window)) {
    const metric = stretch.item.metricReference;
    if (!metric) continue;
    const key = stretchKey(stretch);
    const base = { customerId: subscription.customerId, metric, transactions: needsTransactions(parsePrice(stretch.price)) };
    if (!unnamed.has(metric)) unnamed.set(metric, unnamedUsageIntervals(subscription, ofCustomer, versions, metric));
    const parts = unnamed.get(metric)!.flatMap((interval) => intersect(interval, stretch) ?? []);
    const whole =
      parts.length === 1 && parts[0].start.getTime() === stretch.start.getTime() && parts[0].end.getTime() === stretch.end.getTime();
    // Usually the subscription bills all the stretch's usage naming none: one query for both.
    out.push({
      key,
      query: { ...base, subscriptionIds: whole ? [subscription.id, null] : [subscription.id], start: stretch.start, end: stretch.end },
    });
    if (!whole) for (const part of parts) out.push({ key, query: { ...base, subscriptionIds: [null], ...part } });
  }
  return out;
}
