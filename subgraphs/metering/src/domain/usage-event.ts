import { createHash } from 'node:crypto';
import {
  checkString,
  Decimal,
  isCurrencyCode,
  isUuid,
  parseDateTimeInput,
  parseDecimalInput,
  REFERENCE_MAX_LENGTH,
  refused,
} from '@meterline/kit/domain';
import type { MeterStatus, MeterValueDefinition } from './meter';

/** An event as a client sends it (GraphQL input or the seed's JSON shape once renamed). */
export interface RawUsageEvent {
  meterReference?: unknown;
  customerReference?: unknown;
  reference?: unknown;
  timestamp?: unknown;
  meterValues?: unknown;
  properties?: unknown;
  subscriptionId?: unknown;
}

export interface ParsedValue {
  reference: string;
  quantity: Decimal;
  currency: string | null;
}

export interface ParsedUsageEvent {
  meterReference: string;
  customerReference: string;
  reference: string;
  /** Given by the client; when absent the event is stamped with the time it was received. */
  timestamp: Date | null;
  values: ParsedValue[];
  properties: Record<string, string | number | boolean>;
  /** The subscription the client says the usage belongs to (lower-case UUID), or null to let billing find it. */
  subscriptionId: string | null;
  /** Hash of what the client sent: same reference + same hash = duplicate, other hash = conflict. */
  contentHash: string;
}

export interface Rejection {
  field: string;
  reason: string;
}

export type ParseResult = { event: ParsedUsageEvent } | { rejected: Rejection };

/**
 * What one event may carry, checked at every ingestion door (GraphQL, REST, file rows) so that whatever is accepted
 * every consumer can store and apply (property values end up in dimension keys and aggregation states downstream).
 */
export const EVENT_LIMITS = {
  /** meter_reference, customer_reference, reference and each meter value's reference, in characters. */
  maxReferenceLength: REFERENCE_MAX_LENGTH,
  /** Properties per event. */
  maxProperties: 50,
  /** A property's name, in characters. */
  maxPropertyKeyLength: 100,
  /** A string property value, in characters. */
  maxPropertyValueLength: 1000,
  /** Meter values per event. */
  maxMeterValues: 50,
} as const;

function requiredString(raw: RawUsageEvent, field: keyof RawUsageEvent, wire: string): string | Rejection {
  const value = raw[field];
  if (typeof value !== 'string' || value.trim() === '')
    return { field: wire, reason: `${wire} is required and must be a non-empty string` };
  // Taken exactly as given: spaces or control characters around or in a reference are refused, never trimmed.
  const checked = checkString(value, 'reference');
  if (refused(checked)) return { field: wire, reason: `${wire} ${checked.reason}` };
  return value;
}

function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'reason' in value;
}

