import { badInput, invalidTransition, isCurrencyCode, type LifecycleStatus } from '@meterline/kit/domain';
import type { ChargeType } from './product';

export const BillingPeriods = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type BillingPeriod = (typeof BillingPeriods)[number];

export const RecurringTimings = ['IN_ADVANCE', 'IN_ARREARS'] as const;
export type RecurringTiming = (typeof RecurringTimings)[number];

/** Price models a charge type can use: percentages only price transaction amounts (usage). */
const MODELS_BY_CHARGE_TYPE: Record<ChargeType, readonly string[]> = {
  USAGE: ['FLAT', 'PER_UNIT', 'PACKAGE', 'GRADUATED', 'VOLUME', 'STAIRSTEP', 'PERCENTAGE', 'GRADUATED_PERCENTAGE'],
  RECURRING: ['FLAT'],
  SEAT: ['PER_UNIT', 'GRADUATED', 'VOLUME', 'STAIRSTEP', 'PACKAGE'],
  ONE_OFF: ['FLAT', 'PER_UNIT'],
};

export function checkModelForChargeType(model: string, chargeType: ChargeType, field: string): void {
  if (!MODELS_BY_CHARGE_TYPE[chargeType].includes(model)) {
    throw badInput(field, `A ${chargeType} item can be priced with ${MODELS_BY_CHARGE_TYPE[chargeType].join(', ')}; not ${model}`);
  }
}

/** Recurring and seat charges bill in advance or in arrears (default in advance); the others have no timing. */
export function recurringTimingFor(chargeType: ChargeType, given: RecurringTiming | null | undefined): RecurringTiming | null {
  if (chargeType === 'RECURRING' || chargeType === 'SEAT') return given ?? 'IN_ADVANCE';
  if (given) throw badInput('recurringTiming', `A ${chargeType} item has no recurring timing`);
  return null;
}

/** An ISO 4217 code, answered and stored in capitals ("eur" → "EUR"); spaces around it are refused, never trimmed. */
export function checkCurrency(currency: string): string {
  const code = currency.toUpperCase();
  if (!isCurrencyCode(code)) throw badInput('currency', 'currency must be an ISO 4217 code such as EUR (three letters, no spaces)');
  return code;
}

/** An active (or deprecated, or archived) version never changes: a change means a new version. */
export function checkVersionEditable(status: LifecycleStatus): void {
  if (status !== 'DRAFT') {
    throw badInput('planVersion', `A ${status} plan version is immutable; create a new version from it to change prices`);
  }
}

export interface VersionForActivation {
  status: LifecycleStatus;
  prices: Array<{ productItemReference: string; productStatus: LifecycleStatus }>;
}

/** A version becomes assignable only with at least one price and no draft, deprecated or archived product in it. */
export function checkVersionActivatable(version: VersionForActivation): void {
  if (version.status !== 'DRAFT') return; // the lifecycle itself refuses with INVALID_STATUS_TRANSITION
  if (version.prices.length === 0) throw badInput('prices', 'A plan version needs at least one price before it can be activated');
  const blocked = version.prices.find((p) => p.productStatus !== 'ACTIVE');
  if (blocked) {
    throw invalidTransition(
      `Plan version (its product item "${blocked.productItemReference}" belongs to a ${blocked.productStatus} product)`,
      'DRAFT',
      'ACTIVE',
    );
  }
}

/** Invoice line order: the version's own order when set, else catalog order (product position, then item position). */
export function effectiveLineOrder<T extends { productItemId: string; productPosition: number; itemPosition: number }>(
  prices: T[],
  lineOrder: string[] | null,
): T[] {
  const catalogOrder = [...prices].sort((a, b) => a.productPosition - b.productPosition || a.itemPosition - b.itemPosition);
  if (!lineOrder) return catalogOrder;
  const rank = new Map(lineOrder.map((id, i) => [id, i]));
  // Items the version's order does not mention keep catalog order, after the ordered ones.
  return catalogOrder
    .map((price, i) => ({ price, key: rank.get(price.productItemId) ?? lineOrder.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.price);
}
