import { PricingError, priceQuantity } from '../src';
import { HUGE, billed, config, d } from './support';

describe('STAIRSTEP', () => {
  const steps = config({
    model: 'STAIRSTEP',
    steps: [
      { upTo: '5', amount: '10' },
      { upTo: '10', amount: '25' },
      { upTo: null, amount: '40' },
    ],
  });

  it('bills the first step for zero usage', () => expect(billed(steps, '0')).toBe('10'));
  it('prices exact step boundaries: 5, 5.0001, 6 for upTo 5 (upTo inclusive)', () => {
    expect(billed(steps, '5')).toBe('10');
    expect(billed(steps, '5.0001')).toBe('25');
    expect(billed(steps, '6')).toBe('25');
    expect(billed(steps, '10')).toBe('25');
    expect(billed(steps, '10.0000001')).toBe('40');
  });
  it('prices fractional quantities by their step', () => expect(billed(steps, '0.5')).toBe('10'));
  it('prices 1e15 units in the open step, with a 10-decimal amount exactly', () => {
    expect(billed(steps, HUGE)).toBe('40');
    const precise = config({
      model: 'STAIRSTEP',
      steps: [
        { upTo: '1', amount: '0' },
        { upTo: null, amount: '1234567.1234567891' },
      ],
    });
    expect(billed(precise, HUGE)).toBe('1234567.1234567891');
  });
  it('has one line naming the step', () => {
    const [line] = priceQuantity(steps, d('7')).breakdown;
    expect(line).toMatchObject({ label: 'Step 2 (over 5 up to 10): 7 units, flat 25', tier: 2 });
  });
  it('refuses a negative quantity', () => {
    expect(() => priceQuantity(steps, d('-1'))).toThrow(PricingError);
  });
});
