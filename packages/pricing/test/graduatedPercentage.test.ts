import { PricingError, priceAmounts, priceQuantity } from '../src';
import { HUGE, billedAmounts, config, d, sumOfLines } from './support';

describe('GRADUATED_PERCENTAGE', () => {
  const tiers = config({
    model: 'GRADUATED_PERCENTAGE',
    tiers: [
      { upTo: '1000', rate: '3', flatFee: '1' },
      { upTo: '10000', rate: '2', flatFee: '5' },
      { upTo: null, rate: '1' },
    ],
  });

  it('bills the first tier flat fee for zero usage', () => {
    expect(billedAmounts(tiers, [])).toBe('1');
    expect(billedAmounts(tiers, ['0'])).toBe('1');
  });
  it('prices exact tier boundaries', () => {
    expect(billedAmounts(tiers, ['1000'])).toBe('31');
    expect(billedAmounts(tiers, ['1000.01'])).toBe('36.0002');
    expect(billedAmounts(tiers, ['10000'])).toBe('216');
  });
  it('tiers the cumulative amount of all transactions, each flat fee once', () => {
    expect(billedAmounts(tiers, ['600', '600'])).toBe('40');
    expect(billedAmounts(tiers, ['5000', '5000', '10000'])).toBe('316');
  });
  it('prices fractional amounts and 1e15 exactly', () => {
    expect(billedAmounts(tiers, ['0.5'])).toBe('1.015');
    expect(billedAmounts(tiers, [HUGE])).toBe('10000000000116');
    const tiny = config({ model: 'GRADUATED_PERCENTAGE', tiers: [{ upTo: null, rate: '0.0000000001' }] });
    expect(billedAmounts(tiny, [HUGE])).toBe('1000');
  });
  it('has one line per tier reached, with its rate', () => {
    const result = priceAmounts(tiers, [d('1200')]);
    expect(result.breakdown.map((line) => [line.label, line.rate?.toFixed(), line.amount.toFixed()])).toEqual([
      ['Tier 1 (up to 1000): 3% of 1000 + flat 1', '3', '31'],
      ['Tier 2 (over 1000 up to 10000): 2% of 200 + flat 5', '2', '9'],
    ]);
    expect(sumOfLines(result)).toBe('40');
  });
  it('refuses a quantity and negative amounts', () => {
    expect(() => priceQuantity(tiers, d('1'))).toThrow(PricingError);
    expect(() => priceAmounts(tiers, [d('-5')])).toThrow(PricingError);
  });
});
