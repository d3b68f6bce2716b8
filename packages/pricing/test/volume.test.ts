import { PricingError, priceQuantity } from '../src';
import { HUGE, billed, config, d } from './support';

describe('VOLUME', () => {
  const stripe = config({
    model: 'VOLUME',
    tiers: [
      { upTo: '5', unitPrice: '7', flatFee: '1' },
      { upTo: '10', unitPrice: '6.5', flatFee: '2' },
      { upTo: null, unitPrice: '6' },
    ],
  });

  it('bills the first tier (its flat fee) for zero usage', () => {
    const result = priceQuantity(stripe, d('0'));
    expect(result.amount.toFixed()).toBe('1');
    expect(result.breakdown[0].tier).toBe(1);
  });
  it('prices exact tier boundaries: 5, 5.0001, 6 for upTo 5 (upTo inclusive)', () => {
    expect(billed(stripe, '5')).toBe('36');
    expect(billed(stripe, '5.0001')).toBe('34.50065');
    expect(billed(stripe, '6')).toBe('41');
    expect(billed(stripe, '10')).toBe('67');
    expect(billed(stripe, '10.5')).toBe('63');
  });
  it('prices fractional quantities exactly', () => expect(billed(stripe, '2.25')).toBe('16.75'));
  it('prices 1e15 units with a 10-decimal price exactly', () => {
    const huge = config({
      model: 'VOLUME',
      tiers: [
        { upTo: '1000', unitPrice: '1' },
        { upTo: null, unitPrice: '0.1234567891' },
      ],
    });
    expect(billed(huge, HUGE)).toBe('123456789100000');
  });
  it('has one line for the whole quantity at the reached tier', () => {
    const result = priceQuantity(stripe, d('7'));
    expect(result.breakdown).toHaveLength(1);
    expect(result.breakdown[0]).toMatchObject({ label: 'Tier 2 (over 5 up to 10): 7 × 6.5 + flat 2', tier: 2 });
    expect(result.breakdown[0].from?.toFixed()).toBe('5');
    expect(result.breakdown[0].to?.toFixed()).toBe('10');
  });
  it('refuses a negative quantity', () => {
    expect(() => priceQuantity(stripe, d('-1'))).toThrow(PricingError);
  });
});
