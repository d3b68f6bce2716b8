import { waitFor } from '@meterline/kit/testing';
import { Scenario } from './scenario';
import { gatewayClient, newTenant, startPlatform } from './testkit';

/**
 * Issue 16, point 2, through the gateway on the test clock: customers and a subscription moved from another billing
 * system by file. The subscription has run since December 2025 (beyond the platform's 366-day backdating limit) with a
 * billing cutover at the start of this month: Meterline's first and only invoice is December 2026's, in full.
 */
const NOW = '2026-12-10T12:00:00Z';
const DECEMBER = '2026-12-01T00:00:00.000Z';
const A_YEAR_MS = String(366 * 86_400_000);

const IMPORT = `query ($id: ID!) {
  recordImport(id: $id) { id kind status rowsRead created unchanged conflicts rejected error
    reportedRows(first: 100) { totalCount edges { node { rowNumber outcome reference field column message } } } }
}`;

interface ImportView {
  status: string;
  rowsRead: number;
  created: number;
  unchanged: number;
  conflicts: number;
  rejected: number;
  reportedRows: {
    edges: Array<{ node: { rowNumber: number; outcome: string; reference: string | null; field: string | null; column: string | null } }>;
  };
}

const CUSTOMERS = [
  'Account,Company,Cur,Mail',
  'acme,Acme Inc,EUR,billing@acme.test',
  'globex,Globex,EURO,ap@globex.test',
  'initech,Initech,EUR,',
].join('\n');
const CUSTOMER_MAPPING = { reference: 'Account', name: 'Company', currency: 'Cur', email: 'Mail' };

