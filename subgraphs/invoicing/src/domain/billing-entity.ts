import { badInput, checkReference, checkString, exactName, valueOrBadInput, type StringKind } from '@meterline/kit/domain';
import { checkPaymentTermsDays } from './payments';

/** A postal address of a billing entity; `country` is an ISO 3166-1 alpha-2 code. */
export interface PostalAddress {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string | null;
  state: string | null;
  country: string;
}

/**
 * What one version of a billing entity says: the seller an invoice names. A null prefix or payment terms means "the
 * deployment's default" (INVOICE_NUMBER_PREFIX, CREDIT_NOTE_NUMBER_PREFIX; the platform's payment terms, else
 * INVOICE_PAYMENT_TERMS_DAYS), so a platform that never touches entities bills exactly as before.
 */
export interface BillingEntityFields {
  legalName: string | null;
  address: PostalAddress | null;
  taxId: string | null;
  logo: string | null;
  invoiceFooter: string | null;
  paymentInstructions: string | null;
  invoiceNumberPrefix: string | null;
  creditNoteNumberPrefix: string | null;
  paymentTermsDays: number | null;
  currency: string | null;
  locale: string | null;
  timeZone: string | null;
  emailFrom: string | null;
}

/** The fields of a version nobody described: the default entity a platform gets before it sets anything. */
export const UNDESCRIBED_ENTITY: BillingEntityFields = {
  legalName: null,
  address: null,
  taxId: null,
  logo: null,
  invoiceFooter: null,
  paymentInstructions: null,
  invoiceNumberPrefix: null,
  creditNoteNumberPrefix: null,
  paymentTermsDays: null,
  currency: null,
  locale: null,
  timeZone: null,
  emailFrom: null,
};

/** A change: a field left out (undefined) keeps its value, null clears it. */
export type BillingEntityChange = { [K in keyof BillingEntityFields]?: BillingEntityFields[K] };

export const MAX_CODE_LENGTH = 64;
export const MAX_TAX_ID_LENGTH = 64;
export const MAX_PREFIX_LENGTH = 20;
export const MAX_LOGO_URL_LENGTH = 2048;
/** A logo given inline: a base64 data: URI of a PNG or JPEG (the image types PDF renderers embed) of at most 64 KiB. */
export const MAX_LOGO_BYTES = 65_536;
export const MAX_EMAIL_LENGTH = 254;

const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const DATA_URI = /^data:(image\/png|image\/jpeg);base64,([A-Za-z0-9+/]*={0,2})$/;
const IMAGE_SIGNATURES: Record<string, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** An entity's code: a reference, unique per platform, never changed. */
export function checkEntityCode(field: string, code: string): string {
  return checkReference(field, code, MAX_CODE_LENGTH);
}

function text(field: string, value: string, kind: StringKind, max?: number): string {
  if (value === '') throw badInput(field, `${field} must not be empty: leave it out, or send null for none`);
  return valueOrBadInput(field, checkString(value, kind, max));
}

const optional = <T, R>(value: T | null | undefined, check: (v: T) => R): R | null | undefined =>
  value === undefined ? undefined : value === null ? null : check(value);

/** ISO 3166-1 alpha-2, a code Intl knows as a region (ZZ, "unknown region", is refused). */
export function checkCountry(field: string, code: string): string {
  const known = /^[A-Z]{2}$/.test(code) && code !== 'ZZ' && new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code);
  if (!known) throw badInput(field, `${field} must be an ISO 3166-1 alpha-2 country code such as NL or US (got "${code}")`);
  return code;
}

/** ISO 4217: three capital letters Intl knows as a currency. */
export function checkCurrency(field: string, code: string): string {
  if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf('currency').includes(code))
    throw badInput(field, `${field} must be an ISO 4217 currency code such as EUR or USD (got "${code}")`);
  return code;
}

/** A BCP 47 language tag in its canonical form (nl-NL, not nl_nl or nl-nl) that Intl can format for. */
export function checkLocale(field: string, tag: string): string {
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(tag);
  } catch {
    throw badInput(field, `${field} must be a BCP 47 language tag such as en-US or nl-NL (got "${tag}")`);
  }
  if (canonical !== tag) throw badInput(field, `${field} must be written in its canonical form: ${canonical} (got "${tag}")`);
  if (Intl.NumberFormat.supportedLocalesOf([tag]).length === 0) throw badInput(field, `${field}: no formatting data for locale "${tag}"`);
  return tag;
}

