import fc from 'fast-check';
import { AppError } from '@meterline/kit';
import {
  applyBillingEntityChange,
  changesAnything,
  checkBillingEntityChange,
  checkCountry,
  checkCurrency,
  checkEntityCode,
  checkLocale,
  checkLogo,
  checkNewBillingEntity,
  checkPrefix,
  checkTimeZone,
  effectivePrefixes,
  MAX_LOGO_BYTES,
  paymentTermsOf,
  prefixClash,
  UNDESCRIBED_ENTITY,
} from '../src/domain/billing-entity';
import { checkGracePeriodSeconds } from '../src/domain/draft-schedule';

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? { code: error.extensions.code, field: error.extensions.field } : error;
  }
  return undefined;
};
const refusedAt = (field: string) => ({ code: 'BAD_USER_INPUT', field });

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const dataUri = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

describe('billing entity fields', () => {
  it('takes ISO 3166-1 alpha-2 countries Intl knows, nothing else', () => {
    for (const code of ['NL', 'US', 'DE', 'JP', 'XK']) expect(checkCountry('c', code)).toBe(code);
    for (const code of ['nl', 'NLD', 'ZZ', 'QQ', '', 'N1'])
      expect(refusal(() => checkCountry('input.address.country', code))).toEqual(refusedAt('input.address.country'));
  });

  it('takes ISO 4217 currencies, nothing else', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'BHD']) expect(checkCurrency('c', code)).toBe(code);
    for (const code of ['eur', 'EURO', 'XYZ', 'ABC', ''])
      expect(refusal(() => checkCurrency('input.currency', code))).toEqual(refusedAt('input.currency'));
  });

  it('takes canonical BCP 47 locales and IANA time zones that Intl knows', () => {
    for (const tag of ['en-US', 'nl-NL', 'de', 'pt-BR', 'zh-Hant-TW']) expect(checkLocale('l', tag)).toBe(tag);
    for (const tag of ['en_US', 'nl-nl', 'EN', 'x', '', 'not a locale'])
      expect(refusal(() => checkLocale('input.locale', tag))).toEqual(refusedAt('input.locale'));
    for (const zone of ['Europe/Amsterdam', 'America/New_York', 'UTC', 'Asia/Kolkata']) expect(checkTimeZone('t', zone)).toBe(zone);
    for (const zone of ['Mars/Olympus', 'CET+99', '', ' UTC'])
      expect(refusal(() => checkTimeZone('input.timeZone', zone))).toEqual(refusedAt('input.timeZone'));
  });

  it('takes a logo as an https URL or a small PNG/JPEG data URI whose bytes are what it says', () => {
    expect(checkLogo('l', 'https://example.com/logo.png')).toBe('https://example.com/logo.png');
    expect(checkLogo('l', dataUri('image/png', PNG))).toBe(dataUri('image/png', PNG));
    expect(checkLogo('l', dataUri('image/jpeg', JPEG))).toBe(dataUri('image/jpeg', JPEG));
    const refused = [
      'http://example.com/logo.png',
      'ftp://example.com/logo.png',
      'logo.png',
      `https://example.com/${'a'.repeat(2048)}`,
      dataUri('image/gif', PNG),
      dataUri('image/svg+xml', Buffer.from('<svg/>')),
      dataUri('image/png', JPEG),
      dataUri('image/jpeg', PNG),
      dataUri('image/png', Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)])),
      'data:image/png,notbase64',
    ];
    for (const logo of refused) expect(refusal(() => checkLogo('input.logo', logo))).toEqual(refusedAt('input.logo'));
    expect(checkLogo('l', dataUri('image/png', Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES - PNG.length)])))).toContain('data:');
  });

  it('takes prefixes of 1-20 letters, digits and - _ . / and codes as references', () => {
    for (const prefix of ['INV-', 'ACME/2026/', 'A', 'eu.inv_']) expect(checkPrefix('p', prefix)).toBe(prefix);
    for (const prefix of ['', '-INV', 'IN V', 'INV-'.repeat(6), 'ÄÖ-'])
      expect(refusal(() => checkPrefix('input.invoiceNumberPrefix', prefix))).toEqual(refusedAt('input.invoiceNumberPrefix'));
    expect(checkEntityCode('input.code', 'acme-eu')).toBe('acme-eu');
    expect(refusal(() => checkEntityCode('input.code', 'acme eu'))).toEqual(refusedAt('input.code'));
  });

  it('names the field of every refusal in a change; needs a legal name for a new entity, never removes one', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ legalName: ' Acme' }, 'input.legalName'],
      [{ legalName: null }, 'input.legalName'],
      [{ taxId: '' }, 'input.taxId'],
      [{ taxId: 'x'.repeat(65) }, 'input.taxId'],
      [{ invoiceFooter: 'a\u0000b' }, 'input.invoiceFooter'],
      [{ paymentInstructions: '' }, 'input.paymentInstructions'],
      [{ paymentTermsDays: 366 }, 'input.paymentTermsDays'],
      [{ paymentTermsDays: -1 }, 'input.paymentTermsDays'],
      [{ emailFrom: 'billing at example.com' }, 'input.emailFrom'],
      [
        { address: { line1: 'Main 1', line2: null, city: 'Amsterdam', postalCode: null, state: null, country: 'XX' } },
        'input.address.country',
      ],
      [{ address: { line1: '', line2: null, city: 'Amsterdam', postalCode: null, state: null, country: 'NL' } }, 'input.address.line1'],
      [
        { address: { line1: 'Main 1', line2: null, city: 'Amsterdam', postalCode: '\n', state: null, country: 'NL' } },
        'input.address.postalCode',
      ],
    ];
    for (const [change, field] of cases)
      expect([field, refusal(() => checkBillingEntityChange('input', change))]).toEqual([field, refusedAt(field)]);
    expect(refusal(() => checkNewBillingEntity('input', { taxId: 'NL1' }))).toEqual(refusedAt('input.legalName'));
    expect(checkNewBillingEntity('input', { legalName: 'Acme B.V.', paymentTermsDays: 14, emailFrom: 'billing@acme.example' })).toEqual({
      legalName: 'Acme B.V.',
      paymentTermsDays: 14,
      emailFrom: 'billing@acme.example',
    });
    // Left out stays out (unchanged); null clears.
    expect(checkBillingEntityChange('input', { taxId: null, locale: 'nl-NL' })).toEqual({ taxId: null, locale: 'nl-NL' });
  });

  it('a grace period is whole seconds 0 to 31 days, or null for the default', () => {
    expect(checkGracePeriodSeconds('g', null)).toBeNull();
    expect(checkGracePeriodSeconds('g', 0)).toBe(0);
    expect(checkGracePeriodSeconds('g', 2_678_400)).toBe(2_678_400);
    for (const s of [-1, 2_678_401, 1.5])
      expect(refusal(() => checkGracePeriodSeconds('input.gracePeriodSeconds', s))).toEqual(refusedAt('input.gracePeriodSeconds'));
  });
});

