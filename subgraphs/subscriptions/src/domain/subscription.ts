import { AppError, badInput, ErrorCode, invalidTransition } from '@meterline/kit/domain';
import { parsePrice, PriceConfigError } from '@meterline/pricing';

export const SubscriptionStatuses = ['DRAFT', 'ACTIVE', 'CANCELED', 'ENDED'] as const;
export type SubscriptionStatus = (typeof SubscriptionStatuses)[number];
export type BillingPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

/** Overrides: product item id → price in @meterline/pricing's JSON form (the customer's tailored deal). */
export type PriceOverrides = Record<string, Record<string, unknown>>;

export interface Phase {
  startsAt: Date;
  endsAt: Date | null;
  planVersionId: string;
  seats: number;
  overrides: PriceOverrides;
}

export interface PlanVersionForAssignment {
  id: string;
  status: string;
  currency: string;
  billingPeriod: BillingPeriod;
  prices: Array<{ productItemId: string }>;
}

/** DRAFT → ACTIVE → CANCELED (pending its end) → ENDED; CANCELED → ACTIVE is a reactivation before the end. */
const TRANSITIONS: Record<SubscriptionStatus, SubscriptionStatus[]> = {
  DRAFT: ['ACTIVE'],
  ACTIVE: ['CANCELED', 'ENDED'],
  CANCELED: ['ACTIVE', 'ENDED'],
  ENDED: [],
};

export function checkSubscriptionTransition(from: SubscriptionStatus, to: SubscriptionStatus): void {
  if (!TRANSITIONS[from].includes(to)) throw invalidTransition('Subscription', from, to);
}

/** Only ACTIVE versions are assignable: drafts never left the catalog, deprecated ones keep old subscriptions only. */
export function checkAssignable(
  version: PlanVersionForAssignment | null,
  customerCurrency: string,
  field = 'planVersion',
): PlanVersionForAssignment {
  if (!version) throw badInput(field, 'Not an active plan version (unknown, or still a draft)');
  if (version.status !== 'ACTIVE')
    throw badInput(field, `A ${version.status} plan version cannot be assigned to a new subscription or phase`);
  if (version.currency !== customerCurrency)
    throw badInput(field, `The plan version bills in ${version.currency}; the customer in ${customerCurrency}`);
  return version;
}

export function checkSeats(seats: number | null | undefined, field = 'seats'): number {
  const value = seats ?? 1;
  if (!Number.isInteger(value) || value < 0) throw badInput(field, 'seats must be a whole number, 0 or more');
  return value;
}

/** Each override must price an item of the version and be a valid price; errors name `overrides[i].price.<path>`. */
export function validateOverrides(
  overrides: Array<{ productItem: string; price: Record<string, unknown> }>,
  version: PlanVersionForAssignment,
): PriceOverrides {
  const items = new Set(version.prices.map((p) => p.productItemId));
  const out: PriceOverrides = {};
  overrides.forEach((override, i) => {
    if (!items.has(override.productItem))
      throw badInput(`overrides[${i}].productItem`, 'This product item has no price in the plan version');
    if (out[override.productItem]) throw badInput(`overrides[${i}].productItem`, 'This product item is overridden twice');
    try {
      parsePrice(override.price, `overrides[${i}].price`);
    } catch (error) {
      if (!(error instanceof PriceConfigError)) throw error;
      throw new AppError(ErrorCode.BAD_USER_INPUT, error.issues.map((x) => `${x.path}: ${x.message}`).join('; '), error.issues[0]?.path, {
        issues: error.issues,
      });
    }
    out[override.productItem] = override.price;
  });
  return out;
}

export interface NewSubscriptionTimes {
  startAt: Date;
  endAt: Date | null;
  anchor: Date;
  trialEnd: Date | null;
  /** Billing cutover: no invoice for a period that ends at or before the start of the period holding it (see cutoverPeriodStart). */
  cutoverAt: Date | null;
}

/** Business limits of subscription history (issue 14): how far back a subscription may start or a change may reach. */
export interface HistoryLimits {
  /** Days before now a subscription may start, a change or cancellation take effect (older history: an import). */
  maxBackdateDays: number;
}

export const DEFAULT_MAX_BACKDATE_DAYS = 366;
/** The most a platform may set for itself: ten years (older history comes through an import with a cutover). */
export const MAX_PLATFORM_BACKDATE_DAYS = 3660;