/** Validates one event; never throws. Field names in rejections are the wire names of the caller's door. */
export function parseUsageEvent(raw: RawUsageEvent, names: Record<keyof RawUsageEvent, string> = GRAPHQL_NAMES): ParseResult {
  const meterReference = requiredString(raw, 'meterReference', names.meterReference);
  if (isRejection(meterReference)) return { rejected: meterReference };
  const customerReference = requiredString(raw, 'customerReference', names.customerReference);
  if (isRejection(customerReference)) return { rejected: customerReference };
  const reference = requiredString(raw, 'reference', names.reference);
  if (isRejection(reference)) return { rejected: reference };

  let timestamp: Date | null = null;
  if (raw.timestamp !== undefined && raw.timestamp !== null) {
    const checked = parseDateTimeInput(raw.timestamp);
    if (refused(checked)) {
      return {
        rejected: {
          field: names.timestamp,
          reason: `${names.timestamp} must be an RFC 3339 date-time with offset, e.g. 2025-04-17T15:33:00+02:00: ${checked.reason}`,
        },
      };
    }
    timestamp = checked.value;
  }

  if (!Array.isArray(raw.meterValues) || raw.meterValues.length === 0) {
    return { rejected: { field: names.meterValues, reason: `${names.meterValues} must be a non-empty list` } };
  }
  if (raw.meterValues.length > EVENT_LIMITS.maxMeterValues) {
    return {
      rejected: { field: names.meterValues, reason: `${names.meterValues} may hold at most ${EVENT_LIMITS.maxMeterValues} values` },
    };
  }
  const values: ParsedValue[] = [];
  const seen = new Set<string>();
  for (const [i, item] of (raw.meterValues as unknown[]).entries()) {
    const field = `${names.meterValues}[${i}]`;
    const parsed = parseValue(item, field);
    if (isRejection(parsed)) return { rejected: parsed };
    if (seen.has(parsed.reference))
      return { rejected: { field: `${field}.reference`, reason: `value "${parsed.reference}" is given twice` } };
    seen.add(parsed.reference);
    values.push(parsed);
  }

  const properties: Record<string, string | number | boolean> = {};
  if (raw.properties !== undefined && raw.properties !== null) {
    if (typeof raw.properties !== 'object' || Array.isArray(raw.properties)) {
      return { rejected: { field: names.properties, reason: `${names.properties} must be an object of property values` } };
    }
    const entries = Object.entries(raw.properties as Record<string, unknown>);
    if (entries.length > EVENT_LIMITS.maxProperties) {
      return { rejected: { field: names.properties, reason: `an event may carry at most ${EVENT_LIMITS.maxProperties} properties` } };
    }
    for (const [key, value] of entries) {
      const rejected = propertyRejection(key, value, names.properties);
      if (rejected) return { rejected };
      properties[key] = value as string | number | boolean;
    }
  }

  let subscriptionId: string | null = null;
  if (raw.subscriptionId !== undefined && raw.subscriptionId !== null) {
    if (typeof raw.subscriptionId !== 'string' || !isUuid(raw.subscriptionId)) {
      return { rejected: { field: names.subscriptionId, reason: `${names.subscriptionId} must be a subscription id (a UUID)` } };
    }
    subscriptionId = raw.subscriptionId.toLowerCase();
  }

  const event = { meterReference, customerReference, reference, timestamp, values, properties, subscriptionId };
  return { event: { ...event, contentHash: hashContent(event) } };
}

function propertyRejection(key: string, value: unknown, wire: string): Rejection | null {
  const name = checkString(key, 'name', EVENT_LIMITS.maxPropertyKeyLength);
  if (key.length === 0 || refused(name)) {
    const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    return {
      field: `${wire}.${shown}`,
      reason: refused(name)
        ? `a property name ${name.reason}`
        : `a property name must have 1 to ${EVENT_LIMITS.maxPropertyKeyLength} characters`,
    };
  }
  const field = `${wire}.${key}`;
  if (!['string', 'number', 'boolean'].includes(typeof value))
    return { field, reason: 'a property value must be a string, number or boolean' };
  const text = typeof value === 'string' ? checkString(value, 'text', EVENT_LIMITS.maxPropertyValueLength) : undefined;
  return text && refused(text) ? { field, reason: `a property value ${text.reason}` } : null;
}

function parseValue(item: unknown, field: string): ParsedValue | Rejection {
  if (typeof item !== 'object' || item === null) return { field, reason: 'a meter value must be an object' };
  const { reference, number, amount } = item as { reference?: unknown; number?: unknown; amount?: unknown };
  if (typeof reference !== 'string' || reference.trim() === '') return { field: `${field}.reference`, reason: 'reference is required' };
  const referenceChecked = checkString(reference, 'reference');
  if (refused(referenceChecked)) return { field: `${field}.reference`, reason: `reference ${referenceChecked.reason}` };
  const given = (number !== undefined && number !== null ? 1 : 0) + (amount !== undefined && amount !== null ? 1 : 0);
  if (given !== 1) return { field, reason: 'give exactly one of number and amount' };
  if (number !== undefined && number !== null) {
    const quantity = decimalOf(number);
    if (!quantity) return { field: `${field}.number`, reason: 'number must be a decimal number, e.g. "12.5"' };
    return { reference, quantity, currency: null };
  }
  const { currency, quantity: rawQuantity } = amount as { currency?: unknown; quantity?: unknown };
  if (typeof currency !== 'string' || !isCurrencyCode(currency))
    return { field: `${field}.amount.currency`, reason: 'currency must be an ISO 4217 code' };
  const quantity = decimalOf(rawQuantity);
  if (!quantity) return { field: `${field}.amount.quantity`, reason: 'quantity must be a decimal number, e.g. "749.98"' };
  return { reference, quantity, currency };
}

