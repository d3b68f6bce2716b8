import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { newEvent, signTenantHeaders, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createMeteringSubgraph } from '../src';

type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

const directory = mkdtempSync(join(tmpdir(), 'imports-test-'));
const NODE = 'imports-test-node';
const MAX_BYTES = 256 * 1024;
const definition = createMeteringSubgraph({ directory, nodeId: NODE, pollIntervalMs: 50, maxBytes: MAX_BYTES });

const IMPORT_FIELDS = `id status format checksum byteSize rowsRead accepted unmatched duplicates conflicts rejected error createdAt startedAt finishedAt`;
const EVENT_IMPORT = `query ($id: ID!, $first: Int, $after: String) {
  eventImport(id: $id) { ${IMPORT_FIELDS}
    rejectedRows(first: $first, after: $after) { totalCount edges { cursor node { rowNumber field reason } } pageInfo { hasNextPage endCursor } } }
}`;
const EVENT_IMPORTS = `query ($first: Int, $after: String) { eventImports(first: $first, after: $after) { totalCount edges { node { id status } } pageInfo { hasNextPage endCursor } } }`;

interface ImportView {
  id: string;
  status: string;
  format: string;
  checksum: string;
  byteSize: number;
  rowsRead: number;
  accepted: number;
  unmatched: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  rejectedRows: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { rowNumber: number; field: string | null; reason: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('file imports of usage events', () => {
  let subgraph: SubgraphUnderTest;
  let base: string;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(definition);
    base = subgraph.running.url.replace(/\/graphql$/, '');
  });
  afterAll(() => subgraph?.stop());

  async function ok<T>(send: Send, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await send<T>(query, variables);
    if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data;
  }

  async function announceCustomer(platformId: string, reference: string): Promise<string> {
    const id = randomUUID();
    const event = newEvent('subscriptions.customer.created', platformId, { id, reference, name: reference, currency: 'EUR' }, systemClock);
    const { bus } = subgraph.running;
    await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: event.id });
    await waitFor(
      async () =>
        (await subgraph.running.db.query(`SELECT 1 FROM customers WHERE platform_id = $1 AND id = $2`, [platformId, id])).length > 0,
      `customer ${reference} in metering's projection`,
    );
    return id;
  }

  async function activeMeter(send: Send, input: Record<string, unknown>): Promise<void> {
    await ok(send, `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`, { input });
    await ok(send, `mutation ($m: String!) { changeMeterStatus(meter: $m, action: ACTIVATE) { status } }`, { m: input.reference });
  }

  const scansMeter = (send: Send) =>
    activeMeter(send, {
      reference: 'scans',
      name: 'Scans',
      values: [{ reference: 'count', type: 'NUMBER' }],
      properties: ['risk'],
      metrics: [{ reference: 'scans_total', aggregation: 'SUM', valueReference: 'count' }],
    });

  async function usage(send: Send, customer: string, metric: string): Promise<string> {
    const data = await ok<{ usage: { value: string } }>(
      send,
      `query ($c: String!, $m: String!) { usage(customer: $c, metric: $m, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { value } }`,
      { c: customer, m: metric },
    );
    return data.usage.value;
  }

  function headers(platformId: string, role: 'admin' | 'ingest' | 'read' = 'admin') {
    return signTenantHeaders(subgraph.secret, { platformId, role }, systemClock);
  }

  async function upload(
    platformId: string,
    body: string | Buffer,
    options: { format?: string; mapping?: unknown; viaHeader?: boolean; role?: 'admin' | 'ingest' | 'read'; contentType?: string } = {},
  ): Promise<{
    status: number;
    json: Record<string, unknown> & { errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
  }> {
    const query = new URLSearchParams();
    if (options.format) query.set('format', options.format);
    const mapping = typeof options.mapping === 'string' ? options.mapping : JSON.stringify(options.mapping);
    if (options.mapping !== undefined && !options.viaHeader) query.set('mapping', mapping);
    const response = await fetch(`${base}/v1/imports?${query}`, {
      method: 'POST',
      headers: {
        ...headers(platformId, options.role),
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
        ...(options.viaHeader ? { 'x-meterline-mapping': mapping } : {}),
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: response.status, json: (await response.json()) as never };
  }

  async function finished(send: Send, id: string): Promise<ImportView> {
    return waitFor(async () => {
      const data = await ok<{ eventImport: ImportView | null }>(send, EVENT_IMPORT, { id, first: 100 });
      const found = data.eventImport;
      return found && (found.status === 'COMPLETED' || found.status === 'FAILED') ? found : undefined;
    }, `import ${id} to finish`);
  }

  const SCANS_CSV = [
    'customer_id,date,scan_count,risk_level,note',
    'acme,2026-01-15T12:00:00Z,540,high,"first, with a comma"',
    'acme,2026-01-16T12:00:00+02:00,"60","low ""really""",x',
    '"acme","2026-01-17T12:00:00Z",400,"multi',
    'line",y',
    'ghost,2026-01-17T12:00:00Z,5,high,z',
    '',
  ].join('\r\n');
  const SCANS_MAPPING = {
    customer: 'customer_id',
    meterReference: 'scans',
    timestamp: 'date',
    values: [{ reference: 'count', column: 'scan_count' }],
    properties: { risk: 'risk_level' },
  };

  it('imports a CSV with quoted fields and a property column: counters, stored events and usage are right', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await scansMeter(send);
    await announceCustomer(platformId, 'acme');

    const uploaded = await upload(platformId, SCANS_CSV, { format: 'csv', mapping: SCANS_MAPPING });
    expect(uploaded.status).toBe(202);
    const checksum = createHash('sha256').update(SCANS_CSV).digest('hex');
    expect(uploaded.json).toMatchObject({ status: 'QUEUED', checksum, byteSize: Buffer.byteLength(SCANS_CSV) });

    const done = await finished(send, uploaded.json.id as string);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      format: 'CSV',
      checksum,
      byteSize: Buffer.byteLength(SCANS_CSV),
      rowsRead: 4,
      accepted: 3,
      unmatched: 1,
      duplicates: 0,
      conflicts: 0,
      rejected: 0,
      error: null,
    });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(await usage(send, 'acme', 'scans_total')).toBe('1000');

    const stored = await subgraph.running.db.query<{ reference: string; properties: Record<string, string>; status: string }>(
      `SELECT reference, properties, status FROM usage_events WHERE platform_id = $1 ORDER BY reference`,
      [platformId],
    );
    expect(stored).toEqual([1, 2, 3, 4].map((row) => expect.objectContaining({ reference: `${checksum.slice(0, 16)}-${row}` })));
    expect(stored.map((s) => s.properties.risk)).toEqual(['high', 'low "really"', 'multi\r\nline', 'high']);
    expect(stored[3].status).toBe('UNMATCHED');
    // the file is gone once processed
    expect(readdirSync(directory).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });

  it('counts nothing twice when the same file is uploaded again: the second run reports duplicates', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await scansMeter(send);
    await announceCustomer(platformId, 'acme');
    const first = await upload(platformId, SCANS_CSV, { format: 'csv', mapping: SCANS_MAPPING });
    expect(await finished(send, first.json.id as string)).toMatchObject({ accepted: 3, unmatched: 1 });
    expect(await usage(send, 'acme', 'scans_total')).toBe('1000');

    const second = await upload(platformId, SCANS_CSV, { format: 'csv', mapping: SCANS_MAPPING, viaHeader: true });
    expect(second.status).toBe(202);
    expect(second.json.id).not.toBe(first.json.id);
    expect(await finished(send, second.json.id as string)).toMatchObject({
      status: 'COMPLETED',
      rowsRead: 4,
      accepted: 0,
      unmatched: 0,
      duplicates: 4,
      conflicts: 0,
      rejected: 0,
    });
    expect(await usage(send, 'acme', 'scans_total')).toBe('1000');
    const [{ n }] = await subgraph.running.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM usage_events WHERE platform_id = $1`, [
      platformId,
    ]);
    expect(n).toBe(4);
  });

  it('rejects malformed NDJSON lines and bad values row by row, with row numbers, and accepts the other rows', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await activeMeter(send, {
      reference: 'tokens',
      name: 'Tokens',
      values: [{ reference: 'count', type: 'NUMBER' }],
      metrics: [{ reference: 'tokens_total', aggregation: 'SUM', valueReference: 'count' }],
    });
    await announceCustomer(platformId, 'acme');
    const ndjson = [
      '{"user":"acme","meter":"tokens","n":"10","id":"t-1","at":"2026-01-10T00:00:00Z"}',
      '{"user":"acme","meter":"tokens","n":',
      '{"user":"acme","meter":"tokens","n":"ten","at":"2026-01-10T00:00:00Z"}',
      '',
      '{"user":"acme","meter":"tokens","at":"2026-01-10T00:00:00Z"}',
      '{"user":"acme","meter":"tokens","n":5,"at":"2026-01-11T00:00:00Z"}',
      '{"user":"acme","meter":"tokens","n":"1","at":"yesterday"}',
      '["not","an","object"]',
      '{"user":"acme","meter":"tokens","n":"2.5","id":"t-1","at":"2026-01-10T00:00:00Z"}',
    ].join('\n');
    const mapping = { customer: 'user', meter: 'meter', reference: 'id', timestamp: 'at', values: [{ reference: 'count', column: 'n' }] };
    const uploaded = await upload(platformId, ndjson, { format: 'ndjson', mapping });
    expect(uploaded.status).toBe(202);
    const done = await finished(send, uploaded.json.id as string);
    expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: 8, accepted: 2, unmatched: 0, duplicates: 0, conflicts: 1, rejected: 5 });
    expect(done.rejectedRows.totalCount).toBe(5);
    expect(done.rejectedRows.edges.map((e) => [e.node.rowNumber, e.node.field])).toEqual([
      [2, null],
      [3, 'n'],
      [4, 'n'],
      [6, 'at'],
      [7, null],
    ]);
    const reasons = done.rejectedRows.edges.map((e) => e.node.reason);
    expect(reasons[0]).toMatch(/not valid JSON/);
    expect(reasons[1]).toMatch(/decimal/);
    expect(reasons[2]).toBe('the row has no column "n"');
    expect(reasons[3]).toMatch(/RFC 3339/);
    expect(reasons[4]).toBe('the row must be a JSON object');
    expect(await usage(send, 'acme', 'tokens_total')).toBe('15');

    // rejected rows page by row number
    const page = await ok<{ eventImport: ImportView }>(send, EVENT_IMPORT, { id: done.id, first: 2 });
    expect(page.eventImport.rejectedRows.edges.map((e) => e.node.rowNumber)).toEqual([2, 3]);
    expect(page.eventImport.rejectedRows.pageInfo.hasNextPage).toBe(true);
    const next = await ok<{ eventImport: ImportView }>(send, EVENT_IMPORT, {
      id: done.id,
      first: 2,
      after: page.eventImport.rejectedRows.pageInfo.endCursor,
    });
    expect(next.eventImport.rejectedRows.edges.map((e) => e.node.rowNumber)).toEqual([4, 6]);
  });

  it('rejects alone a CSV row with bytes FF FE 00 in a cell, naming its row and column, and imports every other row', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await scansMeter(send);
    await announceCustomer(platformId, 'acme');
    const row = (n: number, risk: string | Buffer) =>
      Buffer.concat([
        Buffer.from(`acme,2026-01-${String(10 + n).padStart(2, '0')}T12:00:00Z,${n},`),
        Buffer.from(risk),
        Buffer.from(',x\n'),
      ]);
    const file = Buffer.concat([
      Buffer.from('customer_id,date,scan_count,risk_level,note\n'),
      row(1, 'low'),
      row(2, Buffer.from([0x68, 0xff, 0xfe, 0x00, 0x69])),
      row(3, 'high'),
      row(4, Buffer.from([0x00])),
      row(5, 'low'),
    ]);
    const uploaded = await upload(platformId, file, { format: 'csv', mapping: SCANS_MAPPING });
    expect(uploaded.status).toBe(202);
    const done = await finished(send, uploaded.json.id as string);
    expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: 5, accepted: 3, rejected: 2, error: null });
    expect(done.rejectedRows.edges.map((e) => [e.node.rowNumber, e.node.field])).toEqual([
      [2, 'risk_level'],
      [4, 'risk_level'],
    ]);
    expect(done.rejectedRows.edges[0].node.reason).toMatch(/UTF-8|NUL/);
    expect(await usage(send, 'acme', 'scans_total')).toBe('9');
  });

  it('refuses a UTF-16 file as a whole with a clear reason', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await scansMeter(send);
    const text = 'customer_id,date,scan_count,risk_level,note\nacme,2026-01-15T12:00:00Z,5,low,x\n';
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const uploaded = await upload(platformId, file, { format: 'csv', mapping: SCANS_MAPPING });
    const message = uploaded.status === 202 ? (await finished(send, uploaded.json.id as string)).error : uploaded.json.errors?.[0].message;
    expect(message).toMatch(/not UTF-8.*UTF-16/);
  });

  it('stores every other row of a chunk when one row cannot be stored, rejecting that row alone', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await scansMeter(send);
    await announceCustomer(platformId, 'acme');
    // A lone surrogate is valid JSON text but cannot be stored in jsonb: the chunk fails, then goes row by row.
    const ndjson = [1, 2, 3, 4]
      .map((n) => `{"c":"acme","at":"2026-01-1${n}T00:00:00Z","n":${n},"r":${n === 3 ? '"\\ud800"' : '"low"'}}`)
      .join('\n');
    const mapping = {
      customer: 'c',
      meterReference: 'scans',
      timestamp: 'at',
      values: [{ reference: 'count', column: 'n' }],
      properties: { risk: 'r' },
    };
    const uploaded = await upload(platformId, ndjson, { format: 'ndjson', mapping });
    const done = await finished(send, uploaded.json.id as string);
    expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: 4, accepted: 3, rejected: 1, error: null });
    expect(done.rejectedRows.edges.map((e) => e.node.rowNumber)).toEqual([3]);
    expect(await usage(send, 'acme', 'scans_total')).toBe('7');
  });

  it('imports a JSON array (AMOUNT values, nested fields), and fails a JSON file that is not an array', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await activeMeter(send, {
      reference: 'transactions',
      name: 'Transactions',
      values: [{ reference: 'amount_processed', type: 'AMOUNT', currency: 'EUR' }],
      properties: ['region'],
      metrics: [{ reference: 'processed_total', aggregation: 'SUM', valueReference: 'amount_processed' }],
    });
    await announceCustomer(platformId, 'flowpay');
    const json = JSON.stringify(
      [
        { account: 'flowpay', ts: '2026-01-20T14:00:00Z', payment: { total: '749.98' }, region: 'eu-west', note: 'has ] and [ and "}"' },
        { account: 'flowpay', ts: '2026-01-21T14:00:00Z', payment: { total: 250 }, region: 'NA' },
        { account: 'flowpay', ts: '2026-01-21T15:00:00Z', payment: { total: 'lots' } },
      ],
      null,
      2,
    );
    const mapping = {
      customer: 'account',
      meterReference: 'transactions',
      timestamp: 'ts',
      values: [{ reference: 'amount_processed', column: 'payment.total', currency: 'EUR' }],
      properties: { region: 'region' },
    };
    const uploaded = await upload(platformId, json, { format: 'json', mapping });
    expect(uploaded.status).toBe(202);
    const done = await finished(send, uploaded.json.id as string);
    expect(done).toMatchObject({ status: 'COMPLETED', format: 'JSON', rowsRead: 3, accepted: 2, rejected: 1 });
    expect(done.rejectedRows.edges[0].node).toMatchObject({ rowNumber: 3, field: 'payment.total' });
    expect(await usage(send, 'flowpay', 'processed_total')).toBe('999.98');

    const notArray = await upload(platformId, '{"account":"flowpay"}', { contentType: 'application/json', mapping });
    expect(notArray.status).toBe(202);
    const failed = await finished(send, notArray.json.id as string);
    expect(failed).toMatchObject({ status: 'FAILED', rowsRead: 0, accepted: 0 });
    expect(failed.error).toMatch(/not a JSON array/);
  });

  it('refuses a bad mapping, an unknown format, an empty body and a CSV without a mapped column with 400 naming the field', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const field = (r: Awaited<ReturnType<typeof upload>>) => [
      r.status,
      r.json.errors?.[0].extensions.code,
      r.json.errors?.[0].extensions.field,
    ];

    const badValue = { ...SCANS_MAPPING, values: [{ reference: 'count', column: '' }] };
    expect(field(await upload(platformId, SCANS_CSV, { format: 'csv', mapping: badValue }))).toEqual([
      400,
      'BAD_USER_INPUT',
      'mapping.values[0].column',
    ]);
    expect(field(await upload(platformId, SCANS_CSV, { format: 'csv', mapping: badValue, viaHeader: true }))).toEqual([
      400,
      'BAD_USER_INPUT',
      'mapping.values[0].column',
    ]);
    expect(field(await upload(platformId, SCANS_CSV, { format: 'csv', mapping: '{not json' }))).toEqual([400, 'BAD_USER_INPUT', 'mapping']);
    expect(field(await upload(platformId, SCANS_CSV, { format: 'csv' }))).toEqual([400, 'BAD_USER_INPUT', 'mapping']);
    expect(field(await upload(platformId, SCANS_CSV, { format: 'csv', mapping: { ...SCANS_MAPPING, customer: undefined } }))).toEqual([
      400,
      'BAD_USER_INPUT',
      'mapping.customer',
    ]);
    expect(field(await upload(platformId, SCANS_CSV, { format: 'xlsx', mapping: SCANS_MAPPING }))).toEqual([
      400,
      'BAD_USER_INPUT',
      'format',
    ]);
    expect(field(await upload(platformId, SCANS_CSV, { mapping: SCANS_MAPPING }))).toEqual([400, 'BAD_USER_INPUT', 'format']);
    expect(field(await upload(platformId, '', { format: 'csv', mapping: SCANS_MAPPING }))).toEqual([400, 'BAD_USER_INPUT', 'body']);
    const missingColumn = { ...SCANS_MAPPING, values: [{ reference: 'count', column: 'scans' }] };
    const refused = await upload(platformId, SCANS_CSV, { format: 'csv', mapping: missingColumn });
    expect(field(refused)).toEqual([400, 'BAD_USER_INPUT', 'mapping.values[0].column']);
    expect(refused.json.errors?.[0].message).toMatch(/no column "scans"/);
    // names are taken and matched exactly: spaces around a mapped name are refused, a spaced header cell is named
    expect(field(await upload(platformId, SCANS_CSV, { format: 'csv', mapping: { ...SCANS_MAPPING, customer: 'customer_id ' } }))).toEqual([
      400,
      'BAD_USER_INPUT',
      'mapping.customer',
    ]);
    const spacedHeader = await upload(platformId, SCANS_CSV.replace('scan_count', ' scan_count'), {
      format: 'csv',
      mapping: SCANS_MAPPING,
    });
    expect(field(spacedHeader)).toEqual([400, 'BAD_USER_INPUT', 'mapping.values[0].column']);
    expect(spacedHeader.json.errors?.[0].message).toMatch(/it has " scan_count", with spaces around it/);
    expect(field(await upload(platformId, SCANS_CSV, { format: 'csv', mapping: SCANS_MAPPING, role: 'read' }))).toEqual([
      403,
      'FORBIDDEN',
      undefined,
    ]);

    // nothing was queued, and no file was left behind
    expect(readdirSync(directory)).toEqual([]);
    const [{ n }] = await subgraph.running.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_imports WHERE platform_id = $1`, [
      platformId,
    ]);
    expect(n).toBe(0);
  });

  it('refuses a file over the size limit with 413, declared or streamed', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const big = `customer_id,date,scan_count\n${'acme,2026-01-15T12:00:00Z,1\n'.repeat(MAX_BYTES / 20)}`;
    const declared = await upload(platformId, big, {
      format: 'csv',
      mapping: { customer: 'customer_id', meterReference: 'scans', values: [{ reference: 'count', column: 'scan_count' }] },
    });
    expect(declared.status).toBe(413);
    expect(declared.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });

    // chunked, without a content-length: refused once the limit is crossed
    const mapping = JSON.stringify({
      customer: 'customer_id',
      meterReference: 'scans',
      values: [{ reference: 'count', column: 'scan_count' }],
    });
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/v1/imports?format=csv&mapping=${encodeURIComponent(mapping)}`, {
        method: 'POST',
        headers: { ...headers(platformId), 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      Readable.from(
        (function* () {
          for (let i = 0; i < 64; i++) yield Buffer.alloc(16 * 1024, 'a,b,c\n');
        })(),
      ).pipe(req);
    });
    expect(streamed).toBe(413);
    const [{ n }] = await subgraph.running.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_imports WHERE platform_id = $1`, [
      platformId,
    ]);
    expect(n).toBe(0);
  });

  it('hides an import from another platform, in GraphQL and over REST', async () => {
    const owner = subgraph.clientForNewPlatform();
    const other = subgraph.clientForNewPlatform();
    const uploaded = await upload(owner.platformId, SCANS_CSV, { format: 'csv', mapping: SCANS_MAPPING });
    const id = uploaded.json.id as string;
    await finished(owner.send, id);

    expect(await ok(other.send, EVENT_IMPORT, { id })).toEqual({ eventImport: null });
    expect(await ok(other.send, EVENT_IMPORTS)).toMatchObject({ eventImports: { totalCount: 0, edges: [] } });
    const rest = await fetch(`${base}/v1/imports/${id}`, { headers: headers(other.platformId) });
    expect(rest.status).toBe(404);
    expect(((await rest.json()) as { errors: Array<{ extensions: unknown }> }).errors[0].extensions).toEqual({
      code: 'NOT_FOUND',
      field: 'id',
    });

    expect(await ok(owner.send, EVENT_IMPORTS, { first: 10 })).toMatchObject({
      eventImports: { totalCount: 1, edges: [{ node: { id, status: 'COMPLETED' } }] },
    });
    const mine = await fetch(`${base}/v1/imports/${id}`, { headers: headers(owner.platformId, 'read') });
    expect(await mine.json()).toMatchObject({ id, status: 'COMPLETED', rowsRead: 4, unmatched: 4 });
    expect(await ok(owner.send, EVENT_IMPORT, { id: 'not-a-uuid' })).toEqual({ eventImport: null });
  });

  it('lists imports oldest first, or newest first when asked, paging either way', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const uploaded = await upload(platformId, `${SCANS_CSV}acme,2026-01-0${n}T00:00:00Z,${n},low,file ${n}\r\n`, {
        format: 'csv',
        mapping: SCANS_MAPPING,
      });
      ids.push(uploaded.json.id as string);
      await finished(send, ids.at(-1)!);
    }
    const LIST = `query ($first: Int, $after: String, $newestFirst: Boolean!) {
      eventImports(first: $first, after: $after, newestFirst: $newestFirst) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`;
    type Page = {
      eventImports: { totalCount: number; edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    const all = async (newestFirst: boolean) => {
      const first = await ok<Page>(send, LIST, { first: 2, newestFirst });
      expect(first.eventImports).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      const rest = await ok<Page>(send, LIST, { first: 2, after: first.eventImports.pageInfo.endCursor, newestFirst });
      expect(rest.eventImports.pageInfo.hasNextPage).toBe(false);
      return [...first.eventImports.edges, ...rest.eventImports.edges].map((e) => e.node.id);
    };
    expect(await all(false)).toEqual(ids);
    expect(await all(true)).toEqual([...ids].reverse());
  });

  it('takes back an import whose worker died and finishes it from its checkpoint without counting anything twice', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await scansMeter(send);
    await announceCustomer(platformId, 'acme');
    const csv = ['customer_id,date,scan_count', ...[1, 2, 3, 4, 5].map((n) => `acme,2026-01-0${n}T00:00:00Z,${n * 10}`)].join('\n');
    const checksum = createHash('sha256').update(csv).digest('hex');
    // A worker crashed after ingesting rows 1-3 but recording progress only up to row 2; its heartbeat stopped an hour ago.
    const ingested = await ok<{ ingestUsageEvents: { accepted: number } }>(
      send,
      `mutation ($events: [UsageEventInput!]!) { ingestUsageEvents(events: $events) { accepted } }`,
      {
        events: [1, 2, 3].map((n) => ({
          meterReference: 'scans',
          customerReference: 'acme',
          reference: `${checksum.slice(0, 16)}-${n}`,
          timestamp: `2026-01-0${n}T00:00:00Z`,
          meterValues: [{ reference: 'count', number: String(n * 10) }],
        })),
      },
    );
    expect(ingested.ingestUsageEvents.accepted).toBe(3);
    const filePath = join(directory, `${randomUUID()}.csv`);
    writeFileSync(filePath, csv);
    const [{ id }] = await subgraph.running.db.query<{ id: string }>(
      `INSERT INTO event_imports (platform_id, status, format, mapping, checksum, byte_size, file_path, stored_on, rows_read, accepted,
                                  claim_token, heartbeat_at, attempts, created_at, started_at)
       VALUES ($1, 'PROCESSING', 'CSV', $2::jsonb, $3, $4, $5, $6, 2, 2, gen_random_uuid(), now() - interval '1 hour', 1, now(), now())
       RETURNING id`,
      [
        platformId,
        JSON.stringify({
          customer: 'customer_id',
          meterReference: 'scans',
          timestamp: 'date',
          values: [{ reference: 'count', column: 'scan_count' }],
        }),
        checksum,
        Buffer.byteLength(csv),
        filePath,
        NODE,
      ],
    );
    const done = await finished(send, id);
    expect(done).toMatchObject({ status: 'COMPLETED', rowsRead: 5, accepted: 4, duplicates: 1, rejected: 0 });
    expect(await usage(send, 'acme', 'scans_total')).toBe('150');
  });
});
