import { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type PriceResult } from '../breakdown';
import type { PackageConfig } from '../config';
import { optionalDecimal, requiredDecimal, serializeDecimal } from '../fields';
import type { QuantityChargeModel } from '../registry';

const ZERO = new Decimal(0);

/** Whole packages needed for `units`; integer division then a remainder check keeps it exact (no rounded quotient). */
function packagesFor(units: Decimal, packageSize: Decimal): Decimal {
  const whole = units.divToInt(packageSize);
  return whole.times(packageSize).lt(units) ? whole.plus(1) : whole;
}

export function pricePackage(config: PackageConfig, quantity: Decimal): PriceResult {
  const billable = Decimal.max(quantity.minus(config.freeUnits), ZERO);
  const packages = packagesFor(billable, config.packageSize);
  const free = config.freeUnits.isZero() ? '' : `, ${config.freeUnits.toFixed()} free`;
  return resultOf([
    breakdownLine({
      label: `${packages.toFixed()} package(s) of ${config.packageSize.toFixed()} × ${config.packagePrice.toFixed()} (${quantity.toFixed()} units${free})`,
      quantity: packages,
      unitPrice: config.packagePrice,
      amount: packages.times(config.packagePrice),
    }),
  ]);
}

export const packageModel: QuantityChargeModel<PackageConfig> = {
  usage: 'quantity',
  fields: ['packageSize', 'packagePrice', 'freeUnits'],
  parse(obj, path, issues) {
    const packageSize = requiredDecimal(obj, 'packageSize', path, issues, 'positive');
    const packagePrice = requiredDecimal(obj, 'packagePrice', path, issues, 'nonNegative');
    const freeUnits = optionalDecimal(obj, 'freeUnits', path, issues, 'nonNegative', ZERO);
    if (!packageSize || !packagePrice || !freeUnits) return undefined;
    return { model: 'PACKAGE', packageSize, packagePrice, freeUnits };
  },
  serialize: (config) => ({
    model: 'PACKAGE',
    packageSize: serializeDecimal(config.packageSize),
    packagePrice: serializeDecimal(config.packagePrice),
    freeUnits: serializeDecimal(config.freeUnits),
  }),
  price: pricePackage,
};