/** A platform's own backdating limit: a whole number of days from 1 to MAX_PLATFORM_BACKDATE_DAYS; null = the default. */
export function checkPlatformBackdateDays(field: string, days: number | null): number | null {
  if (days === null) return null;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PLATFORM_BACKDATE_DAYS)
    throw badInput(field, `${field} must be a whole number of days from 1 to ${MAX_PLATFORM_BACKDATE_DAYS}, or null for the default`);
  return days;
}
export const MAX_TRIAL_DAYS = 3650;
const DAY_MS = 86_400_000;
/** The longest billing period (a year, leap day included): an anchor lies at most this far before the start. */
const LONGEST_PERIOD_MS = 366 * DAY_MS;

/** The earliest instant history may reach now; `field` names the input refused when it lies before. */
export function checkBackdating(field: string, at: Date, now: Date, limits: HistoryLimits): Date {
  const earliest = new Date(now.getTime() - limits.maxBackdateDays * DAY_MS);
  if (at < earliest)
    throw badInput(
      field,
      `${field} may reach back at most ${limits.maxBackdateDays} days (not before ${earliest.toISOString()}); older history comes through an import with a cutover`,
    );
  return at;
}

/** How far before its cutover an imported subscription may start: history older than this is of no use to billing. */
export const MAX_HISTORY_BEFORE_CUTOVER_DAYS = 36_600;

/**
 * A subscription carried over from another billing system: it may start before the backdating limit, since nothing
 * before its cutover is billed; the cutover itself (the first instant Meterline bills) keeps to the limit, and lies at
 * or after the start and before the end.
 */
function checkCutover(cutoverAt: Date, startAt: Date, now: Date, limits: HistoryLimits): Date {
  checkBackdating('cutoverAt', cutoverAt, now, limits);
  if (cutoverAt < startAt) throw badInput('cutoverAt', 'cutoverAt must be at or after startAt');
  if (cutoverAt.getTime() - startAt.getTime() > MAX_HISTORY_BEFORE_CUTOVER_DAYS * DAY_MS)
    throw badInput('startAt', `startAt may lie at most ${MAX_HISTORY_BEFORE_CUTOVER_DAYS} days before cutoverAt`);
  return cutoverAt;
}

/**
 * The anchor (start of period 0) defaults to the start and may not be after it; a trial ends within the subscription.
 * With a cutover, the start may reach back beyond the backdating limit (the history of an imported subscription).
 */
export function subscriptionTimes(
  input: {
    startAt?: Date | null;
    endAt?: Date | null;
    billingAnchor?: Date | null;
    trialDays?: number | null;
    cutoverAt?: Date | null;
  },
  now: Date,
  limits: HistoryLimits = { maxBackdateDays: DEFAULT_MAX_BACKDATE_DAYS },
): NewSubscriptionTimes {
  const given = input.startAt ?? now;
  const cutoverAt = input.cutoverAt ? checkCutover(input.cutoverAt, given, now, limits) : null;
  const startAt = cutoverAt ? given : checkBackdating('startAt', given, now, limits);
  const endAt = input.endAt ?? null;
  if (endAt && endAt <= startAt) throw badInput('endAt', 'endAt must be after startAt');
  if (endAt && cutoverAt && endAt <= cutoverAt) throw badInput('cutoverAt', 'cutoverAt must be before endAt (nothing would be billed)');
  const anchor = input.billingAnchor ?? startAt;
  if (anchor > startAt) throw badInput('billingAnchor', 'The billing anchor is the start of a period at or before startAt');
  if (startAt.getTime() - anchor.getTime() > LONGEST_PERIOD_MS)
    throw badInput('billingAnchor', 'The billing anchor lies at most one billing period (366 days) before startAt');
  const trialDays = input.trialDays ?? 0;
  if (!Number.isInteger(trialDays) || trialDays < 0 || trialDays > MAX_TRIAL_DAYS)
    throw badInput('trialDays', `trialDays must be a whole number from 0 to ${MAX_TRIAL_DAYS}`);
  const trialEnd = trialDays > 0 ? new Date(startAt.getTime() + trialDays * 86_400_000) : null;
  return { startAt, endAt, anchor, trialEnd, cutoverAt };
}

/**
 * A change effective at `at`: the phase running then ends at `at` and a new one starts with the changes; later phases
 * (already planned changes) are replaced. The history before `at` stays as it was, so past periods re-bill exactly.
 */
export function applyChange(phases: Phase[], at: Date, change: Partial<Pick<Phase, 'planVersionId' | 'seats' | 'overrides'>>): Phase[] {
  const current = [...phases].reverse().find((p) => p.startsAt <= at);
  if (!current) throw badInput('at', 'A change cannot take effect before the subscription starts');
  const kept = phases.filter((p) => p.startsAt < at).map((p) => (p.endsAt === null || p.endsAt > at ? { ...p, endsAt: at } : p));
  return [...kept, { ...current, ...change, startsAt: at, endsAt: null }];
}
