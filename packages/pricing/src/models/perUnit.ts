import type { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type PriceResult } from '../breakdown';
import type { PerUnitConfig } from '../config';
import { requiredDecimal, serializeDecimal } from '../fields';
import type { QuantityChargeModel } from '../registry';

export function pricePerUnit(config: PerUnitConfig, quantity: Decimal): PriceResult {
  return resultOf([
    breakdownLine({
      label: `${quantity.toFixed()} × ${config.unitPrice.toFixed()}`,
      quantity,
      unitPrice: config.unitPrice,
      amount: quantity.times(config.unitPrice),
    }),
  ]);
}

export const perUnitModel: QuantityChargeModel<PerUnitConfig> = {
  usage: 'quantity',
  fields: ['unitPrice'],
  parse(obj, path, issues) {
    const unitPrice = requiredDecimal(obj, 'unitPrice', path, issues, 'nonNegative');
    return unitPrice && { model: 'PER_UNIT', unitPrice };
  },
  serialize: (config) => ({ model: 'PER_UNIT', unitPrice: serializeDecimal(config.unitPrice) }),
  price: pricePerUnit,
};
