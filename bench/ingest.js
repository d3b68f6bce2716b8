#!/usr/bin/env node
// Issue 4's benchmark: ingest through POST /v1/events (the gateway, the whole stack as real processes), the raw COPY
// ceiling, GraphQL ingestUsageEvents with the same batches, and the customer-month usage query.
// Usage: npm run build && [METERING_WORKERS=2] node bench/ingest.js [events=1000000] [customers=1000] [batch=1000] [concurrency=4] [graphqlEvents=200000]
// Prints figures; asserts nothing.
const { Client } = require('pg');
const {
  startBenchStack,
  peakRssMiB,
  percentile,
  runConcurrently,
  cpuSnapshot,
  cpuSince,
  codeVersion,
  sampleDatabaseActivity,
} = require('./support');

const [EVENTS = 1_000_000, CUSTOMERS = 1000, BATCH = 1000, CONCURRENCY = 4, GRAPHQL_EVENTS = 200_000] = process.argv.slice(2).map(Number);
const MONTH = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };

function seedEvent(run, i) {
  const second = i % (31 * 86400);
  return {
    meter_reference: 'api_calls',
    customer_reference: `c${i % CUSTOMERS}`,
    reference: `${run}-${i}`,
    timestamp: new Date(Date.parse(MONTH.from) + second * 1000).toISOString(),
    meter_values: [{ reference: 'calls', number: String((i % 17) + 1) }],
    properties: { region: i % 2 ? 'eu' : 'us' },
  };
}

