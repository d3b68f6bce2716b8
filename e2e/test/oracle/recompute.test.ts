import { expectedPeriods, priceKey, type OracleEvent, type OracleItem, type OracleSubscription, type PriceJson } from './recompute';

/** Hand-computed cases of the oracle's recomputation (no platform). */
const t = (iso: string) => Date.parse(iso);
const calls: OracleItem = {
  reference: 'calls',
  meter: 'm',
  metricReference: 'calls',
  metric: { aggregation: 'SUM', valueReference: 'calls', property: null, filters: {} },
};
let seq = 0;
const event = (
  at: string,
  values: Record<string, string>,
  properties: Record<string, string> = {},
  id = `ev${String(++seq).padStart(3, '0')}`,
): OracleEvent => ({
  id,
  customer: 'c',
  meter: 'm',
  timestamp: t(at),
  values,
  properties,
  subscription: null,
});
const sub = (
  id: string,
  startAt: string,
  endAt: string | null,
  phases: Array<[string, string | null, Record<string, PriceJson>]>,
): OracleSubscription => ({
  id,
  customer: 'c',
  startAt: t(startAt),
  endAt: endAt === null ? null : t(endAt),
  anchor: t(startAt),
  phases: phases.map(([s, e, prices]) => ({ startsAt: t(s), endsAt: e === null ? null : t(e), prices })),
});
const NOW = t('2026-02-01T00:00:00Z');

