import { Decimal, minorUnits, roundToMinorUnit } from '@meterline/kit/domain';
import { periodContaining, type BillingPeriod, type IndexedPeriod } from '@meterline/periods';
import { parsePrice, percentageTransactionFees, price, type PriceConfig } from '@meterline/pricing';
import { emptyState, type Aggregation } from '@meterline/usage';
import { billsFrom } from './draft-schedule';
import type { PhaseForBilling, VersionForBilling } from './invoice-calculation';
import { inOrder, ruleGroups, stretchUsage, type UsageRow } from './period-usage';
import { stretchKey, stretchQueries, unnamedUsageIntervals, usageStretches, type UsageQuery, type UsageStretch } from './usage-windows';

const ZERO = new Decimal(0);

export interface SubscriptionForCost {
  id: string;
  customerId: string;
  anchor: Date;
  billingPeriod: BillingPeriod;
  startAt: Date;
  endAt: Date | null;
  /** Billing cutover: usage before the period holding it is never billed (draft-schedule's billsFrom). */
  cutoverAt?: Date | null;
  phases: PhaseForBilling[];
}

export interface EventForCost {
  id: string;
  at: Date;
  /** The subscription the event names, if any. */
  subscriptionId: string | null;
  /** What the event puts into each metric of its meter (metering's `UsageEvent.metricValues`). */
  contributions: Array<{ metric: string; value: Decimal }>;
  properties: Record<string, unknown>;
}

/** Where an event's usage of a metric is billed: its subscription, the period holding its instant, the stretches. */
export interface EventBilling {
  metric: string;
  value: Decimal;
  subscription: SubscriptionForCost;
  period: IndexedPeriod;
  stretches: Array<{ stretch: UsageStretch; queries: UsageQuery[] }>;
}

const within = (at: Date, start: Date, end: Date | null) => start <= at && (end === null || at < end);

/**
 * The subscription an event's usage of a metric bills on (the attribution rule of the invoice): the one it names, if it
 * is running then; else the customer's subscription pricing the metric at that instant (`unnamedUsageIntervals`).
 */
export function billingSubscriptionOf(
  event: Pick<EventForCost, 'at' | 'subscriptionId'>,
  metric: string,
  subscriptions: readonly SubscriptionForCost[],
  versions: ReadonlyMap<string, VersionForBilling>,
): SubscriptionForCost | undefined {
  if (event.subscriptionId) {
    const named = subscriptions.find((s) => s.id === event.subscriptionId);
    return named && within(event.at, named.startAt, named.endAt) ? named : undefined;
  }
  return subscriptions.find((s) => unnamedUsageIntervals(s, subscriptions, versions, metric).some((i) => within(event.at, i.start, i.end)));
}

/** Where each of an event's metrics is billed, and what to read to price those stretches with each of their events. */
export function eventBillings(
  event: EventForCost,
  subscriptions: readonly SubscriptionForCost[],
  versions: ReadonlyMap<string, VersionForBilling>,
): EventBilling[] {
  const out: EventBilling[] = [];
  for (const { metric, value } of event.contributions) {
    const subscription = billingSubscriptionOf(event, metric, subscriptions, versions);
    if (!subscription || event.at < billsFrom(subscription)) continue;
    const period = periodContaining(subscription.anchor, subscription.billingPeriod, event.at);
    const window = {
      start: period.start > subscription.startAt ? period.start : subscription.startAt,
      end: subscription.endAt && subscription.endAt < period.end ? subscription.endAt : period.end,
    };
    const holding = usageStretches(subscription.phases, versions, window).filter(
      (s) => s.item.metricReference === metric && s.start <= event.at && event.at < s.end,
    );
    if (holding.length === 0) continue;
    const all = stretchQueries(subscription, subscriptions, versions, window);
    out.push({
      metric,
      value,
      subscription,
      period,
      stretches: holding.map((stretch) => ({
        stretch,
        queries: all.filter((q) => q.key === stretchKey(stretch)).map((q) => ({ ...q.query, transactions: true })),
      })),
    });
  }
  return out;
}

