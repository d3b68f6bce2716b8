import { Decimal, roundToMinorUnit } from '@meterline/money';
import { periodsBetween } from '@meterline/periods';
import { parsePrice, price as priceUsage, serializePrice, type DimensionalUsage, type Usage } from '@meterline/pricing';
import { aggregate, metricApplies, type AggregatableEvent, type MetricDefinition } from '@meterline/usage';

/**
 * The billing oracle's recomputation: what a subscription's invoices must add up to, per period and product item,
 * from the raw events, with the pure packages only (never invoicing's code). The rules are issue 13's (DESIGN §3
 * "Attribution is exact"): periods from the anchor, stretches of equal effective price priced on their own, usage
 * attributed to the one subscription that prices its metric at its timestamp, lines rounded once, half-up.
 */

/** A price in the pricing engine's JSON form (packages/pricing/src/config.ts). */
export type PriceJson = { model: string } & Record<string, unknown>;

export interface OracleItem {
  /** Product item reference (unique per platform). */
  reference: string;
  meter: string;
  /** The metric's reference: unique per platform, what a price bills and what attribution compares. */
  metricReference: string;
  metric: MetricDefinition;
}

export interface OraclePhase {
  startsAt: number;
  endsAt: number | null;
  /** Effective price per product item reference: the override if any, else the plan version's price. */
  prices: Record<string, PriceJson>;
}

export interface OracleSubscription {
  id: string;
  customer: string;
  startAt: number;
  endAt: number | null;
  anchor: number;
  phases: OraclePhase[];
}

export interface OracleEvent {
  /** Ingestion's eventId: the tie-breaker of LATEST and of the transaction order. */
  id: string;
  customer: string;
  meter: string;
  timestamp: number;
  /** Decimal strings per meter value reference (an AMOUNT value's quantity). */
  values: Record<string, string>;
  properties: Record<string, string>;
  /** The subscription the event names, if any. */
  subscription: string | null;
}

export interface ExpectedStretch {
  start: number;
  end: number;
  price: PriceJson;
  events: string[];
  exact: string;
  amount: string;
}

export interface ExpectedPeriod {
  subscription: string;
  start: number;
  end: number;
  /** Rounded amount per product item reference (sum of its rounded stretches). */
  items: Record<string, string>;
  stretches: Record<string, ExpectedStretch[]>;
  total: string;
}

const CURRENCY = 'EUR';

/** Key-sorted JSON after a parse/serialise round trip, so equal prices compare equal whatever their spelling. */
export function priceKey(json: PriceJson): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
          )
        : value;
  return JSON.stringify(sorted(serializePrice(parsePrice(json))));
}

function phaseAt(sub: OracleSubscription, t: number): OraclePhase | undefined {
  if (t < sub.startAt || (sub.endAt !== null && t >= sub.endAt)) return undefined;
  return sub.phases.find((p) => p.startsAt <= t && (p.endsAt === null || t < p.endsAt));
}

/** Whether the subscription's phase at `t` prices the metric (meter + metric reference) with a USAGE item. */
function pricesMetricAt(sub: OracleSubscription, items: OracleItem[], meter: string, metric: string, t: number): boolean {
  const phase = phaseAt(sub, t);
  if (!phase) return false;
  return items.some((i) => i.meter === meter && i.metricReference === metric && phase.prices[i.reference] !== undefined);
}

/**
 * The subscription an event's usage of one metric belongs to: the one it names (if live at its timestamp), else the
 * one subscription of its customer whose phase prices the metric then; null when none (or, never generated, several).
 */
export function attribute(event: OracleEvent, item: OracleItem, items: OracleItem[], subs: OracleSubscription[]): string | null {
  if (event.subscription !== null) {
    const named = subs.find((s) => s.id === event.subscription);
    return named && phaseAt(named, event.timestamp) ? named.id : null;
  }
  const candidates = subs.filter(
    (s) => s.customer === event.customer && pricesMetricAt(s, items, item.meter, item.metricReference, event.timestamp),
  );
  return candidates.length === 1 ? candidates[0].id : null;
}

function aggregatable(event: OracleEvent): AggregatableEvent {
  return {
    id: event.id,
    timestamp: new Date(event.timestamp),
    values: Object.fromEntries(Object.entries(event.values).map(([k, v]) => [k, new Decimal(v)])),
    properties: event.properties,
  };
}

