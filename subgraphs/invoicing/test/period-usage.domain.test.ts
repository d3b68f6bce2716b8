import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import { parsePrice, price, type DimensionalUsage, type Usage } from '@meterline/pricing';
import { aggregate, emptyState, accumulate, Aggregations, type AggregateState, type Aggregation } from '@meterline/usage';
import type { PhaseForBilling, VersionForBilling } from '../src/domain/invoice-calculation';
import { allocate, eventBillings, eventCost, type SubscriptionForCost } from '../src/domain/event-cost';
import { stretchUsage, type UsageRow } from '../src/domain/period-usage';
import {
  boundariesWithin,
  bucketStartOf,
  hoursToSplit,
  subtractIntervals,
  unnamedUsageIntervals,
  usageStretches,
} from '../src/domain/usage-windows';

const d = (value: string | number) => new Decimal(value);
const at = (iso: string) => new Date(iso);
const state = (parts: Partial<AggregateState>): AggregateState => ({ ...emptyState(), ...parts });
const row = (
  aggregation: Aggregation,
  dimensions: Record<string, string | null>,
  s: Partial<AggregateState>,
  event?: UsageRow['event'],
) => ({
  aggregation,
  dimensions,
  state: state(s),
  event,
});
const quantityOf = (usage: Usage | DimensionalUsage[] | undefined) => {
  if (!usage || Array.isArray(usage) || usage.kind !== 'quantity') throw new Error(`expected a quantity, got ${JSON.stringify(usage)}`);
  return usage.quantity.toFixed();
};

describe('window boundaries of usage buckets', () => {
  const hour = { start: at('2026-03-10T14:00:00Z'), end: at('2026-03-10T15:00:00Z') };
  const monthly = (startAt: string, phases: Array<[string, string | null]> = [], endAt: string | null = null) => ({
    anchor: at(startAt),
    billingPeriod: 'MONTH' as const,
    startAt: at(startAt),
    endAt: endAt ? at(endAt) : null,
    phases: phases.map(([s, e]) => ({ startsAt: at(s), endsAt: e ? at(e) : null })),
  });

  it('are the starts and ends of subscriptions, phases and periods inside the hour', () => {
    const a = monthly('2026-02-10T14:05:00Z', [
      ['2026-02-10T14:05:00Z', '2026-03-10T14:42:00.250Z'],
      ['2026-03-10T14:42:00.250Z', null],
    ]);
    const b = monthly('2026-01-01T00:00:00Z', [], '2026-03-10T14:59:59.999Z');
    expect(boundariesWithin([a, b], hour).map((d) => d.toISOString())).toEqual([
      '2026-03-10T14:05:00.000Z', // a's period boundary (anchored at 14:05)
      '2026-03-10T14:42:00.250Z', // a's phase change
      '2026-03-10T14:59:59.999Z', // b's end
    ]);
    expect(boundariesWithin([monthly('2026-03-10T14:00:00Z')], hour)).toEqual([]); // on the hour: the hour itself
  });

  it('put an instant in the bucket starting at the last boundary at or before it', () => {
    const bounds = [at('2026-03-10T14:05:00Z'), at('2026-03-10T14:42:00Z')];
    expect(bucketStartOf(at('2026-03-10T14:04:59.999Z'), hour, bounds)).toEqual(hour.start);
    expect(bucketStartOf(at('2026-03-10T14:05:00Z'), hour, bounds)).toEqual(bounds[0]);
    expect(bucketStartOf(at('2026-03-10T14:59:00Z'), hour, bounds)).toEqual(bounds[1]);
  });

  it('tell which hours to split again after a change, with old and new boundaries', () => {
    const before = [monthly('2026-02-01T00:00:00Z', [['2026-02-01T00:00:00Z', null]])];
    const after = [
      monthly('2026-02-01T00:00:00Z', [
        ['2026-02-01T00:00:00Z', '2026-03-10T14:20:00Z'],
        ['2026-03-10T14:20:00Z', null],
      ]),
    ];
    expect(hoursToSplit(before, after, at('2026-04-01T00:00:00Z'))).toEqual([{ hour, boundaries: [at('2026-03-10T14:20:00Z')] }]);
    expect(hoursToSplit(after, after, at('2026-04-01T00:00:00Z'))).toEqual([]);
    // a boundary after all known usage splits nothing yet: usage arriving later is bucketed with it
    expect(hoursToSplit(before, after, at('2026-03-01T00:00:00Z'))).toEqual([]);
  });

  it('split every window of a customer exactly (property: buckets starting in a window hold exactly its instants)', () => {
    const base = Date.parse('2026-03-10T14:00:00Z');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 3_599_999 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 3_599_999 }), { maxLength: 30 }),
        (cuts, instants) => {
          const sorted = [...cuts].sort((x, y) => x - y).map((c) => new Date(base + c));
          const subscription = monthly('2026-03-01T00:00:00Z', [
            ['2026-03-01T00:00:00Z', sorted[0].toISOString()],
            ...sorted.map((d, i): [string, string | null] => [d.toISOString(), sorted[i + 1]?.toISOString() ?? null]),
          ]);
          const bounds = boundariesWithin([subscription], hour);
          const window = { start: sorted[0], end: sorted[sorted.length - 1] };
          for (const t of instants.map((i) => new Date(base + i))) {
            const bucket = bucketStartOf(t, hour, bounds);
            expect(bucket >= window.start && bucket < window.end).toBe(t >= window.start && t < window.end);
          }
        },
      ),
    );
  });
});

