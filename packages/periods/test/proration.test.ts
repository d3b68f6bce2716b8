import { Decimal } from '@meterline/money';
import { fractionOf, prorate, prorateChange } from '../src';
import { at, d, period } from './support';

const april = period('2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z'); // 30 days = 2 592 000 s
const may = period('2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z'); // 31 days
const january = period('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'); // 31 days
const february = period('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'); // 28 days
const aprilSeconds = 30 * 86_400;

describe('fractionOf', () => {
  it('is exactly 1 for the whole period', () => {
    expect(fractionOf(april, april).toFixed()).toBe('1');
  });

  it('is exactly 1 for a part that covers the period and more (clipped)', () => {
    expect(fractionOf(april, period('2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z')).toFixed()).toBe('1');
  });

  it('is exactly 0 for a part outside the period, before or after', () => {
    expect(fractionOf(april, period('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')).toFixed()).toBe('0');
    expect(fractionOf(april, may).toFixed()).toBe('0');
  });

  it('is 0 for a part ending exactly at the period start and for one starting exactly at its end (half-open)', () => {
    expect(fractionOf(april, period('2026-03-31T00:00:00Z', '2026-04-01T00:00:00Z')).toFixed()).toBe('0');
    expect(fractionOf(april, period('2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z')).toFixed()).toBe('0');
  });

  it('is a half for half of the period', () => {
    expect(fractionOf(april, period('2026-04-16T00:00:00Z', '2026-05-01T00:00:00Z')).toFixed()).toBe('0.5');
  });

  it('counts the clipped overlap only', () => {
    expect(fractionOf(april, period('2026-04-16T00:00:00Z', '2026-06-15T00:00:00Z')).toFixed()).toBe('0.5');
  });

  it('gives the same one-day part a different fraction in a 31-day and a 28-day month', () => {
    const january15 = fractionOf(january, period('2026-01-15T00:00:00Z', '2026-01-16T00:00:00Z'));
    const february15 = fractionOf(february, period('2026-02-15T00:00:00Z', '2026-02-16T00:00:00Z'));
    expect(january15.times(31).minus(1).abs().lt('1e-37')).toBe(true);
    expect(february15.times(28).minus(1).abs().lt('1e-37')).toBe(true);
    expect(january15.lt(february15)).toBe(true);
    expect(january15.toDecimalPlaces(10).toFixed()).toBe('0.0322580645');
    expect(february15.toDecimalPlaces(10).toFixed()).toBe('0.0357142857');
  });

  it('counts a single second at the start and at the end of the period', () => {
    const first = fractionOf(april, period('2026-04-01T00:00:00Z', '2026-04-01T00:00:01Z'));
    const last = fractionOf(april, period('2026-04-30T23:59:59Z', '2026-05-01T00:00:00Z'));
    expect(first.eq(last)).toBe(true);
    expect(first.times(aprilSeconds).minus(1).abs().lt('1e-30')).toBe(true);
  });

  it('throws a RangeError for an empty or inverted period or part, or an invalid date', () => {
    const empty = period('2026-04-10T00:00:00Z', '2026-04-10T00:00:00Z');
    const inverted = period('2026-04-11T00:00:00Z', '2026-04-10T00:00:00Z');
    expect(() => fractionOf(empty, april)).toThrow(RangeError);
    expect(() => fractionOf(inverted, april)).toThrow(RangeError);
    expect(() => fractionOf(april, empty)).toThrow(RangeError);
    expect(() => fractionOf(april, inverted)).toThrow(RangeError);
    expect(() => fractionOf(april, { start: at('nope'), end: april.end })).toThrow(RangeError);
  });
});

