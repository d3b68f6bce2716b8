import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import { periodAt } from '@meterline/periods';
import { parsePrice, price, type DimensionalUsage, type Usage } from '@meterline/pricing';
import { emptyState, mergeStates, type AggregateState, type Aggregation } from '@meterline/usage';
import { correctionLines } from '../src/domain/correction';
import type { InvoiceLineDraft } from '../src/domain/invoice-calculation';
import { estimateEventCost } from '../src/domain/event-cost';
import { periodUsage, usageHours, type UsageTotal } from '../src/domain/period-usage';

const d = (value: string | number) => new Decimal(value);
const state = (parts: Partial<AggregateState>): AggregateState => ({ ...emptyState(), ...parts });
const total = (
  metric: string,
  aggregation: Aggregation,
  dimensions: Record<string, string | null>,
  s: Partial<AggregateState>,
): UsageTotal => ({
  metric,
  aggregation,
  dimensions,
  state: state(s),
});
const quantityOf = (usage: Usage | DimensionalUsage[] | undefined) => {
  if (!usage || Array.isArray(usage) || usage.kind !== 'quantity') throw new Error(`expected a quantity, got ${JSON.stringify(usage)}`);
  return usage.quantity.toFixed();
};

describe('usageHours', () => {
  it('bills the hours from the one holding the period’s start to the one holding its end', () => {
    const period = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };
    expect(usageHours(period)).toEqual({ from: period.start, to: period.end });
    const offHour = { start: new Date('2026-03-01T10:30:00Z'), end: new Date('2026-04-01T10:30:00Z') };
    expect(usageHours(offHour)).toEqual({ from: new Date('2026-03-01T10:00:00Z'), to: new Date('2026-04-01T10:00:00Z') });
  });

  it('gives every hour to exactly one period, whatever the anchor', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('MONTH' as const, 'QUARTER' as const, 'YEAR' as const),
        fc.integer({ min: 0, max: 40 }),
        (anchor, billingPeriod, index) => {
          const current = usageHours(periodAt(anchor, billingPeriod, index));
          const next = usageHours(periodAt(anchor, billingPeriod, index + 1));
          expect(next.from).toEqual(current.to);
          expect(current.from < current.to).toBe(true);
        },
      ),
    );
  });
});

