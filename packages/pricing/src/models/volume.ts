import type { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type PriceResult } from '../breakdown';
import type { VolumeConfig } from '../config';
import type { QuantityChargeModel } from '../registry';
import { indexContaining, lowerBound, rangeText } from '../tiers';
import { flatFeeText, readUnitTiers, serializeUnitTiers } from './unitTiers';

/** The whole quantity pays the unit price of the tier containing it (upTo inclusive, 0 → first), plus that tier's flat fee. */
export function priceVolume(config: VolumeConfig, quantity: Decimal): PriceResult {
  const index = indexContaining(config.tiers, quantity);
  const tier = config.tiers[index];
  return resultOf([
    breakdownLine({
      label: `Tier ${index + 1} (${rangeText(config.tiers, index)}): ${quantity.toFixed()} × ${tier.unitPrice.toFixed()}${flatFeeText(tier.flatFee)}`,
      quantity,
      unitPrice: tier.unitPrice,
      flatFee: tier.flatFee,
      amount: quantity.times(tier.unitPrice).plus(tier.flatFee),
      tier: index + 1,
      from: lowerBound(config.tiers, index),
      to: tier.upTo,
    }),
  ]);
}

export const volumeModel: QuantityChargeModel<VolumeConfig> = {
  usage: 'quantity',
  fields: ['tiers'],
  parse(obj, path, issues) {
    const tiers = readUnitTiers(obj, path, issues);
    return tiers && { model: 'VOLUME', tiers };
  },
  serialize: (config) => ({ model: 'VOLUME', tiers: serializeUnitTiers(config.tiers) }),
  price: priceVolume,
};
