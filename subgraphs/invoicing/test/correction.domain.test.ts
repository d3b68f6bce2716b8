import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import { correctionLines } from '../src/domain/correction';
import type { InvoiceLineDraft } from '../src/domain/invoice-calculation';

const d = (value: string | number) => new Decimal(value);

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
