import { Decimal } from '@meterline/money';
import fc from 'fast-check';
import {
  eventContribution,
  addEvent,
  aggregate,
  Aggregations,
  emptyState,
  finalValue,
  mergeStates,
  metricApplies,
  stateFromJson,
  stateToJson,
  type AggregatableEvent,
  type Aggregation,
  type AggregateState,
  type MetricDefinition,
} from '../src';
import fixtures from './fixtures/pricing.json';

const metric = (aggregation: Aggregation, extra: Partial<MetricDefinition> = {}): MetricDefinition => ({
  aggregation,
  valueReference: aggregation === 'COUNT' || aggregation === 'UNIQUE_COUNT' ? null : 'v',
  property: aggregation === 'UNIQUE_COUNT' ? 'user' : null,
  filters: {},
  ...extra,
});

const event = (id: string, v: string, properties: Record<string, string> = {}, at = '2026-01-01T00:00:00Z'): AggregatableEvent => ({
  id,
  timestamp: new Date(at),
  values: { v: new Decimal(v) },
  properties,
});

describe('the AGGREGATION case of shared/examples/pricing.json', () => {
  const example = fixtures.cases.find((c) => c.model === 'AGGREGATION')!;
  const events = (example.config as { events: Array<{ user: string; pageviews: string }> }).events.map((e, i) =>
    event(String(i), e.pageviews, { user: e.user }),
  );
  it.each(
    (example.checks as Array<{ aggregation: Aggregation; property?: string; value: string }>).map((c) => [c.aggregation, c] as const),
  )('%s', (_name, check) => {
    expect(aggregate(metric(check.aggregation, { property: check.property ?? null }), events).toFixed()).toBe(check.value);
  });
});

describe('aggregations', () => {
  const events = [
    event('a', '10', { region: 'eu', user: 'u1' }, '2026-01-01T10:00:00Z'),
    event('b', '2.5', { region: 'us', user: 'u2' }, '2026-01-01T12:00:00Z'),
    event('c', '7', { region: 'eu', user: 'u1' }, '2026-01-01T12:00:00Z'),
  ];

  it.each([
    ['SUM', '19.5'],
    ['COUNT', '3'],
    ['MAX', '10'],
    ['MIN', '2.5'],
    ['AVERAGE', '6.5'],
    ['UNIQUE_COUNT', '2'],
    ['LATEST', '7'], // b and c share the latest timestamp: the larger event id wins, deterministically
  ] as Array<[Aggregation, string]>)('%s gives %s', (aggregation, expected) => {
    expect(aggregate(metric(aggregation), events).toFixed()).toBe(expected);
  });

  it('applies property filters before aggregating', () => {
    expect(aggregate(metric('SUM', { filters: { region: ['eu'] } }), events).toFixed()).toBe('17');
    expect(aggregate(metric('COUNT', { filters: { region: ['eu', 'us'], user: ['u2'] } }), events).toFixed()).toBe('1');
  });

  it('gives 0 for no events, whatever the aggregation', () => {
    for (const aggregation of Aggregations) expect(aggregate(metric(aggregation), []).toFixed()).toBe('0');
  });

  it('skips events without the value a value aggregation reads', () => {
    const withoutValue: AggregatableEvent = { id: 'x', timestamp: new Date(), values: {}, properties: {} };
    expect(metricApplies(metric('SUM'), withoutValue)).toBe(false);
    expect(metricApplies(metric('COUNT'), withoutValue)).toBe(true);
  });
});

describe('partial states (what metering.usage.recorded carries)', () => {
  const arbitraryEvents = fc.array(
    fc.record({
      id: fc.uuid(),
      ms: fc.integer({ min: 0, max: 10_000 }),
      v: fc.integer({ min: -1000, max: 100_000 }),
      scale: fc.integer({ min: 0, max: 4 }),
      user: fc.constantFrom('u1', 'u2', 'u3', 'u4'),
    }),
    { maxLength: 40 },
  );
  const toEvents = (raw: Array<{ id: string; ms: number; v: number; scale: number; user: string }>) =>
    raw.map((r) =>
      event(r.id, new Decimal(r.v).dividedBy(10 ** r.scale).toFixed(), { user: r.user }, new Date(1_700_000_000_000 + r.ms).toISOString()),
    );
  const stateOf = (m: MetricDefinition, events: AggregatableEvent[]) =>
    events.filter((e) => metricApplies(m, e)).reduce((s, e) => addEvent(s, m, e), emptyState());

  it('merged per-batch states equal aggregating everything at once, in any split and order', () => {
    fc.assert(
      fc.property(arbitraryEvents, fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom(...Aggregations), (raw, cuts, aggregation) => {
        const events = toEvents(raw);
        const m = metric(aggregation);
        const bounds = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        const batches: AggregatableEvent[][] = [];
        let start = 0;
        for (const end of [...bounds, events.length]) {
          batches.push(events.slice(start, end));
          start = end;
        }
        const merged = batches
          .reverse()
          .map((b) => stateOf(m, b))
          .reduce<AggregateState>((acc, s) => mergeStates(s, acc), emptyState());
        expect(finalValue(m, merged).toFixed()).toBe(aggregate(m, events).toFixed());
      }),
    );
  });

  it('survive the JSON round trip exactly', () => {
    fc.assert(
      fc.property(arbitraryEvents, fc.constantFrom(...Aggregations), (raw, aggregation) => {
        const m = metric(aggregation);
        const state = stateOf(m, toEvents(raw));
        expect(stateToJson(stateFromJson(stateToJson(state)))).toEqual(stateToJson(state));
      }),
    );
  });
});

describe('eventContribution', () => {
  it('is 1 for COUNT and UNIQUE_COUNT, the value for the others, null when the metric does not count the event', () => {
    const e = event('a', '2.5', { user: 'u1', region: 'eu' });
    expect(eventContribution(metric('COUNT'), e)?.toFixed()).toBe('1');
    expect(eventContribution(metric('UNIQUE_COUNT'), e)?.toFixed()).toBe('1');
    for (const aggregation of ['SUM', 'MAX', 'MIN', 'AVERAGE', 'LATEST'] as const)
      expect(eventContribution(metric(aggregation), e)?.toFixed()).toBe('2.5');
    expect(eventContribution(metric('SUM', { filters: { region: ['us'] } }), e)).toBeNull();
    expect(eventContribution(metric('SUM', { valueReference: 'other' }), e)).toBeNull();
    expect(eventContribution(metric('UNIQUE_COUNT', { property: 'missing' }), e)).toBeNull();
  });
});
