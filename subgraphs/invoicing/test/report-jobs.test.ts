import { randomUUID } from 'node:crypto';
import { signTenantHeaders, systemClock, TestClock, type Role } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';
import { firstInvoiceOf, publishSubscribedCustomer } from './invoicing-fixtures';

const JOB = `id report status rowsWritten rowsExpected bytes fileName error downloadPath createdAt startedAt finishedAt expiresAt
  filters { from to statuses customer plan }`;

interface Job {
  id: string;
  report: string;
  status: string;
  rowsWritten: number;
  rowsExpected: number | null;
  bytes: number;
  fileName: string | null;
  error: string | null;
  downloadPath: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
  filters: { from: string | null; to: string | null; statuses: string[]; customer: string | null; plan: string | null };
}

const RETENTION_MS = 3_600_000;

/**
 * Report jobs on invoicing alone, on the real database and bus: a job queued through GraphQL is written by the report
 * worker in many small chunks, its progress and its file (byte for byte the REST download of the same filters); a job
 * whose worker died is restarted from its first row under a new attempt (the dead attempt's chunks never served), one
 * still leased is left alone, one that keeps dying fails; files expire after the retention; coded errors, roles and
 * other platforms' jobs.
 */
describe('report jobs', () => {
  const clock = new TestClock('2026-03-20T12:00:00Z');
  let subgraph: SubgraphUnderTest;
  let base: string;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(
      createInvoicingSubgraph({
        graceMs: 3_600_000,
        refreshIntervalMs: 20,
        issueIntervalMs: 50,
        reportIntervalMs: 20,
        reportLeaseMs: 600,
        reportRetentionMs: RETENTION_MS,
        reportChunkBytes: 300,
      }),
      { clock, ownDatabase: true },
    );
    base = subgraph.running.url.replace(/\/graphql$/, '');
  });
  afterAll(() => subgraph?.stop());

  const sql = <T>(text: string, params: unknown[] = []) => subgraph.running.db.query<T>(text, params);

  async function get(platformId: string, path: string, role: Role = 'read') {
    const response = await fetch(`${base}${path}`, { headers: signTenantHeaders(subgraph.secret, { platformId, role }, systemClock) });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** A platform with `customers` customers on a monthly fee, each with its March draft. */
  async function platformWithDrafts(customers: number) {
    const client = subgraph.clientForNewPlatform();
    for (let i = 0; i < customers; i++) {
      const { customer } = await publishSubscribedCustomer(
        subgraph,
        client.platformId,
        clock,
        [{ name: `Fee ${i}`, chargeType: 'RECURRING', price: { model: 'FLAT', amount: `${100 + i}.5` } }],
        '2026-03-01T00:00:00.000Z',
      );
      await firstInvoiceOf(client.send, customer.id);
    }
    return client;
  }

  type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

  async function create(send: Send, variables: Record<string, unknown>) {
    return send<{ createReport: Job }>(
      `mutation ($report: ReportName!, $filters: ReportFiltersInput) { createReport(report: $report, filters: $filters) { ${JOB} } }`,
      variables,
    );
  }

  async function job(send: Send, id: string): Promise<Job | null> {
    const r = await send<{ report: Job | null }>(`query ($id: ID!) { report(id: $id) { ${JOB} } }`, { id });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.report;
  }

  const finished = async (send: Send, id: string): Promise<Job> =>
    (await waitFor(async () => {
      const j = await job(send, id);
      return j && ['SUCCEEDED', 'FAILED'].includes(j.status) && j;
    }, `report job ${id} finished`)) as Job;

  it('writes a queued job in chunks with its progress; its file is the REST download of the same filters, byte for byte', async () => {
    const { platformId, send } = await platformWithDrafts(12);
    const created = await create(send, { report: 'INVOICE_LINES', filters: { statuses: ['DRAFT'], from: '2026-03-01T00:00:00+01:00' } });
    expect(created.errors).toBeUndefined();
    const queued = created.data!.createReport;
    expect(queued).toMatchObject({
      report: 'INVOICE_LINES',
      status: 'QUEUED',
      rowsWritten: 0,
      rowsExpected: null,
      downloadPath: null,
      createdAt: '2026-03-20T12:00:00.000Z',
      filters: { from: '2026-02-28T23:00:00.000Z', to: null, statuses: ['DRAFT'], customer: null, plan: null },
    });
    const done = await finished(send, queued.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 12, rowsExpected: 12, error: null });
    expect(done.downloadPath).toBe(`/v1/reports/jobs/${queued.id}/csv`);
    expect(done.expiresAt).toBe(new Date(Date.parse(done.finishedAt!) + RETENTION_MS).toISOString());
    const [{ chunks, attempt }] = await sql<{ chunks: number; attempt: number }>(
      `SELECT count(*)::int AS chunks, max(attempt) AS attempt FROM report_chunks WHERE job_id = $1`,
      [queued.id],
    );
    expect(chunks).toBeGreaterThan(3);
    expect(attempt).toBe(1);

    const file = await get(platformId, done.downloadPath!);
    const rest = await get(platformId, '/v1/reports/invoice-lines?status=DRAFT&from=2026-03-01T00:00:00%2B01:00');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-length')).toBe(String(done.bytes));
    expect(file.headers.get('content-disposition')).toBe(rest.headers.get('content-disposition'));
    expect(file.bytes.length).toBe(done.bytes);
    expect(file.bytes.equals(rest.bytes)).toBe(true);
    expect(file.bytes.toString('utf8').trim().split('\n')).toHaveLength(13);

    // Listed newest first, with the platform's other jobs only.
    clock.advance(1_000);
    const second = (await create(send, { report: 'TAX_SUMMARY', filters: { statuses: ['DRAFT'] } })).data!.createReport;
    const list = await send<{ reports: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      `{ reports(first: 10) { totalCount edges { node { id } } } }`,
    );
    expect(list.data!.reports).toEqual({ totalCount: 2, edges: [{ node: { id: second.id } }, { node: { id: queued.id } }] });
    expect(await finished(send, second.id)).toMatchObject({ status: 'SUCCEEDED', rowsExpected: 1, rowsWritten: 1 });
  });

  it('restarts a job whose worker died from its first row, leaves a leased one alone, and fails one that keeps dying', async () => {
    const { platformId, send } = await platformWithDrafts(3);
    const filters = JSON.stringify({ from: null, to: null, status: ['DRAFT'], customer: null, plan: null });
    const dead = async (attempt: number, leaseMs: number) => {
      const id = randomUUID();
      await sql(
        `INSERT INTO report_jobs (id, platform_id, report, filters, status, attempt, rows_written, bytes, chunks, created_at, started_at, lease_until)
         VALUES ($1, $2, 'invoices', $3, 'RUNNING', $4, 2, 9, 1, $5, $5, clock_timestamp() + $6 * interval '1 millisecond')`,
        [id, platformId, filters, attempt, clock.now(), leaseMs],
      );
      await sql(`INSERT INTO report_chunks (platform_id, job_id, attempt, seq, bytes) VALUES ($1, $2, $3, 0, $4)`, [
        platformId,
        id,
        attempt,
        Buffer.from('half a fi'),
      ]);
      return id;
    };
    const crashed = await dead(1, -1_000);
    const leased = await dead(1, 60_000);
    const exhausted = await dead(3, -1_000);

    const restarted = await finished(send, crashed);
    expect(restarted).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 3, rowsExpected: 3 });
    const rest = await get(platformId, '/v1/reports/invoices?status=DRAFT');
    const file = await get(platformId, restarted.downloadPath!);
    expect(file.bytes.equals(rest.bytes)).toBe(true);
    expect(await sql(`SELECT attempt FROM report_chunks WHERE job_id = $1 AND attempt < 2`, [crashed])).toEqual([]);

    expect(await finished(send, exhausted)).toMatchObject({ status: 'FAILED', error: 'stopped after 3 attempts', downloadPath: null });
    expect(await sql(`SELECT seq FROM report_chunks WHERE job_id = $1`, [exhausted])).toEqual([]);

    // Still leased by a live worker: left alone, until its lease runs out.
    expect(await job(send, leased)).toMatchObject({ status: 'RUNNING', rowsWritten: 2 });
    expect((await get(platformId, `/v1/reports/jobs/${leased}/csv`)).status).toBe(409);
    await sql(`UPDATE report_jobs SET lease_until = clock_timestamp() - interval '1 second' WHERE id = $1`, [leased]);
    expect(await finished(send, leased)).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 3 });
  });

  it('expires files after the retention: EXPIRED, chunks deleted, the download refused', async () => {
    const { platformId, send } = await platformWithDrafts(1);
    const { id } = (await create(send, { report: 'INVOICES', filters: { statuses: ['DRAFT'] } })).data!.createReport;
    const done = await finished(send, id);
    expect((await get(platformId, done.downloadPath!)).status).toBe(200);
    clock.advance(RETENTION_MS - 60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await job(send, id))!.status).toBe('SUCCEEDED');
    clock.advance(120_000);
    const expired = await waitFor(async () => {
      const j = await job(send, id);
      return j?.status === 'EXPIRED' && j;
    }, 'the file expired');
    expect(expired.downloadPath).toBeNull();
    expect(await sql(`SELECT seq FROM report_chunks WHERE job_id = $1`, [id])).toEqual([]);
    const refused = await get(platformId, `/v1/reports/jobs/${id}/csv`);
    expect([refused.status, JSON.parse(refused.bytes.toString()).errors[0].extensions.code]).toEqual([409, 'CONFLICT']);
  });

  it('refuses bad reports and filters naming the field; other platforms’ jobs are invisible; keys that may not are refused', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ report: 'INVOICES', filters: { from: '2026-04-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } }, 'filters.to'],
      [{ report: 'INVOICES', filters: { statuses: [] } }, 'filters.statuses'],
      [{ report: 'INVOICES', filters: { customer: 'nobody' } }, 'filters.customer'],
      [{ report: 'USAGE', filters: { customer: '' } }, 'filters.customer'],
      [{ report: 'PAYMENTS', filters: { plan: 'no-such-plan' } }, 'filters.plan'],
    ];
    for (const [variables, field] of cases) {
      const r = await create(send, variables);
      expect([field, r.errors?.[0]?.extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    const mine = (await create(send, { report: 'CREDIT_NOTES' })).data!.createReport;
    expect(mine.filters.statuses).toEqual(['ISSUED', 'OVERDUE', 'PAID', 'VOID']);
    await finished(send, mine.id);

    const other = subgraph.clientForNewPlatform();
    expect(await job(other.send, mine.id)).toBeNull();
    expect(await job(other.send, 'not-an-id')).toBeNull();
    expect((await other.send<{ reports: { totalCount: number } }>(`{ reports { totalCount } }`)).data!.reports.totalCount).toBe(0);
    expect((await get(other.platformId, `/v1/reports/jobs/${mine.id}/csv`)).status).toBe(404);
    expect((await get(platformId, `/v1/reports/jobs/not-an-id/csv`)).status).toBe(404);

    // A read key follows and downloads jobs but does not create them; ingest and partner keys download nothing.
    const reader = subgraph.clientForNewPlatform('read');
    const refused = await create(reader.send, { report: 'INVOICES' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await get(platformId, `/v1/reports/jobs/${mine.id}/csv`, 'read')).status).toBe(200);
    const ingest = await get(platformId, `/v1/reports/jobs/${mine.id}/csv`, 'ingest');
    expect([ingest.status, JSON.parse(ingest.bytes.toString()).errors[0]]).toEqual([
      403,
      { message: 'Only admin and read keys download reports', extensions: { code: 'FORBIDDEN' } },
    ]);
    const partner = await get(platformId, `/v1/reports/jobs/${mine.id}/csv`, 'partner');
    expect([partner.status, JSON.parse(partner.bytes.toString()).errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  });
});