describe('prorate', () => {
  it('returns the amount itself for the whole period', () => {
    expect(prorate(d('99.99'), may, may).toFixed()).toBe('99.99');
  });

  it('returns 0 for a part outside the period', () => {
    expect(prorate(d('99.99'), april, may).toFixed()).toBe('0');
  });

  it('prorates by time over the period', () => {
    expect(prorate(d('30'), april, period('2026-04-16T00:00:00Z', '2026-05-01T00:00:00Z')).toFixed()).toBe('15');
    expect(prorate(d('31'), may, period('2026-05-22T00:00:00Z', '2026-06-01T00:00:00Z')).toFixed()).toBe('10');
    expect(prorate(d('30'), april, period('2026-04-01T00:00:00Z', '2026-04-01T12:00:00Z')).toFixed()).toBe('0.5');
  });

  it('prorates a change at the first second and at the last second of a period', () => {
    const amount = d(String(aprilSeconds)); // one unit per second
    expect(prorate(amount, april, period('2026-04-01T00:00:00Z', '2026-04-01T00:00:01Z')).toFixed()).toBe('1');
    expect(prorate(amount, april, period('2026-04-01T00:00:01Z', '2026-05-01T00:00:00Z')).toFixed()).toBe('2591999');
    expect(prorate(amount, april, period('2026-04-30T23:59:59Z', '2026-05-01T00:00:00Z')).toFixed()).toBe('1');
    expect(prorate(amount, april, period('2026-04-01T00:00:00Z', '2026-04-30T23:59:59Z')).toFixed()).toBe('2591999');
  });

  it('prorates the same one-day part differently in a 31-day and a 28-day month', () => {
    expect(prorate(d('31'), january, period('2026-01-10T00:00:00Z', '2026-01-11T00:00:00Z')).toFixed()).toBe('1');
    expect(prorate(d('28'), february, period('2026-02-10T00:00:00Z', '2026-02-11T00:00:00Z')).toFixed()).toBe('1');
    const day = (p: typeof january, start: string, end: string) => prorate(d('100'), p, period(start, end)).toDecimalPlaces(2).toFixed();
    expect(day(january, '2026-01-10T00:00:00Z', '2026-01-11T00:00:00Z')).toBe('3.23');
    expect(day(february, '2026-02-10T00:00:00Z', '2026-02-11T00:00:00Z')).toBe('3.57');
  });

  it('is unrounded when the ratio does not terminate, and complementary parts add up exactly', () => {
    const rest = prorate(d('100'), may, period('2026-05-22T00:00:00Z', '2026-06-01T00:00:00Z'));
    const first = prorate(d('100'), may, period('2026-05-01T00:00:00Z', '2026-05-22T00:00:00Z'));
    expect(rest.minus(d('1000').dividedBy(31)).abs().lt('1e-36')).toBe(true);
    expect(rest.decimalPlaces()).toBeGreaterThan(30);
    expect(rest.plus(first).toFixed()).toBe('100');
  });

  it('keeps complementary parts exact where a plain 40-digit division would be off in the last digit', () => {
    // amount × part / length at 40 significant digits gives 240386066.4567080000000000000000000000001 for this split.
    const p = { start: new Date(0), end: new Date(973_740_356) };
    const split = new Date(823_895_519);
    const amount = d('240386066.456708');
    const sum = prorate(amount, p, { start: p.start, end: split }).plus(prorate(amount, p, { start: split, end: p.end }));
    expect(sum.toFixed()).toBe('240386066.456708');
  });

  it('honours offsets in the input timestamps', () => {
    expect(prorate(d('30'), april, { start: at('2026-04-16T02:00:00+02:00'), end: april.end }).toFixed()).toBe('15');
  });

  it('prorates negative amounts symmetrically', () => {
    expect(prorate(d('-30'), april, period('2026-04-16T00:00:00Z', '2026-05-01T00:00:00Z')).toFixed()).toBe('-15');
  });

  it('throws a RangeError for an empty or inverted period or part, or a non-finite amount', () => {
    const empty = period('2026-04-10T00:00:00Z', '2026-04-10T00:00:00Z');
    expect(() => prorate(d('1'), empty, april)).toThrow(RangeError);
    expect(() => prorate(d('1'), april, empty)).toThrow(RangeError);
    expect(() => prorate(d('1'), { start: april.end, end: april.start }, april)).toThrow(RangeError);
    expect(() => prorate(d('1'), april, { start: april.end, end: april.start })).toThrow(RangeError);
    expect(() => prorate(new Decimal(Number.NaN), april, april)).toThrow(RangeError);
    expect(() => prorate(new Decimal(Number.POSITIVE_INFINITY), april, april)).toThrow(RangeError);
  });
});

