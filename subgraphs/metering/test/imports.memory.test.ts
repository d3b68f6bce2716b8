import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { newEvent, signTenantHeaders, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createMeteringSubgraph } from '../src';

/** The large file; a small one is imported first as the reference for "memory does not grow with the file". */
const ROWS = Number(process.env.IMPORT_TEST_ROWS ?? 1_000_000);
const SMALL_ROWS = Math.max(1000, Math.floor(ROWS / 10));
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const CUSTOMERS = 10;
const directory = mkdtempSync(join(tmpdir(), 'imports-memory-'));
const definition = createMeteringSubgraph({ directory: join(directory, 'uploads'), pollIntervalMs: 100 });
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Writes an N-row CSV (about 60 bytes a row) with quoted cells; returns its size. */
async function writeCsv(path: string, rows: number, run: string): Promise<number> {
  const out = createWriteStream(path);
  out.write('customer,timestamp,tokens,region,note\n');
  let batch = '';
  for (let i = 1; i <= rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    batch += `cust-${i % CUSTOMERS},2026-01-${day}T12:00:00Z,${(i % 100) + 1},eu-west-${i % 3},"${run} row ${i}, ok"\n`;
    if (i % 10_000 === 0) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
  return statSync(path).size;
}

describe('a 1,000,000-row file import', () => {
  let subgraph: SubgraphUnderTest;
  let platformId: string;
  let send: SubgraphUnderTest['clientForNewPlatform'] extends () => { send: infer S } ? S : never;

  beforeAll(async () => {
    subgraph = await startSubgraphForTest(definition);
    ({ platformId, send } = subgraph.clientForNewPlatform());
    const created = await send(`mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`, {
      input: {
        reference: 'tokens',
        name: 'Tokens',
        values: [{ reference: 'count', type: 'NUMBER' }],
        properties: ['region'],
        metrics: [{ reference: 'tokens_total', aggregation: 'SUM', valueReference: 'count' }],
      },
    });
    expect(created.errors).toBeUndefined();
    expect((await send(`mutation { changeMeterStatus(meter: "tokens", action: ACTIVATE) { status } }`)).errors).toBeUndefined();
    const { bus } = subgraph.running;
    for (let c = 0; c < CUSTOMERS; c++) {
      const event = newEvent(
        'subscriptions.customer.created',
        platformId,
        { id: randomUUID(), reference: `cust-${c}`, name: `c${c}`, currency: 'EUR' },
        systemClock,
      );
      await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: event.id });
    }
    await waitFor(async () => {
      const [{ n }] = await subgraph.running.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE platform_id = $1`, [
        platformId,
      ]);
      return n === CUSTOMERS;
    }, 'customers in the projection');
  });
  afterAll(async () => {
    await subgraph?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Uploads an N-row CSV and waits for it; returns the peak heap (after a full GC, sampled each second) above the start. */
  async function importRows(rows: number, run: string) {
    const file = join(directory, `${run}.csv`);
    const size = await writeCsv(file, rows, run);
    await new Promise((r) => setTimeout(r, 300));
    gc();
    const baseline = process.memoryUsage();
    let peakHeap = baseline.heapUsed;
    let peakRss = baseline.rss;
    const sampler = setInterval(() => {
      gc();
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }, 1000);
    const started = Date.now();
    try {
      const mapping = JSON.stringify({
        customer: 'customer',
        meterReference: 'tokens',
        timestamp: 'timestamp',
        values: [{ reference: 'count', column: 'tokens' }],
        properties: { region: 'region' },
      });
      const url = subgraph.running.url.replace(/\/graphql$/, `/v1/imports?format=csv&mapping=${encodeURIComponent(mapping)}`);
      const answer = await new Promise<{ status: number; body: { id: string } }>((resolve, reject) => {
        const req = request(url, {
          method: 'POST',
          headers: { ...signTenantHeaders(subgraph.secret, { platformId, role: 'admin' }, systemClock), 'content-length': String(size) },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { id: string } }));
        });
        req.on('error', reject);
        createReadStream(file).pipe(req);
      });
      expect(answer.status).toBe(202);
      let lastRows = 0;
      const done = await waitFor(
        async () => {
          const response = await send<{
            eventImport: { status: string; rowsRead: number; accepted: number; rejected: number; error: string | null };
          }>(`query ($id: ID!) { eventImport(id: $id) { status rowsRead accepted rejected error } }`, { id: answer.body.id });
          const found = response.data?.eventImport;
          if (found && found.rowsRead < lastRows) throw new Error('progress went backwards');
          lastRows = found?.rowsRead ?? lastRows;
          return found && ['COMPLETED', 'FAILED'].includes(found.status) ? found : undefined;
        },
        `the ${rows}-row import to finish`,
        9 * 60_000,
        1000,
      );
      expect(done).toEqual({ status: 'COMPLETED', rowsRead: rows, accepted: rows, rejected: 0, error: null });
      const elapsed = (Date.now() - started) / 1000;
      const result = { size, heapGrowth: peakHeap - baseline.heapUsed, rssGrowth: peakRss - baseline.rss, elapsed };
      console.log(
        `[imports.memory] ${rows} rows, ${mb(size)} MB in ${elapsed.toFixed(1)} s = ${Math.round(rows / elapsed)} rows/s; ` +
          `peak growth after GC: heap ${mb(result.heapGrowth)} MB, RSS ${mb(result.rssGrowth)} MB`,
      );
      return result;
    } finally {
      clearInterval(sampler);
      rmSync(file, { force: true });
    }
  }

  it(
    'streams upload and processing: ten times the rows costs no more memory, and every row counts once',
    async () => {
      const small = await importRows(SMALL_ROWS, 'small');
      const large = await importRows(ROWS, 'large');
      // Holding the file, or anything per row, would add at least the difference of the sizes (~50 MB for 1M rows).
      expect(large.heapGrowth - small.heapGrowth).toBeLessThan((large.size - small.size) / 4);
      const [{ total }] = await subgraph.running.db.query<{ total: string }>(
        `SELECT sum(("values" ->> 'count')::numeric)::text AS total FROM usage_events WHERE platform_id = $1 AND status = 'MATCHED'`,
        [platformId],
      );
      // 1..100 repeating: every full cycle of 100 rows sums to 5050
      expect(total).toBe(String(((SMALL_ROWS + ROWS) / 100) * 5050));
    },
    15 * 60_000,
  );
});
