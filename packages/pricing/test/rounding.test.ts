import { roundLine, totalOfRoundedLines } from '../src';
import { d } from './support';

describe('roundLine', () => {
  it.each([
    ['JPY', '100.5', '101'],
    ['JPY', '100.4999', '100'],
    ['JPY', '-100.5', '-101'],
    ['EUR', '0.125', '0.13'],
    ['EUR', '0.1249999', '0.12'],
    ['EUR', '2.675', '2.68'], // a float would give 2.67
    ['EUR', '-0.125', '-0.13'],
    ['BHD', '1.0005', '1.001'],
    ['BHD', '1.0004999', '1'],
    ['BHD', '0.1234', '0.123'],
  ])('%s rounds %s half-up to %s', (currency, amount, rounded) => {
    expect(roundLine(d(amount), currency).toFixed()).toBe(rounded);
  });

  it('refuses a string that is not a currency code', () => {
    expect(() => roundLine(d('1'), 'euro')).toThrow(TypeError);
  });
});

describe('totalOfRoundedLines', () => {
  it('sums the rounded lines, which differs from rounding the sum', () => {
    const lines = [d('0.005'), d('0.005'), d('0.005')];
    const roundedSum = roundLine(
      lines.reduce((sum, line) => sum.plus(line)),
      'EUR',
    );
    expect(roundedSum.toFixed()).toBe('0.02');
    expect(totalOfRoundedLines(lines, 'EUR').toFixed()).toBe('0.03');
  });

  it('rounds each line to the currency of the invoice', () => {
    const lines = [d('10.4'), d('10.4'), d('0.5')];
    expect(totalOfRoundedLines(lines, 'JPY').toFixed()).toBe('21');
    expect(totalOfRoundedLines([d('0.0004'), d('0.0004'), d('0.0005')], 'BHD').toFixed()).toBe('0.001');
  });

  it('is 0 for no lines', () => expect(totalOfRoundedLines([], 'EUR').toFixed()).toBe('0'));
});