async function copyCeiling(databaseUrl) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS public.bench_copy_ceiling`);
    await client.query(`CREATE TABLE public.bench_copy_ceiling (platform_id uuid, meter_reference text, customer_reference text, reference text,
      "timestamp" timestamptz, "values" jsonb, properties jsonb, UNIQUE (platform_id, meter_reference, reference))`);
    const { from: copyFrom } = require('pg-copy-streams');
    const started = process.hrtime.bigint();
    const stream = client.query(copyFrom(`COPY public.bench_copy_ceiling FROM STDIN`));
    const platform = '00000000-0000-4000-8000-00000000beef';
    for (let i = 0; i < EVENTS; i++) {
      const e = seedEvent('copy', i);
      const line = `${platform}\t${e.meter_reference}\t${e.customer_reference}\t${e.reference}\t${e.timestamp}\t{"calls": "${e.meter_values[0].number}"}\t{"region": "${e.properties.region}"}\n`;
      if (!stream.write(line)) await new Promise((r) => stream.once('drain', r));
    }
    await new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end();
    });
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.query(`DROP TABLE IF EXISTS public.bench_copy_ceiling`);
    await client.end();
  }
}

async function main() {
  const stack = await startBenchStack({ metering: { WORKERS: String(process.env.METERING_WORKERS ?? 2) } });
  try {
    await stack.gql(`mutation { createMeter(input: { reference: "api_calls", name: "API calls", values: [{ reference: "calls", type: NUMBER }],
      properties: ["region"], metrics: [{ reference: "calls_total", aggregation: SUM, valueReference: "calls" }] }) { id } }`);
    await stack.gql(`mutation { changeMeterStatus(meter: "api_calls", action: ACTIVATE) { id } }`);
    for (let c = 0; c < CUSTOMERS; c += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, CUSTOMERS - c) }, (_, k) =>
          stack.gql(`mutation ($r: String!) { createCustomer(input: { reference: $r, name: $r, currency: "EUR" }) { id } }`, {
            r: `c${c + k}`,
          }),
        ),
      );
    }
    // Wait until metering knows every customer, so the run measures matched ingestion.
    for (;;) {
      const { usage } = await stack
        .gql(`{ usage(customer: "c${CUSTOMERS - 1}", metric: "calls_total", from: "${MONTH.from}", to: "${MONTH.to}") { value } }`)
        .catch(() => ({}));
      if (usage) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const restUrl = stack.gatewayUrl.replace(/\/graphql$/, '/v1/events');
    const batches = Math.ceil(EVENTS / BATCH);
    // Bodies are made before the clock starts: the client's own JSON work would otherwise take CPU from the services.
    const bodies = Array.from({ length: batches }, (_, b) =>
      Buffer.from(JSON.stringify(Array.from({ length: Math.min(BATCH, EVENTS - b * BATCH) }, (_, k) => seedEvent('rest', b * BATCH + k)))),
    );
    let accepted = 0;
    const cpuBefore = cpuSnapshot(stack.pids);
    const activity = sampleDatabaseActivity(stack.infra.databaseUrl);
    const started = process.hrtime.bigint();
    const latencies = await runConcurrently(batches, CONCURRENCY, async (b) => {
      const body = bodies[b];
      bodies[b] = null;
      const res = await fetch(restUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.key}` },
        body,
      });
      const result = await res.json();
      if (res.status !== 200) throw new Error(JSON.stringify(result));
      accepted += result.accepted;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = cpuSince(cpuBefore, stack.pids);
    const sessions = await activity.stop(10);
    const rss = {
      gateway: peakRssMiB(stack.pids.gateway),
      metering: peakRssMiB(stack.pids.metering),
      bench: Math.round(process.resourceUsage().maxRSS / 1024),
    };

    const queryLatencies = await runConcurrently(300, 1, (i) =>
      stack.gql(
        `{ usage(customer: "c${(i * 37) % CUSTOMERS}", metric: "calls_total", from: "${MONTH.from}", to: "${MONTH.to}") { value } }`,
      ),
    );

    const graphqlBatches = Math.ceil(GRAPHQL_EVENTS / BATCH);
    const ingest = `mutation ($events: [UsageEventInput!]!) { ingestUsageEvents(events: $events) { accepted } }`;
    const gqlStarted = process.hrtime.bigint();
    const gqlLatencies = await runConcurrently(graphqlBatches, CONCURRENCY, (b) =>
      stack.gql(ingest, {
        events: Array.from({ length: BATCH }, (_, k) => {
          const e = seedEvent('graphql', b * BATCH + k);
          return {
            meterReference: e.meter_reference,
            customerReference: e.customer_reference,
            reference: e.reference,
            timestamp: e.timestamp,
            meterValues: e.meter_values,
            properties: e.properties,
          };
        }),
      }),
    );
    const gqlSeconds = Number(process.hrtime.bigint() - gqlStarted) / 1e9;

    const copySeconds = await copyCeiling(stack.infra.databaseUrl);
    const rate = EVENTS / seconds;
    const ceiling = EVENTS / copySeconds;
    console.log(
      `POST /v1/events: ${EVENTS} events (${accepted} accepted) for ${CUSTOMERS} customers, batches of ${BATCH}, ${CONCURRENCY} in flight`,
    );
    console.log(`  sustained: ${Math.round(rate)} events/s over ${seconds.toFixed(1)} s`);
    console.log(`  batch latency ms: p50 ${percentile(latencies, 0.5).toFixed(0)}, p99 ${percentile(latencies, 0.99).toFixed(0)}`);
    console.log(`  peak RSS MiB: gateway ${rss.gateway}, metering ${rss.metering}, bench client ${rss.bench}`);
    console.log(`  ${cpu}`);
    console.log(
      `  database sessions seen every 100 ms (share of samples, what they wait for, statement):\n${sessions.map((l) => `    ${l}`).join('\n')}`,
    );
    console.log(`  code: ${codeVersion()}`);
    console.log(
      `raw COPY ceiling: ${EVENTS} rows in ${copySeconds.toFixed(1)} s = ${Math.round(ceiling)} rows/s; ingestion reaches ${((rate / ceiling) * 100).toFixed(0)}% of it`,
    );
    console.log(
      `customer-month usage query over ${EVENTS} events: p50 ${percentile(queryLatencies, 0.5).toFixed(1)} ms, p95 ${percentile(queryLatencies, 0.95).toFixed(1)} ms (through the gateway)`,
    );
    if (graphqlBatches > 0)
      console.log(
        `GraphQL ingestUsageEvents: ${graphqlBatches * BATCH} events, ${Math.round((graphqlBatches * BATCH) / gqlSeconds)} events/s, batch p50 ${percentile(gqlLatencies, 0.5).toFixed(0)} ms, p99 ${percentile(gqlLatencies, 0.99).toFixed(0)} ms`,
      );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