describe('versions, prefixes and terms', () => {
  const fieldsArb = fc.record({
    legalName: fc.option(fc.string({ minLength: 1 }), { nil: null }),
    taxId: fc.option(fc.string(), { nil: null }),
    paymentTermsDays: fc.option(fc.integer({ min: 0, max: 365 }), { nil: null }),
    invoiceNumberPrefix: fc.option(fc.constantFrom('A-', 'B-', 'INV-'), { nil: null }),
  });
  const changeArb = fc.record(
    {
      legalName: fc.string({ minLength: 1 }),
      taxId: fc.option(fc.string(), { nil: null }),
      paymentTermsDays: fc.option(fc.integer({ min: 0, max: 365 }), { nil: null }),
      invoiceNumberPrefix: fc.option(fc.constantFrom('A-', 'B-', 'INV-'), { nil: null }),
    },
    { requiredKeys: [] },
  );

  it('a change sets what it gives, keeps what it leaves out; applying it twice is applying it once', () => {
    fc.assert(
      fc.property(fieldsArb, changeArb, (partial, change) => {
        const current = { ...UNDESCRIBED_ENTITY, ...partial };
        const next = applyBillingEntityChange(current, change);
        for (const key of Object.keys(UNDESCRIBED_ENTITY) as Array<keyof typeof current>)
          expect(next[key]).toEqual(key in change ? change[key as keyof typeof change] : current[key]);
        expect(applyBillingEntityChange(next, change)).toEqual(next);
        expect(changesAnything(next, change)).toBe(false);
        expect(changesAnything(current, change)).toBe(JSON.stringify(next) !== JSON.stringify(current));
      }),
    );
  });

  it('payment terms: the entity’s own, else the platform’s, else the deployment’s', () => {
    expect(paymentTermsOf(14, 60, 30)).toBe(14);
    expect(paymentTermsOf(0, 60, 30)).toBe(0);
    expect(paymentTermsOf(null, 60, 30)).toBe(60);
    expect(paymentTermsOf(null, null, 30)).toBe(30);
    fc.assert(
      fc.property(fc.option(fc.nat(365), { nil: null }), fc.option(fc.nat(365), { nil: null }), fc.nat(365), (e, p, d) => {
        expect(paymentTermsOf(e, p, d)).toBe(e !== null ? e : p !== null ? p : d);
      }),
    );
  });

  it('a prefix another series uses or used is refused, so no two documents of a platform share a number', () => {
    const deployment = { invoice: 'INV-', creditNote: 'CN-' };
    expect(effectivePrefixes({ invoiceNumberPrefix: null, creditNoteNumberPrefix: 'X-' }, deployment)).toEqual({
      invoice: 'INV-',
      creditNote: 'X-',
    });
    const defaultEntity = [deployment];
    expect(prefixClash(deployment, [], defaultEntity)).toBe('invoiceNumberPrefix');
    expect(prefixClash({ invoice: 'EU-', creditNote: 'CN-' }, [], defaultEntity)).toBe('creditNoteNumberPrefix');
    expect(prefixClash({ invoice: 'EU-', creditNote: 'EUCN-' }, [], defaultEntity)).toBeNull();
    expect(prefixClash({ invoice: 'EU-', creditNote: 'EU-' }, [], defaultEntity)).toBe('creditNoteNumberPrefix');
    // An entity keeps or changes its own prefixes, but never swaps its series' prefixes, nor takes one another entity had.
    expect(prefixClash({ invoice: 'EU-', creditNote: 'EUCN-' }, [{ invoice: 'EU-', creditNote: 'EUCN-' }], defaultEntity)).toBeNull();
    expect(prefixClash({ invoice: 'EUCN-', creditNote: 'EU-' }, [{ invoice: 'EU-', creditNote: 'EUCN-' }], defaultEntity)).toBe(
      'invoiceNumberPrefix',
    );
    expect(prefixClash({ invoice: 'OLD-', creditNote: 'X-' }, [], [{ invoice: 'OLD-', creditNote: 'OCN-' }, deployment])).toBe(
      'invoiceNumberPrefix',
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ invoice: fc.constantFrom('A', 'B', 'C', 'D'), creditNote: fc.constantFrom('A', 'B', 'C', 'D') })),
        fc.record({ invoice: fc.constantFrom('A', 'B', 'C', 'D'), creditNote: fc.constantFrom('A', 'B', 'C', 'D') }),
        (others, wanted) => {
          const taken = new Set(others.flatMap((o) => [o.invoice, o.creditNote]));
          const free = wanted.invoice !== wanted.creditNote && !taken.has(wanted.invoice) && !taken.has(wanted.creditNote);
          expect(prefixClash(wanted, [], others) === null).toBe(free);
        },
      ),
    );
  });
});