describe('moving to Meterline: imports with a billing cutover, through the gateway', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: A_YEAR_MS } },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('imports customers and a year-old subscription with a cutover: exactly one draft, the cutover period’s, billed as expected', async () => {
    await platform.setClock(NOW);
    const { apiKey, platformId } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const s = Scenario.of(client, platformId);
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const upload = async (path: string, body: string, query: Record<string, string>, key = apiKey) =>
      fetch(`${base}/v1/${path}?${new URLSearchParams(query)}`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body });
    const imported = async (path: string, body: string, query: Record<string, string>): Promise<ImportView> => {
      const response = await upload(path, body, query);
      expect(response.status).toBe(202);
      const { id } = (await response.json()) as { id: string };
      return waitFor(async () => {
        const { recordImport } = await client.expectData<{ recordImport: ImportView }>(IMPORT, { id });
        return ['COMPLETED', 'FAILED'].includes(recordImport.status) && recordImport;
      }, `import ${id}`);
    };

    // The platform keeps the production limit: a start 374 days back needs a cutover.
    await client.expectData(`mutation { updateSubscriptionSettings(input: { maxBackdateDays: 366 }) { id } }`);
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
      'business',
      [{ base: { model: 'FLAT', amount: '120' }, 'api-calls': { model: 'PER_UNIT', unitPrice: '0.1' } }],
      ['base'],
    );

    // ── Customers: CSV with a mapping; the bad row is reported with its row number, field and column
    const customers = await imported('customer-imports', CUSTOMERS, { format: 'csv', mapping: JSON.stringify(CUSTOMER_MAPPING) });
    expect(customers).toMatchObject({ status: 'COMPLETED', rowsRead: 3, created: 2, rejected: 1 });
    expect(customers.reportedRows.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ rowNumber: 2, outcome: 'REJECTED', reference: 'globex', field: 'currency', column: 'Cur' }),
    ]);
    // an ingest key cannot import (admin only); a read key neither
    expect(
      (await upload('customer-imports', CUSTOMERS, { format: 'csv' }, (await newTenant(platform.databaseUrl, 'ingest')).apiKey)).status,
    ).toBe(403);

    // ── The subscription: running since 2025-12-01, cutover at this month's start; one without a cutover is refused
    const subscriptions = [
      { reference: 'sub-acme', customer: 'acme', planVersion: version, startAt: '2025-12-01T00:00:00Z', cutoverAt: DECEMBER },
      { reference: 'sub-initech', customer: 'initech', planVersion: version, startAt: '2025-12-01T00:00:00Z' },
    ];
    // The plan version travels to subscriptions over NATS: until it is there the row is refused, and importing the
    // same file again is harmless (idempotent by reference).
    const first = await waitFor(async () => {
      const view = await imported('subscription-imports', JSON.stringify(subscriptions), { format: 'json' });
      return view.reportedRows.edges.every((e) => e.node.field !== 'planVersion') && view;
    }, 'the plan version to reach subscriptions');
    expect(first).toMatchObject({ status: 'COMPLETED', rowsRead: 2, created: 1, rejected: 1 });
    expect(first.reportedRows.edges.map((e) => [e.node.rowNumber, e.node.reference, e.node.field])).toEqual([
      [2, 'sub-initech', 'startAt'],
    ]);

    // Metering knows acme once the customer event arrived
    await waitFor(
      async () =>
        (
          await client.send(
            `{ usage(customer: "acme", metric: "calls", from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z") { value } }`,
          )
        ).data,
      'metering to know acme',
    );
    await s.ingestAccepted([
      { meter: 'api', customer: 'acme', reference: 'old-1', timestamp: '2026-11-20T10:00:00Z', numbers: { calls: '1000' } }, // before the cutover
      { meter: 'api', customer: 'acme', reference: 'old-2', timestamp: '2026-01-15T10:00:00Z', numbers: { calls: '5000' } }, // long before
      { meter: 'api', customer: 'acme', reference: 'dec-1', timestamp: '2026-12-02T09:00:00Z', numbers: { calls: '100' } },
      { meter: 'api', customer: 'acme', reference: 'dec-2', timestamp: '2026-12-09T18:30:00+01:00', numbers: { calls: '50' } },
    ]);
    // 120 in advance + 150 calls × 0.1
    const subscriptionId = (
      await client.expectData<{ subscriptions: { edges: Array<{ node: { id: string; reference: string; cutoverAt: string } }> } }>(
        `{ subscriptions(first: 10) { edges { node { id reference cutoverAt } } } }`,
      )
    ).subscriptions.edges.find((e) => e.node.reference === 'sub-acme')!.node;
    expect(subscriptionId.cutoverAt).toBe(DECEMBER);
    const draft = await s.invoiceWith({ subscription: subscriptionId.id }, DECEMBER, [
      ['RECURRING', 'Base fee (in advance)', '120'],
      ['USAGE', 'API calls', '15'],
    ]);
    // Exactly one invoice: none of the twelve periods before the cutover was opened
    const all = await s.invoices({ subscription: subscriptionId.id });
    expect(all.map((i) => [i.kind, i.status, i.periodStart])).toEqual([['SUBSCRIPTION', 'DRAFT', DECEMBER]]);
    for (const reference of ['old-1', 'old-2']) expect(await s.usageEvent(reference)).toMatchObject({ invoice: null, estimatedCost: null });

    const issued = await s.issue(draft);
    expect(issued).toMatchObject({
      status: 'ISSUED',
      periodStart: DECEMBER,
      periodEnd: '2027-01-01T00:00:00.000Z',
      subtotal: { amount: '135' },
    });
    expect(issued.number).toBeTruthy();

    // ── Re-importing both files creates nothing new
    const again = await imported('customer-imports', CUSTOMERS, { format: 'csv', mapping: JSON.stringify(CUSTOMER_MAPPING) });
    expect(again).toMatchObject({ created: 0, unchanged: 2, rejected: 1 });
    const subsAgain = await imported('subscription-imports', JSON.stringify(subscriptions), { format: 'json' });
    expect(subsAgain).toMatchObject({ created: 0, unchanged: 1, rejected: 1 });
    const counts = await client.expectData<{ customers: { totalCount: number }; subscriptions: { totalCount: number } }>(
      `{ customers(first: 1) { totalCount } subscriptions(first: 1) { totalCount } }`,
    );
    expect(counts).toEqual({ customers: { totalCount: 2 }, subscriptions: { totalCount: 1 } });
    // …and still exactly the one invoice
    expect((await s.invoices({ subscription: subscriptionId.id })).map((i) => [i.status, i.periodStart])).toEqual([['ISSUED', DECEMBER]]);
  }, 180_000);
});
