import { PricingError, priceQuantity } from '../src';
import { HUGE, billed, config, d } from './support';

describe('FLAT', () => {
  const flat = config({ model: 'FLAT', amount: '49.99' });

  it('bills its amount for zero usage', () => expect(billed(flat, '0')).toBe('49.99'));
  it('bills its amount whatever the usage, fractional or huge', () => {
    expect(billed(flat, '0.5')).toBe('49.99');
    expect(billed(flat, HUGE)).toBe('49.99');
  });
  it('keeps a 10-decimal amount exact', () => {
    expect(billed(config({ model: 'FLAT', amount: '1234.0000000001' }), '3')).toBe('1234.0000000001');
  });
  it('has one line with the flat fee', () => {
    const [line] = priceQuantity(flat, d('3')).breakdown;
    expect(line.label).toBe('Flat fee 49.99');
    expect(line.flatFee?.toFixed()).toBe('49.99');
    expect(line.quantity).toBeNull();
  });
  it('refuses a negative quantity', () => {
    expect(() => priceQuantity(flat, d('-1'))).toThrow(PricingError);
  });
});