/** Prices one stretch's events for one item: per dimension rule, aggregated or as ordered transactions. */
export function priceStretch(item: OracleItem, json: PriceJson, events: OracleEvent[]): Decimal {
  const price = parsePrice(json);
  const applied = events
    .filter((e) => e.meter === item.meter)
    .filter((e) => metricApplies(item.metric, aggregatable(e)))
    .sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups = new Map<number, OracleEvent[]>([[-1, []]]);
  for (const event of applied) {
    const index = price.dimensions.findIndex((rule) => Object.entries(rule.match).every(([k, v]) => event.properties[k] === v));
    groups.set(index, [...(groups.get(index) ?? []), event]);
  }
  const percentage = (model: string) => model === 'PERCENTAGE' || model === 'GRADUATED_PERCENTAGE';
  const entries: DimensionalUsage[] = [...groups.entries()].map(([index, group]) => {
    const rule = index === -1 ? undefined : price.dimensions[index];
    const config = rule ? rule.config : price.config;
    const valueReference = item.metric.valueReference ?? '';
    const usage: Usage = percentage(config.model)
      ? { kind: 'amounts', amounts: group.map((e) => new Decimal(e.values[valueReference])) }
      : { kind: 'quantity', quantity: aggregate(item.metric, group.map(aggregatable)) };
    return { properties: rule ? { ...rule.match } : {}, usage };
  });
  return priceUsage(price, entries).amount;
}

/**
 * Expected amounts of every period of every subscription that has started by `now` (and intersects the life).
 * `events` are the accepted events, each once (duplicates already dropped).
 */
export function expectedPeriods(subs: OracleSubscription[], items: OracleItem[], events: OracleEvent[], now: number): ExpectedPeriod[] {
  const out: ExpectedPeriod[] = [];
  for (const sub of subs) {
    const lifeEnd = sub.endAt ?? Number.MAX_SAFE_INTEGER;
    const periods = periodsBetween(new Date(sub.anchor), 'MONTH', new Date(sub.startAt), new Date(Math.min(lifeEnd, now + 1)));
    for (const period of periods) {
      const windowStart = Math.max(period.start.getTime(), sub.startAt);
      const windowEnd = Math.min(period.end.getTime(), lifeEnd);
      if (windowStart >= windowEnd || period.start.getTime() > now) continue;
      const expected: ExpectedPeriod = {
        subscription: sub.id,
        start: period.start.getTime(),
        end: period.end.getTime(),
        items: {},
        stretches: {},
        total: '0',
      };
      let total = new Decimal(0);
      for (const item of items) {
        const stretches: ExpectedStretch[] = [];
        let current: { start: number; end: number; json: PriceJson; key: string } | null = null;
        const close = () => {
          if (!current) return;
          const { start, end, json } = current;
          const inStretch = events.filter(
            (e) => e.timestamp >= start && e.timestamp < end && attribute(e, item, items, subs) === sub.id && e.meter === item.meter,
          );
          const exact = priceStretch(item, json, inStretch);
          stretches.push({
            start,
            end,
            price: json,
            events: inStretch.map((e) => e.id),
            exact: exact.toFixed(),
            amount: roundToMinorUnit(exact, CURRENCY).toFixed(),
          });
          current = null;
        };
        const phases = [...sub.phases].sort((a, b) => a.startsAt - b.startsAt);
        for (const phase of phases) {
          const start = Math.max(phase.startsAt, windowStart);
          const end = Math.min(phase.endsAt ?? Number.MAX_SAFE_INTEGER, windowEnd);
          if (start >= end) continue;
          const json = phase.prices[item.reference];
          const key = json ? priceKey(json) : null;
          if (current && key === current.key && current.end === start) {
            current.end = end;
            continue;
          }
          close();
          if (json && key) current = { start, end, json, key };
        }
        close();
        if (stretches.length === 0) continue;
        const amount = stretches.reduce((sum, s) => sum.plus(s.amount), new Decimal(0));
        expected.items[item.reference] = amount.toFixed();
        expected.stretches[item.reference] = stretches;
        total = total.plus(amount);
      }
      expected.total = total.toFixed();
      out.push(expected);
    }
  }
  return out;
}
