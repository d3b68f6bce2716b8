import { randomUUID } from 'node:crypto';
import { TestClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';
import { monthlyFeeDraft, producedEvents } from './invoicing-fixtures';

const DAY_MS = 86_400_000;
const PAYMENT =
  'id amount { amount currency } paidAt method reference invoice { status amountPaid { amount } amountDue { amount } paidAt }';

interface PaymentView {
  id: string;
  amount: { amount: string; currency: string };
  paidAt: string;
  method: string;
  reference: string | null;
  invoice: { status: string; amountPaid: { amount: string }; amountDue: { amount: string }; paidAt: string | null };
}

/**
 * Due dates and payments on real Postgres and NATS: payment terms per platform (and the deployment's default), the
 * overdue job on the test clock, partial payments to PAID, overpayment refused, idempotent references, refunds of
 * credit notes, markInvoicePaid and void with payments, and what leaves in the outbox.
 */
describe('payments', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(
      createInvoicingSubgraph({ graceMs: 3_600_000, refreshIntervalMs: 20, issueIntervalMs: 50, paymentTermsDays: 30 }),
      { clock, ownDatabase: true },
    );
  });
  afterAll(() => subgraph?.stop());

  /** A platform with a customer on a 100 EUR monthly fee (no tax) and the March draft issued now. */
  async function issuedInvoice(
    configure?: (send: SubgraphUnderTest['clientForNewPlatform'] extends () => infer C ? C : never) => Promise<void>,
  ) {
    clock.set('2026-03-10T12:00:00Z');
    const { client, draftId: draft } = await monthlyFeeDraft(subgraph, clock);
    const { send } = client;
    await configure?.(client);
    const issued = await send<{
      issueInvoice: { id: string; issuedAt: string; dueAt: string; total: { amount: string }; amountDue: { amount: string } };
    }>(`mutation ($id: ID!) { issueInvoice(id: $id) { id issuedAt dueAt total { amount } amountDue { amount } } }`, { id: draft });
    expect(issued.errors).toBeUndefined();
    return { ...client, invoice: issued.data!.issueInvoice };
  }

  const settingsMutation = `mutation ($input: InvoicingSettingsInput!) { updateInvoicingSettings(input: $input) { id invoicePaymentTermsDays invoicePaymentTermsDaysIsDefault } }`;

  it('sets payment terms per platform (0 to 365, null for the default), admin keys only; an issued invoice keeps its due date', async () => {
    const { platformId, send, invoice } = await issuedInvoice(async ({ send }) => {
      const defaults = await send<{ updateInvoicingSettings: unknown }>(settingsMutation, { input: { paymentTermsDays: null } });
      expect(defaults.data!.updateInvoicingSettings).toMatchObject({ invoicePaymentTermsDays: 30, invoicePaymentTermsDaysIsDefault: true });
      for (const bad of [-1, 366]) {
        const refused = await send(settingsMutation, { input: { paymentTermsDays: bad } });
        expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paymentTermsDays' });
      }
      const nothing = await send(settingsMutation, { input: {} });
      expect(nothing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
      const set = await send<{ updateInvoicingSettings: unknown }>(settingsMutation, { input: { paymentTermsDays: 14 } });
      expect(set.data!.updateInvoicingSettings).toMatchObject({ invoicePaymentTermsDays: 14, invoicePaymentTermsDaysIsDefault: false });
    });
    expect(Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)).toBe(14 * DAY_MS);

    // Later terms do not move the due date of an invoice already issued.
    await send(settingsMutation, { input: { paymentTermsDays: 60 } });
    const again = await send<{ invoice: { dueAt: string } }>(`query ($id: ID!) { invoice(id: $id) { dueAt } }`, { id: invoice.id });
    expect(again.data!.invoice.dueAt).toBe(invoice.dueAt);

    // The entity as the gateway asks for it: the caller's platform only.
    const entity = await send<{ _entities: Array<{ invoicePaymentTermsDays: number }> }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on PlatformSettings { invoicePaymentTermsDays } } }`,
      { reps: [{ __typename: 'PlatformSettings', id: platformId }] },
    );
    expect(entity.data!._entities).toEqual([{ invoicePaymentTermsDays: 60 }]);
    const foreign = await send(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on PlatformSettings { invoicePaymentTermsDays } } }`,
      {
        reps: [{ __typename: 'PlatformSettings', id: randomUUID() }],
      },
    );
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });

    const reader = subgraph.clientForNewPlatform('read');
    const forbidden = await reader.send(settingsMutation, { input: { paymentTermsDays: 10 } });
    expect(forbidden.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('marks an invoice OVERDUE after its due date on the service clock, then takes partial payments to PAID', async () => {
    const c = await issuedInvoice(async ({ send }) => {
      await send(settingsMutation, { input: { paymentTermsDays: 14 } });
    });
    const { send, invoice } = c;
    const status = async () =>
      (await send<{ invoice: { status: string } }>(`query ($id: ID!) { invoice(id: $id) { status } }`, { id: invoice.id })).data!.invoice
        .status;
    // Due at the instant itself is not yet overdue.
    clock.set(invoice.dueAt);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await status()).toBe('ISSUED');
    clock.set(new Date(Date.parse(invoice.dueAt) + 1000));
    await waitFor(async () => (await status()) === 'OVERDUE', 'the invoice overdue');

    const pay = (input: Record<string, unknown>) =>
      send<{ recordPayment: PaymentView }>(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { ${PAYMENT} } }`, {
        input: { invoice: invoice.id, method: 'BANK_TRANSFER', ...input },
      });
    const first = await pay({ amount: '40.25', reference: 'bank-1', paidAt: '2026-03-24T13:00:00+02:00' });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordPayment).toMatchObject({
      amount: { amount: '40.25', currency: 'EUR' },
      paidAt: '2026-03-24T11:00:00.000Z',
      method: 'BANK_TRANSFER',
      reference: 'bank-1',
      invoice: { status: 'OVERDUE', amountPaid: { amount: '40.25' }, amountDue: { amount: '59.75' }, paidAt: null },
    });
    // The same reference again is the same payment, not a second one; with another amount it is a conflict.
    const repeat = await pay({ amount: '40.25', reference: 'bank-1' });
    expect(repeat.data!.recordPayment.id).toBe(first.data!.recordPayment.id);
    const clash = await pay({ amount: '41', reference: 'bank-1' });
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.reference' });

    const over = await pay({ amount: '59.76', reference: 'bank-2' });
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(over.errors?.[0].message).toBe('input.amount 59.76 is more than the 59.75 EUR still due');
    const fraction = await pay({ amount: '0.001' });
    expect(fraction.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    const future = await pay({ amount: '1', paidAt: '2027-01-01T00:00:00Z' });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paidAt' });
    const noVoid = await send(`mutation ($id: ID!) { voidInvoice(id: $id, reason: "wrong") { id } }`, { id: invoice.id });
    expect(noVoid.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'invoice' });

    const last = await pay({ amount: '59.75', reference: 'bank-2', method: 'CARD' });
    expect(last.data!.recordPayment.invoice).toEqual({
      status: 'PAID',
      amountPaid: { amount: '100' },
      amountDue: { amount: '0' },
      paidAt: last.data!.recordPayment.paidAt,
    });
    const paidAgain = await pay({ amount: '0.01' });
    expect(paidAgain.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'invoice' });
    // a retry of a payment already recorded still answers it, even on a PAID invoice
    expect((await pay({ amount: '59.75', reference: 'bank-2', method: 'CARD' })).data!.recordPayment.id).toBe(last.data!.recordPayment.id);

    const listed = await send<{ invoice: { payments: Array<{ reference: string; amount: { amount: string } }> } }>(
      `query ($id: ID!) { invoice(id: $id) { payments { reference amount { amount } } } }`,
      { id: invoice.id },
    );
    expect(listed.data!.invoice.payments).toEqual([
      { reference: 'bank-1', amount: { amount: '40.25' } },
      { reference: 'bank-2', amount: { amount: '59.75' } },
    ]);

    // A credit note on the paid invoice, refunded in two parts, never beyond its total.
    const note = await send<{
      createCreditNote: { id: string; total: { amount: string }; invoice: { status: string; amountDue: { amount: string } } };
    }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id total { amount } invoice { status amountDue { amount } } } }`,
      { input: { invoice: invoice.id, reason: 'goodwill', lines: [{ invoiceLine: await firstLine(send, invoice.id), amount: '25' }] } },
    );
    expect(note.data!.createCreditNote).toMatchObject({
      total: { amount: '25' },
      invoice: { status: 'PAID', amountDue: { amount: '-25' } },
    });
    const refund = (input: Record<string, unknown>) =>
      send<{ recordRefund: { id: string; amount: { amount: string }; creditNote: { amountRefunded: { amount: string } } } }>(
        `mutation ($input: RecordRefundInput!) { recordRefund(input: $input) { id amount { amount } creditNote { amountRefunded { amount } } } }`,
        { input: { creditNote: note.data!.createCreditNote.id, method: 'BANK_TRANSFER', ...input } },
      );
    const r1 = await refund({ amount: '20', reference: 'out-1' });
    expect(r1.data!.recordRefund).toMatchObject({ amount: { amount: '20' }, creditNote: { amountRefunded: { amount: '20' } } });
    expect((await refund({ amount: '20', reference: 'out-1' })).data!.recordRefund.id).toBe(r1.data!.recordRefund.id);
    const tooMuch = await refund({ amount: '5.01' });
    expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect((await refund({ amount: '5' })).data!.recordRefund.creditNote.amountRefunded.amount).toBe('25');

    // Another platform: the same answer as for ids that do not exist.
    const other = subgraph.clientForNewPlatform();
    const foreignPay = await other.send(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoice: invoice.id, amount: '1', method: 'CASH' },
    });
    expect(foreignPay.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.invoice' });
    const foreignRefund = await other.send(`mutation ($input: RecordRefundInput!) { recordRefund(input: $input) { id } }`, {
      input: { creditNote: note.data!.createCreditNote.id, amount: '1', method: 'CASH' },
    });
    expect(foreignRefund.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.creditNote' });

    expect(await producedEvents(subgraph, c.platformId)).toEqual([
      'invoicing.invoice.created',
      'invoicing.invoice.issued',
      'invoicing.invoice.overdue',
      'invoicing.payment.recorded',
      'invoicing.payment.recorded',
      'invoicing.invoice.paid',
      'invoicing.credit_note.created',
      'invoicing.refund.recorded',
      'invoicing.refund.recorded',
    ]);
  });

  it('markInvoicePaid records a payment of what is due; a credit note that leaves nothing due settles the invoice', async () => {
    const a = await issuedInvoice();
    await a.send(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoice: a.invoice.id, amount: '30', method: 'CHECK', reference: 'chk-7' },
    });
    clock.set('2026-03-11T00:00:00Z');
    const paid = await a.send<{
      markInvoicePaid: {
        status: string;
        amountPaid: { amount: string };
        amountDue: { amount: string };
        payments: Array<{ amount: { amount: string }; method: string }>;
      };
    }>(
      `mutation ($id: ID!) { markInvoicePaid(id: $id, paidAt: "2026-03-10T18:00:00Z") { status amountPaid { amount } amountDue { amount } payments { amount { amount } method } } }`,
      { id: a.invoice.id },
    );
    expect(paid.data!.markInvoicePaid).toEqual({
      status: 'PAID',
      amountPaid: { amount: '100' },
      amountDue: { amount: '0' },
      payments: [
        { amount: { amount: '30' }, method: 'CHECK' },
        { amount: { amount: '70' }, method: 'OTHER' },
      ],
    });

    const b = await issuedInvoice();
    const note = await b.send<{ createCreditNote: { invoice: { status: string; amountDue: { amount: string }; paidAt: string | null } } }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { invoice { status amountDue { amount } paidAt } } }`,
      { input: { invoice: b.invoice.id, reason: 'cancelled' } },
    );
    expect(note.data!.createCreditNote.invoice).toEqual({ status: 'PAID', amountDue: { amount: '0' }, paidAt: clock.now().toISOString() });
  });
});

async function firstLine(
  send: SubgraphUnderTest['clientForNewPlatform'] extends () => { send: infer S } ? S : never,
  id: string,
): Promise<string> {
  const r = await send<{ invoice: { lines: Array<{ id: string }> } }>(`query ($id: ID!) { invoice(id: $id) { lines { id } } }`, { id });
  return r.data!.invoice.lines[0].id;
}
