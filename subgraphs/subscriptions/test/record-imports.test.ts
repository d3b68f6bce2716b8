import { createHash, randomUUID } from 'node:crypto';
import { signTenantHeaders, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { subscriptionsSubgraph } from '../src';
import { RecordImportProcessor } from '../src/jobs/record-import.processor';
import { RecordImportRepository } from '../src/store/record-import.repository';
import { planVersionPricing } from './subscription-fixtures';

type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

interface ImportView {
  id: string;
  kind: string;
  status: string;
  rowsRead: number;
  created: number;
  unchanged: number;
  conflicts: number;
  rejected: number;
  error: string | null;
  reportedRows: {
    totalCount: number;
    edges: Array<{
      node: { rowNumber: number; outcome: string; reference: string | null; field: string | null; column: string | null; message: string };
    }>;
  };
}

const RECORD_IMPORT = `query ($id: ID!) {
  recordImport(id: $id) { id kind status rowsRead created unchanged conflicts rejected error
    reportedRows(first: 100) { totalCount edges { node { rowNumber outcome reference field column message } } } }
}`;

const monthStart = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
};
const yearsAgo = (years: number) => new Date(monthStart().getTime() - years * 365 * 86_400_000);

describe('bulk imports of customers and subscriptions', () => {
  let subgraph: SubgraphUnderTest;
  let base: string;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(subscriptionsSubgraph);
    base = subgraph.running.url.replace(/\/graphql$/, '');
  });
  afterAll(() => subgraph?.stop());

  async function upload(
    platformId: string,
    path: 'customer-imports' | 'subscription-imports',
    body: string,
    options: { format?: string; mapping?: unknown; role?: 'admin' | 'read' | 'ingest' } = {},
  ) {
    const query = new URLSearchParams({ format: options.format ?? 'csv' });
    if (options.mapping !== undefined) query.set('mapping', JSON.stringify(options.mapping));
    const response = await fetch(`${base}/v1/${path}?${query}`, {
      method: 'POST',
      headers: signTenantHeaders(subgraph.secret, { platformId, role: options.role ?? 'admin' }, systemClock),
      body,
    });
    return {
      status: response.status,
      json: (await response.json()) as { id: string; errors?: Array<{ extensions: Record<string, unknown> }> },
    };
  }

  async function finished(send: Send, id: string): Promise<ImportView> {
    return waitFor(async () => {
      const found = (await send<{ recordImport: ImportView | null }>(RECORD_IMPORT, { id })).data?.recordImport;
      return found && (found.status === 'COMPLETED' || found.status === 'FAILED') ? found : undefined;
    }, `import ${id} to finish`);
  }

  async function imported(platformId: string, send: Send, path: 'customer-imports' | 'subscription-imports', body: string, options = {}) {
    const { status, json } = await upload(platformId, path, body, options);
    expect(status).toBe(202);
    return finished(send, json.id);
  }

  const CUSTOMERS_CSV = [
    'Customer ID,Company,Currency,E-mail,Country,VAT rate,City',
    'acme,Acme Inc,EUR,billing@acme.test,NL,21,Amsterdam',
    'globex,"Globex, Ltd",eur,,GB,,',
    'initech,Initech,EUR,not-an-email,,,',
    'hooli,Hooli,,,,,',
    'umbrella,Umbrella,USD,ap@umbrella.test,US,7.25,Raccoon City',
  ].join('\n');
  const CUSTOMER_MAPPING = {
    reference: 'Customer ID',
    name: 'Company',
    currency: 'Currency',
    email: 'E-mail',
    country: 'Country',
    taxRate: 'VAT rate',
    'billingAddress.city': 'City',
  };

  it('imports customers from CSV with a mapping, reports bad rows by row number and field, and a re-import creates nothing', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const first = await imported(platformId, send, 'customer-imports', CUSTOMERS_CSV, { mapping: CUSTOMER_MAPPING });
    expect(first).toMatchObject({
      kind: 'CUSTOMERS',
      status: 'COMPLETED',
      rowsRead: 5,
      created: 3,
      unchanged: 0,
      conflicts: 0,
      rejected: 2,
    });
    expect(first.reportedRows.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ rowNumber: 3, outcome: 'REJECTED', reference: 'initech', field: 'email', column: 'E-mail' }),
      expect.objectContaining({ rowNumber: 4, outcome: 'REJECTED', reference: 'hooli', field: 'currency', column: 'Currency' }),
    ]);
    const acme = await send<{ customer: { name: string; currency: string; taxRate: string; billingAddress: { city: string } } }>(
      `{ customer(reference: "acme") { name currency taxRate billingAddress { city } } }`,
    );
    expect(acme.data!.customer).toEqual({ name: 'Acme Inc', currency: 'EUR', taxRate: '21', billingAddress: { city: 'Amsterdam' } });

    const again = await imported(platformId, send, 'customer-imports', CUSTOMERS_CSV, { mapping: CUSTOMER_MAPPING });
    expect(again).toMatchObject({ status: 'COMPLETED', created: 0, unchanged: 3, conflicts: 0, rejected: 2 });
    const count = await send<{ customers: { totalCount: number } }>(`{ customers(first: 10) { totalCount } }`);
    expect(count.data!.customers.totalCount).toBe(3);

    // A changed row is reported, never applied
    const changed = CUSTOMERS_CSV.replace('billing@acme.test', 'finance@acme.test');
    const third = await imported(platformId, send, 'customer-imports', changed, { mapping: CUSTOMER_MAPPING });
    expect(third).toMatchObject({ created: 0, unchanged: 2, conflicts: 1 });
    expect(third.reportedRows.edges[0].node).toMatchObject({ rowNumber: 1, outcome: 'CONFLICT', reference: 'acme', field: 'email' });
    const email = await send<{ customer: { email: string } }>(`{ customer(reference: "acme") { email } }`);
    expect(email.data!.customer.email).toBe('billing@acme.test');
  });

  it('refuses a bad mapping, a non-admin key and a CSV without a required column, naming the field', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const badMapping = await upload(platformId, 'customer-imports', CUSTOMERS_CSV, { mapping: { nickname: 'x' } });
    expect(badMapping.status).toBe(400);
    expect(badMapping.json.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mapping.nickname' });
    const badFormat = await upload(platformId, 'customer-imports', CUSTOMERS_CSV, { format: 'xml' });
    expect(badFormat.json.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
    for (const role of ['read', 'ingest'] as const) {
      const refused = await upload(platformId, 'customer-imports', CUSTOMERS_CSV, { mapping: CUSTOMER_MAPPING, role });
      expect(refused.status).toBe(403);
    }
    const failed = await imported(platformId, send, 'customer-imports', CUSTOMERS_CSV); // Meterline's names expected: none there
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/no column "reference"/);
  });

  it('imports subscriptions from JSON: a long-running one with a cutover, rows refused with their field, idempotent by reference', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const version = await planVersionPricing(subgraph, platformId, []);
    // The production default limit (jest.setup.js widens the deployment's for other tests)
    const limit = await send(`mutation { updateSubscriptionSettings(input: { maxBackdateDays: 366 }) { id } }`);
    expect(limit.errors).toBeUndefined();
    await imported(platformId, send, 'customer-imports', 'reference,name,currency\nacme,Acme,EUR\nglobex,Globex,EUR\n');
    const cutoverAt = monthStart().toISOString();
    const rows = [
      { reference: 'sub-acme', customer: 'acme', planVersion: version, startAt: yearsAgo(3).toISOString(), cutoverAt },
      { reference: 'sub-globex', customer: 'globex', planVersion: version, startAt: yearsAgo(3).toISOString() },
      { reference: 'sub-ghost', customer: 'ghost', planVersion: version },
      { reference: 'sub-bad-date', customer: 'globex', planVersion: version, startAt: '2026-02-30T00:00:00Z', cutoverAt },
      { reference: 'sub-unknown-plan', customer: 'globex', planVersion: randomUUID() },
    ];
    const first = await imported(platformId, send, 'subscription-imports', JSON.stringify(rows), { format: 'json' });
    expect(first).toMatchObject({ kind: 'SUBSCRIPTIONS', status: 'COMPLETED', rowsRead: 5, created: 1, rejected: 4 });
    expect(first.reportedRows.edges.map(({ node }) => [node.rowNumber, node.field])).toEqual([
      [2, 'startAt'],
      [3, 'customer'],
      [4, 'startAt'],
      [5, 'planVersion'],
    ]);
    const subscriptions = await send<{
      subscriptions: { edges: Array<{ node: { reference: string; startAt: string; cutoverAt: string } }> };
    }>(`{ subscriptions(first: 10) { edges { node { reference startAt cutoverAt } } } }`);
    expect(subscriptions.data!.subscriptions.edges.map((e) => e.node)).toEqual([
      { reference: 'sub-acme', startAt: rows[0].startAt, cutoverAt },
    ]);
    const again = await imported(platformId, send, 'subscription-imports', JSON.stringify(rows.slice(0, 1)), { format: 'json' });
    expect(again).toMatchObject({ created: 0, unchanged: 1, conflicts: 0, rejected: 0 });
    const moved = [{ ...rows[0], cutoverAt: new Date(monthStart().getTime() - 86_400_000).toISOString() }];
    const conflict = await imported(platformId, send, 'subscription-imports', JSON.stringify(moved), { format: 'json' });
    expect(conflict).toMatchObject({ created: 0, conflicts: 1 });
    expect(conflict.reportedRows.edges[0].node).toMatchObject({ outcome: 'CONFLICT', field: 'cutoverAt' });
  });

  it('finds the plan version by plan reference (its latest ACTIVE version, or the numbered one) from a CSV', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const version = await planVersionPricing(subgraph, platformId, []); // plan "plan-flat", version 1
    await imported(
      platformId,
      send,
      'customer-imports',
      'reference,name,currency\nacme,Acme,EUR\nglobex,Globex,EUR\ninitech,Initech,EUR\n',
    );
    const csv = [
      'Contract,Account,Plan,Version',
      'c-acme,acme,plan-flat,',
      'c-globex,globex,plan-flat,1',
      'c-initech,initech,plan-flat,7',
      'c-none,initech,no-such-plan,',
    ].join('\n');
    const mapping = { reference: 'Contract', customer: 'Account', plan: 'Plan', planVersionNumber: 'Version' };
    const done = await imported(platformId, send, 'subscription-imports', csv, { mapping });
    expect(done).toMatchObject({ status: 'COMPLETED', created: 2, rejected: 2 });
    expect(done.reportedRows.edges.map(({ node }) => [node.rowNumber, node.field, node.column])).toEqual([
      [3, 'planVersionNumber', 'Version'],
      [4, 'plan', 'Plan'],
    ]);
    const { data } = await send<{ subscriptions: { edges: Array<{ node: { planVersion: { id: string } } }> } }>(
      `{ subscriptions(first: 10) { edges { node { planVersion { id } } } } }`,
    );
    expect(data!.subscriptions.edges.map((e) => e.node.planVersion.id)).toEqual([version, version]);
  });

  it('resumes a killed import after its last committed chunk: every row applied exactly once', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const csv = ['reference,name,currency', ...Array.from({ length: 7 }, (_, i) => `c${i + 1},Customer ${i + 1},EUR`)].join('\n');
    // An import a worker holds (fresh heartbeat): the service's own worker leaves it alone
    const [row] = await subgraph.running.db.query<{ id: string }>(
      `INSERT INTO record_imports (platform_id, kind, status, format, mapping, checksum, byte_size, content, claim_token, heartbeat_at, created_at)
       VALUES ($1, 'CUSTOMERS', 'PROCESSING', 'CSV', '{}', $2, $3, $4, $5, now(), now()) RETURNING id`,
      [platformId, createHash('sha256').update(csv).digest('hex'), csv.length, csv, randomUUID()],
    );
    const claimed = (
      await subgraph.running.db.query<{ claim_token: string }>(`SELECT claim_token FROM record_imports WHERE id = $1`, [row.id])
    )[0];
    const services = { db: subgraph.running.db, bus: subgraph.running.bus, clock: systemClock, log: subgraph.running.log };
    const doomed = new RecordImportProcessor(services, { chunkSize: 3, staleClaimMs: 30_000, pollIntervalMs: 50 });
    const repository = new RecordImportRepository(subgraph.running.db, systemClock);
    const view = (await repository.byId(platformId, row.id))!;
    // The worker applies one chunk (3 rows) and dies
    await doomed.process({ ...view, content: csv, claimToken: claimed.claim_token }, 1);
    const halfway = (await send<{ recordImport: ImportView }>(RECORD_IMPORT, { id: row.id })).data!.recordImport;
    expect(halfway).toMatchObject({ status: 'PROCESSING', rowsRead: 3, created: 3 });
    // Its heartbeat goes stale: the service's worker takes the import over and continues after row 3
    await subgraph.running.db.query(`UPDATE record_imports SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [row.id]);
    const done = await finished(send, row.id);
    expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: 7, created: 7, unchanged: 0, rejected: 0 });
    const count = await send<{ customers: { totalCount: number } }>(`{ customers(first: 10) { totalCount } }`);
    expect(count.data!.customers.totalCount).toBe(7);
  });

  it('another platform’s import is invisible', async () => {
    const owner = subgraph.clientForNewPlatform();
    const { json } = await upload(owner.platformId, 'customer-imports', 'reference,name,currency\nx,X,EUR\n');
    const other = subgraph.clientForNewPlatform();
    expect((await other.send<{ recordImport: unknown }>(RECORD_IMPORT, { id: json.id })).data!.recordImport).toBeNull();
    const rest = await fetch(`${base}/v1/customer-imports/${json.id}`, {
      headers: signTenantHeaders(subgraph.secret, { platformId: other.platformId, role: 'admin' }, systemClock),
    });
    expect(rest.status).toBe(404);
  });
});