describe('periodUsage', () => {
  const perUnit = parsePrice({ model: 'PER_UNIT', unitPrice: '1' });

  it('is undefined for a metric without usage', () => {
    expect(periodUsage([])('calls', perUnit)).toBeUndefined();
  });

  it('merges hours and dimensions the way each aggregation merges, not by adding values', () => {
    const hours = (aggregation: Aggregation, parts: Array<Partial<AggregateState>>) =>
      periodUsage(parts.map((p, i) => total('m', aggregation, { region: i % 2 ? 'eu' : 'us' }, p)))('m', perUnit);
    expect(
      quantityOf(
        hours('SUM', [
          { count: 2, sum: d('1.5') },
          { count: 1, sum: d('2') },
        ]),
      ),
    ).toBe('3.5');
    expect(
      quantityOf(
        hours('COUNT', [
          { count: 2, sum: d(0) },
          { count: 5, sum: d(0) },
        ]),
      ),
    ).toBe('7');
    expect(
      quantityOf(
        hours('MAX', [
          { count: 1, max: d(4) },
          { count: 1, max: d(9) },
          { count: 1, max: d(2) },
        ]),
      ),
    ).toBe('9');
    expect(
      quantityOf(
        hours('MIN', [
          { count: 1, min: d(4) },
          { count: 1, min: d(-1) },
        ]),
      ),
    ).toBe('-1');
    // AVERAGE over all events: (10 + 2) / (2 + 4) = 2, not the average of the averages (5 and 0.5)
    expect(
      quantityOf(
        hours('AVERAGE', [
          { count: 2, sum: d(10) },
          { count: 4, sum: d(2) },
        ]),
      ),
    ).toBe('2');
    // UNIQUE_COUNT: the union of the distinct values, {a, b, c}
    expect(
      quantityOf(
        hours('UNIQUE_COUNT', [
          { count: 2, distinct: ['a', 'b'] },
          { count: 2, distinct: ['b', 'c'] },
        ]),
      ),
    ).toBe('3');
    const latest = hours('LATEST', [
      { count: 1, latest: { value: d(7), at: '2026-03-02T00:00:00.000Z', id: 'x' } },
      { count: 1, latest: { value: d(3), at: '2026-03-01T00:00:00.000Z', id: 'y' } },
    ]);
    expect(quantityOf(latest)).toBe('7');
  });

  it('groups by the price’s dimension rules and merges within each group', () => {
    const byModel = parsePrice({
      model: 'PER_UNIT',
      unitPrice: '1',
      dimensions: [{ match: { model: 'gpt-4' }, config: { model: 'PER_UNIT', unitPrice: '10' } }],
    });
    const usage = periodUsage([
      total('tokens', 'MAX', { model: 'gpt-4', region: 'eu' }, { count: 1, max: d(5) }),
      total('tokens', 'MAX', { model: 'gpt-4', region: 'us' }, { count: 1, max: d(8) }),
      total('tokens', 'MAX', { model: 'small', region: 'us' }, { count: 1, max: d(100) }),
      total('tokens', 'MAX', { model: null, region: 'us' }, { count: 1, max: d(30) }),
    ])('tokens', byModel) as DimensionalUsage[];
    const groups = usage.map((u) => [u.properties.model ?? null, (u.usage as { quantity: Decimal }).quantity.toFixed()]);
    // gpt-4: max(5, 8) = 8 at 10; the rest falls to the default config: max(100, 30) = 100 at 1
    expect(groups).toEqual([
      ['gpt-4', '8'],
      ['small', '100'],
    ]);
    expect(price(byModel, usage).amount.toFixed()).toBe('180');
  });

  it('prices a rate and a fixed fee per transaction from count and sum exactly as from the transactions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 0, maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        (cents, rateBasisPoints, feeCents) => {
          const percentage = parsePrice({
            model: 'PERCENTAGE',
            rate: d(rateBasisPoints).dividedBy(100).toFixed(),
            fixedFee: d(feeCents).dividedBy(100).toFixed(),
          });
          const amounts = cents.map((c) => d(c).dividedBy(100));
          const merged = amounts.reduce((s, a) => mergeStates(s, state({ count: 1, sum: a })), emptyState());
          const fromTotals = periodUsage([total('volume', 'SUM', {}, merged)])('volume', percentage);
          const real = price(percentage, { kind: 'amounts', amounts });
          expect(price(percentage, fromTotals ?? { kind: 'amounts', amounts: [] }).amount.toFixed()).toBe(real.amount.toFixed());
        },
      ),
    );
  });
});