/**
 * A rounded total allocated over exact shares by largest remainder: each share rounded down to the minor unit, the
 * units left over go to the largest remainders (then the earliest share), so the parts add up to the total exactly.
 */
export function allocate(total: Decimal, shares: readonly Decimal[], currency: string): Decimal[] {
  if (shares.length === 0) return [];
  const unit = new Decimal(10).pow(-minorUnits(currency));
  const floors = shares.map((s) => s.dividedBy(unit).floor().times(unit));
  const left = total
    .minus(floors.reduce((a, b) => a.plus(b), ZERO))
    .dividedBy(unit)
    .round()
    .toNumber();
  const order = shares
    .map((s, i) => ({ i, remainder: s.minus(floors[i]) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  const parts = [...floors];
  for (let k = 0; k < Math.abs(left); k++) {
    const target = order[k % order.length].i;
    parts[target] = left > 0 ? parts[target].plus(unit) : parts[target].minus(unit);
  }
  return parts;
}

/**
 * Each event's exact share of its group's amount: its own fee for PERCENTAGE prices (rate, fixed fee, limits and free
 * transactions as the price applies them, in order); by value for SUM (and GRADUATED_PERCENTAGE), one unit each for
 * COUNT; an even share for the other aggregations.
 */
function exactShares(rows: UsageRow[], config: PriceConfig, amount: Decimal, aggregation: Aggregation): Decimal[] {
  if (config.model === 'PERCENTAGE')
    return percentageTransactionFees(
      config,
      rows.map((r) => r.state.sum),
    ).map((f) => f.fee);
  const weights = rows.map((r) => (config.model === 'GRADUATED_PERCENTAGE' || aggregation === 'SUM' ? r.state.sum : new Decimal(1)));
  const total = weights.reduce((a, b) => a.plus(b), ZERO);
  return weights.map((w) => (total.isZero() ? amount.dividedBy(rows.length) : amount.times(w).dividedBy(total)));
}

/**
 * What one event costs: its share of the rounded invoice line(s) of the stretch it falls in. Each dimension group's
 * exact amount is split over the group's events (`exactShares`), then the rounded line is allocated over those exact
 * shares by largest remainder, so the costs of a stretch's events add up to its line exactly. `rows` are the
 * stretch's events (usage_items); an event not there yet (its usage is still on its way) is counted in.
 */
export function eventCost(
  event: EventForCost,
  billing: EventBilling,
  rowsOf: (stretch: UsageStretch) => UsageRow[],
  currency: string,
): Decimal {
  let cost = ZERO;
  for (const { stretch } of billing.stretches) {
    const itemPrice = parsePrice(stretch.price);
    const rows = [...rowsOf(stretch)];
    const aggregation: Aggregation = rows[0]?.aggregation ?? 'SUM';
    if (!rows.some((r) => r.event?.id === event.id)) {
      const state = { ...emptyState(), count: 1, sum: billing.value, max: billing.value, min: billing.value };
      const dimensions = Object.fromEntries(
        Object.entries(event.properties).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]),
      );
      rows.push({ aggregation, dimensions, state, event: { at: event.at, id: event.id } });
    }
    const shares: Decimal[] = [];
    const ids: string[] = [];
    for (const group of ruleGroups(rows, itemPrice)) {
      const members = inOrder(group.rows);
      const amount = price(itemPrice, stretchUsage(members, itemPrice)!).amount;
      shares.push(...exactShares(members, group.config, amount, aggregation));
      ids.push(...members.map((r) => r.event!.id));
    }
    const line = roundToMinorUnit(price(itemPrice, stretchUsage(rows, itemPrice)!).amount, currency);
    const parts = allocate(line, shares, currency);
    cost = cost.plus(parts[ids.indexOf(event.id)] ?? ZERO);
  }
  return cost;
}
