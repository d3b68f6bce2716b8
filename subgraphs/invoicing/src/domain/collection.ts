import { badInput, Decimal, minorUnits } from '@meterline/kit/domain';

/**
 * Payment collection (issue 15, point 4): the provider port, amounts in a provider's integer minor units, and the
 * dunning schedule. Pure: no I/O, no SDK types.
 */

/** Payment providers Meterline collects through. */
export type PaymentProviderName = 'stripe';
export const PAYMENT_PROVIDERS: readonly PaymentProviderName[] = ['stripe'];

/** Where a provider's customer and payment intent live, as the provider names them. */
export interface ProviderCustomer {
  id: string;
}

/** What became of a payment intent the provider was asked to confirm. */
export type IntentStatus = 'succeeded' | 'processing' | 'failed';

export interface ProviderIntent {
  /** Null when the provider refused the request before any payment intent existed (invalid parameters). */
  id: string | null;
  status: IntentStatus;
  /** Integer minor units the provider holds as received (succeeded), else as asked. */
  amountMinor: string;
  currency: string;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface IntentRequest {
  /** Integer minor units of `currency` (see toMinorUnits). */
  amountMinor: string;
  currency: string;
  customer: string;
  paymentMethod: string;
  /** One per attempt: asking again with it returns the same intent, never a second charge. */
  idempotencyKey: string;
  metadata: { platformId: string; invoiceId: string; attempt: string };
}

/** A verified webhook event, as much of it as collection acts on. */
export type ProviderEvent =
  | { kind: 'succeeded' | 'failed'; eventId: string; intent: ProviderIntent; metadata: Partial<IntentRequest['metadata']> }
  | { kind: 'ignored'; eventId: string; type: string };

/** The port: what collection asks of a payment provider, whichever it is. */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createCustomer(request: {
    idempotencyKey: string;
    metadata: { platformId: string; customerId: string };
    name?: string;
  }): Promise<ProviderCustomer>;
  createPaymentIntent(request: IntentRequest): Promise<ProviderIntent>;
  /** Verifies the signature of a raw webhook body and reads it; throws WebhookSignatureError when it does not verify. */
  parseWebhook(rawBody: Buffer, signatureHeader: string, signingSecret: string): ProviderEvent;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

const INTEGER = /^\d+$/;

/**
 * An exact amount as the provider's integer count of the currency's minor unit (ISO 4217 exponent: EUR 12.34 → "1234",
 * JPY 1234 → "1234", BHD 1.234 → "1234"), as a string: never through a JS float. Refused when it is not a positive
 * whole number of minor units.
 */
export function toMinorUnits(amount: Decimal, currency: string): string {
  const minor = amount.times(new Decimal(10).pow(minorUnits(currency)));
  if (!minor.isInteger() || minor.lte(0))
    throw new RangeError(`${amount.toFixed()} ${currency} is not a positive whole number of ${currency}'s minor unit`);
  return minor.toFixed(0);
}

/** The exact amount of an integer count of minor units (the inverse of toMinorUnits). */
export function fromMinorUnits(minor: string, currency: string): Decimal {
  if (!INTEGER.test(minor)) throw new RangeError(`"${minor}" is not a whole number of minor units`);
  return new Decimal(minor).dividedBy(new Decimal(10).pow(minorUnits(currency)));
}

/** The retry delays of the deployment's schedule: days after each failed attempt, e.g. "3,5,7". */
export const DEFAULT_RETRY_SCHEDULE_DAYS: readonly number[] = [3, 5, 7];
export const MAX_RETRIES = 20;
const DAY_MS = 86_400_000;

/** Parses "3,5,7" (whole days, 1 to 365 each, at most MAX_RETRIES of them; "none" or "" for no retries). */
export function parseRetryScheduleDays(value: string): number[] | { reason: string } {
  if (value.trim() === '' || value.trim() === 'none') return [];
  const days = value.split(',').map((part) => part.trim());
  if (days.length > MAX_RETRIES) return { reason: `at most ${MAX_RETRIES} retries` };
  const parsed: number[] = [];
  for (const day of days) {
    if (!INTEGER.test(day) || Number(day) < 1 || Number(day) > 365)
      return { reason: `"${day}" is not a whole number of days from 1 to 365` };
    parsed.push(Number(day));
  }
  return parsed;
}

/** Attempts a collection makes at most: the first one and one per retry of the schedule. */
export function maxAttempts(scheduleDays: readonly number[]): number {
  return scheduleDays.length + 1;
}

/**
 * When the attempt after failed attempt number `attempt` (1 = the first) runs: `scheduleDays[attempt − 1]` days after
 * the failure; null once the schedule is spent (the collection has failed).
 */
export function nextAttemptAt(failedAt: Date, attempt: number, scheduleDays: readonly number[]): Date | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt ${attempt} is not a positive whole number`);
  const days = scheduleDays[attempt - 1];
  return days === undefined ? null : new Date(failedAt.getTime() + days * DAY_MS);
}

/** The idempotency key of attempt `attempt` of a collection: the same on every retry of the same call. */
export function attemptIdempotencyKey(collectionId: string, attempt: number): string {
  return `meterline-collection-${collectionId}-attempt-${attempt}`;
}

/** The idempotency key of a provider customer for a Meterline customer. */
export function customerIdempotencyKey(platformId: string, customerId: string): string {
  return `meterline-customer-${platformId}-${customerId}`;
}

/** What the API shows of a secret: its last four characters, never more. */
export function lastFour(secret: string): string {
  return secret.slice(-4);
}

const STRIPE_SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,247}$/;
const STRIPE_WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=]{8,247}$/;
const STRIPE_PAYMENT_METHOD = /^pm_[A-Za-z0-9_]{3,250}$/;

/** A Stripe secret (sk_…) or restricted (rk_…) key. */
export function checkStripeSecretKey(field: string, key: string): string {
  if (!STRIPE_SECRET_KEY.test(key))
    throw badInput(field, `${field} must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)`);
  return key;
}

/** A Stripe webhook endpoint's signing secret (whsec_…). */
export function checkStripeWebhookSecret(field: string, secret: string): string {
  if (!STRIPE_WEBHOOK_SECRET.test(secret)) throw badInput(field, `${field} must be a Stripe webhook signing secret (whsec_…)`);
  return secret;
}

/** A saved Stripe payment method (pm_…). */
export function checkPaymentMethodReference(field: string, provider: PaymentProviderName, reference: string): string {
  if (provider === 'stripe' && !STRIPE_PAYMENT_METHOD.test(reference))
    throw badInput(field, `${field} must be a Stripe payment method id (pm_…)`);
  return reference;
}