describe('stretchUsage', () => {
  const perUnit = parsePrice({ model: 'PER_UNIT', unitPrice: '1' });

  it('is undefined without usage', () => {
    expect(stretchUsage([], perUnit)).toBeUndefined();
  });

  it('merges rows the way each aggregation merges (totals and single events alike), not by adding values', () => {
    const events = [
      { n: 5, region: 'eu', at: '2026-03-01T10:00:00Z' },
      { n: 2, region: 'us', at: '2026-03-01T10:30:00Z' },
      { n: 9, region: 'eu', at: '2026-03-01T12:00:00Z' },
      { n: 2, region: 'ap', at: '2026-03-01T12:10:00Z' },
    ].map((e, i) => ({ id: `e${i}`, timestamp: at(e.at), values: { n: d(e.n) }, properties: { region: e.region } }));
    for (const aggregation of Aggregations) {
      const metric = {
        aggregation,
        valueReference: aggregation === 'COUNT' || aggregation === 'UNIQUE_COUNT' ? null : 'n',
        property: aggregation === 'UNIQUE_COUNT' ? 'region' : null,
        filters: {},
      };
      // the first two as one hourly total, the others one by one
      const hour = events.slice(0, 2).reduce((s, e) => accumulate(s, metric, e), emptyState());
      const rows: UsageRow[] = [
        { aggregation, dimensions: {}, state: hour },
        ...events
          .slice(2)
          .map((e) => ({ aggregation, dimensions: {}, state: accumulate(emptyState(), metric, e), event: { at: e.timestamp, id: e.id } })),
      ];
      expect(quantityOf(stretchUsage(rows, perUnit))).toBe(aggregate(metric, events).toFixed());
    }
  });

  it('groups by the price’s dimension rules and merges within each group', () => {
    const byModel = parsePrice({
      model: 'PER_UNIT',
      unitPrice: '1',
      dimensions: [{ match: { model: 'gpt-4' }, config: { model: 'PER_UNIT', unitPrice: '10' } }],
    });
    const usage = stretchUsage(
      [
        row('MAX', { model: 'gpt-4', region: 'eu' }, { count: 1, max: d(5) }),
        row('MAX', { model: 'gpt-4', region: 'us' }, { count: 1, max: d(8) }),
        row('MAX', { model: 'small', region: 'us' }, { count: 1, max: d(100) }),
        row('MAX', { model: null, region: 'us' }, { count: 1, max: d(30) }),
      ],
      byModel,
    ) as DimensionalUsage[];
    const groups = usage.map((u) => [u.properties.model ?? null, (u.usage as { quantity: Decimal }).quantity.toFixed()]);
    expect(groups).toEqual([
      ['gpt-4', '8'],
      ['small', '100'],
    ]);
    expect(price(byModel, usage).amount.toFixed()).toBe('180');
  });

  it('gives percentage prices the real transactions in order of time then event id: min, max, free transactions exact', () => {
    const pct = parsePrice({
      model: 'PERCENTAGE',
      rate: '10',
      minPerTransaction: '1',
      maxPerTransaction: '5',
      freeTransactions: '1',
    });
    const rows = [
      row('SUM', {}, { count: 1, sum: d(200) }, { at: at('2026-03-01T12:00:00Z'), id: 'b' }),
      row('SUM', {}, { count: 1, sum: d(3) }, { at: at('2026-03-01T10:00:00Z'), id: 'z' }),
      row('SUM', {}, { count: 1, sum: d(30) }, { at: at('2026-03-01T12:00:00Z'), id: 'a' }),
    ];
    const usage = stretchUsage(rows, pct) as { kind: 'amounts'; amounts: Decimal[] };
    expect(usage.amounts.map((a) => a.toFixed())).toEqual(['3', '30', '200']);
    // the first (3 at 10:00) is free; 30 → 3; 200 → 20 capped at 5
    expect(price(pct, usage).amount.toFixed()).toBe('8');
    expect(() => stretchUsage([row('SUM', {}, { count: 2, sum: d(5) })], pct)).toThrow(/needs the events/);
  });
});

