#!/usr/bin/env node
// Issue 15 point 7: how soon an alert fires after the usage that crosses its threshold. `probes` customers each have a
// USAGE alert (thresholds 1, 2, …, samples) on the metric and a SPEND alert (0.01, 0.02, … EUR: one event of value 1
// at 0.01 EUR a call); `customers` background customers have none (their usage takes the cheap path: one indexed
// lookup per batch, drafts refreshed after INVOICE_REFRESH_DELAY_MS as before). Each round, one POST /v1/events batch
// carries `background` events spread over the background customers and one event of value 1 per probe; the clock starts
// when the batch's HTTP response arrives (acceptance) and stops when `invoicing.alert.triggered` for that probe's next
// threshold arrives on NATS (a test consumer in the stack's namespace), for the usage and the spend alert apart.
// Usage: npm run build && node bench/alerts.js [customers=200] [probes=10] [samples=20 (at most 20: thresholds per alert)] [background=500]
// Prints figures; asserts nothing. Runs on a database of its own (dropped at the end).
const { performance } = require('node:perf_hooks');
const { Pool } = require('pg');
const { Bus, createLogger } = require('@meterline/kit');
const {
  codeVersion,
  createCustomers,
  createSubscriptions,
  percentile,
  seedUsagePlan,
  sleep,
  startBenchStack,
  waitForCount,
} = require('./support');

const [CUSTOMERS = 200, PROBES = 10, SAMPLES = 20, BACKGROUND = 500] = process.argv.slice(2).map(Number);
const fmt = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0
    ? 'n/a'
    : `n ${s.length}: p50 ${percentile(s, 0.5).toFixed(0)} ms, p95 ${percentile(s, 0.95).toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`;
};

async function main() {
  const version = codeVersion();
  const stack = await startBenchStack({}, { ownDatabase: true });
  const db = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  const bus = await Bus.connect({
    url: stack.infra.natsUrl,
    name: 'bench alerts',
    namespace: stack.namespace,
    log: createLogger('bench', 'silent'),
  });
  try {
    const planVersion = await seedUsagePlan(stack, 1, '0.01');
    const probeRefs = Array.from({ length: PROBES }, (_, i) => `p${i}`);
    const background = Array.from({ length: CUSTOMERS }, (_, i) => `c${i}`);
    const ids = await createCustomers(stack, [...probeRefs, ...background]);
    await createSubscriptions(stack, ids, planVersion);
    const total = PROBES + CUSTOMERS;
    await waitForCount(db, `SELECT count(*) AS n FROM metering.customers`, [], (n) => n >= total, 'metering to know every customer');
    await waitForCount(db, `SELECT count(*) AS n FROM invoicing.customers`, [], (n) => n >= total, 'invoicing to know every customer');
    await waitForCount(db, `SELECT count(*) AS n FROM invoicing.plan_versions`, [], (n) => n >= 1, 'invoicing to know the plan');
    const thresholds = (unit) => Array.from({ length: SAMPLES }, (_, i) => ({ value: (unit * (i + 1)).toFixed(2) }));
    for (const ref of probeRefs) {
      await stack.gql(
        `mutation ($u: CreateAlertInput!, $s: CreateAlertInput!) { u: createAlert(input: $u) { id } s: createAlert(input: $s) { id } }`,
        {
          u: { customer: ref, kind: 'USAGE', metric: 'm0', name: `${ref} calls`, thresholds: thresholds(1) },
          s: { customer: ref, kind: 'SPEND', name: `${ref} spend`, thresholds: thresholds(0.01) },
        },
      );
    }

    // Arrivals by (customer reference, kind, threshold).
    const arrived = new Map();
    const stream = await bus.ensureStream('invoicing');
    const consumer = await bus.js.consumers.get(stream, { filter_subjects: bus.subjectOf('invoicing.alert.triggered') });
    const messages = await consumer.consume();
    void (async () => {
      for await (const m of messages) {
        const { data } = m.json();
        arrived.set(`${data.customerReference}|${data.kind}|${Number(data.threshold)}`, performance.now());
      }
    })();

    const restUrl = stack.gatewayUrl.replace(/\/graphql$/, '/v1/events');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${stack.key}` };
    const usage = [];
    const spend = [];
    const accept = [];
    const started = performance.now();
    for (let round = 1; round <= SAMPLES; round += 1) {
      const events = [
        ...Array.from({ length: BACKGROUND }, (_, j) => ({
          meter_reference: 'api',
          customer_reference: background[(round * BACKGROUND + j) % CUSTOMERS],
          reference: `b-${round}-${j}`,
          meter_values: [{ reference: 'v0', number: '1' }],
        })),
        ...probeRefs.map((ref) => ({
          meter_reference: 'api',
          customer_reference: ref,
          reference: `${ref}-${round}`,
          meter_values: [{ reference: 'v0', number: '1' }],
        })),
      ];
      const body = JSON.stringify(events);
      const sent = performance.now();
      const response = await fetch(restUrl, { method: 'POST', headers, body });
      if (!response.ok) throw new Error(`POST /v1/events: ${response.status} ${await response.text()}`);
      await response.text();
      const acceptedAt = performance.now();
      accept.push(acceptedAt - sent);
      const deadline = acceptedAt + 30_000;
      const keys = probeRefs.flatMap((ref) => [`${ref}|USAGE|${round}`, `${ref}|SPEND|${(0.01 * round).toFixed(2) * 1}`]);
      while (keys.some((k) => !arrived.has(k))) {
        if (performance.now() > deadline)
          throw new Error(`round ${round}: no trigger for ${keys.filter((k) => !arrived.has(k)).join(', ')}`);
        await sleep(2);
      }
      for (const ref of probeRefs) {
        usage.push(arrived.get(`${ref}|USAGE|${round}`) - acceptedAt);
        spend.push(arrived.get(`${ref}|SPEND|${(0.01 * round).toFixed(2) * 1}`) - acceptedAt);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const [{ n: triggers }] = (await db.query(`SELECT count(*)::int AS n FROM invoicing.alert_triggers`)).rows;
    console.log(
      `alerts bench (${version}): ${PROBES} probe customers with a usage and a spend alert, ${CUSTOMERS} background customers without`,
    );
    console.log(
      `  ${SAMPLES} rounds of one POST /v1/events batch (${BACKGROUND} background events + 1 per probe) in ${seconds.toFixed(1)} s`,
    );
    console.log(`  batch acceptance (HTTP round trip): ${fmt(accept)}`);
    console.log(`  acceptance → invoicing.alert.triggered on NATS, USAGE: ${fmt(usage)}`);
    console.log(`  acceptance → invoicing.alert.triggered on NATS, SPEND: ${fmt(spend)}`);
    console.log(`  triggers recorded: ${triggers} (expected ${2 * PROBES * SAMPLES})`);
  } finally {
    await bus.close().catch(() => undefined);
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
