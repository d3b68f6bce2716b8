import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import { parsePrice, price } from '@meterline/pricing';
import { breakdownText, decimalCell, instantCell, reportFileName, textCell } from '../src/domain/report-cells';

const priced = (json: unknown, quantity: string) => price(parsePrice(json), { kind: 'quantity', quantity: new Decimal(quantity) });

describe('report cells', () => {
  it('writes instants as RFC 3339 UTC to the millisecond, whatever offset they came with; none is an empty cell', () => {
    expect(instantCell(new Date('2026-03-01T01:00:00+01:00'))).toBe('2026-03-01T00:00:00.000Z');
    expect(instantCell('2026-03-31T23:59:59.5-02:00')).toBe('2026-04-01T01:59:59.500Z');
    expect(instantCell(null)).toBe('');
    expect(instantCell(undefined)).toBe('');
    expect(() => instantCell('yesterday')).toThrow('not an instant');
  });

  it('writes decimals as their exact digits: no exponent, no float rounding, trailing zeros dropped as Decimal does', () => {
    expect(decimalCell(new Decimal('0.1').plus('0.2'))).toBe('0.3');
    expect(decimalCell(new Decimal('1e-12'))).toBe('0.000000000001');
    expect(decimalCell(new Decimal('123456789012345678901234567890.5'))).toBe('123456789012345678901234567890.5');
    expect(decimalCell(new Decimal('-5.50'))).toBe('-5.5');
    expect(decimalCell(null)).toBe('');
  });

  it('reads any decimal back from its cell exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 }), (digits, scale) => {
        const value = new Decimal(digits.toString()).dividedBy(new Decimal(10).pow(scale));
        const cell = decimalCell(value);
        expect(cell).not.toMatch(/e/i);
        expect(new Decimal(cell).equals(value)).toBe(true);
      }),
    );
  });

  it('writes text as it is and booleans as true/false; none is empty', () => {
    expect(textCell('a, "b"')).toBe('a, "b"');
    expect(textCell(false)).toBe('false');
    expect(textCell(null)).toBe('');
  });

  it('writes graduated tiers as one readable cell, in tier order', () => {
    const result = priced(
      {
        model: 'GRADUATED',
        tiers: [
          { upTo: '100', unitPrice: '0' },
          { upTo: null, unitPrice: '0.5' },
        ],
      },
      '150',
    );
    expect(breakdownText(result.breakdown)).toBe('100 × 0 + 50 × 0.5');
  });

  it('writes a flat fee, a percentage and a dimension rule so that the cell says how the amount came', () => {
    const flat = priced({ model: 'GRADUATED', tiers: [{ upTo: null, unitPrice: '0.1', flatFee: '20' }] }, '30');
    expect(breakdownText(flat.breakdown)).toBe('30 × 0.1 + flat 20');
    const line = (over: Record<string, unknown>) => ({
      label: 'x',
      quantity: null,
      unitPrice: null,
      flatFee: null,
      rate: null,
      amount: new Decimal('7.25'),
      tier: null,
      from: null,
      to: null,
      dimension: null,
      ...over,
    });
    expect(breakdownText([line({ rate: new Decimal('2.9'), quantity: new Decimal('250') })])).toBe('2.9 % of 250');
    expect(breakdownText([line({ dimension: { region: 'eu' }, quantity: new Decimal(3), unitPrice: new Decimal(2) })])).toBe(
      '[region=eu] 3 × 2',
    );
    expect(breakdownText([line({})])).toBe('7.25');
    expect(breakdownText([])).toBe('');
  });

  it('names the file by the report and its bounds, open bounds as "all"', () => {
    expect(reportFileName('invoice-lines', new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'))).toBe(
      'invoice-lines-2026-03-01T000000Z-2026-04-01T000000Z.csv',
    );
    expect(reportFileName('payments', null, null)).toBe('payments-all-all.csv');
  });
});
