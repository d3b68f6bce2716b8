import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import {
  compareLines,
  substitutePhases,
  totalsByCurrency,
  withCorrections,
  type ComparedLineInput,
} from '../src/domain/pricing-simulation';
import type { LineKind, PhaseForBilling } from '../src/domain/invoice-calculation';

const d = (value: string | number) => new Decimal(value);
const at = (iso: string) => new Date(iso);

const line = (kind: LineKind, item: string | null, amount: string, extra: Partial<ComparedLineInput> = {}): ComparedLineInput => ({
  kind,
  productItemId: item,
  description: item ?? 'Minimum commitment of 100',
  quantity: null,
  amount: d(amount),
  windowStart: null,
  windowEnd: null,
  ...extra,
});

describe('substitutePhases', () => {
  const phase = (version: string, startsAt: string, endsAt: string | null): PhaseForBilling => ({
    startsAt: at(startsAt),
    endsAt: endsAt ? at(endsAt) : null,
    planVersionId: version,
    seats: 3,
    overrides: { fee: { model: 'FLAT', amount: '5' } },
  });

  it('points the replaced phases at the target and keeps instants, seats and overrides', () => {
    const phases = [phase('v1', '2026-01-01T00:00:00Z', '2026-02-10T00:00:00Z'), phase('other', '2026-02-10T00:00:00Z', null)];
    const out = substitutePhases(phases, (v) => v === 'v1', 'v2');
    expect(out.map((p) => p.planVersionId)).toEqual(['v2', 'other']);
    expect(out[0]).toEqual({ ...phases[0], planVersionId: 'v2' });
    expect(out[1]).toBe(phases[1]);
    expect(phases[0].planVersionId).toBe('v1');
  });
});

describe('compareLines', () => {
  it('puts each line next to the same line under the other pricing, with the difference', () => {
    const window = { windowStart: at('2026-03-01T00:00:00Z'), windowEnd: at('2026-04-01T00:00:00Z') };
    const current = [
      line('RECURRING', 'fee', '100', { description: 'Fee (in advance)' }),
      line('USAGE', 'calls', '50', { quantity: d(150), ...window }),
      line('MINIMUM_COMMITMENT', null, '10'),
    ];
    const simulated = [
      line('RECURRING', 'fee', '120', { description: 'Fee (in advance)' }),
      line('USAGE', 'calls', '37.5', { quantity: d(150), ...window }),
      line('USAGE', 'storage', '4', { quantity: d(2), ...window }),
    ];
    const rows = compareLines(current, simulated);
    expect(
      rows.map((r) => [
        r.kind,
        r.productItemId,
        r.currentAmount?.toFixed() ?? null,
        r.simulatedAmount?.toFixed() ?? null,
        r.difference.toFixed(),
      ]),
    ).toEqual([
      ['RECURRING', 'fee', '100', '120', '20'],
      ['USAGE', 'calls', '50', '37.5', '-12.5'],
      ['USAGE', 'storage', null, '4', '4'],
      ['MINIMUM_COMMITMENT', null, '10', null, '-10'],
    ]);
    expect(rows[1].currentQuantity?.toFixed()).toBe('150');
    expect(rows[1].simulatedQuantity?.toFixed()).toBe('150');
  });

  it('matches usage lines by stretch, the commitment true-up whatever its amount, repeats in order', () => {
    const first = { windowStart: at('2026-03-01T00:00:00Z'), windowEnd: at('2026-03-15T00:00:00Z') };
    const second = { windowStart: at('2026-03-15T00:00:00Z'), windowEnd: at('2026-04-01T00:00:00Z') };
    const current = [line('USAGE', 'calls', '1', first), line('USAGE', 'calls', '2', second), line('MINIMUM_COMMITMENT', null, '3')];
    const simulated = [
      line('USAGE', 'calls', '5', second),
      line('USAGE', 'calls', '4', first),
      line('MINIMUM_COMMITMENT', null, '7', { description: 'Minimum commitment of 200' }),
    ];
    expect(compareLines(current, simulated).map((r) => [r.currentAmount?.toFixed(), r.simulatedAmount?.toFixed()])).toEqual([
      ['2', '5'],
      ['1', '4'],
      ['3', '7'],
    ]);
    const repeated = [line('ONE_OFF', 'setup', '1'), line('ONE_OFF', 'setup', '2')];
    expect(
      compareLines(repeated, [line('ONE_OFF', 'setup', '9')]).map((r) => [
        r.currentAmount?.toFixed(),
        r.simulatedAmount?.toFixed() ?? null,
      ]),
    ).toEqual([
      ['1', '9'],
      ['2', null],
    ]);
  });

  const kinds: LineKind[] = ['USAGE', 'RECURRING', 'SEAT', 'ONE_OFF', 'PRORATION_CREDIT', 'PRORATION_CHARGE', 'MINIMUM_COMMITMENT'];
  const arbitraryLine = fc
    .record({
      kind: fc.constantFrom(...kinds),
      item: fc.constantFrom('a', 'b', 'c', null),
      cents: fc.integer({ min: -100_000, max: 100_000 }),
      window: fc.constantFrom(0, 1),
    })
    .map(({ kind, item, cents, window }) =>
      line(kind, item, new Decimal(cents).dividedBy(100).toFixed(), {
        windowStart: at(window ? '2026-03-10T00:00:00Z' : '2026-03-01T00:00:00Z'),
        windowEnd: at('2026-04-01T00:00:00Z'),
      }),
    );
  const sum = (values: Array<Decimal | null>) => values.reduce<Decimal>((a, b) => a.plus(b ?? 0), d(0));

  it('keeps every line of both sides exactly once, and the differences add up to simulated − current', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLine, { maxLength: 12 }), fc.array(arbitraryLine, { maxLength: 12 }), (current, simulated) => {
        const rows = compareLines(current, simulated);
        expect(rows.filter((r) => r.simulatedAmount !== null)).toHaveLength(simulated.length);
        expect(rows.filter((r) => r.currentAmount !== null)).toHaveLength(current.length);
        expect(sum(rows.map((r) => r.currentAmount)).equals(sum(current.map((l) => l.amount)))).toBe(true);
        expect(sum(rows.map((r) => r.simulatedAmount)).equals(sum(simulated.map((l) => l.amount)))).toBe(true);
        expect(
          sum(rows.map((r) => r.difference)).equals(sum(simulated.map((l) => l.amount)).minus(sum(current.map((l) => l.amount)))),
        ).toBe(true);
      }),
    );
  });

  it('finds no difference when nothing changed', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLine, { maxLength: 12 }), (lines) => {
        const rows = compareLines(lines, lines);
        expect(rows).toHaveLength(lines.length);
        expect(rows.every((r) => r.difference.isZero() && r.currentAmount !== null && r.simulatedAmount !== null)).toBe(true);
      }),
    );
  });
});

