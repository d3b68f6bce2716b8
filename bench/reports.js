#!/usr/bin/env node
// Issue 16 point 1: a CSV report of `lines` invoice lines streamed through the gateway (GET /v1/reports/invoice-lines),
// with the invoicing process's memory before, during (sampled every 100 ms) and at the end: flat memory means the
// resident size does not grow with the rows. The rows are seeded straight into the invoicing schema in bulk SQL,
// realistically shaped (1,000 customers, monthly ISSUED invoices of `perInvoice` lines: two recurring lines and usage
// lines with a two-tier breakdown and their phase stretch), and a catalog snapshot naming the product items. The
// ceiling, measured in the same run: Postgres's own `COPY (SELECT … the same rows, expanded from the lines …) TO STDOUT`
// read by the bench. Also the invoice headers report (one row per invoice), and the lines report as a GraphQL report job
// (written into chunked rows by invoicing's report worker, then its file downloaded).
// Usage: npm run build && node bench/reports.js [lines=1000000] [perInvoice=10]
// Prints figures; asserts nothing. Runs on a database of its own (dropped at the end).
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { Pool } = require('pg');
const { to: copyTo } = require('pg-copy-streams');
const { codeVersion, cpuSince, cpuSnapshot, peakRssMiB, startBenchStack } = require('./support');

const [LINES = 1_000_000, PER_INVOICE = 10] = process.argv.slice(2).map(Number);
const CUSTOMERS = 1_000;
const INVOICES = Math.ceil(LINES / PER_INVOICE);
const MONTHS = Math.ceil(INVOICES / CUSTOMERS);

/** Resident memory now of a process and its children, MiB (Linux VmRSS). */
function rssMiB(pid) {
  const own = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return Math.round(Number(own ? own[1] : 0) / 1024) + children.reduce((sum, child) => sum + rssMiB(Number(child)), 0);
}

async function seed(db, platformId) {
  const started = performance.now();
  await db.query(
    `INSERT INTO invoicing.customers (platform_id, id, reference, currency, tax_rate, archived, updated_at, name)
     SELECT $1, gen_random_uuid(), 'c' || n, 'EUR', 21, false, now(), 'Customer ' || n FROM generate_series(1, $2) n`,
    [platformId, CUSTOMERS],
  );
  const items = Array.from({ length: PER_INVOICE }, (_, k) => ({
    productItemId: `00000000-0000-4000-8000-${String(k + 1).padStart(12, '0')}`,
    productItemName: k < 2 ? `Fee ${k + 1}` : `API calls ${k - 1}`,
    chargeType: k < 2 ? 'RECURRING' : 'USAGE',
    metricReference: k < 2 ? null : `m${k - 2}`,
  }));
  await db.query(
    `INSERT INTO invoicing.plan_versions (platform_id, id, status, currency, billing_period, snapshot, updated_at)
     VALUES ($1, gen_random_uuid(), 'ACTIVE', 'EUR', 'MONTH', $2, now())`,
    [platformId, JSON.stringify({ planId: 'bench', planReference: 'pro', prices: items })],
  );
  // The product items read model the reports look items up in (the plan version projection writes it).
  await db.query(
    `INSERT INTO invoicing.product_items (platform_id, id, name, charge_type, metric, updated_at)
     SELECT $1, p->>'productItemId', p->>'productItemName', p->>'chargeType', p->>'metricReference', now()
       FROM jsonb_array_elements($2::jsonb) p`,
    [platformId, JSON.stringify(items)],
  );
  const tier = (t, from, to, quantity, unitPrice, amount) =>
    `jsonb_build_object('label', 'Tier ${t}', 'quantity', '${quantity}', 'unitPrice', '${unitPrice}', 'flatFee', null, 'rate', null,
       'amount', '${amount}', 'tier', ${t}, 'from', '${from}', 'to', ${to === null ? 'null' : `'${to}'`}, 'dimension', null)`;
  // One month of invoices per statement (a customer's invoice of that month), every line of each built in SQL.
  for (let m = 0; m < MONTHS; m += 1) {
    const count = Math.min(CUSTOMERS, INVOICES - m * CUSTOMERS);
    await db.query(
      `INSERT INTO invoicing.invoices (platform_id, customer_id, subscription_id, kind, number, status, currency, period_start, period_end,
         subtotal, tax_rate, tax, total, deductions, amount_due, credited, amount_paid, lines, issued_at, due_at, refreshed_at, created_at)
       SELECT $1, c.id, md5(c.id::text || 'sub')::uuid, 'SUBSCRIPTION', 'INV-' || lpad(($3 * $4 + c.n)::text, 8, '0'), 'ISSUED', 'EUR',
              p.start, p.start + interval '1 month', 250.5, 21, 52.605, 303.105, 0, 303.105, 0, 0,
              (SELECT jsonb_agg(jsonb_build_object(
                  'id', gen_random_uuid(), 'kind', CASE WHEN k <= 2 THEN 'RECURRING' ELSE 'USAGE' END,
                  'productItemId', '00000000-0000-4000-8000-' || lpad(k::text, 12, '0'),
                  'description', CASE WHEN k <= 2 THEN 'Fee ' || k || ' (in advance)' ELSE 'API calls ' || (k - 2) || ' (' || to_char(p.start, 'YYYY-MM-DD') || ')' END,
                  'quantity', CASE WHEN k <= 2 THEN null ELSE '150' END,
                  'amount', CASE WHEN k <= 2 THEN '100' ELSE '25.0625' END, 'deduction', false, 'credited', '0',
                  'windowStart', CASE WHEN k <= 2 THEN null ELSE to_char(p.start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
                  'windowEnd', CASE WHEN k <= 2 THEN null ELSE to_char((p.start + interval '1 month') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
                  'breakdown', CASE WHEN k <= 2 THEN '[]'::jsonb
                    ELSE jsonb_build_array(${tier(1, 0, 100, 100, 0, 0)}, ${tier(2, 100, null, 50, '0.50125', '25.0625')}) END)
                ORDER BY k) FROM generate_series(1, $5) k),
              p.start + interval '1 month 1 hour', p.start + interval '2 months', p.start + interval '1 month', p.start + interval '1 month'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM invoicing.customers WHERE platform_id = $1) c,
              LATERAL (SELECT timestamptz '2000-01-01T00:00:00Z' + make_interval(months => $3) AS start) p
        WHERE c.n <= $2`,
      [platformId, count, m, CUSTOMERS, PER_INVOICE],
    );
  }
  await db.query(`ANALYZE invoicing.invoices`);
  return (performance.now() - started) / 1000;
}

