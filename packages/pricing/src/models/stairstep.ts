import type { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type PriceResult } from '../breakdown';
import type { StairstepConfig, Step } from '../config';
import { requiredDecimal } from '../fields';
import type { QuantityChargeModel } from '../registry';
import { indexContaining, lowerBound, rangeText, readBoundedList, serializeUpTo } from '../tiers';

/** The whole quantity pays the flat amount of the step containing it (upTo inclusive, 0 → first step). */
export function priceStairstep(config: StairstepConfig, quantity: Decimal): PriceResult {
  const index = indexContaining(config.steps, quantity);
  const step = config.steps[index];
  return resultOf([
    breakdownLine({
      label: `Step ${index + 1} (${rangeText(config.steps, index)}): ${quantity.toFixed()} units, flat ${step.amount.toFixed()}`,
      quantity,
      flatFee: step.amount,
      amount: step.amount,
      tier: index + 1,
      from: lowerBound(config.steps, index),
      to: step.upTo,
    }),
  ]);
}

export const stairstepModel: QuantityChargeModel<StairstepConfig> = {
  usage: 'quantity',
  fields: ['steps'],
  parse(obj, path, issues) {
    const steps = readBoundedList<Step>(obj, 'steps', path, issues, 'step', ['amount'], (item, itemPath) => {
      const amount = requiredDecimal(item, 'amount', itemPath, issues, 'nonNegative');
      return amount && { amount };
    });
    return steps && { model: 'STAIRSTEP', steps };
  },
  serialize: (config) => ({
    model: 'STAIRSTEP',
    steps: config.steps.map((step) => ({ upTo: serializeUpTo(step.upTo), amount: step.amount.toFixed() })),
  }),
  price: priceStairstep,
};
