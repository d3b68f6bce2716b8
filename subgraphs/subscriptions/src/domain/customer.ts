import { badInput, isCurrencyCode } from '@meterline/kit/domain';

export interface NewCustomer {
  reference: string;
  name: string;
  currency: string;
}

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,254}$/;

/** Validates and normalises a new customer; throws BAD_USER_INPUT naming the field. */
export function validateNewCustomer(input: NewCustomer): NewCustomer {
  const reference = input.reference.trim();
  if (!REFERENCE.test(reference)) {
    throw badInput('reference', 'reference must be 1-255 characters: letters, digits and _ . : @ -, starting with a letter or digit');
  }
  const name = input.name.trim();
  if (name.length === 0 || name.length > 500) throw badInput('name', 'name must be 1-500 characters');
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw badInput('currency', 'currency must be an ISO 4217 code such as EUR');
  return { reference, name, currency };
}
