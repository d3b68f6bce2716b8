import type { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type PriceResult } from '../breakdown';
import type { FlatConfig } from '../config';
import { requiredDecimal, serializeDecimal } from '../fields';
import type { QuantityChargeModel } from '../registry';

/** A flat amount whatever the usage, zero included. */
export function priceFlat(config: FlatConfig, _quantity: Decimal): PriceResult {
  return resultOf([breakdownLine({ label: `Flat fee ${config.amount.toFixed()}`, flatFee: config.amount, amount: config.amount })]);
}

export const flatModel: QuantityChargeModel<FlatConfig> = {
  usage: 'quantity',
  fields: ['amount'],
  parse(obj, path, issues) {
    const amount = requiredDecimal(obj, 'amount', path, issues, 'nonNegative');
    return amount && { model: 'FLAT', amount };
  },
  serialize: (config) => ({ model: 'FLAT', amount: serializeDecimal(config.amount) }),
  price: priceFlat,
};
