#!/usr/bin/env node
// Issue 16 point 4: a pricing simulation of `customers` customers × `periods` monthly periods onto a DRAFT plan version,
// started through the gateway (createPricingSimulation, scope ALL with the plan) and polled until COMPLETED: elapsed,
// periods/s and compared lines/s, the run's progress while it ran; then its CSV through the gateway. Seeded straight into
// the invoicing schema in bulk SQL (customers, one subscription each on V1, V1 ACTIVE and V2 DRAFT snapshots with a
// recurring fee and two usage items, four usage buckets per customer × metric × period, an ISSUED invoice per period).
// Ceilings measured in the same run: (1) the same pricing loop with no I/O (invoicing's own calculateInvoice over the
// same periods, usage from memory), (2) a plain SELECT of what the run reads (the invoices and the usage totals).
// Usage: npm run build && node bench/simulation.js [customers=1000] [periods=12]
// Prints figures; asserts nothing. Runs on a database of its own (dropped at the end).
const { performance } = require('node:perf_hooks');
const { Pool } = require('pg');
const { Decimal } = require('@meterline/kit');
const { codeVersion, cpuSince, cpuSnapshot, sleep, startBenchStack } = require('./support');
const { calculateInvoice } = require('../subgraphs/invoicing/dist/domain/invoice-calculation');

const [CUSTOMERS = 1_000, PERIODS = 12] = process.argv.slice(2).map(Number);
const START = '2025-01-01T00:00:00Z';
const END = new Date(Date.UTC(2025, PERIODS, 1)).toISOString();
const V1 = '00000000-0000-4000-8000-0000000000a1';
const V2 = '00000000-0000-4000-8000-0000000000a2';
const PLAN = '00000000-0000-4000-8000-0000000000b1';
const item = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const graduated = (upTo, unitPrice) => ({
  model: 'GRADUATED',
  tiers: [
    { upTo, unitPrice: '0' },
    { upTo: null, unitPrice },
  ],
});

function snapshot(id, status, fee, tierUpTo, tierPrice, perUnit) {
  return {
    id,
    planId: PLAN,
    planReference: 'pro',
    planName: 'Pro',
    version: id === V1 ? 1 : 2,
    status,
    currency: 'EUR',
    billingPeriod: 'MONTH',
    minimumCommitment: id === V2 ? '60' : null,
    activatedAt: null,
    prices: [
      {
        productItemId: item(1),
        productItemName: 'Base fee',
        chargeType: 'RECURRING',
        metricReference: null,
        deduction: false,
        recurringTiming: 'IN_ADVANCE',
        price: { model: 'FLAT', amount: fee },
      },
      {
        productItemId: item(2),
        productItemName: 'API calls',
        chargeType: 'USAGE',
        metricReference: 'm0',
        deduction: false,
        recurringTiming: null,
        price: graduated(tierUpTo, tierPrice),
      },
      {
        productItemId: item(3),
        productItemName: 'Storage',
        chargeType: 'USAGE',
        metricReference: 'm1',
        deduction: false,
        recurringTiming: null,
        price: { model: 'PER_UNIT', unitPrice: perUnit },
      },
    ],
    entitlements: [],
  };
}
const VERSIONS = [snapshot(V1, 'ACTIVE', '100', '1000', '0.02', '0.5'), snapshot(V2, 'DRAFT', '120', '500', '0.015', '0.4')];

