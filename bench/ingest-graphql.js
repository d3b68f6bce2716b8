#!/usr/bin/env node
// Ingestion throughput through the gateway's GraphQL door: the whole stack as real processes on free ports.
// Usage: npm run build && node bench/ingest-graphql.js [batches=20] [batchSize=1000] [concurrency=2]
// Prints events/s and per-batch latency. A benchmark, not a test: nothing here asserts a timing.
require('reflect-metadata');
const { randomBytes } = require('node:crypto');
const { systemClock } = require('@meterline/kit');
const { freePorts, newBusNamespace, testInfrastructure } = require('@meterline/kit/testing');
const { createApiKey, createPlatform, openAccessDatabase } = require('@meterline/gateway');
const { launchStack, serviceSpecs } = require('@meterline/stack');

const [batches = 20, batchSize = 1000, concurrency = 2] = process.argv.slice(2).map(Number);

async function main() {
  const infra = await testInfrastructure();
  const ports = {};
  const specs = serviceSpecs();
  (await freePorts(specs.length)).forEach((port, i) => (ports[specs[i].name] = port));
  const stack = await launchStack({
    env: {
      DATABASE_URL: infra.databaseUrl,
      NATS_URL: infra.natsUrl,
      BUS_NAMESPACE: newBusNamespace(),
      TENANT_SIGNING_SECRET: randomBytes(16).toString('hex'),
      LOG_LEVEL: 'error',
    },
    ports,
  });
  try {
    const ds = await openAccessDatabase(infra.databaseUrl);
    const platformId = await createPlatform(ds, 'bench', systemClock);
    const { key } = await createApiKey(ds, platformId, 'admin', 'bench', systemClock);
    await ds.destroy();
    const gql = async (query, variables) => {
      const res = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    await gql(`mutation { createMeter(input: { reference: "calls", name: "Calls", values: [{ reference: "n", type: NUMBER }],
      metrics: [{ reference: "calls_total", aggregation: SUM, valueReference: "n" }] }) { id } }`);
    await gql(`mutation { changeMeterStatus(meter: "calls", action: ACTIVATE) { id } }`);
    await gql(`mutation { createCustomer(input: { reference: "bench", name: "Bench", currency: "EUR" }) { id } }`);

    const ingest = `mutation ($events: [UsageEventInput!]!) { ingestUsageEvents(events: $events) { accepted unmatched } }`;
    const latencies = [];
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches) {
          const b = next++;
          const events = Array.from({ length: batchSize }, (_, i) => ({
            meterReference: 'calls',
            customerReference: 'bench',
            reference: `b${b}-e${i}`,
            timestamp: '2026-01-15T12:00:00Z',
            meterValues: [{ reference: 'n', number: '1' }],
            properties: { region: i % 2 ? 'eu' : 'us' },
          }));
          const t0 = process.hrtime.bigint();
          await gql(ingest, { events });
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    const total = batches * batchSize;
    console.log(`ingest via GraphQL: ${total} events in ${batches} batches of ${batchSize}, concurrency ${concurrency}`);
    console.log(`  throughput: ${Math.round(total / seconds)} events/s (${seconds.toFixed(2)} s)`);
    console.log(
      `  batch latency ms: p50 ${latencies[Math.floor(latencies.length * 0.5)].toFixed(0)}, p95 ${latencies[Math.floor(latencies.length * 0.95)].toFixed(0)}, max ${latencies.at(-1).toFixed(0)}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
