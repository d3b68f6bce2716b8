import { parsePrice } from '@meterline/pricing';
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
      const key = canonical(price);
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

/**
 * How a window's usage is read: whole UTC hours from hourly totals, the parts of the hours cut by the window's ends from
 * the events themselves (so a window may start or end at any millisecond). `hours` is null when no whole hour fits.
 */
export function splitAtHours(window: Interval): { hours: Interval | null; edges: Interval[] } {
  const firstHour = Math.ceil(window.start.getTime() / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(window.end.getTime() / HOUR_MS) * HOUR_MS;
  if (firstHour >= lastHour) return { hours: null, edges: [window] };
  const edges: Interval[] = [];
  if (window.start.getTime() < firstHour) edges.push({ start: window.start, end: new Date(firstHour) });
  if (lastHour < window.end.getTime()) edges.push({ start: new Date(lastHour), end: window.end });
  return { hours: { start: new Date(firstHour), end: new Date(lastHour) }, edges };
}

/** Usage of one metric of a customer in [start, end): named to a subscription, or naming none (subscriptionId null). */
export interface UsageQuery extends Interval {
  customerId: string;
  metric: string;
  subscriptionId: string | null;
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
    out.push({ key, query: { ...base, subscriptionId: subscription.id, start: stretch.start, end: stretch.end } });
    if (!unnamed.has(metric)) unnamed.set(metric, unnamedUsageIntervals(subscription, ofCustomer, versions, metric));
    for (const interval of unnamed.get(metric)!) {
      const part = intersect(interval, stretch);
      if (part) out.push({ key, query: { ...base, subscriptionId: null, ...part } });
    }
  }
  return out;
}
