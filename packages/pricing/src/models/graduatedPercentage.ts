import { Decimal } from '@meterline/money';
import { breakdownLine, resultOf, type BreakdownLine, type PriceResult } from '../breakdown';
import type { GraduatedPercentageConfig, PercentageTier } from '../config';
import { optionalDecimal, requiredRate } from '../fields';
import type { AmountsChargeModel } from '../registry';
import { lowerBound, rangeText, readBoundedList, serializeUpTo, unitsInTier } from '../tiers';
import { flatFeeText } from './unitTiers';

const ZERO = new Decimal(0);

/**
 * Graduated over the cumulative transaction amount: each tier charges its rate on the part of the total that
 * falls in it, and its flat fee once the total reaches into it (the first tier always, as GRADUATED does).
 */
export function priceGraduatedPercentage(config: GraduatedPercentageConfig, amounts: Decimal[]): PriceResult {
  const total = amounts.reduce((sum, amount) => sum.plus(amount), ZERO);
  const lines: BreakdownLine[] = [];
  config.tiers.forEach((tier, index) => {
    const lower = lowerBound(config.tiers, index);
    if (index > 0 && total.lte(lower)) return;
    const inTier = unitsInTier(config.tiers, index, total);
    lines.push(
      breakdownLine({
        label: `Tier ${index + 1} (${rangeText(config.tiers, index)}): ${tier.rate.toFixed()}% of ${inTier.toFixed()}${flatFeeText(tier.flatFee)}`,
        quantity: inTier,
        rate: tier.rate,
        flatFee: tier.flatFee,
        amount: inTier.times(tier.rate).dividedBy(100).plus(tier.flatFee),
        tier: index + 1,
        from: lower,
        to: tier.upTo,
      }),
    );
  });
  return resultOf(lines);
}

export const graduatedPercentageModel: AmountsChargeModel<GraduatedPercentageConfig> = {
  usage: 'amounts',
  fields: ['tiers'],
  parse(obj, path, issues) {
    const tiers = readBoundedList<PercentageTier>(obj, 'tiers', path, issues, 'tier', ['rate', 'flatFee'], (item, itemPath) => {
      const rate = requiredRate(item, 'rate', itemPath, issues);
      const flatFee = optionalDecimal(item, 'flatFee', itemPath, issues, 'nonNegative', ZERO);
      return rate && flatFee && { rate, flatFee };
    });
    return tiers && { model: 'GRADUATED_PERCENTAGE', tiers };
  },
  serialize: (config) => ({
    model: 'GRADUATED_PERCENTAGE',
    tiers: config.tiers.map((tier) => ({ upTo: serializeUpTo(tier.upTo), rate: tier.rate.toFixed(), flatFee: tier.flatFee.toFixed() })),
  }),
  price: priceGraduatedPercentage,
};