describe('prorateChange', () => {
  const change = (atIso: string, oldAmount: string, newAmount: string, currency = 'EUR', p = april) => {
    const result = prorateChange({ period: p, at: at(atIso), oldAmount: d(oldAmount), newAmount: d(newAmount), currency });
    return { credit: result.credit.toFixed(), charge: result.charge.toFixed(), net: result.net.toFixed(), fraction: result.fraction };
  };

  it('works the example by hand: 30-day period, after 10 days, 5 seats × 10 EUR → 8 seats × 10 EUR', () => {
    // 20 of 30 days remain: credit 50 × 2/3 = 33.333… → 33.33, charge 80 × 2/3 = 53.333… → 53.33, net 20.00.
    const result = change('2026-04-11T00:00:00Z', '50', '80');
    expect(result).toMatchObject({ credit: '33.33', charge: '53.33', net: '20' });
    expect(result.fraction.toDecimalPlaces(10).toFixed()).toBe('0.6666666667');
  });

  it('nets a downgrade to a negative amount', () => {
    expect(change('2026-04-11T00:00:00Z', '80', '50')).toMatchObject({ credit: '53.33', charge: '33.33', net: '-20' });
  });

  it('rounds credit and charge each before netting', () => {
    // Half the period remains: credit 0.005 → 0.01, charge 0.01; rounding the unrounded net 0.005 would give 0.01.
    expect(change('2026-04-16T00:00:00Z', '0.01', '0.02')).toMatchObject({ credit: '0.01', charge: '0.01', net: '0' });
  });

  it('rounds to whole yen for JPY', () => {
    // 2/3 remain: credit 1000 × 2/3 = 666.67 → 667, charge 1500 × 2/3 = 1000.
    expect(change('2026-04-11T00:00:00Z', '1000', '1500', 'JPY')).toMatchObject({ credit: '667', charge: '1000', net: '333' });
  });

  it('rounds to three decimals for BHD', () => {
    // 2/3 remain: credit 10 × 2/3 = 6.6666… → 6.667, charge 25.5 × 2/3 = 17.
    expect(change('2026-04-11T00:00:00Z', '10', '25.5', 'BHD')).toMatchObject({ credit: '6.667', charge: '17', net: '10.333' });
  });

  it('credits and charges whole amounts for a change at the very first second', () => {
    const result = change('2026-04-01T00:00:00Z', '50', '80');
    expect(result).toMatchObject({ credit: '50', charge: '80', net: '30' });
    expect(result.fraction.toFixed()).toBe('1');
  });

  it('credits and charges one second’s worth for a change at the very last second', () => {
    const result = change('2026-04-30T23:59:59Z', '50', '80');
    expect(result).toMatchObject({ credit: '0', charge: '0', net: '0' });
    expect(result.fraction.times(aprilSeconds).minus(1).abs().lt('1e-30')).toBe(true);
    expect(change('2026-04-30T23:59:59Z', String(aprilSeconds), String(2 * aprilSeconds))).toMatchObject({
      credit: '1',
      charge: '2',
      net: '1',
    });
  });

  it('nets to zero when the amount does not change', () => {
    expect(change('2026-04-11T00:00:00Z', '49.99', '49.99')).toMatchObject({ credit: '33.33', charge: '33.33', net: '0' });
  });

  it('throws a RangeError for a change outside [start, end), including exactly at the end', () => {
    expect(() => change('2026-03-31T23:59:59.999Z', '50', '80')).toThrow(RangeError);
    expect(() => change('2026-05-01T00:00:00Z', '50', '80')).toThrow(RangeError);
    expect(() => change('not a date', '50', '80')).toThrow(RangeError);
  });

  it('throws a RangeError for an empty period', () => {
    const empty = period('2026-04-10T00:00:00Z', '2026-04-10T00:00:00Z');
    expect(() => change('2026-04-10T00:00:00Z', '50', '80', 'EUR', empty)).toThrow(RangeError);
  });

  it('throws for a currency that is not an ISO 4217 code', () => {
    expect(() => change('2026-04-11T00:00:00Z', '50', '80', 'euro')).toThrow(TypeError);
  });
});
