#!/usr/bin/env node
// Issue 6's second benchmark: the billing run. `customers` customers, each with an active monthly subscription (March
// 2026) on a plan version with 5 usage items on 5 metrics and some usage on each; once every draft exists and shows
// that usage, the test clock moves past the period end + grace, and the bench times how long it takes until every
// draft is ISSUED (counted in the invoicing schema's `invoices` table), then checks the numbers are gapless 1..N.
// Seeding (GraphQL mutations through the gateway, many aliased per request, requests in parallel; events through
// POST /v1/events) is timed separately.
// Usage: npm run build && node bench/billing-run.js [customers=10000] [perRequest=100] [concurrency=4]
// Prints figures; asserts nothing. Runs on a database of its own (dropped at the end): no other invoicing acts on it.
const { performance } = require('node:perf_hooks');
const { Client } = require('pg');
const {
  codeVersion,
  cpuSince,
  cpuSnapshot,
  createCustomers,
  createSubscriptions,
  runConcurrently,
  sampleDatabaseActivity,
  seedUsagePlan,
  sleep,
  startBenchStack,
  waitForCount,
} = require('./support');

const [CUSTOMERS = 10_000, PER_REQUEST = 100, CONCURRENCY = 4] = process.argv.slice(2).map(Number);
const METRICS = 5;
const GRACE_MS = 60_000;
const PERIOD = { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' };
const SEED_NOW = '2026-03-20T12:00:00Z';
// Past the period end + grace (and not so far that a second period would be due).
const RUN_AT = new Date(Date.parse(PERIOD.end) + GRACE_MS + 5_000).toISOString();
const EVENT_BATCH = 1000;

async function main() {
  const serviceEnv = { invoicing: { INVOICE_GRACE_PERIOD_MS: String(GRACE_MS) } };
  const version = codeVersion();
  const stack = await startBenchStack(serviceEnv, { ownDatabase: true, testClock: true });
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const phases = {};
  const phase = async (name, work) => {
    const started = performance.now();
    const result = await work();
    phases[name] = (performance.now() - started) / 1000;
    return result;
  };
  try {
    await stack.setClock(SEED_NOW);
    const seedStarted = performance.now();
    const planVersion = await phase('catalog (meter, product, 5 items, plan version)', () => seedUsagePlan(stack, METRICS));
    const references = Array.from({ length: CUSTOMERS }, (_, i) => `c${i}`);
    const options = { perRequest: PER_REQUEST, concurrency: CONCURRENCY };
    const customerIds = await phase('customers', () => createCustomers(stack, references, options));
    await phase('subscriptions', () => createSubscriptions(stack, customerIds, planVersion, PERIOD.start, options));
    await phase('metering knows every customer', () =>
      waitForCount(db, `SELECT count(*) AS n FROM metering.customers`, [], (n) => n >= CUSTOMERS, 'metering to know every customer'),
    );
    // One event per customer with a value for each of the 5 metrics, spread over March.
    const restUrl = stack.gatewayUrl.replace(/\/graphql$/, '/v1/events');
    const bodies = Array.from({ length: Math.ceil(CUSTOMERS / EVENT_BATCH) }, (_, b) =>
      JSON.stringify(
        references.slice(b * EVENT_BATCH, (b + 1) * EVENT_BATCH).map((customer, k) => {
          const i = b * EVENT_BATCH + k;
          return {
            meter_reference: 'api',
            customer_reference: customer,
            reference: `e${i}`,
            timestamp: new Date(Date.parse(PERIOD.start) + ((i * 7919) % (18 * 86400)) * 1000).toISOString(),
            meter_values: Array.from({ length: METRICS }, (_, m) => ({ reference: `v${m}`, number: String(((i + m) % 50) + 1) })),
          };
        }),
      ),
    );
    let accepted = 0;
    await phase('usage events', () =>
      runConcurrently(bodies.length, 2, async (b) => {
        const res = await fetch(restUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.key}` },
          body: bodies[b],
        });
        const body = await res.json();
        if (res.status !== 200) throw new Error(JSON.stringify(body).slice(0, 500));
        accepted += body.accepted;
      }),
    );
    if (accepted !== CUSTOMERS) throw new Error(`${accepted} of ${CUSTOMERS} events accepted`);
    // Every draft exists and shows the usage of its 5 metrics, and nothing waits for a refresh.
    await phase('every draft shows its usage', async () => {
      await waitForCount(
        db,
        `SELECT count(*) AS n FROM invoicing.invoices
          WHERE kind = 'SUBSCRIPTION' AND status = 'DRAFT' AND period_start = $1 AND jsonb_array_length(lines::jsonb) = $2
            AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(lines::jsonb) l WHERE coalesce((l->>'quantity')::numeric, 0) = 0)`,
        [PERIOD.start, METRICS],
        (n) => n >= CUSTOMERS,
        'every draft to show its usage',
      );
      await waitForCount(db, `SELECT count(*) AS n FROM invoicing.draft_refresh_requests`, [], (n) => n === 0, 'no pending refresh');
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // The billing run: move the clock past the end of March + grace, count issued invoices until all are.
    const cpuBefore = cpuSnapshot(stack.pids);
    const activity = sampleDatabaseActivity(stack.databaseUrl);
    const progress = [];
    const started = performance.now();
    await stack.setClock(RUN_AT);
    const clockSet = performance.now() - started;
    let firstIssued = null;
    let lastSecond = 0;
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*) FILTER (WHERE status = 'ISSUED' AND period_start = $1)::int AS issued,
                count(*) FILTER (WHERE status = 'DRAFT' AND period_start > $1)::int AS next_drafts,
                (SELECT count(DISTINCT customer_id)::int FROM invoicing.draft_refresh_requests) AS pending
           FROM invoicing.invoices`,
        [PERIOD.start],
      );
      const now = performance.now() - started;
      const { issued } = rows[0];
      if (issued > 0 && firstIssued === null) firstIssued = now;
      if (now - lastSecond >= 5000 || issued >= CUSTOMERS) {
        lastSecond = now;
        progress.push(
          `${(now / 1000).toFixed(0)} s: ${issued} issued, ${rows[0].next_drafts} April drafts, ${rows[0].pending} refresh requests`,
        );
      }
      if (issued >= CUSTOMERS) break;
      if (now > 900_000) throw new Error(`only ${issued} of ${CUSTOMERS} issued after 900 s`);
      await sleep(100);
    }
    const elapsed = (performance.now() - started) / 1000;
    const cpu = cpuSince(cpuBefore, stack.pids);
    const dbActivity = await activity.stop();

    const { rows } = await db.query(
      `SELECT count(*)::int AS issued, count(DISTINCT number)::int AS distinct_numbers,
              min(substring(number FROM '[0-9]+$')::int) AS min, max(substring(number FROM '[0-9]+$')::int) AS max,
              min(issued_at) AS first_at, max(issued_at) AS last_at
         FROM invoicing.invoices WHERE number IS NOT NULL`,
    );
    const numbers = rows[0];
    const gapless =
      numbers.issued === CUSTOMERS && numbers.distinct_numbers === CUSTOMERS && numbers.min === 1 && numbers.max === CUSTOMERS;

    console.log(
      `billing run: ${CUSTOMERS} customers, each with an active monthly subscription on a plan version with ${METRICS} usage items (5 metrics) ` +
        `and usage on each; INVOICE_GRACE_PERIOD_MS=${GRACE_MS}, INVOICE_ISSUE_INTERVAL_MS and refresher at their defaults`,
    );
    console.log(`  code: ${version}`);
    console.log(
      `  seeding: ${seedSeconds.toFixed(1)} s (${PER_REQUEST} aliased mutations per request, ${CONCURRENCY} requests in parallel; events ${EVENT_BATCH} per POST /v1/events)`,
    );
    for (const [name, seconds] of Object.entries(phases)) console.log(`    ${name}: ${seconds.toFixed(1)} s`);
    console.log(
      `  billing run: clock moved to ${RUN_AT} (${clockSet.toFixed(0)} ms to set on every process); first invoice issued after ` +
        `${((firstIssued ?? 0) / 1000).toFixed(1)} s; all ${CUSTOMERS} ISSUED after ${elapsed.toFixed(1)} s = ${Math.round(CUSTOMERS / elapsed)} invoices/s`,
    );
    console.log(
      `  numbers: ${numbers.issued} issued, ${numbers.distinct_numbers} distinct, from ${numbers.min} to ${numbers.max}: ${gapless ? 'gapless 1..' + CUSTOMERS : 'NOT gapless'}`,
    );
    console.log(`  progress: ${progress.join('; ')}`);
    console.log(`  database sessions seen every 100 ms during the run (share of samples, what they wait for, statement):`);
    for (const line of dbActivity) console.log(`    ${line}`);
    console.log(`  ${cpu}`);
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
