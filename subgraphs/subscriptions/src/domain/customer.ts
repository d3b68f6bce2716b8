import {
  badInput,
  checkReference,
  isEmailAddress,
  exactName,
  exactOptionalText,
  isCurrencyCode,
  type Decimal,
} from '@meterline/kit/domain';

export interface BillingAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  state: string | null;
  country: string | null;
}

/** What can change on a customer; the reference and currency are fixed at creation (usage and invoices key on them). */
export interface CustomerDetails {
  name?: string | null;
  email?: string | null;
  country?: string | null;
  billingAddress?: Partial<BillingAddress> | null;
  taxId?: string | null;
  taxRate?: Decimal | null;
  metadata?: Record<string, unknown> | null;
}

export interface NewCustomer extends CustomerDetails {
  reference: string;
  name: string;
  currency: string;
}

export interface ValidDetails {
  name?: string;
  email?: string | null;
  country?: string | null;
  billingAddress?: BillingAddress | null;
  taxId?: string | null;
  taxRate?: Decimal | null;
  metadata?: Record<string, string>;
}

const COUNTRY = /^[A-Z]{2}$/;

function checkCountry(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!COUNTRY.test(code)) throw badInput(field, `${field} must be an ISO 3166-1 alpha-2 code such as NL`);
  return code;
}

/** Validates the details given (absent = unchanged, null = cleared); throws BAD_USER_INPUT naming the field. */
export function validateCustomerDetails(input: CustomerDetails): ValidDetails {
  const out: ValidDetails = {};
  if (input.name !== undefined && input.name !== null) {
    out.name = exactName('name', input.name, 500);
  }
  if (input.email !== undefined) {
    const email = exactOptionalText('email', input.email, 'name') ?? null;
    if (email && !isEmailAddress(email)) throw badInput('email', 'email must be an e-mail address');
    out.email = email;
  }
  if (input.country !== undefined)
    out.country = exactOptionalText('country', input.country, 'name') ? checkCountry('country', input.country!) : null;
  if (input.billingAddress !== undefined) {
    const a = input.billingAddress;
    const text = (part: 'line1' | 'line2' | 'city' | 'postalCode' | 'state') =>
      a ? (exactOptionalText(`billingAddress.${part}`, a[part], 'name') ?? null) : null;
    out.billingAddress = a
      ? {
          line1: text('line1'),
          line2: text('line2'),
          city: text('city'),
          postalCode: text('postalCode'),
          state: text('state'),
          country: exactOptionalText('billingAddress.country', a.country, 'name')
            ? checkCountry('billingAddress.country', a.country!)
            : null,
        }
      : null;
  }
  if (input.taxId !== undefined) out.taxId = exactOptionalText('taxId', input.taxId, 'name') ?? null;
  if (input.taxRate !== undefined) {
    if (input.taxRate && (input.taxRate.isNegative() || input.taxRate.greaterThan(100)))
      throw badInput('taxRate', 'taxRate is a percentage from 0 to 100');
    out.taxRate = input.taxRate ?? null;
  }
  if (input.metadata !== undefined && input.metadata !== null) {
    const entries = Object.entries(input.metadata);
    if (entries.length > 50) throw badInput('metadata', 'metadata holds at most 50 keys');
    for (const [key, value] of entries) {
      if (typeof value !== 'string' || value.length > 500)
        throw badInput(`metadata.${key}`, 'metadata values are strings of at most 500 characters');
    }
    out.metadata = input.metadata as Record<string, string>;
  }
  return out;
}

/** Validates and normalises a new customer; throws BAD_USER_INPUT naming the field. */
export function validateNewCustomer(input: NewCustomer): ValidDetails & { reference: string; name: string; currency: string } {
  const reference = checkReference('reference', input.reference, 255);
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw badInput('currency', 'currency must be an ISO 4217 code such as EUR');
  const details = validateCustomerDetails(input);
  if (!details.name) throw badInput('name', 'name must be 1-500 characters');
  return { ...details, reference, name: details.name, currency };
}
