import { PricingError, priceAmounts, priceQuantity } from '../src';
import { HUGE, billed, config, d } from './support';

describe('PER_UNIT', () => {
  const perUnit = config({ model: 'PER_UNIT', unitPrice: '0.05' });

  it('bills 0 for zero usage', () => expect(billed(perUnit, '0')).toBe('0'));
  it('prices fractional quantities exactly', () => {
    expect(billed(perUnit, '2.5')).toBe('0.125');
    expect(billed(perUnit, '0.0001')).toBe('0.000005');
  });
  it('prices 1e15 units at a 10-decimal price exactly', () => {
    expect(billed(config({ model: 'PER_UNIT', unitPrice: '0.1234567891' }), HUGE)).toBe('123456789100000');
    expect(billed(config({ model: 'PER_UNIT', unitPrice: '0.0000000001' }), HUGE)).toBe('100000');
  });
  it('has one line quantity × unit price', () => {
    const [line] = priceQuantity(perUnit, d('1000')).breakdown;
    expect(line).toMatchObject({ label: '1000 × 0.05', tier: null, dimension: null });
    expect(line.amount.toFixed()).toBe('50');
  });
  it('prices transaction amounts by their sum (AMOUNT meters)', () => {
    expect(priceAmounts(perUnit, [d('10'), d('30')]).amount.toFixed()).toBe('2');
  });
  it('refuses a negative quantity', () => {
    expect(() => priceQuantity(perUnit, d('-0.0001'))).toThrow(PricingError);
    expect(() => priceAmounts(perUnit, [d('5'), d('-1')])).toThrow(/amounts\[1\] must not be negative/);
  });
});
