#!/usr/bin/env node
// File import throughput and memory: generates an N-row CSV, starts the metering subgraph in-process (with file
// imports wired in, as the tests do), uploads the file to POST /v1/imports, polls its progress until it is done.
// Usage: cd /work/main && npx turbo run build && node bench/import-file.js [rows=1000000] [customers=10]
// Prints rows/s, elapsed time and peak RSS. A benchmark, not a test: nothing here asserts anything.
require('reflect-metadata');
const { randomUUID } = require('node:crypto');
const { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } = require('node:fs');
const { once } = require('node:events');
const { request } = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { newEvent, signTenantHeaders, systemClock } = require('@meterline/kit');
const { startSubgraphForTest, waitFor } = require('@meterline/kit/testing');
const { createMeteringSubgraph } = require('@meterline/metering');

const [rows = 1_000_000, customers = 10] = process.argv.slice(2).map(Number);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function writeCsv(path) {
  const out = createWriteStream(path);
  out.write('customer,timestamp,tokens,region,note\n');
  let batch = '';
  for (let i = 1; i <= rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    batch += `cust-${i % customers},2026-01-${day}T12:00:00Z,${(i % 100) + 1},eu-west-${i % 3},"row ${i}, ok"\n`;
    if (i % 10_000 === 0) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
  return statSync(path).size;
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(directory, 'usage.csv');
  const size = await writeCsv(file);
  console.log(`generated ${rows} rows, ${mb(size)}`);

  const definition = createMeteringSubgraph({ directory: join(directory, 'uploads'), pollIntervalMs: 100 });
  const subgraph = await startSubgraphForTest(definition);
  try {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const gql = async (query, variables) => {
      const response = await send(query, variables);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data;
    };
    await gql(`mutation { createMeter(input: { reference: "tokens", name: "Tokens", values: [{ reference: "count", type: NUMBER }],
      properties: ["region"], metrics: [{ reference: "tokens_total", aggregation: SUM, valueReference: "count" }] }) { id } }`);
    await gql(`mutation { changeMeterStatus(meter: "tokens", action: ACTIVATE) { status } }`);
    const { bus, db } = subgraph.running;
    for (let c = 0; c < customers; c++) {
      const event = newEvent(
        'subscriptions.customer.created',
        platformId,
        { id: randomUUID(), reference: `cust-${c}`, name: `c${c}`, currency: 'EUR' },
        systemClock,
      );
      await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: event.id });
    }
    await waitFor(
      async () => (await db.query(`SELECT count(*)::int AS n FROM customers WHERE platform_id = $1`, [platformId]))[0].n === customers,
      'customers',
    );

    const base = subgraph.running.url.replace(/\/graphql$/, '');
    const headers = () => signTenantHeaders(subgraph.secret, { platformId, role: 'admin' }, systemClock);
    const mapping = JSON.stringify({
      customer: 'customer',
      meterReference: 'tokens',
      timestamp: 'timestamp',
      values: [{ reference: 'count', column: 'tokens' }],
      properties: { region: 'region' },
    });

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = Date.now();
    const answer = await new Promise((resolve, reject) => {
      const req = request(`${base}/v1/imports?format=csv&mapping=${encodeURIComponent(mapping)}`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'text/csv', 'content-length': String(size) },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      createReadStream(file).pipe(req);
    });
    if (answer.status !== 202) throw new Error(`upload answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const uploaded = Date.now() - started;
    console.log(`uploaded in ${(uploaded / 1000).toFixed(1)} s (${mb(size / (uploaded / 1000))}/s), import ${answer.body.id}`);

    let state;
    let lastPrint = 0;
    for (;;) {
      state = await (await fetch(`${base}/v1/imports/${answer.body.id}`, { headers: headers() })).json();
      if (Date.now() - lastPrint > 5000) {
        lastPrint = Date.now();
        const seconds = (Date.now() - started) / 1000;
        console.log(`  ${state.status} ${state.rowsRead}/${rows} rows after ${seconds.toFixed(0)} s, RSS ${mb(process.memoryUsage().rss)}`);
      }
      if (state.status === 'COMPLETED' || state.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(sampler);
    console.log(
      JSON.stringify(
        {
          rows,
          fileSize: mb(size),
          status: state.status,
          accepted: state.accepted,
          rejected: state.rejected,
          error: state.error,
          elapsedSeconds: Number(elapsed.toFixed(1)),
          rowsPerSecond: Math.round(state.rowsRead / elapsed),
          rssBaseline: mb(baseline),
          rssPeak: mb(peak),
          rssGrowth: mb(peak - baseline),
        },
        null,
        2,
      ),
    );
  } finally {
    await subgraph.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