describe('the oracle recomputation', () => {
  it('prices each stretch on its own: tiers restart at a price change, not at a change that keeps the price', () => {
    const graduated: PriceJson = {
      model: 'GRADUATED',
      tiers: [
        { upTo: '10', unitPrice: '1', flatFee: '2' },
        { upTo: null, unitPrice: '0.5' },
      ],
    };
    const same: PriceJson = {
      tiers: [
        { flatFee: '2.00', unitPrice: '1', upTo: '10' },
        { unitPrice: '0.50', upTo: null },
      ],
      model: 'GRADUATED',
    };
    const perUnit: PriceJson = { model: 'PER_UNIT', unitPrice: '0.333' };
    const change = '2026-01-20T00:00:00.001Z';
    const s = sub('s', '2026-01-10T05:17:23.456Z', null, [
      ['2026-01-10T05:17:23.456Z', '2026-01-15T00:00:00Z', { calls: graduated }],
      ['2026-01-15T00:00:00Z', change, { calls: same }], // a seat change: same price, same stretch
      [change, null, { calls: perUnit }],
    ]);
    const events = [
      event('2026-01-12T00:00:00Z', { calls: '8' }),
      event('2026-01-19T23:59:59.999Z', { calls: '4.5' }),
      event(change, { calls: '3' }), // at the change instant: the new phase
      event('2026-01-25T00:00:00Z', { calls: '1.25' }),
      event('2026-01-10T05:17:23.455Z', { calls: '100' }), // before the start: not billed
    ];
    const [period] = expectedPeriods([s], [calls], events, NOW);
    expect([period.start, period.end]).toEqual([t('2026-01-10T05:17:23.456Z'), t('2026-02-10T05:17:23.456Z')]);
    // Stretch 1: 12.5 calls → 10 × 1 + 2 (flat fee) + 2.5 × 0.5 = 13.25. Stretch 2: 4.25 × 0.333 = 1.41525 → 1.42.
    expect(period.stretches.calls.map((x) => [x.exact, x.amount])).toEqual([
      ['13.25', '13.25'],
      ['1.41525', '1.42'],
    ]);
    expect(period).toMatchObject({ items: { calls: '14.67' }, total: '14.67' });
    expect(priceKey(graduated)).toBe(priceKey(same));
  });

  it('lets the first transactions of the stretch, in (timestamp, event id) order, be free; caps per transaction', () => {
    const pay: OracleItem = {
      reference: 'pay',
      meter: 'm',
      metricReference: 'pay',
      metric: { aggregation: 'SUM', valueReference: 'pay', property: null, filters: {} },
    };
    const percentage: PriceJson = { model: 'PERCENTAGE', rate: '2', fixedFee: '0.3', freeTransactions: '2', maxPerTransaction: '1.5' };
    const s = sub('s', '2026-01-01T00:00:00Z', null, [['2026-01-01T00:00:00Z', null, { pay: percentage }]]);
    const events = [
      event('2026-01-03T00:00:00Z', { pay: '200' }, {}, 'd'), // 4 + 0.3 = 4.3, capped at 1.5
      event('2026-01-02T00:00:00Z', { pay: '10' }, {}, 'c'), // 0.2 + 0.3 = 0.5
      event('2026-01-01T12:00:00Z', { pay: '100' }, {}, 'b'), // free (second)
      event('2026-01-01T12:00:00Z', { pay: '50' }, {}, 'a'), // free (first: same instant, smaller id)
    ];
    const [period] = expectedPeriods([s], [pay], events, NOW);
    expect(period.items).toEqual({ pay: '2' });
    // No transactions at all: nothing, not even a fixed fee.
    expect(expectedPeriods([s], [pay], [], NOW)[0].items).toEqual({ pay: '0' });
  });

  it('aggregates and prices each dimension rule apart, unmatched values with the default', () => {
    const peak: OracleItem = {
      reference: 'peak',
      meter: 'm',
      metricReference: 'peak',
      metric: { aggregation: 'MAX', valueReference: 'calls', property: null, filters: {} },
    };
    const price: PriceJson = {
      model: 'PER_UNIT',
      unitPrice: '1',
      dimensions: [{ match: { region: 'eu' }, config: { model: 'PER_UNIT', unitPrice: '0.1' } }],
    };
    const s = sub('s', '2026-01-01T00:00:00Z', null, [['2026-01-01T00:00:00Z', null, { peak: price }]]);
    const events = [
      event('2026-01-02T00:00:00Z', { calls: '5' }, { region: 'eu' }),
      event('2026-01-03T00:00:00Z', { calls: '7' }, { region: 'eu' }),
      event('2026-01-04T00:00:00Z', { calls: '3' }, { region: 'us' }),
      event('2026-01-05T00:00:00Z', { calls: '2' }),
    ];
    // eu: max 7 × 0.1 = 0.7; default (us and no region): max 3 × 1 = 3. Line 3.7 (not max 7 of everything).
    expect(expectedPeriods([s], [peak], events, NOW)[0].items).toEqual({ peak: '3.7' });
  });

  it('bills an event at the start instant, not one at the end instant: that one belongs to the next subscription', () => {
    const count: OracleItem = {
      reference: 'n',
      meter: 'm',
      metricReference: 'n',
      metric: { aggregation: 'COUNT', valueReference: null, property: null, filters: {} },
    };
    const one = sub('one', '2026-01-05T10:00:00.250Z', '2026-01-08T00:00:00.750Z', [
      ['2026-01-05T10:00:00.250Z', null, { n: { model: 'PER_UNIT', unitPrice: '1.5' } }],
    ]);
    const two = sub('two', '2026-01-08T00:00:00.750Z', null, [
      ['2026-01-08T00:00:00.750Z', null, { n: { model: 'PER_UNIT', unitPrice: '10' } }],
    ]);
    const events = [
      event('2026-01-05T10:00:00.249Z', { x: '1' }),
      event('2026-01-05T10:00:00.250Z', { x: '1' }),
      event('2026-01-08T00:00:00.749Z', { x: '1' }),
      event('2026-01-08T00:00:00.750Z', { x: '1' }),
    ];
    const periods = expectedPeriods([one, two], [count], events, NOW);
    expect(periods.map((p) => [p.subscription, p.items.n])).toEqual([
      ['one', '3'],
      ['two', '10'],
    ]);
  });

  it('bills a first-tier flat fee on zero usage, and does not bill an item the phase has no price for', () => {
    const graduated: PriceJson = {
      model: 'GRADUATED',
      tiers: [
        { upTo: '5', unitPrice: '1', flatFee: '4.995' },
        { upTo: null, unitPrice: '1' },
      ],
    };
    const s = sub('s', '2026-01-01T00:00:00Z', null, [['2026-01-01T00:00:00Z', null, { calls: graduated }]]);
    const other: OracleItem = { ...calls, reference: 'other' };
    const [period] = expectedPeriods([s], [calls, other], [], NOW);
    expect(period).toMatchObject({ items: { calls: '5' }, total: '5' });
  });
});
