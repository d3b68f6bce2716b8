import { randomBytes } from 'node:crypto';
import { badInput } from './errors';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/;

/**
 * An external reference (customer, meter, product, metric…): 1..maxLength of letters, digits and _ . : @ -, taken
 * exactly as given — a reference with spaces or control characters around it is refused, never trimmed.
 */
export function checkReference(field: string, value: string, maxLength = 128): string {
  if (value.length > maxLength || !REFERENCE.test(value)) {
    const around = value !== value.trim() ? ' (no spaces around it: nothing is trimmed)' : '';
    throw badInput(
      field,
      `${field} must be 1-${maxLength} characters: letters, digits and _ . : @ -, starting with a letter or digit${around}`,
    );
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is shaped like an id: APIs taking "an id or a reference" try it as an id first (DESIGN §3). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * `count` UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort later, so rows
 * inserted with them land at the right edge of their primary-key index instead of on random pages.
 */
export function timeOrderedUuids(count: number, now: number): string[] {
  const bytes = randomBytes(16 * count);
  const ids: string[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const o = i * 16;
    bytes.writeUIntBE(now, o, 6);
    bytes[o + 6] = (bytes[o + 6] & 0x0f) | 0x70;
    bytes[o + 8] = (bytes[o + 8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex', o, o + 16);
    ids[i] = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return ids;
}

const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `value` looks like an e-mail address (one @, a dot in the domain, no spaces): customers' and senders' alike. */
export function isEmailAddress(value: string): boolean {
  return EMAIL_ADDRESS.test(value);
}