async function seed(db, platformId) {
  const started = performance.now();
  await db.query(
    `INSERT INTO invoicing.customers (platform_id, id, reference, currency, tax_rate, archived, updated_at, name)
     SELECT $1::uuid, md5($1::text || n)::uuid, 'c' || n, 'EUR', 21, false, now(), 'Customer ' || n FROM generate_series(1, $2) n`,
    [platformId, CUSTOMERS],
  );
  for (const v of VERSIONS)
    await db.query(
      `INSERT INTO invoicing.plan_versions (platform_id, id, status, currency, billing_period, snapshot, updated_at) VALUES ($1, $2, $3, 'EUR', 'MONTH', $4, now())`,
      [platformId, v.id, v.status, JSON.stringify(v)],
    );
  // Ended after the last period: nothing for the refresher or the billing run to open.
  await db.query(
    `INSERT INTO invoicing.subscriptions (platform_id, id, customer_id, status, billing_period, anchor, start_at, end_at, trial_end, phases, updated_at)
     SELECT $1, md5(c.id::text || 'sub')::uuid, c.id, 'ENDED', 'MONTH', $2, $2, $3, null,
            jsonb_build_array(jsonb_build_object('startsAt', $5::text, 'endsAt', null, 'planVersionId', $4::text, 'seats', 1, 'overrides', '{}'::jsonb)), now()
       FROM invoicing.customers c WHERE c.platform_id = $1`,
    [platformId, START, END, V1, START],
  );
  // Four buckets per customer × metric × period (days 1, 8, 15, 22 at 10:00), varied per customer.
  await db.query(
    `INSERT INTO invoicing.usage_totals (platform_id, customer_id, metric, subscription_id, bucket_start, dimensions_key, dimensions, meter_id,
       aggregation, state, updated_at)
     SELECT $1, c.id, m.metric, '00000000-0000-0000-0000-000000000000', p.start + make_interval(days => d * 7, hours => 10), '', '{}',
            '00000000-0000-4000-8000-0000000000c1', 'SUM',
            jsonb_build_object('count', 10, 'sum', ((c.n % 97) * m.scale + d * 13 + p.k)::text), now()
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM invoicing.customers WHERE platform_id = $1) c,
            (VALUES ('m0', 11), ('m1', 1)) m(metric, scale),
            LATERAL (SELECT k, $2::timestamptz + make_interval(months => k) AS start FROM generate_series(0, $3 - 1) k) p,
            generate_series(0, 3) d`,
    [platformId, START, PERIODS],
  );
  // The periods' ISSUED invoices: what the simulation compares with (shaped as V1 bills, amounts not recomputed).
  await db.query(
    `INSERT INTO invoicing.invoices (platform_id, customer_id, subscription_id, kind, number, status, currency, period_start, period_end,
       subtotal, tax_rate, tax, total, deductions, amount_due, credited, amount_paid, lines, issued_at, due_at, refreshed_at, created_at)
     SELECT $1, c.id, md5(c.id::text || 'sub')::uuid, 'SUBSCRIPTION', 'INV-' || lpad((p.k * $3 + c.n)::text, 8, '0'), 'ISSUED', 'EUR',
            p.start, p.start + interval '1 month', 150, 21, 31.5, 181.5, 0, 181.5, 0, 0,
            jsonb_build_array(
              jsonb_build_object('id', gen_random_uuid(), 'kind', 'RECURRING', 'productItemId', '${item(1)}', 'description', 'Base fee (in advance)',
                'quantity', null, 'amount', '100', 'deduction', false, 'credited', '0', 'breakdown', '[]'::jsonb),
              jsonb_build_object('id', gen_random_uuid(), 'kind', 'USAGE', 'productItemId', '${item(2)}', 'description', 'API calls',
                'quantity', '2000', 'amount', '20', 'deduction', false, 'credited', '0', 'breakdown', '[]'::jsonb,
                'windowStart', to_char(p.start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'windowEnd', to_char((p.start + interval '1 month') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
              jsonb_build_object('id', gen_random_uuid(), 'kind', 'USAGE', 'productItemId', '${item(3)}', 'description', 'Storage',
                'quantity', '60', 'amount', '30', 'deduction', false, 'credited', '0', 'breakdown', '[]'::jsonb,
                'windowStart', to_char(p.start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'windowEnd', to_char((p.start + interval '1 month') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
            p.start + interval '1 month 1 hour', p.start + interval '2 months', p.start + interval '1 month', p.start + interval '1 month'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM invoicing.customers WHERE platform_id = $1) c,
            LATERAL (SELECT k, $2::timestamptz + make_interval(months => k) AS start FROM generate_series(0, $4 - 1) k) p`,
    [platformId, START, CUSTOMERS, PERIODS],
  );
  for (const table of ['customers', 'subscriptions', 'usage_totals', 'invoices']) await db.query(`ANALYZE invoicing.${table}`);
  return (performance.now() - started) / 1000;
}

/** Ceiling 1: invoicing's calculateInvoice over the same periods with V2 and the seeded usage, from memory (no I/O). */
async function pricingLoopCeiling(db, platformId) {
  const { rows } = await db.query(
    `SELECT customer_id, metric, date_trunc('month', bucket_start) AS month, sum((state->>'sum')::numeric)::text AS value
       FROM invoicing.usage_totals WHERE platform_id = $1 GROUP BY 1, 2, 3`,
    [platformId],
  );
  const usage = new Map(rows.map((r) => [`${r.customer_id}|${r.metric}|${r.month.getTime()}`, new Decimal(r.value)]));
  const customers = [...new Set(rows.map((r) => r.customer_id))];
  const versions = new Map(VERSIONS.map((v) => [v.id, { id: v.id, minimumCommitment: v.minimumCommitment, prices: v.prices }]));
  const start = new Date(START);
  const phases = [{ startsAt: start, endsAt: null, planVersionId: V2, seats: 1, overrides: {} }];
  const started = performance.now();
  let lines = 0;
  for (const customer of customers)
    for (let k = 0; k < PERIODS; k += 1) {
      const period = { start: new Date(Date.UTC(2025, k, 1)), end: new Date(Date.UTC(2025, k + 1, 1)) };
      const draft = calculateInvoice({
        period,
        subscriptionStart: start,
        subscriptionEnd: new Date(END),
        trialEnd: null,
        phases,
        versions,
        usage: (stretch) => ({
          kind: 'quantity',
          quantity: usage.get(`${customer}|${stretch.item.metricReference}|${period.start.getTime()}`) ?? new Decimal(0),
        }),
        currency: 'EUR',
        taxRate: new Decimal(21),
      });
      lines += draft.lines.length;
    }
  return { periods: customers.length * PERIODS, lines, seconds: (performance.now() - started) / 1000 };
}