/** An IANA time zone Intl knows (Europe/Amsterdam, America/New_York, UTC). */
export function checkTimeZone(field: string, zone: string): string {
  const refusal = () => badInput(field, `${field} must be an IANA time zone such as Europe/Amsterdam (got "${zone}")`);
  if (zone === '' || zone.trim() !== zone) throw refusal();
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw refusal();
  }
  return zone;
}

/**
 * A logo: an https URL of at most 2048 characters, or a base64 `data:image/png` / `data:image/jpeg` URI whose bytes
 * are at most 64 KiB and really are a PNG or JPEG (checked by their signature).
 */
export function checkLogo(field: string, logo: string): string {
  if (logo.startsWith('data:')) {
    const match = DATA_URI.exec(logo);
    if (!match) throw badInput(field, `${field}: a data URI must be data:image/png;base64,… or data:image/jpeg;base64,…`);
    const bytes = Buffer.from(match[2], 'base64');
    if (bytes.length > MAX_LOGO_BYTES) throw badInput(field, `${field}: the image is ${bytes.length} bytes; at most ${MAX_LOGO_BYTES}`);
    const signature = IMAGE_SIGNATURES[match[1]];
    if (bytes.length < signature.length || signature.some((b, i) => bytes[i] !== b))
      throw badInput(field, `${field}: the data is not a ${match[1] === 'image/png' ? 'PNG' : 'JPEG'} image`);
    return logo;
  }
  let url: URL;
  try {
    url = new URL(logo);
  } catch {
    throw badInput(field, `${field} must be an https URL or a data:image/png or data:image/jpeg URI`);
  }
  if (url.protocol !== 'https:') throw badInput(field, `${field} must be an https URL (got ${url.protocol})`);
  if (logo.length > MAX_LOGO_URL_LENGTH) throw badInput(field, `${field}: a URL may have at most ${MAX_LOGO_URL_LENGTH} characters`);
  return valueOrBadInput(field, checkString(logo, 'reference', MAX_LOGO_URL_LENGTH));
}

/** A number prefix: 1 to 20 letters, digits and - _ . /, starting with a letter or digit (INV-, ACME/2026/). */
export function checkPrefix(field: string, prefix: string): string {
  if (prefix.length > MAX_PREFIX_LENGTH || !PREFIX.test(prefix))
    throw badInput(field, `${field} must be 1-${MAX_PREFIX_LENGTH} letters, digits and - _ . /, starting with a letter or digit`);
  return prefix;
}

/** The sender address of e-mails about the entity's invoices (the address only, e.g. billing@example.com). */
export function checkEmail(field: string, email: string): string {
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email))
    throw badInput(field, `${field} must be an e-mail address such as billing@example.com`);
  return email;
}

export function checkAddress(field: string, address: PostalAddress): PostalAddress {
  return {
    line1: exactName(`${field}.line1`, address.line1),
    line2: optional(address.line2, (v) => text(`${field}.line2`, v, 'name')) ?? null,
    city: exactName(`${field}.city`, address.city),
    postalCode: optional(address.postalCode, (v) => text(`${field}.postalCode`, v, 'name', 32)) ?? null,
    state: optional(address.state, (v) => text(`${field}.state`, v, 'name')) ?? null,
    country: checkCountry(`${field}.country`, address.country),
  };
}

/**
 * Checks a change of a billing entity; `field` is the input's name (`input`), so errors name `input.legalName` etc.
 * The legal name may be changed but not removed once given.
 */
