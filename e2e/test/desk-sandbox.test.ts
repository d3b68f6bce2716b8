import { waitFor } from '@meterline/kit/testing';
import type { Browser } from 'playwright-core';
import { Scenario } from './scenario';
import { gatewayClient, launchChromium, newTenant, startPlatform } from './testkit';

const UI_TIMEOUT = 15_000;

/** `2026-07-01T02:00`: what a datetime-local input holds (Desk reads it as UTC). */
const localInput = (at: Date) => at.toISOString().slice(0, 16);

/**
 * Desk on a sandbox (issue 16, point 3), in a real browser: the banner on every screen, the settings screen's
 * "Advance to" control running the sandbox through three months of invoices; a production platform has neither.
 */
describe('Desk: a sandbox’s banner and business clock, in a real browser', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let browser: Browser;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform({
        ownDatabase: true,
        serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: '3600000', INVOICE_ISSUE_INTERVAL_MS: '200' } },
      }),
      launchChromium(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function signIn(apiKey: string) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(platform.gatewayUrl.replace(/graphql$/, ''));
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Meters' }).waitFor();
    return page;
  }

  it('shows the sandbox banner and advances its clock three months from the settings screen: three invoices issued', async () => {
    const { apiKey, platformId } = await newTenant(platform.databaseUrl, 'admin', { sandbox: true });
    const s = Scenario.of(gatewayClient(platform.gatewayUrl, apiKey), platformId);
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const { subscription } = await s.monthlyFeeCustomer(start.toISOString());

    const page = await signIn(apiKey);
    const banner = page.getByRole('status', { name: 'Sandbox' });
    expect(await banner.textContent()).toContain('Sandbox platform');
    await page.getByRole('link', { name: 'Settings' }).click();
    const clock = page.getByRole('form', { name: 'Business clock' });
    const to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1, 2));
    await clock.getByLabel('Advance to (UTC)').fill(localInput(to));
    await clock.getByRole('button', { name: 'Advance' }).click();
    await clock.getByText('Advanced: the sandbox’s time is now').waitFor();
    expect(await clock.getByLabel('Business time').textContent()).toContain(to.toISOString().slice(0, 10));
    // The banner follows (one cache entry for the platform's settings).
    expect(await banner.textContent()).toContain(to.toISOString().slice(0, 10));

    // Going back is refused, naming the field.
    await clock.getByLabel('Advance to (UTC)').fill(localInput(start));
    await clock.getByRole('button', { name: 'Advance' }).click();
    expect(await clock.getByRole('alert').textContent()).toContain('to: A sandbox clock only moves forward');

    // The months in between are billed: three issued invoices, numbered in order, listed in Desk.
    await waitFor(async () => {
      const data = await s.client.expectData<{ invoices: { edges: Array<{ node: { number: string | null } }> } }>(
        `query ($s: ID) { invoices(subscription: $s, status: ISSUED, first: 10) { edges { node { number } } } }`,
        { s: subscription },
      );
      return data.invoices.edges.length === 3 ? true : undefined;
    }, 'three issued invoices');
    await page.getByRole('link', { name: 'Invoices' }).click();
    for (const number of ['INV-000001', 'INV-000002', 'INV-000003']) await page.getByText(number, { exact: true }).first().waitFor();
    expect(await page.getByRole('status', { name: 'Sandbox' }).count()).toBe(1);
    await page.close();
  });

  it('shows no banner and no clock control to a production platform', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const page = await signIn(apiKey);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('form', { name: 'Stripe' }).waitFor();
    await page.getByText(/a production platform: its business time is real time/i).waitFor();
    expect(await page.getByRole('status', { name: 'Sandbox' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Advance' }).count()).toBe(0);
    await page.close();
  });
});
