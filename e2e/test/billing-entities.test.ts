import { pdfPagesText } from '@meterline/documents/testing';
import { waitFor } from '@meterline/kit/testing';
import { codeOf, Scenario } from './scenario';
import { gatewayClient, newTenant, startPlatform } from './testkit';

const DAY_MS = 86_400_000;
/** A 1×1 PNG as a data: URI: the Dutch entity's logo, drawn on its documents. */
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SELLER =
  'billingEntity { version legalName taxId invoiceNumberPrefix paymentTermsDays address { city country } billingEntity { code } }';

interface IssuedView {
  id: string;
  number: string;
  issuedAt: string;
  dueAt: string;
  customer: { reference: string; billingEntity: { code: string } };
  billingEntity: {
    version: number;
    legalName: string;
    taxId: string | null;
    paymentTermsDays: number | null;
    billingEntity: { code: string };
  };
}

/**
 * Issue 15, point 1, through the gateway: two billing entities with their own prefixes and payment terms, two customers
 * each billed from one (the customer page reads its entity through federation), invoices issued with each entity's
 * series and terms, then an entity edited: the issued invoice still says what it was issued with.
 */
describe('billing entities end to end, through the gateway', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: '3600000', INVOICE_ISSUE_INTERVAL_MS: '200' } },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('bills two customers from two entities with their own prefixes and terms; an entity edited later leaves issued invoices as issued', async () => {
    await platform.setClock('2026-04-01T06:00:00Z');
    const { apiKey, platformId } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const s = Scenario.of(client, platformId);
    await s.createMeter({
      reference: 'calls',
      values: [{ reference: 'n', type: 'NUMBER' }],
      metrics: [{ reference: 'calls_total', aggregation: 'SUM', valueReference: 'n' }],
    });
    await s.createProduct('hosting', [{ reference: 'base', name: 'Base fee', chargeType: 'RECURRING' }]);
    const [version] = await s.createPlan('hosting', [{ base: { model: 'FLAT', amount: '120' } }], ['base']);

    const entity = (code: string, legalName: string, prefix: string, terms: number, country: string) =>
      client.expectData<{ createBillingEntity: { id: string; code: string; version: number } }>(
        `mutation ($input: CreateBillingEntityInput!) { createBillingEntity(input: $input) { id code version } }`,
        {
          input: {
            code,
            legalName,
            address: { line1: 'Main street 1', city: country === 'NL' ? 'Amsterdam' : 'Berlin', country },
            taxId: `${country}-TAX-1`,
            invoiceNumberPrefix: `${prefix}-`,
            creditNoteNumberPrefix: `${prefix}CN-`,
            paymentTermsDays: terms,
            currency: 'EUR',
            locale: country === 'NL' ? 'nl-NL' : 'de-DE',
            timeZone: 'Europe/Amsterdam',
            ...(country === 'NL' ? { logo: LOGO } : {}),
          },
        },
      );
    await entity('acme-nl', 'Acme Nederland B.V.', 'NL', 14, 'NL');
    await entity('acme-de', 'Acme Deutschland GmbH', 'DE', 45, 'DE');
    const refused = await client.send(
      `mutation { createBillingEntity(input: { code: "x", legalName: "X", timeZone: "Mars/Base" }) { id } }`,
    );
    expect(codeOf(refused.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timeZone' });

    const subscriptions: Record<string, string> = {};
    for (const [customer, code] of [
      ['dutch', 'acme-nl'],
      ['german', 'acme-de'],
    ]) {
      await s.createCustomer(customer, 'calls_total');
      subscriptions[customer] = await s.subscribe({ customer, planVersion: version, startAt: '2026-04-01T00:00:00Z' });
      // The customer reached invoicing through NATS: by reference it can be assigned now.
      const assigned = await waitFor(async () => {
        const r = await client.send<{ assignBillingEntity: { reference: string; billingEntity: { code: string } } }>(
          `mutation ($c: String!, $e: String) { assignBillingEntity(customer: $c, billingEntity: $e) { reference billingEntity { code } } }`,
          { c: customer, e: code },
        );
        return r.data?.assignBillingEntity;
      }, `${customer} assigned`);
      expect(assigned).toEqual({ reference: customer, billingEntity: { code } });
    }

    const settings = await client.expectData<{
      platformSettings: { defaultBillingEntity: { code: string }; invoiceGracePeriodSeconds: number };
    }>(`{ platformSettings { invoiceGracePeriodSeconds defaultBillingEntity { code } } }`);
    expect(settings.platformSettings).toEqual({ invoiceGracePeriodSeconds: 3600, defaultBillingEntity: { code: 'default' } });

    const issued: Record<string, IssuedView> = {};
    for (const customer of ['dutch', 'german']) {
      const draft = await waitFor(async () => {
        const data = await client.expectData<{
          invoices: { edges: Array<{ node: { id: string; issuesAt: string; dueAt: string | null } }> };
        }>(`query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { id issuesAt dueAt } } } }`, {
          s: subscriptions[customer],
        });
        return data.invoices.edges[0]?.node;
      }, `${customer}'s April draft`);
      expect(draft).toMatchObject({ issuesAt: '2026-05-01T01:00:00.000Z', dueAt: null });
      const data = await client.expectData<{ issueInvoice: IssuedView }>(
        `mutation ($id: ID!) { issueInvoice(id: $id) { id number issuedAt dueAt customer { reference billingEntity { code } } ${SELLER} } }`,
        { id: draft.id },
      );
      issued[customer] = data.issueInvoice;
    }
    expect(issued.dutch).toMatchObject({
      number: 'NL-000001',
      customer: { reference: 'dutch', billingEntity: { code: 'acme-nl' } },
      billingEntity: {
        version: 1,
        legalName: 'Acme Nederland B.V.',
        taxId: 'NL-TAX-1',
        paymentTermsDays: 14,
        billingEntity: { code: 'acme-nl' },
      },
    });
    expect(Date.parse(issued.dutch.dueAt) - Date.parse(issued.dutch.issuedAt)).toBe(14 * DAY_MS);
    expect(issued.german).toMatchObject({
      number: 'DE-000001',
      billingEntity: { legalName: 'Acme Deutschland GmbH', paymentTermsDays: 45 },
    });
    expect(Date.parse(issued.german.dueAt) - Date.parse(issued.german.issuedAt)).toBe(45 * DAY_MS);

    // The documents name each seller as issued, in the entity's locale (nl-NL: "€ 120,00", "1 apr 2026").
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const pdfOf = async (id: string) => {
      const response = await fetch(`${base}/v1/invoices/${id}/pdf`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    const dutchPdf = await pdfOf(issued.dutch.id);
    const dutchText = (await pdfPagesText(dutchPdf)).join('\n');
    for (const expected of ['Acme Nederland B.V.', 'Main street 1', 'Amsterdam', 'NL-TAX-1', 'NL-000001', '€ 120,00'])
      expect(dutchText).toContain(expected);
    expect(dutchText).not.toContain('Seller not configured');
    expect(dutchPdf.toString('latin1')).toContain('/Subtype /Image'); // its logo
    expect((await pdfPagesText(await pdfOf(issued.german.id))).join('\n')).toContain('Acme Deutschland GmbH');

    // The Dutch entity moves and changes its terms: version 2 for what is issued from now on, not for what was.
    await platform.setClock('2026-04-02T06:00:00Z');
    const edited = await client.expectData<{ updateBillingEntity: { version: number; currentVersion: { legalName: string } } }>(
      `mutation { updateBillingEntity(billingEntity: "acme-nl", input: { legalName: "Acme Benelux B.V.", paymentTermsDays: 30, taxId: null }) {
          version currentVersion { legalName } } }`,
    );
    expect(edited.updateBillingEntity).toEqual({ version: 2, currentVersion: { legalName: 'Acme Benelux B.V.' } });
    const again = await client.expectData<{ invoice: IssuedView }>(
      `query ($id: ID!) { invoice(id: $id) { id number issuedAt dueAt customer { reference billingEntity { code } } ${SELLER} } }`,
      { id: issued.dutch.id },
    );
    expect(again.invoice).toEqual(issued.dutch);
    expect((await pdfOf(issued.dutch.id)).equals(dutchPdf)).toBe(true); // the same document, byte for byte
    const list = await client.expectData<{
      billingEntities: { totalCount: number; edges: Array<{ node: { code: string; isDefault: boolean; version: number } }> };
    }>(`{ billingEntities(first: 10) { totalCount edges { node { code isDefault version } } } }`);
    expect(list.billingEntities.edges.map((e) => e.node)).toEqual([
      { code: 'default', isDefault: true, version: 1 },
      { code: 'acme-nl', isDefault: false, version: 2 },
      { code: 'acme-de', isDefault: false, version: 1 },
    ]);
    const made = await client.expectData<{ setDefaultBillingEntity: { code: string; isDefault: boolean } }>(
      `mutation { setDefaultBillingEntity(billingEntity: "acme-de") { code isDefault } }`,
    );
    expect(made.setDefaultBillingEntity).toEqual({ code: 'acme-de', isDefault: true });
  });
});
