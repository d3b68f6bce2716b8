import fc from 'fast-check';
import { Decimal } from '@meterline/money';
import type { Aggregation } from '@meterline/usage';
import type { PriceJson } from './recompute';

/**
 * Random billing histories for the billing oracle. One history is one tenant: meters, products, plans with versions,
 * customers with subscriptions, then steps in a random order (subscribe, ingest, change, cancel, issue). All instants
 * are epoch milliseconds in the recent past of `now` (the real clock at the run's start, or ORACLE_NOW to replay).
 */

/** Flip to true once UsageEventInput.subscriptionId (REST: subscription_id) exists: a fraction of events then name their subscription. */
export const NAMED_SUBSCRIPTIONS_SUPPORTED = true;

export const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface MeterSpec {
  reference: string;
  values: Array<{ reference: string; type: 'NUMBER' | 'AMOUNT' }>;
  properties: string[];
}
export interface MetricSpec {
  reference: string;
  meter: string;
  aggregation: Aggregation;
  valueReference: string | null;
  property: string | null;
  filters: Record<string, string[]>;
}
export interface ItemSpec {
  reference: string;
  lane: number;
  metric: MetricSpec;
  /** Priced as transactions (AMOUNT value): percentage models. */
  amounts: boolean;
}
export interface PlanSpec {
  reference: string;
  lane: number;
  /** Per version: price per item reference (an item without one is not billed by that version). */
  versions: Array<Record<string, PriceJson>>;
}
export interface SubscriptionSpec {
  customer: number;
  lane: number;
  version: number;
  startAt: number;
  anchor: number;
  endAt: number | null;
}
export interface EventSpec {
  reference: string;
  customer: number;
  meter: string;
  timestamp: number;
  numbers: Record<string, string>;
  amounts: Record<string, string>;
  properties: Record<string, string>;
  /** Index of the subscription it names (only with NAMED_SUBSCRIPTIONS_SUPPORTED). */
  subscription: number | null;
}
export type Step =
  | { kind: 'subscribe'; subscription: number }
  | { kind: 'ingest'; via: 'graphql' | 'rest'; events: EventSpec[] }
  | {
      kind: 'change';
      subscription: number;
      at: number;
      planVersion?: number;
      seats?: number;
      overrides?: Array<{ item: string; price: PriceJson }>;
    }
  | { kind: 'cancel'; subscription: number; at: number }
  | { kind: 'issue'; customer: number | null };

export interface History {
  now: number;
  meters: MeterSpec[];
  items: ItemSpec[];
  plans: PlanSpec[];
  customers: number;
  subscriptions: SubscriptionSpec[];
  steps: Step[];
}

export interface GeneratorOptions {
  now: number;
  /** Hour-aligned anchors, starts and ends, and no changes or cancellations (what today's platform should mostly bill right). */
  aligned: boolean;
}

const AGGREGATIONS: Aggregation[] = ['SUM', 'COUNT', 'MAX', 'MIN', 'AVERAGE', 'UNIQUE_COUNT', 'LATEST'];
const REGIONS = ['eu', 'us', 'ap'];
const MODELS = ['small', 'large'];
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];

type G = fc.GeneratorValue;

/** An integer in [min, max]; bigint-backed, since instants are far beyond fc.integer's 32 bits. */
const int = (g: G, min: number, max: number): number =>
  max - min < 2 ** 30 && Math.abs(min) < 2 ** 30 && Math.abs(max) < 2 ** 30
    ? g((o: { min: number; max: number }) => fc.noBias(fc.integer(o)), { min, max })
    : Number(
        g((o: { min: bigint; max: bigint }) => fc.noBias(fc.bigInt(o)), { min: BigInt(Math.round(min)), max: BigInt(Math.round(max)) }),
      );
const bool = (g: G, p = 0.5) => int(g, 0, 999) < p * 1000;
const pick = <T>(g: G, values: readonly T[]): T => values[int(g, 0, values.length - 1)];
/** A decimal string m / 10^scale, canonical (no trailing zeros). */
const dec = (g: G, min: number, max: number, maxScale: number): string => {
  const scale = int(g, 0, maxScale);
  return new Decimal(int(g, Math.round(min * 10 ** scale), Math.round(max * 10 ** scale))).dividedBy(10 ** scale).toFixed();
};

