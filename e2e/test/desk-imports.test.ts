import type { Browser } from 'playwright-core';
import { gatewayClient, launchChromium, newTenant, startPlatform } from './testkit';

const UI_TIMEOUT = 15_000;

/** Issue 16: Desk's import screen, in a real browser, through the gateway. */
describe('Desk: importing customers in a real browser', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let browser: Browser;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('uploads a customers CSV with a mapping from the Customers screen and shows the rejected row with its field and column', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const base = platform.gatewayUrl.replace(/graphql$/, '');
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT);

    await page.goto(`${base}customers`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByRole('heading', { name: 'Import customers or subscriptions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers/import');

    const csv = 'Account,Company,Cur\nacme,Acme Inc,EUR\nglobex,Globex,EURO\ninitech,Initech,EUR\n';
    await page.getByLabel(/^File/).setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel(/Column mapping/).fill('{"reference": "Account", "name": "Company", "currency": "Cur"}');
    await page.getByRole('button', { name: 'Import' }).click();

    const report = page.getByRole('region', { name: 'Import report' });
    await report.getByText('COMPLETED').waitFor();
    expect(await report.getByText(/rows read/).textContent()).toContain('3 rows read · 2 created · 0 unchanged · 0 conflicts · 1 rejected');
    const row = page.getByRole('table', { name: 'Rows not applied' }).getByRole('row', { name: /globex/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '2',
      'REJECTED',
      'globex',
      'currency (Cur)',
      'currency must be an ISO 4217 code such as EUR',
    ]);
    const { customers } = await client.expectData<{ customers: { totalCount: number } }>(`{ customers(first: 1) { totalCount } }`);
    expect(customers.totalCount).toBe(2);

    // The same file again: nothing new
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByLabel(/^File/).setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel(/Column mapping/).fill('{"reference": "Account", "name": "Company", "currency": "Cur"}');
    await page.getByRole('button', { name: 'Import' }).click();
    await report.getByText('COMPLETED').waitFor();
    expect(await report.getByText(/rows read/).textContent()).toContain('0 created · 2 unchanged');
    await page.close();
  }, 90_000);
});
