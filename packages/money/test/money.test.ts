import fc from 'fast-check';
import { Decimal, isCurrencyCode, minorUnits, parseDecimal, roundToMinorUnit } from '../src';

describe('parseDecimal', () => {
  it.each([
    ['12.50', '12.5'],
    ['-3', '-3'],
    ['0.0001', '0.0001'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('accepts "%s"', (input, expected) => {
    const value = parseDecimal(input);
    expect(Decimal.isDecimal(value)).toBe(true);
    expect(value.toFixed()).toBe(expected);
  });

  it.each(['1e5', '', 'abc', ' 1.2.3', '1.', '.5', '+1', '0x10', 'NaN', 'Infinity'])('rejects "%s"', (input) => {
    expect(() => parseDecimal(input)).toThrow(TypeError);
  });

  it('rejects a JS number passed where a string is expected', () => {
    expect(() => parseDecimal(1.5 as unknown as string)).toThrow(TypeError);
  });

  it('keeps more precision than a float', () => {
    expect(parseDecimal('0.1').plus(parseDecimal('0.2')).toFixed()).toBe('0.3');
  });
});

describe('minorUnits', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['CLF', 4],
  ])('gives %s %i decimals', (currency, digits) => {
    expect(minorUnits(currency)).toBe(digits);
  });

  it.each(['eur', 'EU', 'EURO', '', 'E1R'])('rejects "%s" as a currency code', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
    expect(() => minorUnits(code)).toThrow(TypeError);
  });
});

describe('roundToMinorUnit', () => {
  it.each([
    ['2.345', 'EUR', '2.35'],
    ['2.344999', 'EUR', '2.34'],
    ['-2.345', 'EUR', '-2.35'],
    ['2.5', 'JPY', '3'],
    ['3.5', 'JPY', '4'],
    // decimal.js ROUND_HALF_UP: "rounds towards nearest neighbour; if equidistant, rounds away from zero"
    ['-2.5', 'JPY', '-3'],
    ['-2.4', 'JPY', '-2'],
    ['1.0005', 'BHD', '1.001'],
    ['1.00049', 'BHD', '1'],
    ['0.00005', 'CLF', '0.0001'],
  ])('rounds %s %s half-up to %s', (amount, currency, expected) => {
    expect(roundToMinorUnit(new Decimal(amount), currency).toFixed()).toBe(expected);
  });

  it('rejects a lower-case currency code', () => {
    expect(() => roundToMinorUnit(new Decimal('1'), 'eur')).toThrow(TypeError);
  });

  const currencies = fc.constantFrom('EUR', 'JPY', 'BHD', 'CLF', 'USD', 'KWD');
  const amounts = fc
    .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
    .map(([units, scale]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)));

  it('is idempotent and never moves a value by more than half a minor unit', () => {
    fc.assert(
      fc.property(amounts, currencies, (amount, currency) => {
        const once = roundToMinorUnit(amount, currency);
        expect(roundToMinorUnit(once, currency).equals(once)).toBe(true);
        expect(once.decimalPlaces()).toBeLessThanOrEqual(minorUnits(currency));
        const halfUnit = new Decimal(10).pow(-minorUnits(currency)).dividedBy(2);
        expect(once.minus(amount).abs().lessThanOrEqualTo(halfUnit)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rounds exact halves away from zero, symmetrically for negatives', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), currencies, (units, currency) => {
        const digits = minorUnits(currency);
        const half = new Decimal(units.toString()).plus('0.5').dividedBy(new Decimal(10).pow(digits));
        const rounded = roundToMinorUnit(half, currency);
        expect(rounded.abs().greaterThan(half.abs())).toBe(true);
        expect(roundToMinorUnit(half.negated(), currency).equals(rounded.negated())).toBe(true);
      }),
    );
  });
});
