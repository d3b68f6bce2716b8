import { waitFor } from '@meterline/kit/testing';
import { codeOf, Scenario } from './scenario';
import { startPlatform } from './testkit';

const DAY_MS = 86_400_000;
const INVOICE = `id status issuedAt dueAt paidAt total { amount } amountPaid { amount } amountDue { amount }
  lines { id } payments { amount { amount currency } method reference }`;

interface InvoiceView {
  id: string;
  status: string;
  issuedAt: string;
  dueAt: string;
  paidAt: string | null;
  total: { amount: string };
  amountPaid: { amount: string };
  amountDue: { amount: string };
  lines: Array<{ id: string }>;
  payments: Array<{ amount: { amount: string; currency: string }; method: string; reference: string | null }>;
}

/**
 * Issue 15 (due dates and payments) through the gateway on the test clock: 14-day payment terms for the platform, the
 * invoice OVERDUE once the clock passes its due date, two partial payments to PAID, an overpayment refused naming the
 * field, and a refund on a credit note.
 */
describe('payments end to end, through the gateway on the test clock', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: '3600000', INVOICE_ISSUE_INTERVAL_MS: '200' } },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('issues with 14-day terms, goes OVERDUE past the due date, is PAID by two partial payments, and refunds a credit note', async () => {
    await platform.setClock('2026-04-01T06:00:00Z');
    const s = await Scenario.open(platform);
    const { client } = s;
    const { subscription } = await s.monthlyFeeCustomer('2026-04-01T00:00:00Z');

    // The platform's terms, beside the subscriptions' own settings on the one PlatformSettings entity.
    const terms = await client.expectData<{ updateInvoicingSettings: { invoicePaymentTermsDays: number } }>(
      `mutation { updateInvoicingSettings(input: { paymentTermsDays: 14 }) { invoicePaymentTermsDays } }`,
    );
    expect(terms.updateInvoicingSettings.invoicePaymentTermsDays).toBe(14);
    const settings = await client.expectData<{ platformSettings: Record<string, unknown> }>(
      `{ platformSettings { subscriptionMaxBackdateDays invoicePaymentTermsDays invoicePaymentTermsDaysIsDefault } }`,
    );
    expect(settings.platformSettings).toMatchObject({ invoicePaymentTermsDays: 14, invoicePaymentTermsDaysIsDefault: false });
    const outOfRange = await client.send(`mutation { updateInvoicingSettings(input: { paymentTermsDays: 400 }) { id } }`);
    expect(codeOf(outOfRange.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paymentTermsDays' });

    const draft = await waitFor(async () => {
      const data = await client.expectData<{ invoices: { edges: Array<{ node: { id: string } }> } }>(
        `query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { id } } } }`,
        { s: subscription },
      );
      return data.invoices.edges[0]?.node.id;
    }, 'the April draft');
    const { issueInvoice: issued } = await client.expectData<{ issueInvoice: InvoiceView }>(
      `mutation ($id: ID!) { issueInvoice(id: $id) { ${INVOICE} } }`,
      { id: draft },
    );
    expect(issued).toMatchObject({ status: 'ISSUED', total: { amount: '120' }, amountPaid: { amount: '0' }, amountDue: { amount: '120' } });
    expect(Date.parse(issued.dueAt) - Date.parse(issued.issuedAt)).toBe(14 * DAY_MS);

    const invoice = async () =>
      (await client.expectData<{ invoice: InvoiceView }>(`query ($id: ID!) { invoice(id: $id) { ${INVOICE} } }`, { id: issued.id }))
        .invoice;
    await platform.setClock(new Date(Date.parse(issued.dueAt) + DAY_MS));
    await waitFor(async () => (await invoice()).status === 'OVERDUE', 'the invoice to go OVERDUE', 10_000);

    const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id invoice { status amountPaid { amount } amountDue { amount } } } }`;
    const first = await client.expectData<{ recordPayment: { invoice: unknown } }>(PAY, {
      input: { invoice: issued.id, amount: '50.50', method: 'BANK_TRANSFER', reference: 'SEPA-1' },
    });
    expect(first.recordPayment.invoice).toEqual({ status: 'OVERDUE', amountPaid: { amount: '50.5' }, amountDue: { amount: '69.5' } });
    const over = await client.send(PAY, { input: { invoice: issued.id, amount: '69.51', method: 'CARD', reference: 'card-1' } });
    expect(codeOf(over.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const last = await client.expectData<{ recordPayment: { invoice: unknown } }>(PAY, {
      input: { invoice: issued.id, amount: '69.50', method: 'CARD', reference: 'card-1' },
    });
    expect(last.recordPayment.invoice).toEqual({ status: 'PAID', amountPaid: { amount: '120' }, amountDue: { amount: '0' } });
    const paid = await invoice();
    expect(paid.paidAt).not.toBeNull();
    expect(paid.payments).toEqual([
      { amount: { amount: '50.5', currency: 'EUR' }, method: 'BANK_TRANSFER', reference: 'SEPA-1' },
      { amount: { amount: '69.5', currency: 'EUR' }, method: 'CARD', reference: 'card-1' },
    ]);

    // Part of it given back: a credit note on the paid invoice, refunded, never beyond its total.
    const { createCreditNote: note } = await client.expectData<{
      createCreditNote: { id: string; invoice: { status: string; amountDue: { amount: string } } };
    }>(`mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id invoice { status amountDue { amount } } } }`, {
      input: { invoice: issued.id, reason: 'outage credit', lines: [{ invoiceLine: paid.lines[0].id, amount: '20' }] },
    });
    expect(note.invoice).toEqual({ status: 'PAID', amountDue: { amount: '-20' } });
    const REFUND = `mutation ($input: RecordRefundInput!) { recordRefund(input: $input) { amount { amount } creditNote { amountRefunded { amount } refunds { reference } } } }`;
    const refund = await client.expectData<{ recordRefund: unknown }>(REFUND, {
      input: { creditNote: note.id, amount: '20', method: 'BANK_TRANSFER', reference: 'refund-1' },
    });
    expect(refund.recordRefund).toEqual({
      amount: { amount: '20' },
      creditNote: { amountRefunded: { amount: '20' }, refunds: [{ reference: 'refund-1' }] },
    });
    const tooMuch = await client.send(REFUND, { input: { creditNote: note.id, amount: '0.01', method: 'BANK_TRANSFER' } });
    expect(codeOf(tooMuch.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
  });
});
