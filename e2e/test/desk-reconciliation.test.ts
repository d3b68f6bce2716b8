import { readFileSync } from 'node:fs';
import { waitFor } from '@meterline/kit/testing';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { Scenario } from './scenario';
import { gatewayClient, launchChromium, newTenant, startPlatform } from './testkit';

const UI_TIMEOUT = 15_000;

/**
 * Desk's reconciliation screen in a real browser (issue 16, point 5): a finance person uploads the old system's CSV,
 * checks the guessed mapping against the preview, adds an item alias, compares, reads the totals per customer, filters
 * the lines to those that differ, marks one reviewed and downloads the result as CSV.
 */
describe('Desk: reconciliation with the old billing system, in a real browser', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let browser: Browser;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform({ testClock: true, ownDatabase: true }), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('uploads, maps, compares, filters, marks reviewed and downloads', async () => {
    await platform.setClock('2026-03-20T12:00:00Z');
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const s = Scenario.of(client, platformId);
    await s.createMeter({
      reference: 'api',
      values: [{ reference: 'calls', type: 'NUMBER' }],
      metrics: [{ reference: 'calls', aggregation: 'SUM', valueReference: 'calls' }],
    });
    await s.createProduct('platform', [
      { reference: 'base', name: 'Base fee', chargeType: 'RECURRING' },
      { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
    ]);
    const [version] = await s.createPlan(
      'growth',
      [{ base: { model: 'FLAT', amount: '100' }, 'api-calls': { model: 'PER_UNIT', unitPrice: '0.5' } }],
      ['base'],
    );
    await s.createCustomer('acme', 'calls');
    await s.subscribe({ customer: 'acme', planVersion: version, startAt: '2026-03-01T00:00:00Z' });
    await s.ingestAccepted([
      { meter: 'api', customer: 'acme', reference: 'a-1', timestamp: '2026-03-05T10:00:00Z', numbers: { calls: '100' } },
    ]);
    await waitFor(async () => {
      const { invoices } = await client.expectData<{ invoices: { edges: Array<{ node: { total: { amount: string } } }> } }>(
        `{ invoices(status: DRAFT, first: 1) { edges { node { total { amount } } } } }`,
      );
      return invoices.edges[0]?.node.total.amount === '150';
    }, 'the March draft with its usage');

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(platform.gatewayUrl.replace(/graphql$/, ''));
    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Meters' }).waitFor();
    await page.getByRole('link', { name: 'Reconciliation' }).click();
    await page.getByRole('heading', { name: 'Reconciliation', exact: true }).waitFor();

    // Upload: the mapping is guessed from the column names, the preview shows the first rows.
    await page.getByLabel('The old system’s invoice lines').setInputFiles({
      name: 'old-march.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Account,Month,Product,Net amount\nacme,2026-03,Base fee,100.00\nacme,2026-03,API usage,49.50\nacme,2026-03,Setup fee,25\n',
      ),
    });
    const mapping = page.getByRole('form', { name: 'Mapping' });
    await mapping.waitFor();
    expect(await mapping.getByLabel('Customer reference', { exact: true }).inputValue()).toBe('Account');
    expect(await mapping.getByLabel('Period label').inputValue()).toBe('Month');
    expect(await mapping.getByLabel('Amount', { exact: true }).inputValue()).toBe('Net amount');
    expect(await mapping.getByRole('table', { name: 'Preview' }).getByRole('row').count()).toBe(4);
    await mapping.getByLabel('Item names of the old system').fill('API usage = API calls');
    await mapping.getByRole('button', { name: 'Compare' }).click();

    // Results: counts, totals per customer, the lines.
    await page.getByRole('status').getByText('1 matched, 1 differ, 1 missing in Meterline, 0 missing in the file.').waitFor();
    const totals = page.getByRole('table', { name: 'Totals per customer' });
    expect(await totals.getByRole('row').nth(1).innerText()).toMatch(/acme\s+174\.5\s+150\s+-24\.5\s+2/);
    const lines = page.getByRole('table', { name: 'Compared lines' });
    expect(await lines.getByRole('row').count()).toBe(4);
    await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Differs' });
    await waitFor(async () => (await lines.getByRole('row').count()) === 2, 'only the line that differs');
    const differs = lines.getByRole('row', { name: 'acme API calls' });
    expect(await differs.innerText()).toMatch(/API calls\s+49\.5\s+50\s+0\.5\s+Differs/);

    // Reviewed: the customer's open lines go down.
    await differs.getByLabel('Reviewed').click();
    await waitFor(() => differs.getByLabel('Reviewed').isChecked(), 'the line shown reviewed');
    await waitFor(
      async () => /acme\s+174\.5\s+150\s+-24\.5\s+1/.test(await totals.getByRole('row').nth(1).innerText()),
      'one line less open',
    );

    // The whole result as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^reconciliation-.+\.csv$/);
    const rows = parse(readFileSync(await download.path(), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.item, r.outcome, r.delta, r.reviewed])).toEqual([
      ['Base fee', 'MATCHED', '0', 'false'],
      ['API calls', 'DIFFERS', '0.5', 'true'],
      ['Setup fee', 'MISSING_IN_METERLINE', '-25', 'false'],
    ]);
  });
});
