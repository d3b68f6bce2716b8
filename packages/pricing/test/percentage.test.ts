import { PricingError, percentageTransactionFees, priceAmounts, priceQuantity, type PercentageConfig } from '../src';
import { HUGE, billedAmounts, config, d, sumOfLines } from './support';

const percentage = (json: Record<string, unknown>): PercentageConfig => config({ model: 'PERCENTAGE', ...json }) as PercentageConfig;

describe('PERCENTAGE', () => {
  const card = percentage({ rate: '2.9', fixedFee: '0.30' });

  it('bills 0 for no transactions', () => expect(billedAmounts(card, [])).toBe('0'));
  it('charges rate + fixed fee per transaction', () => {
    expect(billedAmounts(card, ['100'])).toBe('3.2');
    expect(billedAmounts(card, ['100', '10'])).toBe('3.79');
  });
  it('charges the fixed fee on a zero-amount transaction', () => expect(billedAmounts(card, ['0'])).toBe('0.3'));
  it('prices fractional amounts exactly', () => expect(billedAmounts(percentage({ rate: '2.9' }), ['0.01'])).toBe('0.00029'));
  it('prices a 1e15 amount and a 10-decimal rate exactly', () => {
    expect(billedAmounts(percentage({ rate: '2.9' }), [HUGE])).toBe('29000000000000');
    expect(billedAmounts(percentage({ rate: '0.0000000001' }), [HUGE])).toBe('1000');
  });

  it('clamps each transaction fee to [min, max] after adding the fixed fee', () => {
    const clamped = percentage({ rate: '2.9', fixedFee: '0.30', minPerTransaction: '0.50', maxPerTransaction: '5' });
    const fees = percentageTransactionFees(clamped, [d('1'), d('100'), d('1000')]);
    // 0.329 → 0.5; 3.2 stays; 29.3 → 5
    expect(fees.map((fee) => fee.fee.toFixed())).toEqual(['0.5', '3.2', '5']);
    expect(fees.map((fee) => fee.adjustment.toFixed())).toEqual(['0.171', '0', '-24.3']);
    const result = priceAmounts(clamped, [d('1'), d('100'), d('1000')]);
    expect(result.amount.toFixed()).toBe('8.7');
    expect(result.breakdown.map((line) => [line.label, line.amount.toFixed()])).toEqual([
      ['2.9% of 1101', '31.929'],
      ['Fixed fee 0.3 × 3 transaction(s)', '0.9'],
      ['Minimum 0.5 per transaction: 1 transaction(s) raised', '0.171'],
      ['Maximum 5 per transaction: 1 transaction(s) capped', '-24.3'],
    ]);
    expect(sumOfLines(result)).toBe('8.7');
  });

  it('makes the first freeTransactions transactions cost nothing, fixed fee and minimum included', () => {
    const free = percentage({ rate: '10', fixedFee: '1', minPerTransaction: '2', freeTransactions: '2' });
    const fees = percentageTransactionFees(free, [d('100'), d('100'), d('100')]);
    expect(fees.map((fee) => [fee.free, fee.fee.toFixed()])).toEqual([
      [true, '0'],
      [true, '0'],
      [false, '11'],
    ]);
    expect(priceAmounts(free, [d('100'), d('100'), d('100')]).breakdown[0].label).toBe('Free: 2 transaction(s), 200 of amount not charged');
  });

  it('does not charge the rate on the first freeAmount of cumulative amount; a straddling transaction pays the rate on its excess and the full fixed fee', () => {
    const freeAmount = percentage({ rate: '10', fixedFee: '1', freeAmount: '150' });
    const fees = percentageTransactionFees(freeAmount, [d('100'), d('100'), d('100')]);
    expect(fees.map((fee) => [fee.free, fee.chargeable.toFixed(), fee.fee.toFixed()])).toEqual([
      [true, '0', '0'], // wholly within the free amount: no fixed fee either
      [false, '50', '6'], // 50 free, 50 × 10 % + 1
      [false, '100', '11'],
    ]);
    expect(billedAmounts(freeAmount, ['100', '100', '100'])).toBe('17');
  });

  it('counts free transactions towards the free amount (cumulative amount counts every transaction)', () => {
    const both = percentage({ rate: '10', freeTransactions: '1', freeAmount: '150' });
    // 100 (free transaction, uses 100 of the free amount), then 100 straddles: 50 free, 50 charged
    expect(billedAmounts(both, ['100', '100'])).toBe('5');
  });

  it('applies the minimum to a partly free transaction but not to a wholly free one', () => {
    const min = percentage({ rate: '1', minPerTransaction: '3', freeAmount: '100' });
    expect(percentageTransactionFees(min, [d('60'), d('60')]).map((fee) => fee.fee.toFixed())).toEqual(['0', '3']);
  });

  it('refuses a quantity and negative amounts', () => {
    expect(() => priceQuantity(card, d('10'))).toThrow(/use priceAmounts/);
    expect(() => priceAmounts(card, [d('-1')])).toThrow(PricingError);
  });
});
