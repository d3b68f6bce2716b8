import { randomUUID } from 'node:crypto';
import { pdfPagesText } from '@meterline/documents/testing';
import { TestClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph, invoicingSubgraph } from '../src';
import { pdfAttachment, startMailServer } from '../src/testing/mail-server';
import { firstInvoiceOf, publishSubscribedCustomer } from './invoicing-fixtures';

/**
 * E-mail delivery on real Postgres, NATS and a real SMTP server: an issued invoice's PDF goes to the customer's
 * billing e-mail once the platform turns it on; a 4xx is retried on the schedule (test clock), a 5xx fails at once, a
 * customer without e-mail is logged as such, a resend goes to the address given; a deployment without SMTP refuses.
 */
describe('e-mail delivery of documents', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    mail = await startMailServer();
    subgraph = await startSubgraphForTest(
      createInvoicingSubgraph(
        { graceMs: 3_600_000, refreshIntervalMs: 20, issueIntervalMs: 50, paymentTermsDays: 30 },
        { smtpUrl: `smtp://127.0.0.1:${mail.port}`, from: 'Meterline Billing <billing@meterline.test>', sendIntervalMs: 30 },
      ),
      { clock, ownDatabase: true },
    );
  });
  afterAll(async () => {
    await subgraph?.stop();
    await mail?.close();
  });

  const DELIVERIES = `emailDeliveries { id recipient status attempts nextAttemptAt lastError trigger messageId sentAt
    attemptLog { attempt outcome error } }`;
  interface Delivery {
    id: string;
    recipient: string | null;
    status: string;
    attempts: number;
    nextAttemptAt: string | null;
    lastError: string | null;
    trigger: string;
    messageId: string;
    sentAt: string | null;
    attemptLog: Array<{ attempt: number; outcome: string; error: string | null }>;
  }

  /** A platform with e-mail on (or not), a customer with `email` on a 100 EUR monthly fee, and the March draft issued. */
  async function issued(
    email: string | null,
    enable = true,
    configure?: (send: ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send']) => Promise<void>,
  ) {
    clock.set('2026-03-10T12:00:00Z');
    const { platformId, send } = subgraph.clientForNewPlatform();
    await configure?.(send);
    if (enable) {
      const on = await send<{ updateEmailDeliverySettings: { invoiceEmailDelivery: boolean; emailDeliveryAvailable: boolean } }>(
        `mutation { updateEmailDeliverySettings(input: { enabled: true }) { invoiceEmailDelivery emailDeliveryAvailable } }`,
      );
      expect(on.data?.updateEmailDeliverySettings).toEqual({ invoiceEmailDelivery: true, emailDeliveryAvailable: true });
    }
    const { customer } = await publishSubscribedCustomer(
      subgraph,
      platformId,
      clock,
      [{ name: 'Fee', chargeType: 'RECURRING', price: { model: 'FLAT', amount: '100' } }],
      '2026-03-01T00:00:00.000Z',
      randomUUID(),
      email,
    );
    const draft = await firstInvoiceOf(send, customer.id);
    const issue = await send<{ issueInvoice: { id: string; number: string } }>(
      `mutation ($id: ID!) { issueInvoice(id: $id) { id number } }`,
      {
        id: draft,
      },
    );
    expect(issue.errors).toBeUndefined();
    const deliveries = async () =>
      (await send<{ invoice: { emailDeliveries: Delivery[] } }>(`query ($id: ID!) { invoice(id: $id) { ${DELIVERIES} } }`, { id: draft }))
        .data!.invoice.emailDeliveries;
    return { platformId, send, invoice: issue.data!.issueInvoice, deliveries };
  }

  it('sends an issued invoice’s PDF to the customer’s billing e-mail, once, from the deployment’s sender', async () => {
    const before = mail.received.length;
    const { invoice, deliveries } = await issued('ap@acme.test');
    const [sent] = await waitFor(async () => {
      const list = await deliveries();
      return list[0]?.status === 'SENT' && list;
    }, 'the e-mail sent');
    expect(sent).toMatchObject({ recipient: 'ap@acme.test', status: 'SENT', attempts: 1, trigger: 'ISSUE', lastError: null });
    expect(sent.attemptLog).toEqual([{ attempt: 1, outcome: 'SENT', error: null }]);
    const messages = mail.received.slice(before).filter((m) => m.to.includes('ap@acme.test'));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message.from).toBe('billing@meterline.test');
    expect(message.raw).toMatch(new RegExp(`^Subject: Invoice ${invoice.number} from `, 'm'));
    expect(message.raw).toContain(`Message-ID: ${sent.messageId}`);
    const attachment = pdfAttachment(message.raw);
    expect(attachment.filename).toBe(`${invoice.number}.pdf`);
    expect(attachment.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPagesText(attachment.pdf)).join('\n');
    expect(text).toContain(invoice.number);
    expect(text).toContain('€100.00');
  });

  it('sends from the billing entity’s own sender and names its legal name', async () => {
    const { invoice, deliveries } = await issued('ap@globex.test', true, async (send) => {
      const described = await send(
        `mutation { updateBillingEntity(billingEntity: "default", input: { legalName: "Acme GmbH", emailFrom: "ar@acme-gmbh.test" }) { version } }`,
      );
      expect(described.errors).toBeUndefined();
    });
    await waitFor(async () => (await deliveries())[0]?.status === 'SENT', 'the e-mail sent');
    const [message] = mail.received.filter((m) => m.to.includes('ap@globex.test'));
    expect(message.from).toBe('ar@acme-gmbh.test');
    expect(message.raw).toMatch(new RegExp(`^Subject: Invoice ${invoice.number} from Acme GmbH`, 'm'));
  });

  it('retries a 4xx on the schedule (1 min later on the clock) and fails a 5xx at once, saying what the server said', async () => {
    mail.refusals.push({ code: 451, message: 'Mailbox busy, try later' });
    const temporary = await issued('busy@acme.test');
    const [queued] = await waitFor(async () => {
      const list = await temporary.deliveries();
      return list[0]?.attempts === 1 && list[0].status === 'QUEUED' && list;
    }, 'the first attempt refused');
    expect(queued.lastError).toMatch(/^451 .*Mailbox busy/);
    expect(queued.nextAttemptAt).toBe(new Date(clock.now().getTime() + 60_000).toISOString());
    clock.advance(60_000);
    const [retried] = await waitFor(async () => {
      const list = await temporary.deliveries();
      return list[0]?.status === 'SENT' && list;
    }, 'the retry sent');
    expect(retried.attempts).toBe(2);
    expect(retried.attemptLog.map((a) => a.outcome)).toEqual(['FAILED', 'SENT']);

    mail.refusals.push({ code: 550, message: 'No such user' });
    const permanent = await issued('nobody@acme.test');
    const [failed] = await waitFor(async () => {
      const list = await permanent.deliveries();
      return list[0]?.status === 'FAILED' && list;
    }, 'the refusal recorded');
    expect(failed).toMatchObject({ attempts: 1, nextAttemptAt: null });
    expect(failed.lastError).toMatch(/^550 .*No such user/);
  });

  it('logs a customer without a billing e-mail as FAILED; a resend goes to the address given; a disabled platform sends nothing', async () => {
    const { send, invoice, deliveries } = await issued(null);
    const [none] = await waitFor(async () => (await deliveries()).length > 0 && deliveries(), 'the delivery logged');
    expect(none).toMatchObject({ recipient: null, status: 'FAILED', attempts: 0, lastError: 'The customer has no billing e-mail' });

    const badAddress = await send(`mutation ($id: ID!) { sendInvoiceEmail(invoice: $id, to: "not an address") { id } }`, {
      id: invoice.id,
    });
    expect(badAddress.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const noAddress = await send(`mutation ($id: ID!) { sendInvoiceEmail(invoice: $id) { id } }`, { id: invoice.id });
    expect(noAddress.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const resent = await send<{ sendInvoiceEmail: { id: string; status: string; trigger: string } }>(
      `mutation ($id: ID!) { sendInvoiceEmail(invoice: $id, to: "finance@acme.test") { id status trigger } }`,
      { id: invoice.id },
    );
    expect(resent.data?.sendInvoiceEmail).toMatchObject({ status: 'QUEUED', trigger: 'RESEND' });
    await waitFor(async () => (await deliveries()).find((d) => d.id === resent.data!.sendInvoiceEmail.id)?.status === 'SENT', 'the resend');
    expect(mail.received.filter((m) => m.to.includes('finance@acme.test'))).toHaveLength(1);

    const off = await issued('quiet@acme.test', false);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the issued event has long been consumed by then
    expect(await off.deliveries()).toEqual([]);
    expect(mail.received.filter((m) => m.to.includes('quiet@acme.test'))).toHaveLength(0);
  });

  it('refuses to turn e-mail on where the deployment has no SMTP server, and refuses read keys', async () => {
    const plain = await startSubgraphForTest(invoicingSubgraph);
    try {
      const { send } = plain.clientForNewPlatform();
      const refused = await send(`mutation { updateEmailDeliverySettings(input: { enabled: true }) { invoiceEmailDelivery } }`);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.enabled' });
    } finally {
      await plain.stop();
    }
    const { send } = subgraph.clientForNewPlatform('read');
    const forbidden = await send(`mutation { updateEmailDeliverySettings(input: { enabled: true }) { invoiceEmailDelivery } }`);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