const version = (id: string, items: Array<{ item: string; metric: string; price: Record<string, unknown> }>): VersionForBilling => ({
  id,
  minimumCommitment: null,
  prices: items.map((i) => ({
    productItemId: i.item,
    productItemName: i.item,
    chargeType: 'USAGE',
    metricReference: i.metric,
    deduction: false,
    recurringTiming: null,
    price: i.price,
  })),
});
const phase = (startsAt: string, endsAt: string | null, planVersionId: string, overrides = {}, seats = 1): PhaseForBilling => ({
  startsAt: at(startsAt),
  endsAt: endsAt ? at(endsAt) : null,
  planVersionId,
  seats,
  overrides,
});
const P1 = { model: 'PER_UNIT', unitPrice: '1' };
const P2 = { model: 'PER_UNIT', unitPrice: '2' };

describe('usageStretches', () => {
  const versions = new Map([
    ['v1', version('v1', [{ item: 'calls', metric: 'calls', price: P1 }])],
    ['v1b', version('v1b', [{ item: 'calls', metric: 'calls', price: { unitPrice: '1.00', model: 'PER_UNIT' } }])],
    ['v2', version('v2', [{ item: 'calls', metric: 'calls', price: P2 }])],
    ['none', version('none', [])],
  ]);
  const window = { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') };
  const spans = (phases: PhaseForBilling[]) =>
    usageStretches(phases, versions, window).map((s) => [
      s.start.toISOString(),
      s.end.toISOString(),
      (s.price as { unitPrice: string }).unitPrice,
    ]);

  it('splits where the item’s price changes, to the millisecond', () => {
    expect(spans([phase('2026-01-01T00:00:00Z', '2026-03-10T14:05:00.123Z', 'v1'), phase('2026-03-10T14:05:00.123Z', null, 'v2')])).toEqual(
      [
        ['2026-03-01T00:00:00.000Z', '2026-03-10T14:05:00.123Z', '1'],
        ['2026-03-10T14:05:00.123Z', '2026-04-01T00:00:00.000Z', '2'],
      ],
    );
  });

  it('does not split where the price stays the same (seats, another version with an equal price), and skips phases without it', () => {
    expect(
      spans([
        phase('2026-01-01T00:00:00Z', '2026-03-05T00:00:00Z', 'v1'),
        phase('2026-03-05T00:00:00Z', '2026-03-10T00:00:00Z', 'v1', {}, 5),
        phase('2026-03-10T00:00:00Z', '2026-03-15T00:00:00Z', 'v1b'),
        phase('2026-03-15T00:00:00Z', '2026-03-20T00:00:00Z', 'none'),
        phase('2026-03-20T00:00:00Z', null, 'v1', { calls: P2 }),
      ]),
    ).toEqual([
      ['2026-03-01T00:00:00.000Z', '2026-03-15T00:00:00.000Z', '1'],
      ['2026-03-20T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2'],
    ]);
  });
});

describe('unnamedUsageIntervals', () => {
  const versions = new Map([
    ['calls', version('calls', [{ item: 'calls', metric: 'calls', price: P1 }])],
    ['storage', version('storage', [{ item: 'gb', metric: 'gb', price: P1 }])],
  ]);
  const sub = (id: string, startAt: string, endAt: string | null, phases: PhaseForBilling[]) => ({
    id,
    startAt: at(startAt),
    endAt: endAt ? at(endAt) : null,
    phases,
  });

  it('gives each instant’s usage of a metric to one subscription only, the earlier one where two overlap', () => {
    const a = sub('a', '2026-03-01T00:00:00Z', '2026-03-20T00:00:00Z', [phase('2026-03-01T00:00:00Z', null, 'calls')]);
    const b = sub('b', '2026-03-10T00:00:00Z', null, [phase('2026-03-10T00:00:00Z', null, 'calls')]);
    const c = sub('c', '2026-03-05T00:00:00Z', null, [phase('2026-03-05T00:00:00Z', null, 'storage')]);
    const all = [a, b, c];
    expect(unnamedUsageIntervals(a, all, versions, 'calls')).toEqual([
      { start: at('2026-03-01T00:00:00Z'), end: at('2026-03-20T00:00:00Z') },
    ]);
    expect(unnamedUsageIntervals(b, all, versions, 'calls')).toEqual([{ start: at('2026-03-20T00:00:00Z'), end: new Date(8.64e15) }]);
    expect(unnamedUsageIntervals(c, all, versions, 'calls')).toEqual([]);
    expect(unnamedUsageIntervals(c, all, versions, 'gb')).toHaveLength(1);
  });

  it('never gives an instant to two subscriptions (property)', () => {
    const day = 86_400_000;
    const base = Date.parse('2026-03-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: 30 }),
            length: fc.integer({ min: 1, max: 30 }),
            plan: fc.constantFrom('calls', 'storage'),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.integer({ min: 0, max: 70 * 24 }),
        (raw, hour) => {
          const subs = raw.map((r, i) =>
            sub(`s${i}`, new Date(base + r.start * day).toISOString(), new Date(base + (r.start + r.length) * day).toISOString(), [
              phase(new Date(base + r.start * day).toISOString(), null, r.plan),
            ]),
          );
          const instant = base + hour * 3_600_000;
          const owners = subs.filter((s) =>
            unnamedUsageIntervals(s, subs, versions, 'calls').some((i) => i.start.getTime() <= instant && instant < i.end.getTime()),
          );
          const pricing = subs.filter((s, i) => raw[i].plan === 'calls' && s.startAt.getTime() <= instant && instant < s.endAt!.getTime());
          expect(owners.length).toBe(pricing.length > 0 ? 1 : 0);
        },
      ),
    );
  });

  it('subtracts intervals', () => {
    const i = (a: number, b: number) => ({ start: new Date(a), end: new Date(b) });
    expect(subtractIntervals([i(0, 10)], [i(2, 4), i(6, 12)])).toEqual([i(0, 2), i(4, 6)]);
  });
});