describe('totalsByCurrency', () => {
  it('adds per currency, never across currencies', () => {
    const totals = totalsByCurrency([
      { currency: 'EUR', current: d('10.5'), simulated: d('12') },
      { currency: 'USD', current: d('3'), simulated: d('1') },
      { currency: 'EUR', current: d('0.25'), simulated: d('0') },
    ]);
    expect(totals.map((t) => [t.currency, t.current.toFixed(), t.simulated.toFixed(), t.difference.toFixed()])).toEqual([
      ['EUR', '10.75', '12', '1.25'],
      ['USD', '3', '1', '-2'],
    ]);
    expect(totalsByCurrency([])).toEqual([]);
  });
});

describe('withCorrections', () => {
  const window = { windowStart: at('2026-03-01T00:00:00Z'), windowEnd: at('2026-04-01T00:00:00Z') };
  it('folds each correction line into the invoice line of its kind, item and stretch; keeps one of its own otherwise', () => {
    const invoice = [line('USAGE', 'calls', '10', { ...window, quantity: d(1000) }), line('RECURRING', 'fee', '49')];
    const corrections = [
      line('USAGE', 'calls', '2.5', { ...window, quantity: d(250), description: 'Correction for …: calls' }),
      line('USAGE', 'calls', '-0.5', { ...window, quantity: d(-50), description: 'Correction for …: calls' }),
      line('USAGE', 'storage', '3', { ...window, quantity: d(3), description: 'Correction for …: storage' }),
    ];
    const out = withCorrections(invoice, corrections);
    expect(out.map((l) => [l.productItemId, l.amount.toFixed(), l.quantity?.toFixed() ?? null])).toEqual([
      ['calls', '12', '1200'],
      ['fee', '49', null],
      ['storage', '3', '3'],
    ]);
    expect(invoice[0].amount.toFixed()).toBe('10'); // the inputs are not changed
  });

  it('keeps the sum: what the lines say is the invoice plus its corrections, whatever they correct', () => {
    const items = fc.constantFrom('a', 'b', 'c');
    const amount = fc.integer({ min: -10_000, max: 10_000 }).map((n) => (n / 100).toFixed(2));
    const lines = fc.array(
      fc.record({ item: items, amount }).map(({ item, amount: a }) => line('RECURRING', item, a)),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(lines, lines, (invoice, corrections) => {
        const sum = (ls: ComparedLineInput[]) => ls.reduce((t, l) => t.plus(l.amount), d(0));
        expect(sum(withCorrections(invoice, corrections)).eq(sum(invoice).plus(sum(corrections)))).toBe(true);
      }),
    );
  });
});
