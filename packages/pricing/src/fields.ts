import { Decimal, parseDecimal } from '@meterline/money';

/** One problem found in a price configuration, located by a JSON path such as `price.tiers[1].upTo`. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type JsonObject = Record<string, unknown>;

/** Lower bound a decimal field must respect. */
export type Bound = 'any' | 'nonNegative' | 'positive';

const ZERO = new Decimal(0);

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(value: unknown, path: string, issues: ConfigIssue[]): JsonObject | undefined {
  if (isJsonObject(value)) return value;
  issues.push({ path, message: 'must be an object' });
  return undefined;
}

/** Unknown fields are reported so that a typo (`unit_price`) is not silently ignored. */
export function checkKnownFields(obj: JsonObject, known: readonly string[], path: string, issues: ConfigIssue[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key))
      issues.push({ path: `${path}.${key}`, message: `is not a known field (expected one of ${known.join(', ')})` });
  }
}

/** Parses a decimal string value; JS numbers are refused because a float may already have lost precision. */
export function decimalValue(value: unknown, path: string, issues: ConfigIssue[], bound: Bound): Decimal | undefined {
  if (typeof value === 'number') {
    issues.push({ path, message: `must be a decimal string such as "12.50", not a JSON number` });
    return undefined;
  }
  let parsed: Decimal;
  try {
    parsed = parseDecimal(value as string);
  } catch {
    issues.push({ path, message: `must be a decimal string such as "12.50" (no exponent), got ${JSON.stringify(value)}` });
    return undefined;
  }
  if (bound === 'nonNegative' && parsed.lt(ZERO)) {
    issues.push({ path, message: 'must not be negative' });
    return undefined;
  }
  if (bound === 'positive' && parsed.lte(ZERO)) {
    issues.push({ path, message: 'must be greater than 0' });
    return undefined;
  }
  return parsed;
}

export function requiredDecimal(obj: JsonObject, key: string, path: string, issues: ConfigIssue[], bound: Bound): Decimal | undefined {
  if (obj[key] === undefined || obj[key] === null) {
    issues.push({ path: `${path}.${key}`, message: 'is required' });
    return undefined;
  }
  return decimalValue(obj[key], `${path}.${key}`, issues, bound);
}

/** An optional decimal: absent (or null) takes the fallback. */
export function optionalDecimal(
  obj: JsonObject,
  key: string,
  path: string,
  issues: ConfigIssue[],
  bound: Bound,
  fallback: Decimal,
): Decimal | undefined {
  if (obj[key] === undefined || obj[key] === null) return fallback;
  return decimalValue(obj[key], `${path}.${key}`, issues, bound);
}

/** A decimal where null is meaningful (no limit); `required` means the key must be present even if null. */
export function nullableDecimal(
  obj: JsonObject,
  key: string,
  path: string,
  issues: ConfigIssue[],
  bound: Bound,
  required: boolean,
): Decimal | null | undefined {
  if (obj[key] === undefined && required) {
    issues.push({ path: `${path}.${key}`, message: 'is required (use null for no upper bound)' });
    return undefined;
  }
  if (obj[key] === undefined || obj[key] === null) return null;
  return decimalValue(obj[key], `${path}.${key}`, issues, bound);
}

/** A percentage between 0 and 100 inclusive. */
export function requiredRate(obj: JsonObject, key: string, path: string, issues: ConfigIssue[]): Decimal | undefined {
  const rate = requiredDecimal(obj, key, path, issues, 'nonNegative');
  if (rate !== undefined && rate.gt(100)) {
    issues.push({ path: `${path}.${key}`, message: 'must be a percentage between 0 and 100' });
    return undefined;
  }
  return rate;
}

export function serializeDecimal(value: Decimal): string {
  return value.toFixed();
}

export function serializeNullable(value: Decimal | null): string | null {
  return value === null ? null : value.toFixed();
}
