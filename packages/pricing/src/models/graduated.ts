import type { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type BreakdownLine, type PriceResult } from '../breakdown';
import type { GraduatedConfig } from '../config';
import type { QuantityChargeModel } from '../registry';
import { lowerBound, rangeText, unitsInTier } from '../tiers';
import { flatFeeText, readUnitTiers, serializeUnitTiers } from './unitTiers';

/**
 * Each tier prices the units that fall in it; a tier's flat fee is charged once the quantity reaches into it
 * (quantity > its lower bound), and the first tier always counts as reached, so zero usage bills its flat fee.
 */
export function priceGraduated(config: GraduatedConfig, quantity: Decimal): PriceResult {
  const lines: BreakdownLine[] = [];
  config.tiers.forEach((tier, index) => {
    const lower = lowerBound(config.tiers, index);
    if (index > 0 && quantity.lte(lower)) return;
    const units = unitsInTier(config.tiers, index, quantity);
    lines.push(
      breakdownLine({
        label: `Tier ${index + 1} (${rangeText(config.tiers, index)}): ${units.toFixed()} × ${tier.unitPrice.toFixed()}${flatFeeText(tier.flatFee)}`,
        quantity: units,
        unitPrice: tier.unitPrice,
        flatFee: tier.flatFee,
        amount: units.times(tier.unitPrice).plus(tier.flatFee),
        tier: index + 1,
        from: lower,
        to: tier.upTo,
      }),
    );
  });
  return resultOf(lines);
}

export const graduatedModel: QuantityChargeModel<GraduatedConfig> = {
  usage: 'quantity',
  fields: ['tiers'],
  parse(obj, path, issues) {
    const tiers = readUnitTiers(obj, path, issues);
    return tiers && { model: 'GRADUATED', tiers };
  },
  serialize: (config) => ({ model: 'GRADUATED', tiers: serializeUnitTiers(config.tiers) }),
  price: priceGraduated,
};
