import { Decimal } from '@meterline/money';
import type { Buyer, InvoiceDocumentInput, Seller } from './model';

const d = (value: string) => new Decimal(value);

/** A realistic demo invoice (fixed data): the README's page image and the tests start from it. */
export function sampleInvoice(): { invoice: InvoiceDocumentInput; seller: Seller; buyer: Buyer } {
  return {
    seller: {
      legalName: 'Meterline Demo GmbH',
      address: { line1: 'Torstraße 140', line2: null, city: 'Berlin', postalCode: '10119', state: null, country: 'DE' },
      taxId: 'DE123456789',
      paymentInstructions: 'Bank transfer to IBAN DE89 3704 0044 0532 0130 00 (BIC COBADEFFXXX), quoting the invoice number.',
      footer: 'Meterline Demo GmbH · Amtsgericht Charlottenburg HRB 000000 · billing@example.com',
      locale: 'en-US',
      timeZone: 'Europe/Berlin',
    },
    buyer: {
      name: 'Acme Größenwahn AG',
      reference: 'acme',
      email: 'billing@acme.example',
      address: { line1: 'Bahnhofstrasse 1', line2: '3rd floor', city: 'Zürich', postalCode: '8001', state: null, country: 'CH' },
      taxId: 'CHE-123.456.789 MWST',
    },
    invoice: {
      kind: 'SUBSCRIPTION',
      status: 'ISSUED',
      number: 'INV-000042',
      currency: 'EUR',
      issuedAt: new Date('2026-04-01T01:00:00.000Z'),
      dueAt: new Date('2026-05-01T01:00:00.000Z'),
      periodStart: new Date('2026-02-28T23:00:00.000Z'),
      periodEnd: new Date('2026-03-31T22:00:00.000Z'),
      lines: [
        {
          description: 'Starter plan',
          quantity: null,
          amount: d('49'),
          deduction: false,
          windowStart: null,
          windowEnd: null,
          breakdown: [{ label: 'Flat fee 49', quantity: null, unitPrice: null, flatFee: d('49'), rate: null, amount: d('49') }],
        },
        {
          description: 'API calls (Starter)',
          quantity: d('12500'),
          amount: d('99'),
          deduction: false,
          windowStart: new Date('2026-02-28T23:00:00.000Z'),
          windowEnd: new Date('2026-03-14T23:00:00.000Z'),
          breakdown: [
            { label: 'Tier 1 (up to 100): 100 × 0', quantity: d('100'), unitPrice: d('0'), flatFee: null, rate: null, amount: d('0') },
            {
              label: 'Tier 2 (over 100): 12400 × 0.0079838709677',
              quantity: d('12400'),
              unitPrice: d('0.0079838709677'),
              flatFee: d('0'),
              rate: null,
              amount: d('99'),
            },
          ],
        },
        {
          description: 'API calls (Growth, after the upgrade)',
          quantity: d('30000'),
          amount: d('150'),
          deduction: false,
          windowStart: new Date('2026-03-14T23:00:00.000Z'),
          windowEnd: new Date('2026-03-31T22:00:00.000Z'),
          breakdown: [
            {
              label: 'Tier 1 (up to 10000): 10000 × 0.006',
              quantity: d('10000'),
              unitPrice: d('0.006'),
              flatFee: null,
              rate: null,
              amount: d('60'),
            },
            {
              label: 'Tier 2 (over 10000): 20000 × 0.0045',
              quantity: d('20000'),
              unitPrice: d('0.0045'),
              flatFee: null,
              rate: null,
              amount: d('90'),
            },
          ],
        },
        {
          description: 'Seats (prorated from 17 March)',
          quantity: d('3'),
          amount: d('44.52'),
          deduction: false,
          windowStart: null,
          windowEnd: null,
          breakdown: [{ label: '3 × 14.84', quantity: d('3'), unitPrice: d('14.84'), flatFee: null, rate: null, amount: d('44.52') }],
        },
        {
          description: 'Prepaid credits used',
          quantity: null,
          amount: d('20'),
          deduction: true,
          windowStart: null,
          windowEnd: null,
          breakdown: [],
        },
      ],
      taxRate: d('19'),
      subtotal: d('362.52'),
      tax: d('68.88'),
      total: d('431.40'),
      deductions: d('20'),
      credited: d('10'),
      amountPaid: d('200'),
      amountDue: d('201.40'),
      voidedAt: null,
      voidReason: null,
      creditNotes: [{ number: 'CN-000007', createdAt: new Date('2026-04-03T09:00:00.000Z'), total: d('10') }],
      payments: [{ paidAt: new Date('2026-04-10T08:30:00.000Z'), amount: d('200'), method: 'BANK_TRANSFER', reference: 'SEPA-4711' }],
    },
  };
}
