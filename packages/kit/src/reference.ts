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
