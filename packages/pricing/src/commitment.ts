import { Decimal } from '@meterline/money';

/** The extra charge that brings usage up to a minimum commitment: max(0, minimum − usage). */
export function minimumCommitmentTrueUp(minimum: Decimal, usageAmount: Decimal): Decimal {
  return Decimal.max(minimum.minus(usageAmount), new Decimal(0));
}
