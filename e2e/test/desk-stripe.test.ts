import { waitFor } from '@meterline/kit/testing';
import { startFakeStripe, type FakeStripe } from '@meterline/invoicing/dist/testing/fake-stripe';
import type { Browser } from 'playwright-core';
import { Scenario } from './scenario';
import { gatewayClient, launchChromium, newTenant, startPlatform } from './testkit';

const UI_TIMEOUT = 15_000;
const SECRET_KEY = 'sk_test_deskMeterlineFake77';
const WEBHOOK_SECRET = 'whsec_deskMeterlineSigning77';

/**
 * Desk's payment collection screens in a real browser (issue 15, point 4): the Stripe settings form saves and shows the
 * secrets masked, and an issued invoice's page lists its collection attempts (a declined card at the local fake Stripe).
 */
describe('Desk: Stripe settings and payment attempts, in a real browser', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let browser: Browser;
  let stripe: FakeStripe;
  beforeAll(async () => {
    stripe = await startFakeStripe(SECRET_KEY);
    stripe.outcome = () => 'declined';
    [platform, browser] = await Promise.all([
      startPlatform({ ownDatabase: true, serviceEnv: { invoicing: { STRIPE_API_URL: stripe.url, INVOICE_ISSUE_INTERVAL_MS: '200' } } }),
      launchChromium(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await stripe?.stop();
  });

  it('saves the Stripe settings (secrets masked) and lists an invoice’s payment attempts', async () => {
    const { apiKey, platformId } = await newTenant(platform.databaseUrl);
    const s = Scenario.of(gatewayClient(platform.gatewayUrl, apiKey), platformId);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT);
    const base = platform.gatewayUrl.replace(/graphql$/, '');
    await page.goto(base);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Meters' }).waitFor();

    // The settings form: both secrets typed once, then shown only as their last 4 characters.
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Stripe' });
    await form.getByLabel('Secret key').fill(SECRET_KEY);
    await form.getByLabel('Webhook signing secret').fill(WEBHOOK_SECRET);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(await form.getByLabel('Secret key').inputValue()).toBe('');
    expect(await form.getByLabel('Secret key').getAttribute('placeholder')).toBe('•••• ke77 (leave empty to keep)');
    expect(await form.getByLabel('Webhook URL').textContent()).toContain(`${base}v1/providers/stripe/webhooks/${s.platformId}`);
    expect(await page.content()).not.toContain(SECRET_KEY);
    const saved = await s.client.expectData<{ platformSettings: { stripe: { enabled: boolean; secretKeyLast4: string } } }>(
      `{ platformSettings { stripe { enabled secretKeyLast4 } } }`,
    );
    expect(saved.platformSettings.stripe).toEqual({ enabled: true, secretKeyLast4: 'ke77' });

    // A customer with a card, its invoice issued: the card is declined at the fake Stripe, the attempt shows on the page.
    const now = new Date();
    const { subscription } = await s.monthlyFeeCustomer(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    await s.client.expectData(
      `mutation { setCustomerPaymentMethod(input: { customer: "acme", provider: STRIPE, paymentMethod: "pm_card_visa" }) { id } }`,
    );
    const draft = await waitFor(async () => {
      const data = await s.client.expectData<{ invoices: { edges: Array<{ node: { id: string } }> } }>(
        `query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { id } } } }`,
        { s: subscription },
      );
      return data.invoices.edges[0]?.node.id;
    }, 'the draft');
    await s.client.expectData(`mutation ($id: ID!) { issueInvoice(id: $id) { id } }`, { id: draft });
    await waitFor(async () => {
      const data = await s.client.expectData<{ invoice: { paymentCollection: { attempts: Array<{ status: string }> } | null } }>(
        `query ($id: ID!) { invoice(id: $id) { paymentCollection { attempts { status } } } }`,
        { id: draft },
      );
      return data.invoice.paymentCollection?.attempts[0]?.status === 'FAILED';
    }, 'the declined attempt');

    await page.goto(`${base}invoices/${draft}`);
    const collection = page.getByRole('region', { name: 'Payment collection' });
    await collection.getByRole('heading', { name: 'Collection by Stripe: SCHEDULED' }).waitFor();
    const row = collection.getByRole('row', { name: /#1/ });
    expect(await row.textContent()).toContain('insufficient_funds: Your card has insufficient funds.');
    expect(await row.textContent()).toContain('120 EUR');
    await page.close();
  });
});
