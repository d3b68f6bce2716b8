import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfPagesText } from '@meterline/documents/testing';
import { waitFor } from '@meterline/kit/testing';
import type { Browser, Page } from 'playwright-core';
import { WebhookReceiver } from '@meterline/webhooks/dist/testing/webhook-receiver';
import {
  ACTIVATE_METER,
  CREATE_CUSTOMER,
  CREATE_METER,
  INGEST,
  createApiCallsMeter,
  gatewayClient,
  launchChromium,
  newTenant,
  startPlatform,
  type GatewayClient,
} from './testkit';

/**
 * Desk, the web app, in a real browser against the whole platform: the gateway serves web/dist at `/` (built by
 * `npm run build`). Signs in with an API key, creates and activates a meter through the form, then issues a draft invoice.
 */
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const UI_TIMEOUT = 15_000;

/** A product with a flat monthly fee of 100 EUR, a customer `acme` subscribed from this month: one DRAFT invoice. */
async function seedDraftInvoice(client: GatewayClient): Promise<void> {
  await client.expectData(`mutation { createProduct(input: { reference: "platform", name: "Platform" }) { id } }`);
  await client.expectData(`mutation ($input: CreateProductItemInput!) { createProductItem(input: $input) { id } }`, {
    input: { product: 'platform', reference: 'platform-fee', name: 'Platform fee', chargeType: 'RECURRING' },
  });
  await client.expectData(`mutation { changeProductStatus(product: "platform", action: ACTIVATE) { status } }`);
  const { createPricingPlan } = await client.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
    `mutation { createPricingPlan(input: { reference: "starter", name: "Starter", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
  );
  const planVersion = createPricingPlan.versions[0].id;
  await client.expectData(`mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`, {
    input: { planVersion, productItem: 'platform-fee', price: { model: 'FLAT', amount: '100' }, recurringTiming: 'IN_ADVANCE' },
  });
  await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, {
    v: planVersion,
  });
  await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });
  const now = new Date();
  const startAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  // The plan version reaches subscriptions through NATS: retry until it has arrived.
  await waitFor(async () => {
    const response = await client.send<{ createSubscription: { id: string } }>(
      `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }`,
      { input: { customer: 'acme', planVersion, startAt } },
    );
    return response.data?.createSubscription;
  }, 'the active plan version to reach subscriptions');
  await waitFor(async () => {
    const data = await client.expectData<{ invoices: { totalCount: number } }>(`{ invoices(status: DRAFT, first: 1) { totalCount } }`);
    return data.invoices.totalCount > 0 || undefined;
  }, 'the draft invoice to open');
}

/**
 * The active meter `api_calls`, a product item `calls` billing its metric at 0.10 EUR a call in plan `usage` v1, and
 * customer `acme` subscribed from the start of this month: a DRAFT invoice that follows acme's calls.
 */
async function seedUsagePlan(client: GatewayClient): Promise<void> {
  await createApiCallsMeter(client);
  await client.expectData(`mutation { createProduct(input: { reference: "api", name: "API" }) { id } }`);
  await client.expectData(`mutation ($input: CreateProductItemInput!) { createProductItem(input: $input) { id } }`, {
    input: {
      product: 'api',
      reference: 'calls',
      name: 'API calls',
      chargeType: 'USAGE',
      meterReference: 'api_calls',
      metricReference: 'api_calls_total',
    },
  });
  await client.expectData(`mutation { changeProductStatus(product: "api", action: ACTIVATE) { status } }`);
  const { createPricingPlan } = await client.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
    `mutation { createPricingPlan(input: { reference: "usage", name: "Usage", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
  );
  const planVersion = createPricingPlan.versions[0].id;
  await client.expectData(`mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`, {
    input: { planVersion, productItem: 'calls', price: { model: 'PER_UNIT', unitPrice: '0.10' } },
  });
  await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, {
    v: planVersion,
  });
  await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });
  await waitFor(async () => {
    const response = await client.send<{ createSubscription: { id: string } }>(
      `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }`,
      { input: { customer: 'acme', planVersion, startAt: monthStart().toISOString() } },
    );
    return response.data?.createSubscription;
  }, 'the active plan version to reach subscriptions');
  await waitFor(async () => {
    const data = await client.expectData<{ invoices: { totalCount: number } }>(`{ invoices(status: DRAFT, first: 1) { totalCount } }`);
    return data.invoices.totalCount > 0 || undefined;
  }, 'the draft invoice to open');
}

/** `seedDraftInvoice`, then the draft's id and line ids. */
async function seededDraft(client: GatewayClient): Promise<{ id: string; lines: Array<{ id: string }> }> {
  await seedDraftInvoice(client);
  const { invoices } = await client.expectData<{ invoices: { edges: Array<{ node: { id: string; lines: Array<{ id: string }> } }> } }>(
    `{ invoices(status: DRAFT, first: 1) { edges { node { id lines { id } } } } }`,
  );
  return invoices.edges[0].node;
}

function monthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** An instant of this month, `minutesAgo` before now (never before the month started). */
function thisMonth(minutesAgo: number): string {
  return new Date(Math.max(monthStart().getTime(), Date.now() - minutesAgo * 60_000)).toISOString();
}

/** The draft invoice's total once it equals `expected` (drafts follow usage asynchronously). */
async function draftTotal(client: GatewayClient, expected: string): Promise<void> {
  let last = '';
  await waitFor(async () => {
    const data = await client.expectData<{ invoices: { edges: Array<{ node: { total: { amount: string } } }> } }>(
      `{ invoices(status: DRAFT, first: 1) { edges { node { total { amount } } } } }`,
    );
    last = data.invoices.edges[0]?.node.total.amount ?? '';
    return Number(last) === Number(expected) || undefined;
  }, `the draft total to reach ${expected} (last ${last})`);
}