describe('correctionLines', () => {
  const period = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };
  const line = (kind: InvoiceLineDraft['kind'], item: string | null, amount: string, quantity: string | null = null): InvoiceLineDraft => ({
    kind,
    productItemId: item,
    description: item ?? 'commitment',
    quantity: quantity === null ? null : d(quantity),
    amount: d(amount),
    exactAmount: d(amount),
    deduction: false,
    breakdown: [],
  });

  it('is empty when nothing changed', () => {
    const lines = [line('RECURRING', 'fee', '100'), line('USAGE', 'calls', '5', '1500')];
    expect(correctionLines(lines, lines, period)).toEqual([]);
  });

  it('bills the difference per kind and item against everything issued for the period', () => {
    const recomputed = [line('RECURRING', 'fee', '100'), line('USAGE', 'calls', '8', '1800'), line('MINIMUM_COMMITMENT', null, '2')];
    const original = [line('RECURRING', 'fee', '100'), line('USAGE', 'calls', '5', '1500'), line('MINIMUM_COMMITMENT', null, '5')];
    const earlierCorrection = [line('USAGE', 'calls', '1', '100')];
    const lines = correctionLines(recomputed, [...original, ...earlierCorrection], period);
    expect(lines.map((l) => [l.kind, l.productItemId, l.amount.toFixed(), l.quantity?.toFixed() ?? null, l.description])).toEqual([
      ['USAGE', 'calls', '2', '200', 'Correction for 2026-03-01T00:00:00.000Z – 2026-04-01T00:00:00.000Z: calls'],
      // the late usage raised the usage lines, so less commitment true-up is due: a credit line
      ['MINIMUM_COMMITMENT', null, '-3', null, 'Correction for 2026-03-01T00:00:00.000Z – 2026-04-01T00:00:00.000Z: commitment'],
    ]);
  });

  it('after the correction is issued too, nothing is left to correct (billed = recomputed)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        (before, after) => {
          const toLines = (cents: number[]) => cents.map((c, i) => line('USAGE', `item-${i}`, d(c).dividedBy(100).toFixed()));
          const issued = toLines(before);
          const correction = correctionLines(toLines(after), issued, period);
          expect(correctionLines(toLines(after), [...issued, ...correction], period)).toEqual([]);
        },
      ),
    );
  });
});

describe('estimateEventCost', () => {
  const version = (prices: Array<{ metric: string; price: Record<string, unknown> }>) =>
    new Map([
      [
        'v1',
        {
          id: 'v1',
          minimumCommitment: null,
          prices: prices.map((p, i) => ({
            productItemId: `item-${i}`,
            productItemName: p.metric,
            chargeType: 'USAGE' as const,
            metricReference: p.metric,
            deduction: false,
            recurringTiming: null,
            price: p.price,
          })),
        },
      ],
    ]);
  const phases = [{ startsAt: new Date('2026-03-01T00:00:00Z'), endsAt: null, planVersionId: 'v1', seats: 1, overrides: {} }];
  const end = new Date('2026-04-01T00:00:00Z');
  const graduated = {
    model: 'GRADUATED',
    tiers: [
      { upTo: '1000', unitPrice: '0' },
      { upTo: null, unitPrice: '0.01' },
    ],
  };

  it('is the marginal cost for additive metrics, across a tier boundary', () => {
    const totals = [total('calls', 'SUM', {}, { count: 3, sum: d(1005) })];
    // price(1005) − price(995) = 0.05 − 0
    expect(
      estimateEventCost(
        { contributions: [{ metric: 'calls', value: d(10) }], properties: {} },
        phases,
        version([{ metric: 'calls', price: graduated }]),
        end,
        totals,
      )?.toFixed(),
    ).toBe('0.05');
  });

  it('adds the event when its delta has not arrived yet', () => {
    expect(
      estimateEventCost(
        { contributions: [{ metric: 'calls', value: d(1200) }], properties: {} },
        phases,
        version([{ metric: 'calls', price: graduated }]),
        end,
        [],
      )?.toFixed(),
    ).toBe('2');
  });

  it('splits the item evenly over the period’s events for non-additive metrics', () => {
    const totals = [total('seats', 'MAX', {}, { count: 4, max: d(10) })];
    const perUnit = { model: 'PER_UNIT', unitPrice: '3' };
    // MAX 10 × 3 = 30 over 4 events
    expect(
      estimateEventCost(
        { contributions: [{ metric: 'seats', value: d(2) }], properties: {} },
        phases,
        version([{ metric: 'seats', price: perUnit }]),
        end,
        totals,
      )?.toFixed(),
    ).toBe('7.5');
  });

  it('is null when no item prices the event’s metrics', () => {
    expect(
      estimateEventCost(
        { contributions: [{ metric: 'other', value: d(1) }], properties: {} },
        phases,
        version([{ metric: 'calls', price: graduated }]),
        end,
        [],
      ),
    ).toBeNull();
  });
});