/** Streams a report through the gateway, counting rows (newlines) and bytes, sampling invoicing's RSS meanwhile. */
async function streamReport(stack, path) {
  const pid = stack.pids.invoicing;
  const rss = [rssMiB(pid)];
  const sampler = setInterval(() => rss.push(rssMiB(pid)), 100);
  const started = performance.now();
  let firstByte = null;
  const response = await fetch(`${stack.gatewayUrl.replace(/\/graphql$/, '')}${path}`, {
    headers: { authorization: `Bearer ${stack.key}` },
  });
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  let newlines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    firstByte ??= performance.now();
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) newlines += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rss.push(rssMiB(pid));
  // Rows: lines less the header (a cell never holds a newline in these rows).
  return { rows: newlines - 1, bytes, seconds, firstByteMs: firstByte - started, rss };
}

/**
 * The same report as a GraphQL report job: created, polled every 250 ms until SUCCEEDED (its progress and invoicing's
 * RSS sampled meanwhile), then its stored file downloaded through the gateway.
 */
async function reportJob(stack, report) {
  const gateway = stack.gatewayUrl;
  const graphql = async (query, variables) => {
    const response = await fetch(gateway, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const pid = stack.pids.invoicing;
  const rss = [rssMiB(pid)];
  const sampler = setInterval(() => rss.push(rssMiB(pid)), 100);
  const started = performance.now();
  const fields = 'id status rowsWritten rowsExpected bytes downloadPath error';
  const { createReport } = await graphql(`mutation ($r: ReportName!) { createReport(report: $r) { ${fields} } }`, { r: report });
  const progress = [];
  let job = createReport;
  while (job.status === 'QUEUED' || job.status === 'RUNNING') {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = (await graphql(`query ($id: ID!) { report(id: $id) { ${fields} } }`, { id: createReport.id })).report;
    if (job.status === 'RUNNING') progress.push(job.rowsWritten);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (job.status !== 'SUCCEEDED') throw new Error(`report job ${job.status}: ${job.error}`);
  const download = await streamReport(stack, job.downloadPath);
  return { job, seconds, progress, rss, download };
}

/** The ceiling: Postgres writing the same rows (the lines expanded from the invoices) as CSV, read by the bench. */
async function copyCeiling(databaseUrl, platformId) {
  const db = new Pool({ connectionString: databaseUrl, max: 1 });
  const client = await db.connect();
  try {
    const started = performance.now();
    let newlines = 0;
    const stream = client.query(
      copyTo(`COPY (SELECT i.id, i.number, i.status, i.customer_id, c.reference, i.subscription_id, i.period_start, i.period_end,
                           l->>'id', l->>'kind', l->>'productItemId', v.p->>'productItemName', v.p->>'chargeType', v.p->>'metricReference',
                           l->>'description', l->>'quantity', l->'breakdown', l->>'windowStart', l->>'windowEnd', l->>'amount',
                           l->>'deduction', l->>'credited', i.currency
                      FROM invoicing.invoices i JOIN invoicing.customers c ON c.platform_id = i.platform_id AND c.id = i.customer_id
                      CROSS JOIN LATERAL jsonb_array_elements(i.lines) l
                      LEFT JOIN LATERAL (SELECT p FROM invoicing.plan_versions pv, jsonb_array_elements(pv.snapshot->'prices') p
                                          WHERE pv.platform_id = i.platform_id AND p->>'productItemId' = l->>'productItemId' LIMIT 1) v ON true
                     WHERE i.platform_id = '${platformId}' ORDER BY i.period_start, i.id) TO STDOUT WITH (FORMAT csv, HEADER)`),
    );
    for await (const chunk of stream) for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) newlines += 1;
    return { rows: newlines - 1, seconds: (performance.now() - started) / 1000 };
  } finally {
    client.release();
    await db.end();
  }
}

async function main() {
  const version = codeVersion();
  const stack = await startBenchStack({}, { ownDatabase: true });
  const db = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  try {
    const seedSeconds = await seed(db, stack.platformId);
    console.log(
      `seeded ${INVOICES} ISSUED invoices × ${PER_INVOICE} lines = ${INVOICES * PER_INVOICE} lines in ${seedSeconds.toFixed(1)} s`,
    );
    const pid = stack.pids.invoicing;
    const before = { rss: rssMiB(pid), peak: peakRssMiB(pid) };
    const cpuBefore = cpuSnapshot(stack.pids);
    const lines = await streamReport(stack, '/v1/reports/invoice-lines');
    const cpu = cpuSince(cpuBefore, stack.pids);
    const afterLines = { rss: rssMiB(pid), peak: peakRssMiB(pid) };
    const headers = await streamReport(stack, '/v1/reports/invoices');
    const job = await reportJob(stack, 'INVOICE_LINES');
    const ceiling = await copyCeiling(stack.databaseUrl, stack.platformId);
    const rate = lines.rows / lines.seconds;
    const ceilingRate = ceiling.rows / ceiling.seconds;
    const maxRss = Math.max(...lines.rss);
    console.log(`  code: ${version}`);
    console.log(
      `invoice-lines through the gateway: ${lines.rows} rows, ${(lines.bytes / 1048576).toFixed(0)} MiB in ${lines.seconds.toFixed(1)} s = ${Math.round(rate)} rows/s (first byte after ${lines.firstByteMs.toFixed(0)} ms)`,
    );
    console.log(
      `  invoicing RSS: ${before.rss} MiB before, at most ${maxRss} MiB while streaming (${lines.rss.length} samples), ${afterLines.rss} MiB at the end; peak (VmHWM) ${before.peak} → ${afterLines.peak} MiB`,
    );
    console.log(`  ${cpu}`);
    console.log(
      `invoices (headers) through the gateway: ${headers.rows} rows in ${headers.seconds.toFixed(1)} s = ${Math.round(headers.rows / headers.seconds)} rows/s, invoicing RSS at most ${Math.max(...headers.rss)} MiB`,
    );
    console.log(
      `invoice-lines as a report job: ${job.job.rowsWritten} rows (${job.job.rowsExpected} expected), ${(job.job.bytes / 1048576).toFixed(0)} MiB written in ${job.seconds.toFixed(1)} s = ${Math.round(job.job.rowsWritten / job.seconds)} rows/s, progress seen at ${job.progress.length} polls (${job.progress.slice(0, 4).join(', ')}${job.progress.length > 4 ? ', …' : ''}); invoicing RSS at most ${Math.max(...job.rss)} MiB`,
    );
    console.log(
      `  its file through the gateway: ${job.download.rows} rows, ${job.download.bytes} bytes (the streamed report: ${lines.bytes} bytes) in ${job.download.seconds.toFixed(1)} s, invoicing RSS at most ${Math.max(...job.download.rss)} MiB`,
    );
    console.log(
      `ceiling, COPY (SELECT the same lines) TO STDOUT as CSV: ${ceiling.rows} rows in ${ceiling.seconds.toFixed(1)} s = ${Math.round(ceilingRate)} rows/s; the report reaches ${((rate / ceilingRate) * 100).toFixed(0)}% of it`,
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
