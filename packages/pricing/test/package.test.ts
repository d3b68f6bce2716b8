import { PricingError, priceQuantity } from '../src';
import { HUGE, billed, config, d } from './support';

describe('PACKAGE', () => {
  const pack = config({ model: 'PACKAGE', packageSize: '100', packagePrice: '5', freeUnits: '100' });

  it('bills 0 for zero usage', () => expect(billed(pack, '0')).toBe('0'));
  it('bills nothing within the free units, a whole package just above them', () => {
    expect(billed(pack, '100')).toBe('0');
    expect(billed(pack, '100.0001')).toBe('5');
    expect(billed(pack, '101')).toBe('5');
  });
  it('counts a partial package as a whole one, at exact package boundaries', () => {
    expect(billed(pack, '200')).toBe('5');
    expect(billed(pack, '200.5')).toBe('10');
    expect(billed(pack, '201')).toBe('10');
  });
  it('defaults freeUnits to 0', () => {
    expect(billed(config({ model: 'PACKAGE', packageSize: '10', packagePrice: '1' }), '1')).toBe('1');
  });
  it('handles fractional package sizes', () => {
    const half = config({ model: 'PACKAGE', packageSize: '0.5', packagePrice: '1' });
    expect(billed(half, '1')).toBe('2');
    expect(billed(half, '1.2')).toBe('3');
  });
  it('handles 1e15 units, a non-dividing size and a 10-decimal price exactly', () => {
    expect(billed(config({ model: 'PACKAGE', packageSize: '3', packagePrice: '1' }), HUGE)).toBe('333333333333334');
    expect(billed(config({ model: 'PACKAGE', packageSize: '1', packagePrice: '0.0000000001' }), HUGE)).toBe('100000');
  });
  it('has one line: packages × package price', () => {
    const [line] = priceQuantity(pack, d('201')).breakdown;
    expect(line.label).toBe('2 package(s) of 100 × 5 (201 units, 100 free)');
    expect(line.quantity?.toFixed()).toBe('2');
    expect(line.unitPrice?.toFixed()).toBe('5');
  });
  it('refuses a negative quantity', () => {
    expect(() => priceQuantity(pack, d('-1'))).toThrow(PricingError);
  });
});