function ascending(g: G, count: number, min: number, max: number): string[] {
  const bounds: string[] = [];
  let previous = min;
  for (let i = 0; i < count; i += 1) {
    const next = new Decimal(previous).plus(dec(g, 0.5, (max - min) / count, 2));
    bounds.push(next.toFixed());
    previous = next.toNumber();
  }
  return bounds;
}

function quantityConfig(g: G, model: string): PriceJson {
  const tierCount = int(g, 1, 3);
  switch (model) {
    case 'PER_UNIT':
      return { model, unitPrice: dec(g, 0.001, 3, 4) };
    case 'PACKAGE':
      return { model, packageSize: dec(g, 1, 20, 1), packagePrice: dec(g, 0.5, 30, 3), freeUnits: dec(g, 0, 10, 2) };
    case 'GRADUATED':
    case 'VOLUME': {
      const bounds = ascending(g, tierCount, 0, 60);
      return {
        model,
        tiers: [...bounds, null].map((upTo) => ({ upTo, unitPrice: dec(g, 0, 2, 4), flatFee: bool(g, 0.4) ? dec(g, 0, 15, 3) : '0' })),
      };
    }
    default: {
      const bounds = ascending(g, tierCount, 0, 60);
      return { model: 'STAIRSTEP', steps: [...bounds, null].map((upTo) => ({ upTo, amount: dec(g, 0, 80, 3) })) };
    }
  }
}

function amountConfig(g: G, model: string): PriceJson {
  if (model === 'GRADUATED_PERCENTAGE') {
    const bounds = ascending(g, int(g, 1, 2), 0, 800);
    return {
      model,
      tiers: [...bounds, null].map((upTo) => ({ upTo, rate: dec(g, 0.1, 6, 3), flatFee: bool(g, 0.3) ? dec(g, 0, 5, 2) : '0' })),
    };
  }
  const min = bool(g, 0.4) ? dec(g, 0.05, 1.5, 3) : null;
  const max = bool(g, 0.4) ? new Decimal(min ?? '0').plus(dec(g, 0.2, 12, 3)).toFixed() : null;
  return {
    model: 'PERCENTAGE',
    rate: dec(g, 0.1, 5, 3),
    fixedFee: bool(g, 0.5) ? dec(g, 0, 0.6, 3) : '0',
    minPerTransaction: min,
    maxPerTransaction: max,
    freeTransactions: bool(g, 0.4) ? String(int(g, 1, 3)) : '0',
    freeAmount: bool(g, 0.3) ? dec(g, 1, 300, 2) : '0',
  };
}

const QUANTITY_MODELS = ['PER_UNIT', 'PACKAGE', 'GRADUATED', 'VOLUME', 'STAIRSTEP'];
const AMOUNT_MODELS = ['PERCENTAGE', 'GRADUATED_PERCENTAGE'];

/** A price for an item, sometimes dimensional (rules on region or model, with the default as fallback). */
export function priceFor(g: G, item: ItemSpec): PriceJson {
  const config = (g2: G) => (item.amounts ? amountConfig(g2, pick(g2, AMOUNT_MODELS)) : quantityConfig(g2, pick(g2, QUANTITY_MODELS)));
  const base = config(g);
  if (!bool(g, 0.3)) return base;
  const property = item.metric.meter === 'm2' ? 'model' : pick(g, ['region', 'model']);
  const values = property === 'region' ? REGIONS : MODELS;
  const count = int(g, 1, values.length - 1);
  return { ...base, dimensions: values.slice(0, count).map((value) => ({ match: { [property]: value }, config: config(g) })) };
}