/** Ceiling 2: a plain SELECT of what the run reads (the invoices with their lines, the usage totals of the periods). */
async function selectCeiling(db, platformId) {
  const started = performance.now();
  const invoices = await db.query(
    `SELECT id, customer_id, subscription_id, period_start, period_end, subtotal::text, total::text, lines FROM invoicing.invoices
      WHERE platform_id = $1 AND kind = 'SUBSCRIPTION' AND period_start < $3 AND period_end > $2 ORDER BY customer_id, period_start`,
    [platformId, START, END],
  );
  const usage = await db.query(
    `SELECT customer_id, metric, bucket_start, state FROM invoicing.usage_totals WHERE platform_id = $1 AND bucket_start >= $2 AND bucket_start < $3`,
    [platformId, START, END],
  );
  return { invoices: invoices.rowCount, usage: usage.rowCount, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const version = codeVersion();
  const stack = await startBenchStack({}, { ownDatabase: true });
  const db = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  try {
    const seedSeconds = await seed(db, stack.platformId);
    console.log(
      `seeded ${CUSTOMERS} customers × ${PERIODS} ISSUED monthly invoices (3 lines each), ${CUSTOMERS * PERIODS * 8} usage buckets in ${seedSeconds.toFixed(1)} s`,
    );
    const cpuBefore = cpuSnapshot(stack.pids);
    const started = performance.now();
    const { createPricingSimulation } = await stack.gql(
      `mutation ($input: CreatePricingSimulationInput!) { createPricingSimulation(input: $input) { id } }`,
      { input: { scope: 'ALL', plan: 'pro', planVersion: V2, from: START, to: END } },
    );
    let run;
    const progress = [];
    for (;;) {
      ({ pricingSimulation: run } = await stack.gql(
        `query ($id: ID!) { pricingSimulation(id: $id) { status progress { customersDone customersTotal periods } } }`,
        { id: createPricingSimulation.id },
      ));
      progress.push(`${((performance.now() - started) / 1000).toFixed(1)}s:${run.progress.customersDone}`);
      if (run.status === 'COMPLETED' || run.status === 'FAILED') break;
      await sleep(250);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSince(cpuBefore, stack.pids);
    if (run.status !== 'COMPLETED') throw new Error(`the simulation ${run.status}`);
    const { pricingSimulation: result } = await stack.gql(
      `query ($id: ID!) { pricingSimulation(id: $id) { totals { currency current { amount } simulated { amount } difference { amount } } } }`,
      { id: createPricingSimulation.id },
    );
    const periods = run.progress.periods;
    console.log(`  code: ${version}`);
    console.log(
      `simulation through the gateway (create → COMPLETED, polled every 250 ms): ${run.progress.customersDone} customers, ${periods} periods in ${seconds.toFixed(2)} s = ${Math.round(periods / seconds)} periods/s`,
    );
    console.log(`  progress (elapsed:customers done): ${progress.join(' ')}`);
    console.log(`  totals: ${JSON.stringify(result.totals)}`);
    console.log(`  ${cpu}`);
    const csvStarted = performance.now();
    const response = await fetch(`${stack.gatewayUrl.replace(/\/graphql$/, '')}/v1/reports/simulation?run=${createPricingSimulation.id}`, {
      headers: { authorization: `Bearer ${stack.key}` },
    });
    let newlines = 0;
    for await (const chunk of response.body) for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) newlines += 1;
    const csvSeconds = (performance.now() - csvStarted) / 1000;
    const csvRows = newlines - 1;
    console.log(
      `CSV through the gateway: HTTP ${response.status}, ${csvRows} rows (compared lines) in ${csvSeconds.toFixed(2)} s = ${Math.round(csvRows / csvSeconds)} rows/s; the run compared ${Math.round(csvRows / seconds)} lines/s`,
    );
    const loop = await pricingLoopCeiling(db, stack.platformId);
    console.log(
      `ceiling 1, the same pricing loop without I/O (calculateInvoice, usage from memory): ${loop.periods} periods, ${loop.lines} lines in ${loop.seconds.toFixed(2)} s = ${Math.round(loop.periods / loop.seconds)} periods/s; the run reaches ${((periods / seconds / (loop.periods / loop.seconds)) * 100).toFixed(1)}% of it`,
    );
    const select = await selectCeiling(db, stack.platformId);
    console.log(
      `ceiling 2, a plain SELECT of what the run reads: ${select.invoices} invoices + ${select.usage} usage buckets in ${select.seconds.toFixed(2)} s = ${Math.round(select.invoices / select.seconds)} periods/s; the run reaches ${((periods / seconds / (select.invoices / select.seconds)) * 100).toFixed(1)}% of it`,
    );
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
