import { pdfPagesText } from '@meterline/documents/testing';
import { pdfAttachment, startMailServer } from '@meterline/invoicing/dist/testing/mail-server';
import { waitFor } from '@meterline/kit/testing';
import { Scenario } from './scenario';
import { gatewayClient, newTenant, startPlatform } from './testkit';

/**
 * Issue 15, e-mail delivery, through the gateway with a real SMTP server: a platform turns e-mail on, an invoice is
 * issued and its PDF arrives at the customer's billing e-mail from the billing entity's sender; a credit note follows
 * it; the delivery log says so. The invoicing service is configured with SMTP_URL like a deployment.
 */
describe('e-mail delivery end to end, through the gateway', () => {
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    mail = await startMailServer();
    platform = await startPlatform({
      testClock: true,
      serviceEnv: {
        invoicing: {
          SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
          EMAIL_FROM: 'Meterline <invoices@meterline.test>',
          EMAIL_SEND_INTERVAL_MS: '100',
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await mail?.close();
  });

  it('mails an issued invoice and its credit note as PDFs to the billing e-mail, and logs each delivery', async () => {
    await platform.setClock('2026-03-20T12:00:00Z');
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const s = Scenario.of(client, platformId);
    const on = await client.expectData<{ updateEmailDeliverySettings: { invoiceEmailDelivery: boolean; emailDeliveryAvailable: boolean } }>(
      `mutation { updateEmailDeliverySettings(input: { enabled: true }) { invoiceEmailDelivery emailDeliveryAvailable } }`,
    );
    expect(on.updateEmailDeliverySettings).toEqual({ invoiceEmailDelivery: true, emailDeliveryAvailable: true });
    await client.expectData(
      `mutation { updateBillingEntity(billingEntity: "default", input: { legalName: "Acme Billing GmbH", emailFrom: "ar@acme-billing.test",
        locale: "de-DE", timeZone: "Europe/Berlin" }) { version } }`,
    );

    await s.createMeter({
      reference: 'api',
      values: [{ reference: 'calls', type: 'NUMBER' }],
      metrics: [{ reference: 'calls', aggregation: 'SUM', valueReference: 'calls' }],
    });
    await s.createProduct('platform', [{ reference: 'base', name: 'Base fee', chargeType: 'RECURRING' }]);
    const [version] = await s.createPlan('growth', [{ base: { model: 'FLAT', amount: '120' } }], ['base']);
    await s.createCustomer('globex', 'calls');
    await client.expectData(`mutation ($input: CustomerDetailsInput!) { updateCustomer(customer: "globex", input: $input) { id } }`, {
      input: { name: 'Globex Corporation', email: 'ap@globex.test' },
    });
    const subscription = await s.subscribe({ customer: 'globex', planVersion: version, startAt: '2026-03-01T00:00:00Z' });
    const draft = await waitFor(async () => {
      const { invoices } = await client.expectData<{ invoices: { edges: Array<{ node: { id: string; total: { amount: string } } }> } }>(
        `query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { id total { amount } } } } }`,
        { s: subscription },
      );
      return invoices.edges[0]?.node;
    }, 'the March draft');
    const { issueInvoice: issued } = await client.expectData<{
      issueInvoice: { id: string; number: string; lines: Array<{ id: string }> };
    }>(`mutation ($id: ID!) { issueInvoice(id: $id) { id number lines { id } } }`, { id: draft.id });

    const invoiceMail = await waitFor(
      async () => mail.received.find((m) => m.to.includes('ap@globex.test') && m.raw.includes(`Invoice ${issued.number}`)),
      'the invoice e-mail',
    );
    expect(invoiceMail.from).toBe('ar@acme-billing.test');
    expect(invoiceMail.raw).toMatch(new RegExp(`^Subject: Invoice ${issued.number} from Acme Billing GmbH`, 'm'));
    const invoicePdf = pdfAttachment(invoiceMail.raw);
    expect(invoicePdf.filename).toBe(`${issued.number}.pdf`);
    // The attachment is the document the API serves, byte for byte.
    const served = await fetch(`${platform.gatewayUrl.replace(/\/graphql$/, '')}/v1/invoices/${issued.id}/pdf`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(invoicePdf.pdf.equals(Buffer.from(await served.arrayBuffer()))).toBe(true);
    const text = (await pdfPagesText(invoicePdf.pdf)).join('\n');
    for (const expected of [issued.number, 'Acme Billing GmbH', 'Globex Corporation', '120,00 €']) expect(text).toContain(expected);

    const { createCreditNote: note } = await client.expectData<{ createCreditNote: { id: string; number: string } }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id number } }`,
      { input: { invoice: issued.id, reason: 'goodwill', lines: [{ invoiceLine: issued.lines[0].id, amount: '20' }] } },
    );
    const noteMail = await waitFor(
      async () => mail.received.find((m) => m.raw.includes(`Credit note ${note.number}`)),
      'the credit note e-mail',
    );
    expect(noteMail.to).toEqual(['ap@globex.test']);
    expect(pdfAttachment(noteMail.raw).filename).toBe(`${note.number}.pdf`);

    const log = await waitFor(async () => {
      const data = await client.expectData<{
        invoice: {
          emailDeliveries: Array<{ status: string; recipient: string; attempts: number }>;
          creditNotes: Array<{ emailDeliveries: Array<{ status: string }> }>;
        };
      }>(
        `query ($id: ID!) { invoice(id: $id) { emailDeliveries { status recipient attempts } creditNotes { emailDeliveries { status } } } }`,
        {
          id: issued.id,
        },
      );
      return data.invoice.creditNotes[0]?.emailDeliveries[0]?.status === 'SENT' && data.invoice;
    }, 'the delivery log');
    expect(log.emailDeliveries).toEqual([{ status: 'SENT', recipient: 'ap@globex.test', attempts: 1 }]);
    expect(mail.received.filter((m) => m.raw.includes(`Invoice ${issued.number}`))).toHaveLength(1);
  });
});