function buildHistory(g: G, options: GeneratorOptions): History {
  const { now, aligned } = options;
  const align = (t: number) => (aligned ? Math.floor(t / HOUR) * HOUR : t);
  const meters: MeterSpec[] = [
    {
      reference: 'm1',
      values: [
        { reference: 'calls', type: 'NUMBER' },
        { reference: 'units', type: 'NUMBER' },
        { reference: 'pay', type: 'AMOUNT' },
      ],
      properties: ['region', 'model', 'user'],
    },
  ];
  if (bool(g)) meters.push({ reference: 'm2', values: [{ reference: 'tokens', type: 'NUMBER' }], properties: ['model', 'user'] });

  // Lanes: disjoint sets of metrics; overlapping subscriptions of a customer are on different lanes.
  const laneCount = int(g, 1, 3);
  const items: ItemSpec[] = [];
  let aggregationTurn = int(g, 0, AGGREGATIONS.length - 1);
  for (let lane = 0; lane < laneCount; lane += 1) {
    const count = int(g, 1, 3);
    for (let i = 0; i < count; i += 1) {
      const reference = `l${lane}_${i}`;
      const amounts = i > 0 && bool(g, 0.5);
      const meter = amounts ? meters[0] : pick(g, meters);
      const filters: Record<string, string[]> = meter.reference === 'm1' && bool(g, 0.25) ? { region: REGIONS.slice(0, int(g, 1, 2)) } : {};
      if (amounts) {
        items.push({
          reference: `i${reference}`,
          lane,
          amounts,
          metric: { reference, meter: 'm1', aggregation: 'SUM', valueReference: 'pay', property: null, filters },
        });
        continue;
      }
      const aggregation = AGGREGATIONS[aggregationTurn++ % AGGREGATIONS.length];
      const numbers = meter.values.filter((v) => v.type === 'NUMBER').map((v) => v.reference);
      items.push({
        reference: `i${reference}`,
        lane,
        amounts,
        metric: {
          reference,
          meter: meter.reference,
          aggregation,
          valueReference: aggregation === 'COUNT' || aggregation === 'UNIQUE_COUNT' ? null : pick(g, numbers),
          property: aggregation === 'UNIQUE_COUNT' ? 'user' : null,
          filters,
        },
      });
    }
  }
  // A meter without a metric cannot be activated: keep the meters some item measures.
  const usedMeters = meters.filter((m) => items.some((i) => i.metric.meter === m.reference));
  meters.splice(0, meters.length, ...usedMeters);
  const plans: PlanSpec[] = [];
  for (let lane = 0; lane < laneCount; lane += 1) {
    const laneItems = items.filter((i) => i.lane === lane);
    const versions: Array<Record<string, PriceJson>> = [];
    const versionCount = int(g, 1, 3);
    for (let v = 0; v < versionCount; v += 1) {
      const prices: Record<string, PriceJson> = {};
      laneItems.forEach((item, index) => {
        if (v === 0 || index === 0 || bool(g, 0.8))
          prices[item.reference] = v > 0 && bool(g, 0.25) ? (versions[0][item.reference] ?? priceFor(g, item)) : priceFor(g, item);
      });
      versions.push(prices);
    }
    plans.push({ reference: `plan${lane}`, lane, versions });
  }

  const customers = int(g, 1, 3);
  const subscriptions: SubscriptionSpec[] = [];
  for (let customer = 0; customer < customers; customer += 1) {
    const count = int(g, 1, Math.min(3, laneCount + 1));
    const lanes: number[] = [];
    for (let i = 0; i < count; i += 1) lanes.push(int(g, 0, laneCount - 1));
    for (const lane of new Set(lanes)) {
      const times = lanes.filter((l) => l === lane).length;
      let start = align(now - int(g, 3 * DAY, 100 * DAY));
      for (let k = 0; k < times; k += 1) {
        const last = k === times - 1;
        const endAt =
          !last || bool(g, 0.3) ? align(start + int(g, DAY, Math.max(2 * DAY, Math.floor((now - start) * (last ? 1.3 : 0.6))))) : null;
        const anchor = bool(g, 0.5) ? start : align(start - int(g, 0, 40 * DAY));
        subscriptions.push({ customer, lane, version: int(g, 0, plans[lane].versions.length - 1), startAt: start, anchor, endAt });
        if (!last && endAt !== null) start = Math.min(align(endAt + (bool(g) ? 0 : int(g, 1, 3 * DAY))), now - HOUR);
        if (!last && endAt !== null && start < endAt) break;
      }
    }
  }

  // Steps with a position key each, sorted at the end; a change or cancellation comes after its subscription's creation.
  const keyed: Array<{ key: number; step: Step }> = [];
  const subscribeKey: number[] = subscriptions.map(() => int(g, 0, 600));
  subscriptions.forEach((_, subscription) => keyed.push({ key: subscribeKey[subscription], step: { kind: 'subscribe', subscription } }));
  const lifeEnd = (s: SubscriptionSpec) => Math.min(s.endAt ?? now + 20 * DAY, now + 20 * DAY);
  if (!aligned) {
    for (let i = int(g, 0, 4); i > 0; i -= 1) {
      const subscription = int(g, 0, subscriptions.length - 1);
      const sub = subscriptions[subscription];
      const at = int(g, sub.startAt, lifeEnd(sub) - 1);
      const key = int(g, subscribeKey[subscription] + 1, 1000);
      if (bool(g, 0.2)) {
        keyed.push({ key, step: { kind: 'cancel', subscription, at: Math.max(at, sub.startAt + 1) } });
        continue;
      }
      const plan = plans[sub.lane];
      const kind = int(g, 0, 3);
      const step: Step = { kind: 'change', subscription, at };
      if (kind === 0 || kind === 3) step.planVersion = int(g, 0, plan.versions.length - 1);
      if (kind === 1) step.seats = int(g, 1, 10);
      if (kind >= 2) {
        const laneItems = items.filter((it) => it.lane === sub.lane);
        step.overrides = bool(g, 0.15)
          ? []
          : [laneItems[int(g, 0, laneItems.length - 1)]].map((item) => ({
              item: item.reference,
              price: bool(g, 0.3)
                ? (plan.versions[int(g, 0, plan.versions.length - 1)][item.reference] ?? priceFor(g, item))
                : priceFor(g, item),
            }));
      }
      keyed.push({ key, step });
    }
  }

  // Events: mostly inside a subscription's life, some before its start or after its end, some exactly at the edges.
  const events: EventSpec[] = [];
  const eventCount = int(g, 8, 36);
  const earliest = Math.min(...subscriptions.map((s) => s.startAt));
  for (let n = 0; n < eventCount; n += 1) {
    const sub = pick(g, subscriptions);
    const customer = bool(g, 0.85) ? sub.customer : int(g, 0, customers - 1);
    const end = Math.min(sub.endAt ?? now, now);
    const edges = [sub.startAt, sub.startAt - 1, ...(sub.endAt !== null ? [sub.endAt, sub.endAt - 1] : [])];
    let timestamp = bool(g, 0.1)
      ? pick(g, edges)
      : int(g, Math.max(sub.startAt - 3 * DAY, earliest - 5 * DAY), end + (bool(g, 0.15) ? 3 * DAY : 0));
    timestamp = Math.min(timestamp, now - 1000);
    const meter = pick(g, meters);
    const numbers: Record<string, string> = {};
    const amounts: Record<string, string> = {};
    if (meter.reference === 'm2') numbers.tokens = dec(g, 0, 40, 3);
    else {
      const which = int(g, 1, 7);
      if (which & 1) numbers.calls = dec(g, 0, 30, 3);
      if (which & 2) numbers.units = dec(g, 0, 12, 4);
      if (which & 4) amounts.pay = dec(g, 0.01, 400, 3);
    }
    const properties: Record<string, string> = {};
    if (meter.reference === 'm1' && bool(g, 0.9)) properties.region = pick(g, REGIONS);
    if (bool(g, 0.8)) properties.model = pick(g, MODELS);
    if (bool(g, 0.9)) properties.user = pick(g, USERS);
    const named = NAMED_SUBSCRIPTIONS_SUPPORTED && customer === sub.customer && bool(g, 0.3) ? subscriptions.indexOf(sub) : null;
    events.push({ reference: `e${n}`, customer, meter: meter.reference, timestamp, numbers, amounts, properties, subscription: named });
  }
  // Out of order: batches of consecutive events in a shuffled order, with re-sends of earlier events (duplicates).
  let cursor = 0;
  const shuffled = g(fc.shuffledSubarray, events, { minLength: events.length });
  while (cursor < shuffled.length) {
    const size = int(g, 1, 8);
    const batch = shuffled.slice(cursor, cursor + size);
    if (cursor > 0 && bool(g, 0.3)) batch.push(shuffled[int(g, 0, cursor - 1)]);
    cursor += size;
    keyed.push({ key: int(g, 0, 1000), step: { kind: 'ingest', via: bool(g, 0.3) ? 'rest' : 'graphql', events: batch } });
  }
  for (let i = int(g, 1, 3); i > 0; i -= 1) {
    keyed.push({ key: int(g, 200, 1000), step: { kind: 'issue', customer: bool(g) ? null : int(g, 0, customers - 1) } });
  }
  const steps = keyed.sort((a, b) => a.key - b.key).map((k) => k.step);
  return { now, meters, items, plans, customers, subscriptions, steps };
}

export function historyArbitrary(options: GeneratorOptions): fc.Arbitrary<History> {
  return fc.gen().map((g) => buildHistory(g, options));
}

/** The histories of a run: index i of seed s is always the same history (for a given `now`). */
export function sampleHistories(seed: number, count: number, options: GeneratorOptions): History[] {
  return fc.sample(historyArbitrary(options), { seed, numRuns: count });
}
