import { badInput, checkReference, isCurrencyCode } from '@meterline/kit/domain';

export interface NewCustomer {
  reference: string;
  name: string;
  currency: string;
}

/** Validates and normalises a new customer; throws BAD_USER_INPUT naming the field. */
export function validateNewCustomer(input: NewCustomer): NewCustomer {
  const reference = checkReference('reference', input.reference, 255);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 500) throw badInput('name', 'name must be 1-500 characters');
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw badInput('currency', 'currency must be an ISO 4217 code such as EUR');
  return { reference, name, currency };
}
