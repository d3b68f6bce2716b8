import { PricingError, priceQuantity } from '../src';
import { HUGE, billed, config, d, sumOfLines } from './support';

describe('GRADUATED', () => {
  const stripe = config({
    model: 'GRADUATED',
    tiers: [
      { upTo: '5', unitPrice: '7' },
      { upTo: '10', unitPrice: '6.5' },
      { upTo: null, unitPrice: '6' },
    ],
  });
  const withFees = config({
    model: 'GRADUATED',
    tiers: [
      { upTo: '10', unitPrice: '10', flatFee: '2' },
      { upTo: '20', unitPrice: '5', flatFee: '3' },
      { upTo: null, unitPrice: '5', flatFee: '3' },
    ],
  });

  it('bills 0 for zero usage without flat fees, with one first-tier line', () => {
    const result = priceQuantity(stripe, d('0'));
    expect(result.amount.toFixed()).toBe('0');
    expect(result.breakdown.map((line) => line.tier)).toEqual([1]);
  });
  it('bills the first tier flat fee for zero usage', () => expect(billed(withFees, '0')).toBe('2'));
  it('prices exact tier boundaries: 5, 5.0001, 6 for upTo 5', () => {
    expect(billed(stripe, '5')).toBe('35');
    expect(billed(stripe, '5.0001')).toBe('35.00065');
    expect(billed(stripe, '6')).toBe('41.5');
  });
  it('charges a tier flat fee only once the quantity reaches into it', () => {
    expect(billed(withFees, '10')).toBe('102');
    expect(billed(withFees, '10.0001')).toBe('105.0005');
    expect(billed(withFees, '11')).toBe('110');
  });
  it('prices fractional quantities exactly', () => {
    expect(billed(stripe, '2.5')).toBe('17.5');
    expect(billed(stripe, '7.25')).toBe('49.625');
  });
  it('prices 1e15 units with a 10-decimal price exactly', () => {
    const huge = config({
      model: 'GRADUATED',
      tiers: [
        { upTo: '1000000', unitPrice: '0.1234567891' },
        { upTo: null, unitPrice: '0.0000000001' },
      ],
    });
    // 1e6 × 0.1234567891 + (1e15 − 1e6) × 1e-10 = 123456.7891 + 99999.9999
    expect(billed(huge, HUGE)).toBe('223456.789');
  });
  it('has one line per tier touched, with bounds and readable labels', () => {
    const result = priceQuantity(stripe, d('12'));
    expect(result.breakdown.map((line) => line.label)).toEqual([
      'Tier 1 (up to 5): 5 × 7',
      'Tier 2 (over 5 up to 10): 5 × 6.5',
      'Tier 3 (over 10): 2 × 6',
    ]);
    expect(result.breakdown.map((line) => [line.tier, line.from?.toFixed(), line.to?.toFixed() ?? null, line.quantity?.toFixed()])).toEqual(
      [
        [1, '0', '5', '5'],
        [2, '5', '10', '5'],
        [3, '10', null, '2'],
      ],
    );
    expect(sumOfLines(result)).toBe(result.amount.toFixed());
    expect(result.amount.toFixed()).toBe('79.5');
  });
  it('names the flat fee in the label', () => {
    expect(priceQuantity(withFees, d('11')).breakdown[1].label).toBe('Tier 2 (over 10 up to 20): 1 × 5 + flat 3');
  });
  it('refuses a negative quantity', () => {
    expect(() => priceQuantity(stripe, d('-1'))).toThrow(PricingError);
  });
});