describe('Desk in a real browser', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let browser: Browser;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** A new platform with its key and API client, and a fresh browser page of the given height (not signed in yet). */
  async function newSession(height: number) {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const base = platform.gatewayUrl.replace(/graphql$/, '');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page: Page = await browser.newPage({ viewport: { width: 1200, height } });
    page.setDefaultTimeout(UI_TIMEOUT);
    return { apiKey, client, base, page };
  }

  it('signs in, creates and activates a meter, and issues a draft invoice', async () => {
    const { apiKey, client, base, page } = await newSession(760);
    const seeding = seedDraftInvoice(client); // in parallel with the meter steps

    // Sign in.
    await page.goto(base);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Meters' }).waitFor();
    await page.getByText('No meters yet').waitFor();

    // Create a meter through the form.
    await page.getByRole('button', { name: 'New meter' }).click();
    const form = page.getByRole('form', { name: 'New meter' });
    await form.getByLabel('Reference', { exact: true }).fill('desk_calls');
    await form.getByLabel('Name', { exact: true }).fill('Desk API calls');
    await form.getByLabel('Value reference').fill('calls');
    await form.getByLabel('Metric reference').fill('desk_calls_total');
    await form.getByLabel('Of value').selectOption('calls');
    await form.getByRole('button', { name: 'Create meter' }).click();
    const row = page.getByRole('row', { name: /desk_calls/ });
    await row.getByText('DRAFT').waitFor();
    expect(await row.textContent()).toContain('desk_calls_total');

    // Activate it.
    await row.getByRole('button', { name: 'Activate desk_calls' }).click();
    await row.getByText('ACTIVE', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Deprecate desk_calls' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'meters.png') });
    const meter = await client.expectData<{ meter: { status: string } }>(`{ meter(meter: "desk_calls") { status } }`);
    expect(meter.meter.status).toBe('ACTIVE');

    // Invoices: the draft, its lines and total; issue it.
    await seeding;
    await page.getByRole('link', { name: 'Invoices' }).click();
    const draftRow = page.getByRole('row', { name: /acme/ });
    await draftRow.getByText('DRAFT', { exact: true }).waitFor();
    expect(await draftRow.textContent()).toContain('100 EUR');
    await page.screenshot({ path: join(SCREENSHOTS, 'invoices.png') });
    await draftRow.getByRole('link', { name: 'Draft invoice' }).click();
    await page.getByRole('heading', { name: 'Draft invoice' }).waitFor();
    await page.getByText('Platform fee (in advance)').waitFor();
    expect(await page.getByTestId('invoice-total').textContent()).toBe('100 EUR');
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await page.getByRole('heading', { name: 'INV-000001' }).waitFor();
    expect(await page.getByTestId('invoice-status').textContent()).toBe('ISSUED');
    await page.getByRole('button', { name: 'Mark paid' }).waitFor();
    expect(await page.getByTestId('invoice-due').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // A partial payment through the form: amount paid and due follow; too much is refused naming the field.
    const payment = page.getByRole('form', { name: 'Record a payment' });
    await payment.getByLabel('Amount (EUR)').fill('40.00');
    await payment.getByLabel('Method').selectOption('BANK_TRANSFER');
    await payment.getByLabel('Reference').fill('SEPA-1');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await page.getByTestId('invoice-paid').getByText('40 EUR').waitFor();
    expect(await page.getByTestId('invoice-due-amount').textContent()).toBe('60 EUR');
    await page.getByRole('region', { name: 'Payments' }).getByText('SEPA-1').waitFor();
    await payment.getByLabel('Amount (EUR)').fill('60.01');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    expect(await payment.getByRole('alert').textContent()).toContain('input.amount');

    // Back to the list: the filter shows it as issued, with its number.
    await page.getByRole('button', { name: '← All invoices' }).click();
    await page.getByLabel('Status').selectOption('ISSUED');
    await page
      .getByRole('row', { name: /INV-000001/ })
      .getByText('ISSUED', { exact: true })
      .waitFor();
  }, 90_000);

  it('downloads an issued invoice’s PDF and its credit note’s from the invoice page, read back as text', async () => {
    const { apiKey, client, base, page } = await newSession(900);
    const draft = await seededDraft(client);
    await page.goto(`${base}invoices/${draft.id}`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Draft invoice' }).waitFor();
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await page.getByRole('heading', { name: 'INV-000001' }).waitFor();

    const savedText = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      const path = await download.path();
      return { name: download.suggestedFilename(), text: (await pdfPagesText(readFileSync(path))).join('\n') };
    };
    const invoicePdf = await savedText('Download PDF');
    expect(invoicePdf.name).toBe('INV-000001.pdf');
    for (const expected of ['Invoice', 'INV-000001', 'Acme', 'Platform fee (in advance)', '€100.00', 'Amount due']) {
      expect(invoicePdf.text).toContain(expected);
    }

    await client.expectData(`mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id } }`, {
      input: { invoice: draft.id, reason: 'goodwill', lines: [{ invoiceLine: draft.lines[0].id, amount: '25' }] },
    });
    await page.reload();
    await page.getByRole('region', { name: 'Credit notes' }).getByText('CN-000001').waitFor();
    const notePdf = await savedText('Download CN-000001 as PDF');
    expect(notePdf.name).toBe('CN-000001.pdf');
    for (const expected of ['Credit note', 'CN-000001', 'INV-000001', 'goodwill', '€25.00']) {
      expect(notePdf.text).toContain(expected);
    }
  }, 90_000);

  it('downloads CSV reports from the Invoices screen with its status filter: a header row and one row per line', async () => {
    const { apiKey, client, base, page } = await newSession(900);
    const draft = await seededDraft(client);
    await page.goto(`${base}invoices`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Invoices' }).waitFor();
    const saved = async (button: string) => {
      await page.getByText('Download CSV').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button, exact: true }).click(),
      ]);
      const lines = readFileSync(await download.path(), 'utf8')
        .trimEnd()
        .split('\n');
      await page.getByText('Download CSV').click(); // closed again
      return { name: download.suggestedFilename(), header: lines[0], rows: lines.slice(1) };
    };
    const header =
      'invoice_id,invoice_number,status,customer_id,customer_reference,subscription_id,period_start,period_end,line_id,line_kind,' +
      'product_item_id,product_item_name,charge_type,metric,description,quantity,breakdown,stretch_start,stretch_end,amount,deduction,credited,currency';
    // Without a status: issued invoices only, and there are none yet.
    expect(await saved('Download Invoice lines CSV')).toEqual({ name: 'invoice-lines-all-all.csv', header, rows: [] });
    await page.getByLabel('Status').selectOption('DRAFT');
    const drafts = await saved('Download Invoice lines CSV');
    expect(drafts.header).toBe(header);
    expect(drafts.rows).toHaveLength(draft.lines.length);
    expect(drafts.rows.every((row) => row.startsWith(`${draft.id},,DRAFT,`))).toBe(true);
    const invoices = await saved('Download Invoices CSV');
    expect([invoices.name, invoices.header.split(',')[0], invoices.rows.length]).toEqual(['invoices-all-all.csv', 'invoice_id', 1]);
  }, 90_000);

  it('creates a customer through the form, subscribes it to the seeded plan version and shows its draft invoice', async () => {
    const { apiKey, client, base, page } = await newSession(900);
    // The plan `starter` v1 (ACTIVE, 100 EUR a month) and `acme` on it: once done, the version has reached subscriptions.
    const seeding = seedDraftInvoice(client);

    await page.goto(`${base}customers`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(await page.getByRole('link', { name: 'Customers' }).getAttribute('class')).toBe('active');

    // Create a customer through the form: the API's error names its field, then it succeeds and opens the customer.
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('form', { name: 'New customer' });
    await form.getByLabel('Reference', { exact: true }).fill('globex');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await form.getByRole('alert').getByText('name: name must not be empty').waitFor();
    await form.getByLabel('Name', { exact: true }).fill('Globex Corporation');
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel('Tax rate (%)').fill('21');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Globex Corporation' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers/globex');
    await page.getByText('No subscriptions yet.').waitFor();
    await page.getByText('No invoices yet.').waitFor();

    // Subscribe it to the seeded ACTIVE plan version with 3 seats.
    await seeding;
    await page.reload(); // the plan list was fetched before the plan existed
    const subscribe = page.getByRole('form', { name: 'New subscription' });
    await subscribe.getByLabel('Plan version').selectOption({ label: 'Starter (starter) v1 · MONTH' });
    await subscribe.getByLabel('Seats').fill('3');
    await subscribe.getByRole('button', { name: 'Create subscription' }).click();
    const subscriptions = page.getByRole('table', { name: 'Subscriptions' });
    const subscription = subscriptions.getByRole('row', { name: /Starter/ });
    await subscription.getByText('ACTIVE', { exact: true }).waitFor();
    expect(await subscription.textContent()).toContain('v1');

    // Its draft invoice is opened asynchronously: the page shows it when it arrives.
    const invoices = page.getByRole('table', { name: 'Invoices' });
    const draft = invoices.getByRole('row', { name: /Draft invoice/ });
    await draft.getByText('DRAFT', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await draft.textContent()).toContain('121 EUR'); // 100 EUR and 21 % tax

    // Change seats (NOW), then cancel at the period end.
    await subscription.getByLabel('Seats of Starter v1').fill('5');
    await subscription.getByRole('button', { name: 'Change seats' }).click();
    await subscription.getByRole('cell', { name: '5', exact: true }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'customer.png'), fullPage: true });
    await subscription.getByRole('button', { name: 'Cancel Starter v1 at period end' }).click();
    await subscription.getByText('CANCELED', { exact: true }).waitFor();
    await subscription.getByText(/^ends \d{4}-\d{2}-\d{2}$/).waitFor();
    const data = await client.expectData<{ customer: { subscriptions: Array<{ seats: number; status: string; endAt: string | null }> } }>(
      `{ customer(reference: "globex") { subscriptions { seats status endAt } } }`,
    );
    expect(data.customer.subscriptions).toEqual([{ seats: 5, status: 'CANCELED', endAt: expect.any(String) }]);

    // The draft opens the existing invoice detail; the list finds the customer by search.
    await draft.getByRole('link', { name: 'Draft invoice' }).click();
    await page.getByRole('heading', { name: 'Draft invoice' }).waitFor();
    await page.getByText('Globex Corporation').waitFor();
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('row', { name: /acme/ }).waitFor();
    await page.getByLabel('Search customers').fill('glob');
    await page.getByRole('row', { name: /acme/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: /globex/ }).textContent()).toContain('21 %');
  }, 90_000);

  it('manages billing entities: creates one, edits it into version 2, assigns a customer on its page, makes it the default', async () => {
    const { apiKey, client, base, page } = await newSession(1100);
    const seeding = seedDraftInvoice(client);

    await page.goto(`${base}billing-entities`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Billing entities' }).waitFor();
    const table = page.getByRole('table', { name: 'Billing entities' });
    await table
      .getByRole('row', { name: /default/ })
      .getByText('DEFAULT', { exact: true })
      .waitFor();

    // Create one: a refused time zone is named, then it is created.
    await page.getByRole('button', { name: 'New billing entity' }).click();
    const form = page.getByRole('form', { name: 'New billing entity' });
    await form.getByLabel('Code', { exact: true }).fill('acme-eu');
    await form.getByLabel('Legal name').fill('Acme Europe B.V.');
    await form.getByLabel('Invoice number prefix').fill('EU-');
    await form.getByLabel('Credit note number prefix').fill('EUCN-');
    await form.getByLabel('Payment terms (days)').fill('14');
    await form.getByLabel(/^Time zone/).fill('Mars/Base');
    await form.getByRole('button', { name: 'Create entity' }).click();
    await form.getByRole('alert').getByText('input.timeZone', { exact: false }).waitFor();
    await form.getByLabel(/^Time zone/).fill('Europe/Amsterdam');
    await form.getByLabel('Country (ISO 3166, e.g. NL)').fill('NL');
    await form.getByLabel('Address line 1').fill('Keizersgracht 1');
    await form.getByLabel('City').fill('Amsterdam');
    await form.getByRole('button', { name: 'Create entity' }).click();
    const row = table.getByRole('row', { name: /acme-eu/ });
    await row.getByText('Acme Europe B.V.').waitFor();
    expect(await row.textContent()).toContain('v1');

    // Edit it: a new version.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit acme-eu' });
    await edit.getByLabel('Legal name').fill('Acme Benelux B.V.');
    await edit.getByRole('button', { name: 'Save new version' }).click();
    await row.getByText('Acme Benelux B.V.').waitFor();
    expect(await row.textContent()).toContain('v2');
    await page.screenshot({ path: join(SCREENSHOTS, 'billing-entities.png'), fullPage: true });

    // The customer page: billed from the default, then from acme-eu.
    await seeding;
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('row', { name: /acme/ }).getByRole('link').first().click();
    const billed = page.getByTestId('customer-billing-entity');
    await billed.filter({ hasText: '(default)' }).waitFor();
    await page.getByLabel('Bill from').selectOption({ label: 'acme-eu — Acme Benelux B.V.' });
    await billed.filter({ hasText: 'Acme Benelux B.V. (acme-eu)' }).waitFor();
    const { invoices } = await client.expectData<{ invoices: { edges: Array<{ node: { id: string } }> } }>(
      `{ invoices(status: DRAFT, first: 1) { edges { node { id } } } }`,
    );
    const issued = await client.expectData<{ issueInvoice: { number: string; billingEntity: { version: number } } }>(
      `mutation ($id: ID!) { issueInvoice(id: $id) { number billingEntity { version } } }`,
      { id: invoices.edges[0].node.id },
    );
    expect(issued.issueInvoice).toEqual({ number: 'EU-000001', billingEntity: { version: 2 } });
    await page.goto(`${base}invoices/${invoices.edges[0].node.id}`);
    expect(await page.getByTestId('invoice-seller').textContent()).toContain('Acme Benelux B.V. (acme-eu v2)');

    // Make it the default.
    await page.getByRole('link', { name: 'Billing entities' }).click();
    await table
      .getByRole('row', { name: /acme-eu/ })
      .getByRole('button', { name: 'Make default' })
      .click();
    await table
      .getByRole('row', { name: /acme-eu/ })
      .getByText('DEFAULT', { exact: true })
      .waitFor();
    const { platformSettings } = await client.expectData<{ platformSettings: { defaultBillingEntity: { code: string } } }>(
      `{ platformSettings { defaultBillingEntity { code } } }`,
    );
    expect(platformSettings.defaultBillingEntity.code).toBe('acme-eu');
  }, 90_000);

  it('sets up a plan in the Catalog: a product with a RECURRING item, a plan, a FLAT price with a preview, activation', async () => {
    const { apiKey, client, base, page } = await newSession(900);

    await page.goto(`${base}catalog`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    expect(await page.getByRole('link', { name: 'Catalog' }).getAttribute('class')).toBe('active');
    await page.getByText('No products yet').waitFor();

    // A product with a RECURRING item, then activate it.
    await page.getByRole('button', { name: 'New product' }).click();
    const productForm = page.getByRole('form', { name: 'New product' });
    await productForm.getByLabel('Reference', { exact: true }).fill('platform');
    await productForm.getByLabel('Name', { exact: true }).fill('Platform');
    await productForm.getByRole('button', { name: 'Create product' }).click();
    const productRow = page.getByRole('table', { name: 'Products' }).getByRole('row', { name: /platform/ });
    await productRow.getByText('DRAFT', { exact: true }).waitFor();
    await productRow.getByRole('button', { name: 'Add item to platform' }).click();
    const itemForm = page.getByRole('form', { name: 'New item of platform' });
    await itemForm.getByLabel('Reference', { exact: true }).fill('platform-fee');
    await itemForm.getByLabel('Name', { exact: true }).fill('Platform fee');
    await itemForm.getByLabel('Charge type').selectOption('RECURRING');
    await itemForm.getByRole('button', { name: 'Add item' }).click();
    await productRow.getByText('platform-fee').waitFor();
    await productRow.getByRole('button', { name: 'Activate product platform' }).click();
    await productRow.getByText('ACTIVE', { exact: true }).waitFor();

    // A plan: its first version is a DRAFT.
    await page.getByRole('button', { name: 'New plan' }).click();
    const planForm = page.getByRole('form', { name: 'New plan' });
    await planForm.getByLabel('Reference', { exact: true }).fill('starter');
    await planForm.getByLabel('Name', { exact: true }).fill('Starter');
    await planForm.getByLabel('Currency').fill('EUR');
    await planForm.getByLabel('Billing period').selectOption('MONTH');
    await planForm.getByRole('button', { name: 'Create plan' }).click();
    const version = page.getByRole('region', { name: 'Starter v1' });
    await version.getByText('DRAFT', { exact: true }).waitFor();

    // A FLAT price of 100 in advance, with its live preview.
    const editor = page.getByRole('form', { name: 'Price editor of Starter v1' });
    await editor.getByLabel('Product item').selectOption({ label: 'Platform fee (platform-fee) · RECURRING' });
    await editor.getByLabel('Model').selectOption('FLAT');
    await editor.getByLabel('Timing').selectOption('IN_ADVANCE');
    await editor.getByLabel('Amount').fill('100');
    await editor.getByLabel('Preview for quantity').fill('1');
    await editor.getByTestId('preview-amount').waitFor();
    expect(await editor.getByTestId('preview-amount').textContent()).toMatch(/^100(\.00)? EUR$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'catalog.png'), fullPage: true });
    await editor.getByRole('button', { name: 'Set price' }).click();
    const prices = page.getByRole('table', { name: 'Prices of Starter v1' });
    await prices
      .getByRole('row', { name: /platform-fee/ })
      .getByText('IN_ADVANCE')
      .waitFor();
    expect(await prices.getByRole('row', { name: /platform-fee/ }).textContent()).toContain('FLAT 100');

    // Activate the version.
    await version.getByRole('button', { name: 'Activate Starter v1' }).click();
    await version.getByText('ACTIVE', { exact: true }).waitFor();
    await editor.waitFor({ state: 'detached' });

    const data = await client.expectData<{
      pricingPlan: {
        versions: Array<{
          status: string;
          prices: Array<{ recurringTiming: string; productItem: { reference: string }; price: { model: string; amount: string } }>;
        }>;
      };
    }>(
      `{ pricingPlan(plan: "starter") { versions { status prices { recurringTiming productItem { reference } price { model amount } } } } }`,
    );
    expect(data.pricingPlan.versions).toHaveLength(1);
    expect(data.pricingPlan.versions[0].status).toBe('ACTIVE');
    expect(data.pricingPlan.versions[0].prices).toHaveLength(1);
    expect(data.pricingPlan.versions[0].prices[0]).toMatchObject({
      recurringTiming: 'IN_ADVANCE',
      productItem: { reference: 'platform-fee' },
      price: { model: 'FLAT' },
    });
    expect(Number(data.pricingPlan.versions[0].prices[0].price.amount)).toBe(100);
  }, 90_000);

  it('sets usage and spend alerts on a customer’s page and shows their triggers as usage arrives', async () => {
    const { apiKey, client, base, page } = await newSession(1400);
    await seedUsagePlan(client); // acme on 0.10 EUR a call
    await page.goto(`${base}customers/acme`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Acme' }).waitFor();
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await alerts.getByText('No alerts yet.').waitFor();

    // Thresholds not ascending: the API's error names the threshold; then a usage alert and a spend alert.
    const form = alerts.getByRole('form', { name: 'New alert' });
    await form.getByLabel('Alert name').fill('API calls');
    await form.getByLabel('Watches').selectOption('USAGE');
    await form.getByLabel(/^Metric/).selectOption('api_calls_total');
    await form.getByLabel('Thresholds').fill('50, 10');
    await form.getByRole('button', { name: 'Create alert' }).click();
    await form.getByRole('alert').getByText('input.thresholds[1].value', { exact: false }).first().waitFor();
    await form.getByLabel('Thresholds').fill('10, 50');
    await form.getByRole('button', { name: 'Create alert' }).click();
    await alerts
      .getByRole('row', { name: /API calls/ })
      .getByText('10 · 50')
      .waitFor();
    await form.getByLabel('Alert name').fill('Spend');
    await form.getByLabel('Watches').selectOption('SPEND');
    await form.getByLabel('Thresholds').fill('2.00');
    await form.getByRole('button', { name: 'Create alert' }).click();
    await alerts.getByRole('row', { name: /Spend \(draft total, EUR\)/ }).waitFor();

    // 25 calls: the 10-call threshold and 2 EUR of spend (25 × 0.10 = 2.50) fire; the page shows them without a reload.
    await client.expectData(INGEST, {
      events: [
        {
          meterReference: 'api_calls',
          customerReference: 'acme',
          reference: 'alert-1',
          timestamp: thisMonth(5),
          meterValues: [{ reference: 'calls', number: '25' }],
        },
      ],
    });
    const triggers = alerts.getByRole('table', { name: 'Alert triggers' });
    await triggers
      .getByRole('row', { name: /API calls/ })
      .getByText('25 × api_calls_total')
      .waitFor();
    await triggers.getByRole('row', { name: /Spend/ }).getByText('2.5 EUR').waitFor();
    expect(await triggers.getByRole('row').count()).toBe(3); // the head and two triggers
    await page.screenshot({ path: join(SCREENSHOTS, 'customer-alerts.png'), fullPage: true });

    // Deleted: gone from the list; what it fired stays in the feed.
    await alerts.getByRole('button', { name: 'Delete alert Spend' }).click();
    await alerts.getByRole('row', { name: /Spend \(draft total/ }).waitFor({ state: 'detached' });
    await triggers.getByRole('row', { name: /Spend/ }).waitFor();
  }, 90_000);

  it('bills usage entered in the browser: an event by hand (its curl works), an unmatched one reprocessed, a file upload, then a credit note', async () => {
    const { apiKey, client, base, page } = await newSession(1000);
    await seedUsagePlan(client);

    // A deep link before signing in: after sign-in the page is the one asked for.
    await page.goto(`${base}events/new`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Enter an event' }).waitFor();

    // Manual entry: the form shows the equivalent curl; running that curl stores the event, so sending the same form is
    // a DUPLICATE (same reference and content), which proves the two are the same request.
    const entry = page.getByRole('form', { name: 'New event' });
    await entry.getByLabel('Meter').selectOption({ label: 'API calls (api_calls)' });
    await entry.getByLabel('Customer reference').fill('acme');
    await entry.getByLabel('calls (NUMBER)').fill('5');
    await entry.getByLabel('Timestamp (UTC)').fill(thisMonth(30).slice(0, 19));
    const curl = (await page.getByTestId('curl-request').textContent()) ?? '';
    expect(curl).toContain(`'${base.replace(/\/$/, '')}/v1/events'`);
    expect(await page.getByTestId('graphql-mutation').textContent()).toContain('ingestUsageEvents');
    await page.screenshot({ path: join(SCREENSHOTS, 'event-entry.png'), fullPage: true });
    const curlOutput = execFileSync('bash', ['-c', `${curl} --silent --show-error --fail-with-body`], {
      env: { ...process.env, METERLINE_API_KEY: apiKey },
      encoding: 'utf8',
    });
    expect(JSON.parse(curlOutput)).toMatchObject({ accepted: 1 });
    await entry.getByRole('button', { name: 'Send event' }).click();
    const result = page.getByRole('status', { name: 'Result' });
    await result.getByText('DUPLICATE', { exact: true }).waitFor();
    await draftTotal(client, '0.5'); // 5 calls × 0.10

    // Its processing details: customer, metric, estimated cost and the draft invoice it is billed on.
    await result.getByRole('link', { name: 'View event' }).click();
    await page.getByRole('heading', { name: /^Event / }).waitFor();
    await page.getByText('Acme').first().waitFor();
    expect(await page.getByTestId('estimated-cost').textContent()).toMatch(/^0\.50* EUR$/);
    expect(await page.getByTestId('event-invoice').textContent()).toContain('Draft');

    // An event of a meter that does not exist yet is unmatched; once the meter exists, reprocessing matches it.
    const late = await client.expectData<{ ingestUsageEvents: { unmatched: number } }>(INGEST, {
      events: [
        {
          meterReference: 'tokens',
          customerReference: 'acme',
          reference: 'tok-1',
          timestamp: thisMonth(20),
          meterValues: [{ reference: 'tokens', number: '7' }],
        },
      ],
    });
    expect(late.ingestUsageEvents.unmatched).toBe(1);
    await page.getByRole('link', { name: 'Unmatched' }).click();
    const unmatched = page.getByRole('table', { name: 'Unmatched events' });
    await unmatched.getByRole('row', { name: /tok-1/ }).getByText('UNKNOWN_METER').first().waitFor();
    await client.expectData(CREATE_METER, {
      input: {
        reference: 'tokens',
        name: 'Tokens',
        values: [{ reference: 'tokens', type: 'NUMBER' }],
        metrics: [{ reference: 'tokens_total', aggregation: 'SUM', valueReference: 'tokens' }],
      },
    });
    await client.expectData(ACTIVATE_METER, { meter: 'tokens' });
    await page.getByLabel('Select tok-1').check();
    await page.getByRole('button', { name: 'Reprocess selected' }).click();
    await page.getByRole('status').getByText('Examined 1 · matched 1 · still unmatched 0').waitFor();
    await unmatched.getByRole('row', { name: /tok-1/ }).waitFor({ state: 'detached' });

    // Upload a CSV: map its columns, watch it process, read the result (one row rejected, with its reason).
    await page.getByRole('link', { name: 'Upload a file' }).click();
    const csv = [
      'customer,calls,timestamp,reference',
      `acme,10,${thisMonth(10)},up-1`,
      `acme,25,${thisMonth(9)},up-2`,
      `acme,lots,${thisMonth(8)},up-3`,
    ].join('\n');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('3 data rows').waitFor();
    await page.getByLabel('Meter', { exact: true }).selectOption({ label: 'API calls (api_calls)' });
    expect(await page.getByLabel('Customer column').inputValue()).toBe('customer');
    expect(await page.getByLabel('Column of calls').inputValue()).toBe('calls');
    await page.getByLabel('Reference column').selectOption('reference');
    await page.getByLabel('Timestamp column').selectOption('timestamp');
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 30_000 });
    const rejected = page.getByRole('region', { name: 'Rejected rows' });
    await rejected.getByRole('row', { name: /calls/ }).first().waitFor();
    expect(await rejected.textContent()).toContain('3'); // the third data row
    await page.screenshot({ path: join(SCREENSHOTS, 'upload.png'), fullPage: true });
    const imported = await client.expectData<{
      eventImports: { edges: Array<{ node: { accepted: number; rejected: number; status: string } }> };
    }>(`{ eventImports(first: 10) { edges { node { accepted rejected status } } } }`);
    expect(imported.eventImports.edges.map((e) => e.node)).toEqual([{ accepted: 2, rejected: 1, status: 'COMPLETED' }]);
    await draftTotal(client, '4'); // (5 + 10 + 25) × 0.10

    // The events list finds the uploaded events by customer; the draft shows 40 calls; issue it and credit part of it.
    await page.getByRole('link', { name: 'All events' }).click();
    await page.getByLabel('Customer reference').fill('acme');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const events = page.getByRole('table', { name: 'Usage events' });
    await events.getByRole('row', { name: /up-2/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'events.png'), fullPage: true });
    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('row', { name: /acme/ }).getByRole('link', { name: 'Draft invoice' }).click();
    await page.getByRole('heading', { name: 'Draft invoice' }).waitFor();
    expect(await page.getByTestId('invoice-total').textContent()).toMatch(/^4(\.00)? EUR$/);
    // The product keeps sending usage: the open draft follows it without a reload.
    await client.expectData(INGEST, {
      events: [
        {
          meterReference: 'api_calls',
          customerReference: 'acme',
          reference: 'live-1',
          timestamp: thisMonth(5),
          meterValues: [{ reference: 'calls', number: '3' }],
        },
      ],
    });
    await page
      .getByTestId('invoice-total')
      .getByText(/^4\.30? EUR$/)
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await page.getByRole('heading', { name: 'INV-000001' }).waitFor();
    await page.getByRole('button', { name: 'New credit note' }).click();
    const credit = page.getByRole('form', { name: 'New credit note' });
    await credit.getByLabel('Reason').fill('Goodwill');
    await credit.getByLabel('Credit API calls').check();
    await credit.getByLabel('Amount to credit for API calls').fill('1.50');
    await credit.getByRole('button', { name: 'Create credit note' }).click();
    await page.getByText('Credit note CN-000001 created.').waitFor();
    expect(await page.getByTestId('invoice-credited').textContent()).toMatch(/^1\.50? EUR$/);

    // Deep links survive a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'INV-000001' }).waitFor();
    await page.getByRole('region', { name: 'Credit notes' }).getByText('CN-000001').waitFor();
  }, 120_000);

  it('takes a newcomer from sign-in to an issued invoice for usage without the API: meter, catalog, customer, subscription, upload, issue', async () => {
    const { apiKey, client, base, page } = await newSession(1000);
    await page.goto(base);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // A meter of API calls, activated.
    await page.getByRole('button', { name: 'New meter' }).click();
    const meterForm = page.getByRole('form', { name: 'New meter' });
    await meterForm.getByLabel('Reference', { exact: true }).fill('api_calls');
    await meterForm.getByLabel('Name', { exact: true }).fill('API calls');
    await meterForm.getByLabel('Value reference').fill('calls');
    await meterForm.getByLabel('Metric reference').fill('api_calls_total');
    await meterForm.getByLabel('Of value').selectOption('calls');
    await meterForm.getByRole('button', { name: 'Create meter' }).click();
    await page.getByRole('button', { name: 'Activate api_calls' }).click();
    await page.getByRole('button', { name: 'Deprecate api_calls' }).waitFor();

    // The catalog: a product with a USAGE item on that metric, a plan pricing it at 0.10 EUR a call, activated.
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('button', { name: 'New product' }).click();
    const productForm = page.getByRole('form', { name: 'New product' });
    await productForm.getByLabel('Reference', { exact: true }).fill('api');
    await productForm.getByLabel('Name', { exact: true }).fill('API');
    await productForm.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('button', { name: 'Add item to api' }).click();
    const itemForm = page.getByRole('form', { name: 'New item of api' });
    await itemForm.getByLabel('Reference', { exact: true }).fill('calls');
    await itemForm.getByLabel('Name', { exact: true }).fill('API calls');
    await itemForm.getByLabel('Charge type').selectOption('USAGE');
    await itemForm.getByLabel('Meter reference').fill('api_calls');
    await itemForm.getByLabel('Metric reference').fill('api_calls_total');
    await itemForm.getByRole('button', { name: 'Add item' }).click();
    await page.getByRole('button', { name: 'Activate product api' }).click();
    await page.getByRole('button', { name: 'Deprecate product api' }).waitFor();
    await page.getByRole('button', { name: 'New plan' }).click();
    const planForm = page.getByRole('form', { name: 'New plan' });
    await planForm.getByLabel('Reference', { exact: true }).fill('usage');
    await planForm.getByLabel('Name', { exact: true }).fill('Usage');
    await planForm.getByLabel('Currency').fill('EUR');
    await planForm.getByLabel('Billing period').selectOption('MONTH');
    await planForm.getByRole('button', { name: 'Create plan' }).click();
    const editor = page.getByRole('form', { name: 'Price editor of Usage v1' });
    await editor.getByLabel('Product item').selectOption({ label: 'API calls (calls) · USAGE' });
    await editor.getByLabel('Model').selectOption('PER_UNIT');
    await editor.getByLabel('Unit price').fill('0.10');
    await editor.getByLabel('Preview for quantity').fill('150');
    await editor
      .getByTestId('preview-amount')
      .getByText(/^15(\.00?)? EUR$/)
      .waitFor();
    await editor.getByRole('button', { name: 'Set price' }).click();
    const version = page.getByRole('region', { name: 'Usage v1' });
    await version.getByRole('table', { name: 'Prices of Usage v1' }).getByRole('row', { name: /calls/ }).waitFor();
    await version.getByRole('button', { name: 'Activate Usage v1' }).click();
    await version.getByText('ACTIVE', { exact: true }).waitFor();

    // A customer, subscribed to the plan from now.
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('button', { name: 'New customer' }).click();
    const customerForm = page.getByRole('form', { name: 'New customer' });
    await customerForm.getByLabel('Reference', { exact: true }).fill('acme');
    await customerForm.getByLabel('Name', { exact: true }).fill('Acme');
    await customerForm.getByLabel('Currency').fill('EUR');
    await customerForm.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Acme' }).waitFor();
    const subscribe = page.getByRole('form', { name: 'New subscription' });
    await subscribe.getByLabel('Plan version').selectOption({ label: 'Usage (usage) v1 · MONTH' });
    await subscribe.getByRole('button', { name: 'Create subscription' }).click();
    const subscription = page.getByRole('table', { name: 'Subscriptions' }).getByRole('row', { name: /Usage/ });
    await subscription.getByText('ACTIVE', { exact: true }).waitFor();

    // A file of usage (no timestamps: stamped when received, so within the subscription).
    await page.getByRole('link', { name: 'Events' }).click();
    await page.getByRole('link', { name: 'Upload a file' }).click();
    const csv = ['customer,calls,reference', 'acme,120,n-1', 'acme,30,n-2'].join('\n');
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'usage.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('2 data rows').waitFor();
    await page.getByLabel('Meter', { exact: true }).selectOption({ label: 'API calls (api_calls)' });
    await page.getByLabel('Reference column').selectOption('reference');
    await page.getByRole('button', { name: 'Upload file' }).click();
    await page.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 30_000 });

    // The draft invoice follows (150 calls × 0.10 = 15 EUR); issue it from the customer's page.
    await draftTotal(client, '15');
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('row', { name: /acme/ }).getByRole('link').first().click();
    // The customer's page charts its usage per metric, day by day.
    await page.getByRole('img', { name: 'api_calls_total per day' }).waitFor();
    await page.getByTestId('usage-total-api_calls_total').getByText(/150/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'customer-usage.png'), fullPage: true });
    await page.getByRole('table', { name: 'Invoices' }).getByRole('link', { name: 'Draft invoice' }).click();
    await page.getByRole('heading', { name: 'Draft invoice' }).waitFor();
    expect(await page.getByTestId('invoice-total').textContent()).toMatch(/^15(\.00?)? EUR$/);
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    await page.getByRole('heading', { name: 'INV-000001' }).waitFor();
    expect(await page.getByTestId('invoice-status').textContent()).toBe('ISSUED');
  }, 120_000);
  it('manages a webhook endpoint: created with its event types and secret shown once, a test retried, replayed, disabled and enabled', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const { apiKey, page } = await newSession(900);
      await page.goto(platform.gatewayUrl.replace(/graphql$/, ''));
      await page.getByLabel('API key').fill(apiKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
      await page.getByText('No webhook endpoints yet.').waitFor();

      // A URL with credentials is refused naming the field; then a real receiver, two event types checked.
      await page.getByRole('button', { name: 'New endpoint' }).click();
      const form = page.getByRole('form', { name: 'New webhook endpoint' });
      await form.getByLabel('URL').fill('https://user:pw@example.com/hooks');
      await form.getByRole('button', { name: 'Create endpoint' }).click();
      expect(await form.getByRole('alert').textContent()).toContain('input.url');
      await form.getByLabel('URL').fill(receiver.url);
      await form.getByLabel('Description').fill('Desk receiver');
      await form.getByLabel('invoice.issued').check();
      await form.getByLabel('customer.updated').check();
      await form.getByRole('button', { name: 'Create endpoint' }).click();
      const secretPanel = page.getByRole('region', { name: 'Signing secret' });
      const secret = (await secretPanel.getByTestId('webhook-secret').textContent())!;
      expect(secret).toMatch(/^whsec_/);
      receiver.secret = secret;
      await secretPanel.getByRole('button', { name: 'Copy secret' }).waitFor();
      await secretPanel.getByRole('button', { name: 'Done' }).click();
      const row = page.getByRole('row', { name: new RegExp(receiver.url.replace(/[.:/]/g, '\\$&')) });
      expect(await row.textContent()).toContain('invoice.issued, customer.updated');
      await row.getByText('ENABLED').waitFor();

      // The delivery log: a test message, refused once by the receiver, retried after 5 s; then replayed.
      receiver.failNext(1);
      await row.getByRole('button', { name: `Delivery log of ${receiver.url}` }).click();
      await page.getByRole('heading', { name: receiver.url }).waitFor();
      await page.getByRole('button', { name: 'Send test' }).click();
      const log = page.getByRole('table', { name: 'Delivery log' });
      const message = log.getByRole('row', { name: /webhook\.test/ });
      await message.getByTestId('webhook-responses').getByText('500, 200').waitFor({ timeout: 30_000 });
      await message.getByText('SUCCEEDED').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'webhooks.png'), fullPage: true });
      await message.getByRole('button', { name: /^Replay msg_/ }).click();
      await message.getByTestId('webhook-responses').getByText('500, 200, 200').waitFor({ timeout: 30_000 });
      const copies = [...receiver.verifiedById().values()][0];
      expect(copies.map((c) => c.answered)).toEqual([500, 200, 200]);
      expect(new Set(copies.map((c) => c.body)).size).toBe(1);

      // Disabled by hand: no test can be sent; enabled again.
      await page.getByRole('button', { name: 'Disable' }).click();
      await page.getByText('Disabled by hand').waitFor();
      expect(await page.getByRole('button', { name: 'Send test' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Enable' }).click();
      await page.getByRole('region', { name: 'Webhook endpoint' }).getByText('ENABLED', { exact: true }).waitFor();
    } finally {
      await receiver.stop();
    }
  }, 90_000);
});