describe('allocate', () => {
  it('splits a rounded total over exact shares by largest remainder, adding up exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('EUR', 'JPY', 'BHD'),
        (raw, currency) => {
          const shares = raw.map((r) => d(r).dividedBy(7919));
          const exact = shares.reduce((a, b) => a.plus(b), d(0));
          const digits = currency === 'JPY' ? 0 : currency === 'BHD' ? 3 : 2;
          const total = exact.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
          const parts = allocate(total, shares, currency);
          expect(parts.reduce((a, b) => a.plus(b), d(0)).toFixed()).toBe(total.toFixed());
          parts.forEach((p, k) => {
            expect(p.decimalPlaces()).toBeLessThanOrEqual(digits);
            expect(p.minus(shares[k]).abs().lessThan(d(10).pow(-digits))).toBe(true);
          });
        },
      ),
    );
  });
});

describe('eventCost', () => {
  const graduated = {
    model: 'GRADUATED',
    tiers: [
      { upTo: '10', unitPrice: '0.333' },
      { upTo: null, unitPrice: '0.1' },
    ],
  };
  const versions = new Map([['v', version('v', [{ item: 'calls', metric: 'calls', price: graduated }])]]);
  const subscription: SubscriptionForCost = {
    id: 's',
    customerId: 'c',
    anchor: at('2026-03-01T00:00:00Z'),
    billingPeriod: 'MONTH',
    startAt: at('2026-03-01T00:00:00Z'),
    endAt: null,
    phases: [phase('2026-03-01T00:00:00Z', null, 'v')],
  };

  it('adds up, over a stretch’s events, to the rounded line (SUM, property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 15 }), (values) => {
        const rows = values.map((v, i) =>
          row(
            'SUM',
            {},
            { count: 1, sum: d(v) },
            { at: new Date(Date.parse('2026-03-02T00:00:00Z') + i * 1000), id: `e${String(i).padStart(2, '0')}` },
          ),
        );
        let sum = d(0);
        for (const [i, v] of values.entries()) {
          const event = {
            id: `e${String(i).padStart(2, '0')}`,
            at: rows[i].event!.at,
            subscriptionId: null,
            contributions: [{ metric: 'calls', value: d(v) }],
            properties: {},
          };
          const [billing] = eventBillings(event, [subscription], versions);
          sum = sum.plus(eventCost(event, billing, () => rows, 'EUR'));
        }
        const line = price(parsePrice(graduated), { kind: 'quantity', quantity: values.reduce((a, v) => a.plus(v), d(0)) }).amount;
        expect(sum.toFixed()).toBe(line.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed());
      }),
    );
  });

  it('is nothing for usage outside the subscription or its metrics, and counts an event not arrived yet', () => {
    const before = {
      id: 'x',
      at: at('2026-02-28T23:59:59.999Z'),
      subscriptionId: null,
      contributions: [{ metric: 'calls', value: d(3) }],
      properties: {},
    };
    expect(eventBillings(before, [subscription], versions)).toEqual([]);
    const other = { ...before, at: at('2026-03-05T00:00:00Z'), contributions: [{ metric: 'storage', value: d(3) }] };
    expect(eventBillings(other, [subscription], versions)).toEqual([]);
    const fresh = { ...before, at: at('2026-03-05T00:00:00Z') };
    const [billing] = eventBillings(fresh, [subscription], versions);
    expect(eventCost(fresh, billing, () => [], 'EUR').toFixed()).toBe('1');
  });
});