export function checkBillingEntityChange(field: string, change: BillingEntityChange): BillingEntityChange {
  const at = (name: keyof BillingEntityFields) => `${field}.${name}`;
  if (change.legalName === null) throw badInput(at('legalName'), `${at('legalName')} cannot be removed, only changed`);
  const checked: BillingEntityChange = {
    legalName: optional(change.legalName, (v) => exactName(at('legalName'), v)),
    address: optional(change.address, (v) => checkAddress(at('address'), v)),
    taxId: optional(change.taxId, (v) => text(at('taxId'), v, 'name', MAX_TAX_ID_LENGTH)),
    logo: optional(change.logo, (v) => checkLogo(at('logo'), v)),
    invoiceFooter: optional(change.invoiceFooter, (v) => text(at('invoiceFooter'), v, 'description')),
    paymentInstructions: optional(change.paymentInstructions, (v) => text(at('paymentInstructions'), v, 'description')),
    invoiceNumberPrefix: optional(change.invoiceNumberPrefix, (v) => checkPrefix(at('invoiceNumberPrefix'), v)),
    creditNoteNumberPrefix: optional(change.creditNoteNumberPrefix, (v) => checkPrefix(at('creditNoteNumberPrefix'), v)),
    paymentTermsDays:
      change.paymentTermsDays === undefined ? undefined : checkPaymentTermsDays(at('paymentTermsDays'), change.paymentTermsDays),
    currency: optional(change.currency, (v) => checkCurrency(at('currency'), v)),
    locale: optional(change.locale, (v) => checkLocale(at('locale'), v)),
    timeZone: optional(change.timeZone, (v) => checkTimeZone(at('timeZone'), v)),
    emailFrom: optional(change.emailFrom, (v) => checkEmail(at('emailFrom'), v)),
  };
  return Object.fromEntries(Object.entries(checked).filter(([, v]) => v !== undefined)) as BillingEntityChange;
}

/** A new entity needs its legal name; everything else may follow the defaults. */
export function checkNewBillingEntity(field: string, change: BillingEntityChange): BillingEntityChange {
  if (change.legalName === undefined || change.legalName === null)
    throw badInput(`${field}.legalName`, `${field}.legalName is required for a new billing entity`);
  return checkBillingEntityChange(field, change);
}

/** The fields of the next version: the current ones with the change applied. */
export function applyBillingEntityChange(current: BillingEntityFields, change: BillingEntityChange): BillingEntityFields {
  const next = { ...current };
  for (const key of Object.keys(change) as Array<keyof BillingEntityFields>)
    if (change[key] !== undefined) (next as Record<string, unknown>)[key] = change[key];
  return next;
}

/** Whether a change changes anything (a change that does not makes no new version). */
export function changesAnything(current: BillingEntityFields, change: BillingEntityChange): boolean {
  return JSON.stringify(applyBillingEntityChange(current, change)) !== JSON.stringify(current);
}

export interface NumberPrefixes {
  invoice: string;
  creditNote: string;
}

/** The prefixes an entity's numbers get: its own, else the deployment's. */
export function effectivePrefixes(
  fields: Pick<BillingEntityFields, 'invoiceNumberPrefix' | 'creditNoteNumberPrefix'>,
  deployment: NumberPrefixes,
): NumberPrefixes {
  return { invoice: fields.invoiceNumberPrefix ?? deployment.invoice, creditNote: fields.creditNoteNumberPrefix ?? deployment.creditNote };
}

/**
 * Each entity counts its own series, so two series with one prefix would give two documents the same number: a prefix
 * an entity wants must not be one any other series of the platform uses or used (any version of another entity, or
 * the entity's other series). Returns the field of the clash, or null.
 */
export function prefixClash(
  wanted: NumberPrefixes,
  ownHistory: NumberPrefixes[],
  others: NumberPrefixes[],
): 'invoiceNumberPrefix' | 'creditNoteNumberPrefix' | null {
  if (wanted.invoice === wanted.creditNote) return 'creditNoteNumberPrefix';
  const byOthers = new Set(others.flatMap((p) => [p.invoice, p.creditNote]));
  if (byOthers.has(wanted.invoice) || ownHistory.some((p) => p.creditNote === wanted.invoice)) return 'invoiceNumberPrefix';
  if (byOthers.has(wanted.creditNote) || ownHistory.some((p) => p.invoice === wanted.creditNote)) return 'creditNoteNumberPrefix';
  return null;
}

/** Payment terms of an invoice: the entity's own, else the platform's setting, else the deployment's (env). */
export function paymentTermsOf(entityDays: number | null, platformDays: number | null, deploymentDays: number): number {
  return entityDays ?? platformDays ?? deploymentDays;
}
