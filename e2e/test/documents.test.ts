import { pdfPagesText } from '@meterline/documents/testing';
import { waitFor } from '@meterline/kit/testing';
import { randomUUID } from 'node:crypto';
import { graduated, Scenario } from './scenario';
import { gatewayClient, newApiKey, newTenant, startPlatform } from './testkit';

const eur = (amount: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number);

interface InvoiceView {
  id: string;
  number: string | null;
  status: string;
  lines: Array<{ id: string; description: string; amount: { amount: string } }>;
  total: { amount: string };
  tax: { amount: string };
  amountDue: { amount: string };
}
const INVOICE = `id number status lines { id description amount { amount } } total { amount } tax { amount } amountDue { amount }`;

/**
 * Issue 15, invoice documents, through the gateway on the test clock: an issued invoice's PDF (buyer block, number,
 * dates, usage lines per phase stretch with their tiers after a mid-period upgrade, tax, totals), the same bytes on every download, what a payment and a
 * credit note leave due, the buyer kept as issued after the customer's address changes, a draft's preview marked
 * DRAFT, the credit note's PDF, and who may download (admin and read keys; ingest and partner keys 403; unknown 404).
 */
describe('invoice documents end to end, through the gateway on the test clock', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: '3600000', INVOICE_ISSUE_INTERVAL_MS: '200' } },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('downloads the PDF of an issued invoice and of its credit note, the same bytes every time, for admin and read keys only', async () => {
    await platform.setClock('2026-03-20T12:00:00Z');
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const s = Scenario.of(client, platformId);
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const download = (path: string, key = apiKey, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${key}`, ...headers } });
    const pdfOf = async (path: string) => {
      const response = await download(path);
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const textOf = async (path: string) => (await pdfPagesText(await pdfOf(path))).join('\n');

    await s.createMeter({
      reference: 'api',
      values: [{ reference: 'calls', type: 'NUMBER' }],
      metrics: [{ reference: 'calls', aggregation: 'SUM', valueReference: 'calls' }],
    });
    await s.createProduct('platform', [
      { reference: 'base', name: 'Base fee', chargeType: 'RECURRING' },
      { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
    ]);
    // v2 from 15 March: the same base fee, calls beyond 100 at 0.25 instead of 0.5 (the usage line is cut there).
    const [version, upgrade] = await s.createPlan(
      'growth',
      [
        { base: { model: 'FLAT', amount: '120' }, 'api-calls': graduated(['100', '0'], [null, '0.5']) },
        { base: { model: 'FLAT', amount: '120' }, 'api-calls': graduated(['100', '0'], [null, '0.25']) },
      ],
      ['base'],
    );
    await s.createCustomer('acme', 'calls');
    await client.expectData(
      `mutation ($c: String!, $input: CustomerDetailsInput!) { updateCustomer(customer: $c, input: $input) { id } }`,
      {
        c: 'acme',
        input: {
          name: 'Acme Größenwahn AG',
          email: 'billing@acme.example',
          taxId: 'CHE-123.456.789 MWST',
          taxRate: '19',
          billingAddress: { line1: 'Bahnhofstrasse 1', city: 'Zürich', postalCode: '8001', country: 'CH' },
        },
      },
    );
    const subscription = await s.subscribe({ customer: 'acme', planVersion: version, startAt: '2026-03-01T00:00:00Z' });
    await s.ingestAccepted([
      { meter: 'api', customer: 'acme', reference: 'e-1', timestamp: '2026-03-05T10:00:00Z', numbers: { calls: '100' } },
      { meter: 'api', customer: 'acme', reference: 'e-2', timestamp: '2026-03-06T10:00:00Z', numbers: { calls: '50' } },
      { meter: 'api', customer: 'acme', reference: 'e-3', timestamp: '2026-03-16T10:00:00Z', numbers: { calls: '200' } },
    ]);
    await s.change(subscription, '2026-03-15T00:00:00Z', { planVersion: upgrade });

    // The March draft, once it bills the usage and the customer's tax: its preview is marked DRAFT.
    const invoiceById = async (id: string) =>
      (await client.expectData<{ invoice: InvoiceView }>(`query ($id: ID!) { invoice(id: $id) { ${INVOICE} } }`, { id })).invoice;
    const draft = await waitFor(async () => {
      const { invoices } = await client.expectData<{ invoices: { edges: Array<{ node: InvoiceView }> } }>(
        `query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { ${INVOICE} } } } }`,
        { s: subscription },
      );
      const node = invoices.edges[0]?.node;
      return node && node.total.amount === '202.3' ? node : undefined; // (120 + 50 × 0.5 + 100 × 0.25) × 1.19
    }, 'the March draft with its usage and tax');
    const preview = await download(`/v1/invoices/${draft.id}/pdf`);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    expect(preview.headers.get('content-disposition')).toBe('attachment; filename="draft.pdf"');
    const previewText = (await pdfPagesText(Buffer.from(await preview.arrayBuffer()))).join('\n');
    expect(previewText).toContain('DRAFT: a preview, not an issued invoice');
    expect(previewText).toContain('Acme Größenwahn AG');

    const { issueInvoice: issued } = await client.expectData<{ issueInvoice: InvoiceView }>(
      `mutation ($id: ID!) { issueInvoice(id: $id) { ${INVOICE} } }`,
      { id: draft.id },
    );
    const path = `/v1/invoices/${issued.id}/pdf`;
    const first = await download(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toBe(`attachment; filename="${issued.number}.pdf"`);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(Number(first.headers.get('content-length'))).toBe(bytes.length);
    const text = (await pdfPagesText(bytes)).join('\n');
    for (const expected of [
      'Invoice',
      issued.number!,
      'Seller not configured',
      'Acme Größenwahn AG',
      'Bahnhofstrasse 1',
      '8001 Zürich',
      'Tax ID: CHE-123.456.789 MWST',
      'billing@acme.example',
      'Issue date',
      'Mar 20, 2026',
      'Due date',
      'Apr 19, 2026', // 30 days' terms
      'Mar 1 – 31, 2026',
      'API calls',
      'Billed for Mar 1 – 14, 2026', // the phase stretches, each with its own tiers
      'Tier 1 (up to 100): 100 × €0.00 = €0.00',
      'Tier 2 (over 100): 50 × €0.50 = €25.00',
      'Billed for Mar 15 – 31, 2026',
      'Tier 2 (over 100): 100 × €0.25 = €25.00',
      'Tax 19 % on €170.00',
      eur(issued.tax.amount),
      eur(issued.total.amount),
      'Amount due',
    ]) {
      expect(text).toContain(expected);
    }
    for (const line of issued.lines) {
      // A stretch's UTC instants in the description are said as "Billed for …" on the document.
      expect(text).toContain(line.description.replace(/ \(\d{4}-\d\d-\d\dT[^)]*\)$/, ''));
      expect(text).toContain(eur(line.amount.amount));
    }

    // The same bytes on every download; a client holding them is told so.
    expect((await pdfOf(path)).equals(bytes)).toBe(true);
    const unchanged = await download(path, apiKey, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);

    // A later address change never changes what was issued; the next draft shows the new one.
    await client.expectData(
      `mutation ($c: String!, $input: CustomerDetailsInput!) { updateCustomer(customer: $c, input: $input) { id } }`,
      {
        c: 'acme',
        input: { billingAddress: { line1: 'Neue Strasse 99', city: 'Basel', postalCode: '4001', country: 'CH' } },
      },
    );
    await platform.setClock('2026-04-01T00:10:00Z');
    const april = await waitFor(async () => {
      const { invoices } = await client.expectData<{ invoices: { edges: Array<{ node: InvoiceView }> } }>(
        `query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { ${INVOICE} } } } }`,
        { s: subscription },
      );
      const node = invoices.edges[0]?.node;
      if (!node || node.id === issued.id) return undefined;
      return (await textOf(`/v1/invoices/${node.id}/pdf`)).includes('Neue Strasse 99') ? node : undefined;
    }, 'the April draft with the new address');
    expect(april.status).toBe('DRAFT');
    expect((await pdfOf(path)).equals(bytes)).toBe(true);

    // A partial payment and a credit note: what is left due, on the document.
    await client.expectData(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoice: issued.id, amount: '100', paidAt: '2026-03-25T09:00:00Z', method: 'BANK_TRANSFER', reference: 'SEPA-1' },
    });
    const { createCreditNote: note } = await client.expectData<{ createCreditNote: { id: string; number: string } }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id number } }`,
      { input: { invoice: issued.id, reason: 'outage credit', lines: [{ invoiceLine: issued.lines[0].id, amount: '10' }] } },
    );
    const settled = await invoiceById(issued.id);
    expect(settled.amountDue.amount).toBe('90.4'); // 202.30 − 100 − 11.90
    const after = await textOf(path);
    expect(after).toContain('Payment Mar 25, 2026, Bank transfer, SEPA-1');
    expect(after).toContain('-€100.00');
    expect(after).toContain(`Credit note ${note.number}`);
    expect(after).toContain('-€11.90');
    expect(after).toContain('€90.40');
    expect(after).toContain('Bahnhofstrasse 1');
    expect(after).not.toContain('Neue Strasse 99');

    const noteResponse = await download(`/v1/credit-notes/${note.id}/pdf`);
    expect(noteResponse.headers.get('content-disposition')).toBe(`attachment; filename="${note.number}.pdf"`);
    const noteText = (await pdfPagesText(Buffer.from(await noteResponse.arrayBuffer()))).join('\n');
    for (const expected of [
      'Credit note',
      note.number,
      `Credits invoice ${issued.number}`,
      'outage credit',
      'Tax 19 % on €10.00',
      '€1.90',
      'Total credited',
      '€11.90',
      'Acme Größenwahn AG',
      'Bahnhofstrasse 1',
    ]) {
      expect(noteText.replace(/\t/g, ' ')).toContain(expected);
    }

    // A void invoice keeps its document, stamped VOID.
    await client.expectData(`mutation ($id: ID!) { issueInvoice(id: $id) { id } }`, { id: april.id });
    await client.expectData(`mutation ($id: ID!) { voidInvoice(id: $id, reason: "issued by mistake") { status } }`, { id: april.id });
    const voided = await textOf(`/v1/invoices/${april.id}/pdf`);
    expect(voided).toContain('VOID: cancelled on Apr 1, 2026 (issued by mistake); nothing is due');
    expect(voided).toContain('Neue Strasse 99');

    // Who may download: admin and read keys; ingest and partner keys are refused; unknown ids are 404 with a code.
    const readKey = await newApiKey(platform.databaseUrl, platformId, 'read');
    expect((await download(path, readKey)).status).toBe(200);
    for (const role of ['ingest', 'partner'] as const) {
      const refused = await download(path, await newApiKey(platform.databaseUrl, platformId, role));
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    }
    expect((await download(path, 'not-a-key')).status).toBe(401);
    for (const unknown of [`/v1/invoices/${randomUUID()}/pdf`, '/v1/invoices/not-a-uuid/pdf', `/v1/credit-notes/${randomUUID()}/pdf`]) {
      const missing = await download(unknown);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND', field: 'id' } }] });
    }
  });
});
