import { Decimal } from '@meterline/money';
import type { Tier } from '../config';
import { optionalDecimal, requiredDecimal, type ConfigIssue, type JsonObject } from '../fields';
import { readBoundedList, serializeUpTo } from '../tiers';

const ZERO = new Decimal(0);

/** The `tiers` list shared by GRADUATED and VOLUME: `{ upTo, unitPrice, flatFee? }`. */
export function readUnitTiers(obj: JsonObject, path: string, issues: ConfigIssue[]): Tier[] | undefined {
  return readBoundedList<Tier>(obj, 'tiers', path, issues, 'tier', ['unitPrice', 'flatFee'], (item, itemPath) => {
    const unitPrice = requiredDecimal(item, 'unitPrice', itemPath, issues, 'nonNegative');
    const flatFee = optionalDecimal(item, 'flatFee', itemPath, issues, 'nonNegative', ZERO);
    return unitPrice && flatFee && { unitPrice, flatFee };
  });
}

export function serializeUnitTiers(tiers: Tier[]): Array<{ upTo: string | null; unitPrice: string; flatFee: string }> {
  return tiers.map((tier) => ({ upTo: serializeUpTo(tier.upTo), unitPrice: tier.unitPrice.toFixed(), flatFee: tier.flatFee.toFixed() }));
}

/** " + flat 20", or nothing when the tier has no flat fee. */
export function flatFeeText(flatFee: Decimal): string {
  return flatFee.isZero() ? '' : ` + flat ${flatFee.toFixed()}`;
}