function decimalOf(value: unknown): Decimal | null {
  // A JSON number is read through its shortest decimal form; 1e400 (Infinity) or 1e-7 (exponent) is no plain decimal.
  const checked = parseDecimalInput(typeof value === 'number' ? String(value) : value);
  return refused(checked) ? null : checked.value;
}

function hashContent(event: Omit<ParsedUsageEvent, 'contentHash'>): string {
  const canonical = JSON.stringify([
    event.meterReference,
    event.customerReference,
    event.reference,
    event.timestamp?.toISOString() ?? null,
    [...event.values].sort((a, b) => a.reference.localeCompare(b.reference)).map((v) => [v.reference, v.quantity.toFixed(), v.currency]),
    Object.keys(event.properties)
      .sort()
      .map((k) => [k, event.properties[k]]),
    // Only when named: events stored before subscriptions existed keep their hash, so their repeats stay duplicates.
    ...(event.subscriptionId ? [event.subscriptionId] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export const GRAPHQL_NAMES: Record<keyof RawUsageEvent, string> = {
  meterReference: 'meterReference',
  customerReference: 'customerReference',
  reference: 'reference',
  timestamp: 'timestamp',
  meterValues: 'meterValues',
  properties: 'properties',
  subscriptionId: 'subscriptionId',
};

/** The seed's JSON names, used by the REST door and file imports. */
export const SEED_NAMES: Record<keyof RawUsageEvent, string> = {
  meterReference: 'meter_reference',
  customerReference: 'customer_reference',
  reference: 'reference',
  timestamp: 'timestamp',
  meterValues: 'meter_values',
  properties: 'properties',
  subscriptionId: 'subscription_id',
};

/** An event in the seed's JSON shape (`meter_reference`, `meter_values`, …) as the pipeline's raw event. */
export function fromSeedShape(json: unknown): RawUsageEvent {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const e = json as Record<string, unknown>;
  return {
    meterReference: e.meter_reference,
    customerReference: e.customer_reference,
    reference: e.reference,
    timestamp: e.timestamp,
    meterValues: e.meter_values,
    properties: e.properties,
    subscriptionId: e.subscription_id,
  };
}

export const UnmatchedReasons = [
  'UNKNOWN_METER',
  'INACTIVE_METER',
  'UNKNOWN_VALUE',
  'VALUE_TYPE_MISMATCH',
  'UNKNOWN_CUSTOMER',
  'UNKNOWN_SUBSCRIPTION',
] as const;
export type UnmatchedReason = (typeof UnmatchedReasons)[number];

export interface MeterForMatching {
  id: string;
  status: MeterStatus;
  values: MeterValueDefinition[];
}

export interface SubscriptionForMatching {
  customerId: string;
  status: 'DRAFT' | 'ACTIVE' | 'CANCELED' | 'ENDED';
}

/**
 * Why an event cannot be attributed yet, or null when it matches its meter, customer and (when it names one)
 * subscription. Meter problems come first, then the customer, then the subscription: a named subscription must be
 * known, be the event's customer's and not be a draft.
 */
export function unmatchedReason(
  event: Pick<ParsedUsageEvent, 'values' | 'subscriptionId'>,
  meter: MeterForMatching | undefined,
  customerId: string | null,
  subscription: SubscriptionForMatching | undefined,
): UnmatchedReason | null {
  if (!meter) return 'UNKNOWN_METER';
  if (meter.status !== 'ACTIVE') return 'INACTIVE_METER';
  for (const value of event.values) {
    const definition = meter.values.find((v) => v.reference === value.reference);
    if (!definition) return 'UNKNOWN_VALUE';
    if ((definition.type === 'AMOUNT') !== (value.currency !== null) || (definition.currency && definition.currency !== value.currency)) {
      return 'VALUE_TYPE_MISMATCH';
    }
  }
  if (customerId === null) return 'UNKNOWN_CUSTOMER';
  if (event.subscriptionId !== null && (!subscription || subscription.customerId !== customerId || subscription.status === 'DRAFT')) {
    return 'UNKNOWN_SUBSCRIPTION';
  }
  return null;
}
