import { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type BreakdownLine, type PriceResult } from '../breakdown';
import type { PercentageConfig } from '../config';
import { nullableDecimal, optionalDecimal, requiredRate, serializeDecimal, serializeNullable } from '../fields';
import type { AmountsChargeModel } from '../registry';

const ZERO = new Decimal(0);

/** How one transaction was charged. */
export interface TransactionFee {
  /** The transaction amount. */
  amount: Decimal;
  /** Free transactions cost nothing at all: no rate, no fixed fee, no minimum. */
  free: boolean;
  /** The part of the amount charged the rate (above the free amount). */
  chargeable: Decimal;
  rateFee: Decimal;
  fixedFee: Decimal;
  /** clamped − unclamped: positive when raised to the minimum, negative when capped at the maximum. */
  adjustment: Decimal;
  /** What the transaction pays: rateFee + fixedFee + adjustment. */
  fee: Decimal;
}

/**
 * Per transaction, in the given order (the order matters for free transactions and the free amount):
 * 1. The cumulative amount counts every transaction, free ones included.
 * 2. The first `freeTransactions` transactions are free.
 * 3. A transaction lying wholly within the remaining free amount is free.
 * 4. Any other transaction is paid: the rate applies to its part above the free amount (a transaction
 *    straddling the free amount pays the rate on the excess only), the fixed fee applies in full,
 *    then the fee is clamped to [minPerTransaction, maxPerTransaction].
 * Free transactions get no fixed fee and no minimum, as in Lago.
 */
export function percentageTransactionFees(config: PercentageConfig, amounts: readonly Decimal[]): TransactionFee[] {
  const rate = config.rate.dividedBy(100);
  let cumulative = ZERO;
  return amounts.map((amount, index) => {
    const remainingFree = Decimal.max(config.freeAmount.minus(cumulative), ZERO);
    cumulative = cumulative.plus(amount);
    const covered = Decimal.min(amount, remainingFree);
    const free = config.freeTransactions.gt(index) || (remainingFree.gt(ZERO) && covered.eq(amount));
    if (free) {
      return { amount, free, chargeable: ZERO, rateFee: ZERO, fixedFee: ZERO, adjustment: ZERO, fee: ZERO };
    }
    const chargeable = amount.minus(covered);
    const rateFee = chargeable.times(rate);
    const unclamped = rateFee.plus(config.fixedFee);
    let fee = unclamped;
    if (config.minPerTransaction !== null) fee = Decimal.max(fee, config.minPerTransaction);
    if (config.maxPerTransaction !== null) fee = Decimal.min(fee, config.maxPerTransaction);
    return { amount, free, chargeable, rateFee, fixedFee: config.fixedFee, adjustment: fee.minus(unclamped), fee };
  });
}

const sum = (values: Decimal[]): Decimal => values.reduce((total, value) => total.plus(value), ZERO);

/** Lines: free allowance (amount 0), rate, fixed fees, minimum raises, maximum caps; the last four only when non-zero. */
export function pricePercentage(config: PercentageConfig, amounts: Decimal[]): PriceResult {
  const fees = percentageTransactionFees(config, amounts);
  const paid = fees.filter((fee) => !fee.free);
  const lines: BreakdownLine[] = [];
  const freeCount = fees.length - paid.length;
  const freeOfRate = sum(fees.map((fee) => fee.amount.minus(fee.chargeable)));
  if (freeCount > 0 || freeOfRate.gt(ZERO)) {
    lines.push(
      breakdownLine({
        label: `Free: ${freeCount} transaction(s), ${freeOfRate.toFixed()} of amount not charged`,
        quantity: freeOfRate,
        amount: ZERO,
      }),
    );
  }
  const chargeable = sum(paid.map((fee) => fee.chargeable));
  lines.push(
    breakdownLine({
      label: `${config.rate.toFixed()}% of ${chargeable.toFixed()}`,
      quantity: chargeable,
      rate: config.rate,
      amount: sum(paid.map((fee) => fee.rateFee)),
    }),
  );
  if (!config.fixedFee.isZero() && paid.length > 0) {
    const count = new Decimal(paid.length);
    lines.push(
      breakdownLine({
        label: `Fixed fee ${config.fixedFee.toFixed()} × ${paid.length} transaction(s)`,
        quantity: count,
        unitPrice: config.fixedFee,
        amount: config.fixedFee.times(count),
      }),
    );
  }
  const raised = paid.filter((fee) => fee.adjustment.gt(ZERO));
  if (raised.length > 0 && config.minPerTransaction !== null) {
    lines.push(
      breakdownLine({
        label: `Minimum ${config.minPerTransaction.toFixed()} per transaction: ${raised.length} transaction(s) raised`,
        quantity: new Decimal(raised.length),
        amount: sum(raised.map((fee) => fee.adjustment)),
      }),
    );
  }
  const capped = paid.filter((fee) => fee.adjustment.lt(ZERO));
  if (capped.length > 0 && config.maxPerTransaction !== null) {
    lines.push(
      breakdownLine({
        label: `Maximum ${config.maxPerTransaction.toFixed()} per transaction: ${capped.length} transaction(s) capped`,
        quantity: new Decimal(capped.length),
        amount: sum(capped.map((fee) => fee.adjustment)),
      }),
    );
  }
  return resultOf(lines);
}

export const percentageModel: AmountsChargeModel<PercentageConfig> = {
  usage: 'amounts',
  fields: ['rate', 'fixedFee', 'minPerTransaction', 'maxPerTransaction', 'freeTransactions', 'freeAmount'],
  parse(obj, path, issues) {
    const rate = requiredRate(obj, 'rate', path, issues);
    const fixedFee = optionalDecimal(obj, 'fixedFee', path, issues, 'nonNegative', ZERO);
    const minPerTransaction = nullableDecimal(obj, 'minPerTransaction', path, issues, 'nonNegative', false);
    const maxPerTransaction = nullableDecimal(obj, 'maxPerTransaction', path, issues, 'nonNegative', false);
    const freeTransactions = optionalDecimal(obj, 'freeTransactions', path, issues, 'nonNegative', ZERO);
    const freeAmount = optionalDecimal(obj, 'freeAmount', path, issues, 'nonNegative', ZERO);
    let consistent = true;
    if (minPerTransaction && maxPerTransaction && minPerTransaction.gt(maxPerTransaction)) {
      issues.push({ path: `${path}.minPerTransaction`, message: `must not exceed maxPerTransaction (${maxPerTransaction.toFixed()})` });
      consistent = false;
    }
    if (freeTransactions && !freeTransactions.isInteger()) {
      issues.push({ path: `${path}.freeTransactions`, message: 'must be a whole number of transactions' });
      consistent = false;
    }
    if (!consistent || !rate || !fixedFee || minPerTransaction === undefined || maxPerTransaction === undefined) return undefined;
    if (!freeTransactions || !freeAmount) return undefined;
    return { model: 'PERCENTAGE', rate, fixedFee, minPerTransaction, maxPerTransaction, freeTransactions, freeAmount };
  },
  serialize: (config) => ({
    model: 'PERCENTAGE',
    rate: serializeDecimal(config.rate),
    fixedFee: serializeDecimal(config.fixedFee),
    minPerTransaction: serializeNullable(config.minPerTransaction),
    maxPerTransaction: serializeNullable(config.maxPerTransaction),
    freeTransactions: serializeDecimal(config.freeTransactions),
    freeAmount: serializeDecimal(config.freeAmount),
  }),
  price: pricePercentage,
};
