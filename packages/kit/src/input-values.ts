import { Decimal } from '@meterline/money';
import { badInput } from './errors';

// The one input layer (issue 14): every door (GraphQL scalars and String arguments, REST ingest, file rows) checks the
// values it takes in with these functions. Each returns the value or the reason it is refused; the caller turns a
// reason into BAD_USER_INPUT naming the field. Nothing is trimmed or rounded: an accepted value is stored as given.

export type Checked<T> = { value: T } | { reason: string };

export const refused = (checked: Checked<unknown>): checked is { reason: string } => 'reason' in checked;

/** The value, or BAD_USER_INPUT naming `field` with the reason. */
export function valueOrBadInput<T>(field: string, checked: Checked<T>): T {
  if (refused(checked)) throw badInput(field, `${field}: ${checked.reason}`);
  return checked.value;
}

/** Digits a decimal may have in all (integer and fraction part): the precision of the Decimal type, so nothing is rounded. */
export const MAX_DECIMAL_DIGITS = 40;

const PLAIN_DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

/** A plain decimal string ("12.50", "-3", "0.0001"): no exponent, NaN, Infinity, comma, leading dot or plus, spaces. */
export function parseDecimalInput(value: unknown): Checked<Decimal> {
  if (typeof value !== 'string') return { reason: 'a decimal must be a string such as "12.50"' };
  const match = PLAIN_DECIMAL.exec(value);
  if (!match) return { reason: `"${preview(value)}" is not a plain decimal number such as "12.50" (no exponent, comma, sign + or spaces)` };
  const digits = match[1].replace(/^0+(?=\d)/, '').length + (match[2]?.length ?? 0);
  if (digits > MAX_DECIMAL_DIGITS) return { reason: `a decimal may have at most ${MAX_DECIMAL_DIGITS} digits` };
  return { value: new Decimal(value) };
}

/** Earliest and latest instants a date-time may name: years 1970 to 9999. */
export const MIN_DATE_TIME = new Date(Date.UTC(1970, 0, 1));
export const MAX_DATE_TIME = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An RFC 3339 date-time with an offset or Z, naming a real calendar instant (no 30 February, no 24:00, no leap second)
 * between 1970 and 9999. Digits below the millisecond must be zeros: they could not be kept.
 */
export function parseDateTimeInput(value: unknown): Checked<Date> {
  if (typeof value !== 'string') return { reason: 'a date-time must be a string such as "2026-04-17T15:33:00Z"' };
  const m = RFC3339.exec(value);
  if (!m) return { reason: `"${preview(value)}" is not an RFC 3339 date-time with offset, e.g. 2026-04-17T15:33:00+02:00` };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = m[7] ?? '';
  if (month < 1 || month > 12) return { reason: `month ${m[2]} does not exist` };
  if (day < 1 || day > daysInMonth(year, month)) return { reason: `${m[1]}-${m[2]}-${m[3]} is not a calendar date` };
  if (hour > 23 || minute > 59 || second > 59) return { reason: `${m[4]}:${m[5]}:${m[6]} is not a time of day (00:00:00 to 23:59:59)` };
  if (/[1-9]/.test(fraction.slice(3)))
    return { reason: 'a date-time is kept to the millisecond: at most 3 fractional digits that are not zero' };
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return { reason: `offset ${m[9]}${m[10]}:${m[11]} does not exist` };
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  const instant = new Date(utc.getTime() - offsetMinutes * 60_000);
  if (instant < MIN_DATE_TIME || instant > MAX_DATE_TIME) return { reason: 'a date-time must lie between the years 1970 and 9999' };
  return { value: instant };
}

/** Kinds of free text with their longest accepted length (UTF-16 code units). */
export const STRING_MAX_LENGTH = {
  /** External references and idempotency keys (events, customers, meters, products…). */
  reference: 255,
  /** Names, labels, codes. */
  name: 255,
  /** Descriptions, reasons, notes. */
  description: 4000,
  /** Any other string argument of the API (the default of the GraphQL string check). */
  text: 100_000,
} as const;
export type StringKind = keyof typeof STRING_MAX_LENGTH;

/** The one maximum length of a reference, shared by every door (see STRING_MAX_LENGTH.reference). */
export const REFERENCE_MAX_LENGTH = STRING_MAX_LENGTH.reference;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Index of the first lone UTF-16 surrogate (a half of a pair without the other half), or -1. */
export function loneSurrogateAt(value: string): number {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return i;
    } else if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

/**
 * A string Postgres and every client can keep as given: no NUL byte, no lone surrogate, at most the kind's length.
 * References and names must also carry no control characters and no leading or trailing whitespace (refused, never
 * trimmed); descriptions and other text may hold tabs and line breaks.
 */
export function checkString(value: unknown, kind: StringKind = 'text', maxLength: number = STRING_MAX_LENGTH[kind]): Checked<string> {
  if (typeof value !== 'string') return { reason: 'must be a string' };
  if (value.length > maxLength) return { reason: `must be at most ${maxLength} characters (got ${value.length})` };
  if (value.includes('\u0000')) return { reason: 'must not contain a NUL character (U+0000)' };
  if (loneSurrogateAt(value) >= 0) return { reason: 'must not contain a lone UTF-16 surrogate (not valid Unicode)' };
  if (kind === 'reference' || kind === 'name') {
    if (CONTROL.test(value)) return { reason: 'must not contain control characters (tabs, line breaks…)' };
    if (value.trim() !== value) return { reason: 'must not start or end with whitespace (nothing is trimmed)' };
  } else if (CONTROL_EXCEPT_WHITESPACE.test(value)) {
    return { reason: 'must not contain control characters other than tab and line breaks' };
  }
  return { value };
}

/**
 * A required name taken exactly as given (names refuse spaces around them and control characters: nothing is
 * trimmed); an empty one is refused. Throws BAD_USER_INPUT naming `field`.
 */
export function exactName(field: string, value: string, maxLength: number = STRING_MAX_LENGTH.name): string {
  if (value === '') throw badInput(field, `${field} must not be empty`);
  return valueOrBadInput(field, checkString(value, 'name', maxLength));
}

/**
 * Optional free text taken exactly as given: undefined (not given) and null (none) pass as they are; an empty string
 * is refused (send null for none, so what is stored is what was sent). `kind` says which checks apply (a `name`
 * refuses spaces around it; a `description` keeps them).
 */
export function exactOptionalText<T extends string | null | undefined>(field: string, value: T, kind: StringKind = 'description'): T {
  if (value === undefined || value === null) return value;
  if (value === '') throw badInput(field, `${field} must not be empty: leave it out, or send null for none`);
  return valueOrBadInput(field, checkString(value, kind)) as T;
}

/** A JSON object: a plain `{...}`, never a string, array, number or null. */
export function parseJsonObjectInput(value: unknown): Checked<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { reason: 'must be a JSON object such as {"key": "value"}' };
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return { reason: 'must be a JSON object such as {"key": "value"}' };
  return { value: value as Record<string, unknown> };
}

/** At most `max` items in a list argument, so no request can ask for unbounded work. */
export function checkListSize<T>(value: readonly T[], max: number): Checked<readonly T[]> {
  return value.length > max ? { reason: `at most ${max} items (got ${value.length})` } : { value };
}

function preview(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value).slice(1, -1);
}
