import { readFileSync } from 'node:fs';
import { waitFor } from '@meterline/kit/testing';
import type { Browser } from 'playwright-core';
import { Scenario } from './scenario';
import { gatewayClient, launchChromium, newTenant, startPlatform } from './testkit';

const UI_TIMEOUT = 15_000;

/**
 * Desk's Reports screen in a real browser (issue 16, point 1): a report is created from the form (a refused filter
 * shows the field the API names), its progress is followed until it is done, and the file downloaded from the list is
 * byte for byte the REST download of the same filters.
 */
describe('Desk: report jobs, in a real browser', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let browser: Browser;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform({ ownDatabase: true, serviceEnv: { invoicing: { REPORT_JOB_INTERVAL_MS: '100' } } }),
      launchChromium(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('creates a report of drafts from the form, shows it done and downloads the same file as the REST route', async () => {
    const { apiKey, platformId } = await newTenant(platform.databaseUrl);
    const s = Scenario.of(gatewayClient(platform.gatewayUrl, apiKey), platformId);
    const now = new Date();
    const { customer } = await s.monthlyFeeCustomer(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    await waitFor(async () => {
      const data = await s.client.expectData<{ invoices: { totalCount: number } }>(`{ invoices(status: DRAFT, first: 1) { totalCount } }`);
      return data.invoices.totalCount > 0 || undefined;
    }, 'the draft');

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(UI_TIMEOUT);
    const base = platform.gatewayUrl.replace(/graphql$/, '');
    await page.goto(`${base}reports`);
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Reports' }).waitFor();
    await page.getByText('No reports yet.').waitFor();

    const form = page.getByRole('form', { name: 'New report' });
    await form.getByLabel('Report').selectOption('INVOICE_LINES');
    await form.getByLabel('DRAFT').check();
    await form.getByLabel('Customer (id or reference)').fill('nobody');
    await form.getByRole('button', { name: 'Create report' }).click();
    await form.getByRole('alert').getByText('filters.customer:').waitFor();

    await form.getByLabel('Customer (id or reference)').fill('acme');
    await form.getByRole('button', { name: 'Create report' }).click();
    const table = page.getByRole('table', { name: 'Reports' });
    const row = table.getByRole('row', { name: /Invoice lines/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('DRAFT, ISSUED, OVERDUE, PAID, VOID · customer acme');
    // Progress until done: the list is polled while the job runs.
    await row.getByRole('button', { name: 'Download Invoice lines CSV' }).waitFor();
    expect(await row.textContent()).toContain('SUCCEEDED');
    expect(await row.textContent()).toMatch(/(\d+) of \1 rows \(100 %\)/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download Invoice lines CSV' }).click(),
    ]);
    const saved = readFileSync(await download.path());
    const rest = await fetch(`${base}v1/reports/invoice-lines?status=DRAFT,ISSUED,OVERDUE,PAID,VOID&customer=acme`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const expected = Buffer.from(await rest.arrayBuffer());
    expect(download.suggestedFilename()).toBe('invoice-lines-all-all.csv');
    expect(saved.equals(expected)).toBe(true);
    expect(saved.toString('utf8')).toContain(customer);
    await page.close();
  }, 90_000);
});
