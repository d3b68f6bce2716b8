import { badInput } from './errors';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/;

/** An external reference (customer, meter, product, metric…): trimmed, 1..maxLength of letters, digits and _ . : @ -. */
export function checkReference(field: string, value: string, maxLength = 128): string {
  const trimmed = value.trim();
  if (trimmed.length > maxLength || !REFERENCE.test(trimmed)) {
    throw badInput(field, `${field} must be 1-${maxLength} characters: letters, digits and _ . : @ -, starting with a letter or digit`);
  }
  return trimmed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is shaped like an id: APIs taking "an id or a reference" try it as an id first (DESIGN §3). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
