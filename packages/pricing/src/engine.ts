import { Decimal } from '@meterline/money';
import type { PriceResult } from './breakdown';
import type { PriceConfig } from './config';
import { chargeModel } from './registry';

/** Usage that cannot be priced (negative, not a number, or the wrong kind for the model). */
export class PricingError extends Error {
  override readonly name = 'PricingError';
}

const ZERO = new Decimal(0);

function checkNonNegative(value: Decimal, what: string): void {
  if (!Decimal.isDecimal(value) || !value.isFinite()) throw new PricingError(`${what} must be a finite decimal`);
  if (value.lt(ZERO)) throw new PricingError(`${what} must not be negative, got ${value.toFixed()}`);
}

/** Prices an aggregated quantity with FLAT, PER_UNIT, PACKAGE, GRADUATED, VOLUME or STAIRSTEP. */
export function priceQuantity(config: PriceConfig, quantity: Decimal): PriceResult {
  const model = chargeModel(config.model);
  if (model.usage !== 'quantity') {
    throw new PricingError(`${config.model} prices transaction amounts, not a quantity: use priceAmounts`);
  }
  checkNonNegative(quantity, 'quantity');
  return model.price(config, quantity);
}

/**
 * Prices transaction amounts. PERCENTAGE models see each transaction; quantity models price the sum of the
 * amounts (an AMOUNT meter summed into a quantity), so any config can price any amounts.
 */
export function priceAmounts(config: PriceConfig, amounts: readonly Decimal[]): PriceResult {
  amounts.forEach((amount, index) => checkNonNegative(amount, `amounts[${index}]`));
  const model = chargeModel(config.model);
  if (model.usage === 'amounts') return model.price(config, [...amounts]);
  return model.price(
    config,
    amounts.reduce((sum, amount) => sum.plus(amount), ZERO),
  );
}

/** True when the model needs individual transaction amounts rather than one quantity. */
export function pricesAmounts(config: PriceConfig): boolean {
  return chargeModel(config.model).usage === 'amounts';
}
