import fc from 'fast-check';
import { Decimal } from '@meterline/money';
import { buildCreditNoteDocument, buildInvoiceDocument, DocumentFormat, sampleInvoice, SELLER_NOT_CONFIGURED, type Seller } from '../src';

const d = (value: string) => new Decimal(value);
const field = (fields: Array<{ label: string; value: string }>, label: string) => fields.find((f) => f.label === label)?.value;
// Intl puts no-break spaces (U+00A0, U+2009, U+202F) into numbers and dates; the assertions write plain spaces.
const plain = (value: string | undefined) => value?.replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('DocumentFormat', () => {
  it.each([
    ['en-US', 'EUR', '1234.5', '€1,234.50'],
    ['de-DE', 'EUR', '1234.5', '1.234,50 €'],
    ['fr-FR', 'EUR', '-1234.5', '-1 234,50 €'],
    ['ja-JP', 'JPY', '1234', '￥1,234'],
    ['en-US', 'BHD', '1234.567', 'BHD 1,234.567'],
    ['de-DE', 'BHD', '0.5', '0,500 BHD'],
    ['en-US', 'EUR', '12345678901234567890.12', '€12,345,678,901,234,567,890.12'],
  ])('%s %s %s → %s (the currency’s minor units, exact beyond a double)', (locale, currency, amount, expected) => {
    expect(plain(new DocumentFormat(locale, 'UTC', currency).amount(d(amount)))).toBe(expected);
  });

  it('keeps every digit of an exact unit price, and at least the minor units', () => {
    const f = new DocumentFormat('en-US', 'UTC', 'EUR');
    expect(f.exact(d('0.0079838709677'))).toBe('€0.0079838709677');
    expect(f.exact(d('3'))).toBe('€3.00');
    expect(new DocumentFormat('ja-JP', 'UTC', 'JPY').exact(d('0.25'))).toBe('￥0.25');
  });

  it('formats quantities with the locale’s grouping and every decimal', () => {
    expect(new DocumentFormat('de-DE', 'UTC', 'EUR').number(d('1234567.125'))).toBe('1.234.567,125');
    expect(new DocumentFormat('en-US', 'UTC', 'EUR').number(d('12500'))).toBe('12,500');
  });

  it('shows dates in the seller’s time zone', () => {
    const instant = new Date('2026-03-31T23:30:00Z');
    expect(new DocumentFormat('en-US', 'UTC', 'EUR').date(instant)).toBe('Mar 31, 2026');
    expect(new DocumentFormat('en-US', 'Europe/Berlin', 'EUR').date(instant)).toBe('Apr 1, 2026');
    expect(new DocumentFormat('de-DE', 'Europe/Berlin', 'EUR').date(instant)).toBe('01.04.2026');
    expect(new DocumentFormat('ja-JP', 'Asia/Tokyo', 'JPY').date(instant)).toBe('2026/04/01');
    expect(new DocumentFormat('fr-FR', 'UTC', 'EUR').date(instant)).toBe('31 mars 2026');
  });

  it('shows a period of whole days as the days it covers, the end exclusive', () => {
    const f = new DocumentFormat('en-US', 'UTC', 'EUR');
    expect(plain(f.span(new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z')))).toBe('Mar 1 – 31, 2026');
    expect(plain(f.span(new Date('2026-03-15T00:00:00Z'), new Date('2026-05-01T00:00:00Z')))).toBe('Mar 15 – Apr 30, 2026');
    // Midnight in Berlin is 23:00 UTC the day before.
    expect(
      plain(new DocumentFormat('de-DE', 'Europe/Berlin', 'EUR').span(new Date('2026-02-28T23:00:00Z'), new Date('2026-03-31T22:00:00Z'))),
    ).toBe('01.–31.03.2026');
  });

  it('shows a stretch that starts or ends inside a day with its instants', () => {
    const f = new DocumentFormat('en-US', 'UTC', 'EUR');
    expect(plain(f.span(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-14T12:30:00Z')))).toBe(
      'Mar 1, 2026, 12:00 AM – Mar 14, 2026, 12:30 PM',
    );
  });
});

describe('buildInvoiceDocument', () => {
  it('gives every block of an issued invoice its formatted strings', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument(invoice, seller, buyer);
    expect(model.title).toBe('Invoice');
    expect(model.fileName).toBe('INV-000042');
    expect(model.draft).toBe(false);
    expect(model.documentDate).toEqual(invoice.issuedAt);
    expect(model.seller).toEqual(['Meterline Demo GmbH', 'Torstraße 140', '10119 Berlin', 'DE', 'Tax ID: DE123456789']);
    expect(model.sellerNotice).toBeNull();
    expect(model.buyer).toEqual([
      'Acme Größenwahn AG',
      'Bahnhofstrasse 1',
      '3rd floor',
      '8001 Zürich',
      'CH',
      'Tax ID: CHE-123.456.789 MWST',
      'billing@acme.example',
      'Customer: acme',
    ]);
    expect(field(model.header, 'Number')).toBe('INV-000042');
    expect(field(model.header, 'Issue date')).toBe('Apr 1, 2026');
    expect(field(model.header, 'Due date')).toBe('May 1, 2026');
    expect(plain(field(model.header, 'Period'))).toBe('Mar 1 – 31, 2026');
    expect(model.lines.map((l) => [l.description, l.quantity, l.amount])).toEqual([
      ['Starter plan', '', '€49.00'],
      ['API calls (Starter)', '12,500', '€99.00'],
      ['API calls (Growth, after the upgrade)', '30,000', '€150.00'],
      ['Seats (prorated from 17 March)', '3', '€44.52'],
      ['Prepaid credits used', '', '€20.00'],
    ]);
    expect(model.lines[0].details).toEqual([]); // a flat fee needs no explaining
    expect(model.lines[1].details.map(plain)).toEqual([
      'Billed for Mar 1 – 14, 2026',
      'Tier 1 (up to 100): 100 × €0.00 = €0.00',
      'Tier 2 (over 100): 12,400 × €0.0079838709677 = €99.00',
    ]);
    expect(plain(model.lines[2].details[0])).toBe('Billed for Mar 15 – 31, 2026');
    expect(model.lines[4].details).toEqual(['Deduction: shown and charged, withheld from the amount due']);
    expect(model.taxSummary).toEqual([{ label: 'Tax 19 % on €362.52', value: '€68.88' }]);
    expect(model.totals).toEqual([
      { label: 'Subtotal', value: '€362.52' },
      { label: 'Tax', value: '€68.88' },
      { label: 'Total', value: '€431.40' },
      { label: 'Deductions (withheld)', value: '-€20.00' },
    ]);
    expect(model.settlements).toEqual([
      { label: 'Credit note CN-000007 (Apr 3, 2026)', value: '-€10.00' },
      { label: 'Payment Apr 10, 2026, Bank transfer, SEPA-4711', value: '-€200.00' },
    ]);
    expect(model.amountDue).toEqual({ label: 'Amount due', value: '€201.40' });
    expect(model.paymentInstructions).toContain('IBAN');
  });

  it('says a usage line’s stretch in the locale instead of the UTC instants of its description', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const stretch = invoice.lines[1];
    const described = { ...stretch, description: 'API calls (2026-02-28T23:00:00.000Z – 2026-03-14T23:00:00.000Z)' };
    const other = { ...stretch, description: 'API calls (2026-01-01T00:00:00.000Z – 2026-02-01T00:00:00.000Z)' };
    const model = buildInvoiceDocument({ ...invoice, lines: [described, other] }, seller, buyer);
    expect(model.lines.map((l) => l.description)).toEqual(['API calls', other.description]); // only its own stretch
    expect(plain(model.lines[0].details[0])).toBe('Billed for Mar 1 – 14, 2026');
  });

  it('shows a step without units and unit price by its pricing label, then its amount', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const percentage = {
      ...invoice.lines[0],
      description: 'Payments processed',
      breakdown: [
        { label: '2.9% of 1000', quantity: null, unitPrice: null, flatFee: null, rate: d('2.9'), amount: d('29') },
        { label: 'Fixed fee 0.3 × 10 transaction(s)', quantity: null, unitPrice: null, flatFee: d('3'), rate: null, amount: d('3') },
      ],
    };
    const model = buildInvoiceDocument({ ...invoice, lines: [percentage] }, seller, buyer);
    expect(model.lines[0].details).toEqual(['2.9% of 1000 = €29.00', 'Fixed fee 0.3 × 10 transaction(s) = €3.00']);
  });

  it('formats the same invoice in German', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument(invoice, { ...seller, locale: 'de-DE' }, buyer);
    expect(field(model.header, 'Issue date')).toBe('01.04.2026');
    expect(plain(model.amountDue.value)).toBe('201,40 €');
    expect(plain(model.lines[1].details[2])).toBe('Tier 2 (over 100): 12.400 × 0,0079838709677 € = 99,00 €');
  });

  it('formats yen without decimals in Japanese, and dinars with three', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const yen = buildInvoiceDocument(
      { ...invoice, currency: 'JPY', total: d('43140'), amountDue: d('20140') },
      { ...seller, locale: 'ja-JP', timeZone: 'Asia/Tokyo' },
      buyer,
    );
    expect(field(yen.totals, 'Total')).toBe('￥43,140');
    expect(yen.amountDue.value).toBe('￥20,140');
    expect(field(yen.header, 'Issue date')).toBe('2026/04/01');
    const dinar = buildInvoiceDocument({ ...invoice, currency: 'BHD', amountDue: d('201.4') }, seller, buyer);
    expect(plain(dinar.amountDue.value)).toBe('BHD 201.400');
  });

  it('says plainly when the seller is not configured', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const unconfigured: Seller = { ...seller, legalName: null, address: null, taxId: null, paymentInstructions: null, footer: null };
    const model = buildInvoiceDocument(invoice, unconfigured, buyer);
    expect(model.seller).toEqual([]);
    expect(model.sellerNotice).toBe(SELLER_NOT_CONFIGURED);
    expect(model.paymentInstructions).toBeNull();
  });

  it('marks a draft as one: no number, no issue date, when it will be issued', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument(
      { ...invoice, status: 'DRAFT', number: null, issuedAt: null, dueAt: null, issuesAt: new Date('2026-05-01T01:00:00Z') },
      seller,
      buyer,
    );
    expect(model.draft).toBe(true);
    expect(field(model.header, 'Due date')).toBeUndefined();
    expect(model.stamp).toEqual({ word: 'DRAFT', note: 'DRAFT: a preview, not an issued invoice' });
    expect(model.fileName).toBe('draft');
    expect(field(model.header, 'Number')).toBe('Draft (not issued)');
    expect(field(model.header, 'Issue date')).toBe('Not issued');
    expect(field(model.header, 'To be issued')).toBe('May 1, 2026');
    expect(model.documentDate).toEqual(invoice.periodStart);
  });

  it('stamps a void invoice VOID with when and why, and nothing due', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument(
      { ...invoice, status: 'VOID', voidedAt: new Date('2026-04-02T10:00:00Z'), voidReason: 'issued by mistake', payments: [] },
      seller,
      buyer,
    );
    expect(model.stamp).toEqual({ word: 'VOID', note: 'VOID: cancelled on Apr 2, 2026 (issued by mistake); nothing is due' });
    expect(model.amountDue).toEqual({ label: 'Amount due (void)', value: '€0.00' });
    expect(model.draft).toBe(false);
    expect(buildInvoiceDocument(invoice, seller, buyer).stamp).toBeNull();
  });

  it('titles a correction, says no tax rate applies without one, and what is owed back when credited beyond', () => {
    const { invoice, seller, buyer } = sampleInvoice();
    const model = buildInvoiceDocument({ ...invoice, kind: 'CORRECTION', taxRate: null, amountDue: d('-12.5') }, seller, buyer);
    expect(model.title).toBe('Correction invoice');
    expect(model.taxSummary).toEqual([{ label: 'Tax', value: 'No tax rate applies' }]);
    expect(model.amountDue).toEqual({ label: 'Owed to the customer', value: '-€12.50' });
  });

  it('drops the empty parts of an address and a buyer without one', () => {
    const { invoice, seller } = sampleInvoice();
    const model = buildInvoiceDocument(invoice, seller, { name: 'Solo', reference: 'solo', email: null, address: null, taxId: null });
    expect(model.buyer).toEqual(['Solo', 'Customer: solo']);
    const partial = buildInvoiceDocument(invoice, seller, {
      name: 'Part',
      reference: 'p',
      email: null,
      taxId: null,
      address: { line1: ' ', line2: null, city: 'Lyon', postalCode: null, state: null, country: 'FR' },
    });
    expect(partial.buyer).toEqual(['Part', 'Lyon', 'FR', 'Customer: p']);
  });

  it('property: every money string of an en-US document parses back to the invoice’s exact amounts', () => {
    const cents = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((c) => new Decimal(c.toString()).dividedBy(100));
    const parse = (text: string) => new Decimal(text.replace(/[€,]/g, ''));
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 8 }), cents, cents, (amounts, tax, paid) => {
        const { invoice, seller, buyer } = sampleInvoice();
        const lines = amounts.map((amount, i) => ({ ...invoice.lines[0], description: `line ${i}`, amount, breakdown: [] }));
        const subtotal = amounts.reduce((s, a) => s.plus(a), new Decimal(0));
        const total = subtotal.plus(tax);
        const amountDue = total.minus(paid);
        const model = buildInvoiceDocument(
          {
            ...invoice,
            lines,
            subtotal,
            tax,
            total,
            deductions: new Decimal(0),
            amountDue,
            creditNotes: [],
            payments: [{ ...invoice.payments[0], amount: paid }],
          },
          seller,
          buyer,
        );
        model.lines.forEach((line, i) => expect(parse(line.amount).equals(amounts[i])).toBe(true));
        expect(parse(field(model.totals, 'Subtotal')!).equals(subtotal)).toBe(true);
        expect(parse(field(model.totals, 'Tax')!).equals(tax)).toBe(true);
        expect(parse(field(model.totals, 'Total')!).equals(total)).toBe(true);
        expect(parse(model.settlements[0].value).equals(paid.negated())).toBe(true);
        expect(parse(model.amountDue.value).equals(amountDue)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('buildCreditNoteDocument', () => {
  const note = {
    number: 'CN-000007',
    reason: 'one seat unused',
    currency: 'EUR',
    createdAt: new Date('2026-04-03T09:00:00Z'),
    invoice: {
      number: 'INV-000042',
      periodStart: new Date('2026-03-01T00:00:00Z'),
      periodEnd: new Date('2026-04-01T00:00:00Z'),
      taxRate: d('19'),
    },
    lines: [{ description: 'Seats', amount: d('10') }],
    subtotal: d('10'),
    tax: d('1.9'),
    total: d('11.9'),
    refunds: [] as Array<{ refundedAt: Date; amount: Decimal; method: string; reference: string | null }>,
  };

  it('says what it credits of which invoice, and the total credited', () => {
    const { seller, buyer } = sampleInvoice();
    const model = buildCreditNoteDocument(note, { ...seller, timeZone: 'UTC' }, buyer);
    expect(model.title).toBe('Credit note');
    expect(model.fileName).toBe('CN-000007');
    expect(field(model.header, 'Credits invoice')).toBe('INV-000042');
    expect(plain(field(model.header, 'Invoice period'))).toBe('Mar 1 – 31, 2026');
    expect(field(model.header, 'Reason')).toBe('one seat unused');
    expect(model.lines).toEqual([{ description: 'Seats', details: [], quantity: '', amount: '€10.00' }]);
    expect(model.taxSummary).toEqual([{ label: 'Tax 19 % on €10.00', value: '€1.90' }]);
    expect(model.amountDue).toEqual({ label: 'Total credited', value: '€11.90' });
  });

  it('subtracts refunds from what is still to be paid back', () => {
    const { seller, buyer } = sampleInvoice();
    const refunded = {
      ...note,
      refunds: [{ refundedAt: new Date('2026-04-05T10:00:00Z'), amount: d('5'), method: 'CARD', reference: null }],
    };
    const model = buildCreditNoteDocument(refunded, seller, buyer);
    expect(model.settlements).toEqual([{ label: 'Refund Apr 5, 2026, Card', value: '€5.00' }]);
    expect(field(model.totals, 'Total credited')).toBe('€11.90');
    expect(model.amountDue).toEqual({ label: 'Credited, not yet refunded', value: '€6.90' });
  });
});
