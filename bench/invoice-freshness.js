#!/usr/bin/env node
// Issue 6's first benchmark: how fresh a customer's DRAFT invoice is while usage flows in at a steady rate.
// Background load: `rate` events/s through POST /v1/events (one batch every `batchEveryMs`) spread round-robin over `customers`
// customers, each with an active subscription on a plan whose version prices the ingested metric. Probe customers
// (`probes` of them, with the same subscription) receive one event of value 1 at a time, carried inside a background
// batch; the clock starts when that batch's HTTP response arrives (acceptance) and stops when a GraphQL poll through the
// gateway (the probe customer's DRAFT invoice, found once with `invoices(customer, status: DRAFT)` and then read with
// `invoice(id)`, every waiting probe aliased in one request every `pollMs`) shows the usage line's quantity including
// it. Then the probe customer gets its next event. Afterwards the outbox and inbox rows of the probes' messages say where the time went.
// Usage: npm run build && [METERING_WORKERS=1] node bench/invoice-freshness.js [customers=1000] [rate=5000] [probes=20] [samples=200] [pollMs=15] [batchEveryMs=100]
// Prints figures; asserts nothing. Runs on a database of its own (dropped at the end): no other invoicing acts on it.
const { performance } = require('node:perf_hooks');
const { Pool } = require('pg');
const {
  codeVersion,
  cpuSince,
  cpuSnapshot,
  createCustomers,
  createSubscriptions,
  percentile,
  sampleDatabaseActivity,
  seedUsagePlan,
  sleep,
  startBenchStack,
  waitForCount,
} = require('./support');

const [CUSTOMERS = 1000, RATE = 5000, PROBES = 20, SAMPLES = 200, POLL_MS = 15, TICK_MS = 100] = process.argv.slice(2).map(Number);
const BATCH = Math.round((RATE * TICK_MS) / 1000);
const MAX_IN_FLIGHT = 8;
const WARMUP_MS = 5_000;
const MIN_MEASURE_MS = 30_000;
const MAX_MEASURE_MS = 180_000;
const METERING_WORKERS = process.env.METERING_WORKERS ?? '1';

const fmt = (sorted) =>
  sorted.length === 0
    ? 'n/a'
    : `p50 ${percentile(sorted, 0.5).toFixed(0)}, p95 ${percentile(sorted, 0.95).toFixed(0)}, p99 ${percentile(sorted, 0.99).toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}`;
const sorted = (values) => [...values].sort((a, b) => a - b);

async function main() {
  const version = codeVersion();
  const stack = await startBenchStack({ metering: { WORKERS: METERING_WORKERS } }, { ownDatabase: true });
  const db = new Pool({ connectionString: stack.databaseUrl, max: 3 });
  try {
    const seedStarted = performance.now();
    const planVersion = await seedUsagePlan(stack, 1);
    const background = Array.from({ length: CUSTOMERS }, (_, i) => `c${i}`);
    const probeRefs = Array.from({ length: PROBES }, (_, i) => `p${i}`);
    const ids = await createCustomers(stack, [...probeRefs, ...background]);
    const probeIds = ids.slice(0, PROBES);
    await createSubscriptions(stack, ids, planVersion);
    const total = CUSTOMERS + PROBES;
    await waitForCount(db, `SELECT count(*) AS n FROM metering.customers`, [], (n) => n >= total, 'metering to know every customer');
    await waitForCount(
      db,
      `SELECT count(*) AS n FROM invoicing.invoices WHERE status = 'DRAFT'`,
      [],
      (n) => n >= total,
      'a draft for every subscription',
    );
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    // Each probe customer's draft, found once through the API; polls read it by id, every probe in one request (the
    // aliased `invoice(id)` fields share one DataLoader query, where `invoices(customer:)` costs two queries per alias).
    const drafts = await stack.gql(
      `{ ${probeIds.map((id, i) => `a${i}: invoices(customer: "${id}", status: DRAFT, first: 1) { edges { node { id } } }`).join('\n')} }`,
    );

    const restUrl = stack.gatewayUrl.replace(/\/graphql$/, '/v1/events');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${stack.key}` };
    // Probe state: free (may get its next event) → sent (in a batch in flight) → accepted (polled) → free.
    const probes = probeIds.map((id, i) => ({
      i,
      id,
      ref: probeRefs[i],
      draftId: drafts[`a${i}`].edges[0].node.id,
      state: 'free',
      sent: 0,
      acceptedAt: 0,
      acceptedWall: 0,
    }));
    const samples = [];
    let accepted = 0;
    let batchesSent = 0;
    let skippedTicks = 0;
    let inFlight = 0;
    const batchLatencies = [];
    let stopping = false;
    let measureFrom = Infinity;
    let measuredEvents = 0;
    let measureStartedAt = 0;

    const sendBatch = async (k) => {
      const events = [];
      for (let j = 0; j < BATCH; j++) {
        events.push({
          meter_reference: 'api',
          customer_reference: background[(k * BATCH + j) % CUSTOMERS],
          reference: `b-${k}-${j}`,
          meter_values: [{ reference: 'v0', number: String((j % 9) + 1) }],
        });
      }
      const carried = [];
      if (performance.now() >= measureFrom) {
        for (const p of probes) {
          if (p.state !== 'free') continue;
          p.state = 'sent';
          p.sent += 1;
          carried.push(p);
          events.splice(Math.floor(Math.random() * events.length), 0, {
            meter_reference: 'api',
            customer_reference: p.ref,
            reference: `probe-${p.i}-${p.sent}`,
            meter_values: [{ reference: 'v0', number: '1' }],
          });
        }
      }
      inFlight += 1;
      const t0 = performance.now();
      const res = await fetch(restUrl, { method: 'POST', headers, body: JSON.stringify(events) });
      const body = await res.json();
      const now = performance.now();
      const wall = Date.now();
      inFlight -= 1;
      if (res.status !== 200 || body.accepted !== events.length) {
        throw new Error(`batch ${k}: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      }
      batchLatencies.push(now - t0);
      accepted += body.accepted;
      if (t0 >= measureStartedAt && measureStartedAt > 0) measuredEvents += body.accepted;
      for (const p of carried) {
        p.state = 'accepted';
        p.acceptedAt = now;
        p.acceptedWall = wall;
      }
    };

    let loadError;
    const load = (async () => {
      const start = performance.now();
      for (let k = 0; !stopping; k++) {
        const due = start + k * TICK_MS;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (inFlight >= MAX_IN_FLIGHT) {
          skippedTicks += 1;
          continue;
        }
        batchesSent += 1;
        sendBatch(k).catch((error) => {
          loadError ??= error;
          stopping = true;
        });
      }
      while (inFlight > 0) await sleep(10);
    })();

    // Diagnostics once a second: what waits where (metering outbox, invoicing's consumer of METERING, refresh requests).
    const gauges = [];
    const rounds = new Map();
    // A refresher round stamps every draft it writes with the instant it started: one refreshed_at per round. Looked at
    // every 100 ms, before a later round stamps those drafts again.
    const roundSampler = (async () => {
      while (!stopping) {
        await sleep(100);
        if (performance.now() < measureFrom) continue;
        const { rows } = await db.query(
          `SELECT refreshed_at AS at, count(*)::int AS n FROM invoicing.invoices WHERE refreshed_at > now() - interval '1 second' GROUP BY 1`,
        );
        for (const r of rows) rounds.set(r.at.getTime(), Math.max(rounds.get(r.at.getTime()) ?? 0, r.n));
      }
    })();
    const diagnostics = (async () => {
      while (!stopping) {
        await sleep(1000);
        if (performance.now() < measureFrom) continue;
        const [bus, pending, refreshed] = await Promise.all([
          stack.busGauges(),
          db.query(`SELECT count(DISTINCT customer_id)::int AS n FROM invoicing.draft_refresh_requests`),
          db.query(`SELECT count(*)::int AS n FROM invoicing.invoices WHERE refreshed_at > now() - interval '1 second'`),
        ]);
        gauges.push({
          outbox: bus.metering.outbox,
          lag: Object.entries(bus.invoicing.lag).find(([s]) => s.startsWith('METERING'))?.[1] ?? 0,
          pending: pending.rows[0].n,
          refreshedPerSecond: refreshed.rows[0].n,
        });
      }
    })();

    // The poller: one aliased GraphQL request for every probe whose event was accepted and not yet seen.
    const pollRtts = [];
    let polls = 0;
    const poller = (async () => {
      while (!stopping) {
        const waiting = probes.filter((p) => p.state === 'accepted');
        const started = performance.now();
        if (waiting.length > 0) {
          const query = `{ ${waiting.map((p) => `a${p.i}: invoice(id: "${p.draftId}") { status refreshedAt lines { quantity } }`).join('\n')} }`;
          const data = await stack.gql(query);
          const got = performance.now();
          polls += 1;
          pollRtts.push(got - started);
          for (const p of waiting) {
            const node = data[`a${p.i}`];
            if (node.status !== 'DRAFT') throw new Error(`probe ${p.ref}'s invoice is ${node.status}`);
            const quantity = Number(node?.lines[0]?.quantity ?? 0);
            if (p.state !== 'accepted' || quantity < p.sent) continue;
            samples.push({
              probe: p.i,
              seq: p.sent,
              observed: got - p.acceptedAt,
              pollSent: started - p.acceptedAt,
              acceptedWall: p.acceptedWall,
              refreshed: Date.parse(node.refreshedAt) - p.acceptedWall,
            });
            p.state = 'free';
          }
        }
        const rest = POLL_MS - (performance.now() - started);
        if (rest > 0) await sleep(rest);
      }
    })();

    // Warm-up without probes, then measure until enough samples (and at least MIN_MEASURE_MS).
    const loadStarted = performance.now();
    measureFrom = loadStarted + WARMUP_MS;
    await sleep(WARMUP_MS);
    measureStartedAt = performance.now();
    const cpuBefore = cpuSnapshot(stack.pids);
    const activity = sampleDatabaseActivity(stack.databaseUrl);
    while (!stopping) {
      await sleep(250);
      const elapsed = performance.now() - measureStartedAt;
      if ((samples.length >= SAMPLES && elapsed >= MIN_MEASURE_MS) || elapsed >= MAX_MEASURE_MS) break;
    }
    const measuredSeconds = (performance.now() - measureStartedAt) / 1000;
    const stoppedAt = performance.now();
    // Probes accepted and never seen: censored samples, at least this old; with a growing backlog they are the worst.
    const unseen = sorted(probes.filter((p) => p.state === 'accepted').map((p) => stoppedAt - p.acceptedAt));
    stopping = true;
    await Promise.all([load, poller, diagnostics, roundSampler]);
    const cpu = cpuSince(cpuBefore, stack.pids);
    const dbActivity = await activity.stop();
    if (loadError) throw loadError;

    // Where the time went, per probe event: its metering.usage.recorded message (the k-th one naming the probe
    // customer carries its k-th event) was written to metering's outbox, published, then consumed by invoicing.
    const stages = await db.query(
      `SELECT d->>'customerId' AS customer, o.seq, o.created_at, o.sent_at, i.received_at
         FROM metering.outbox o CROSS JOIN LATERAL jsonb_array_elements(o.envelope::jsonb->'data'->'items') d
         LEFT JOIN invoicing.inbox i ON i.message_id = o.id
        WHERE o.type = 'metering.usage.recorded' AND d->>'customerId' = ANY($1::text[])
        ORDER BY o.seq`,
      [probeIds],
    );
    const messagesOf = new Map(probeIds.map((id) => [id, []]));
    for (const row of stages.rows) {
      const list = messagesOf.get(row.customer);
      if (list[list.length - 1]?.seq !== row.seq) list.push(row);
    }
    const stage = { outboxWritten: [], published: [], consumed: [] };
    for (const s of samples) {
      const m = messagesOf.get(probeIds[s.probe])[s.seq - 1];
      if (!m) continue;
      stage.outboxWritten.push(m.created_at.getTime() - s.acceptedWall);
      if (m.sent_at) stage.published.push(m.sent_at.getTime() - s.acceptedWall);
      if (m.received_at) stage.consumed.push(m.received_at.getTime() - s.acceptedWall);
    }

    const observed = sorted(samples.map((s) => s.observed));
    const lower = sorted(samples.map((s) => s.pollSent));
    const refreshed = sorted(samples.map((s) => s.refreshed));
    const rtts = sorted(pollRtts);
    const avg = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const max = (xs) => xs.reduce((a, b) => Math.max(a, b), 0);
    console.log(
      `invoice freshness: ${CUSTOMERS} background customers + ${PROBES} probe customers, each with an active subscription (1 usage item); ` +
        `METERING_WORKERS=${METERING_WORKERS}, INVOICE_* defaults (refresher idle poll 100 ms)`,
    );
    console.log(`  code: ${version}`);
    console.log(`  seeding (plan, customers, subscriptions, drafts): ${seedSeconds.toFixed(1)} s`);
    console.log(
      `  ingest: target ${RATE} events/s (${BATCH} every ${TICK_MS} ms); achieved ${Math.round(measuredEvents / measuredSeconds)} events/s over ` +
        `${measuredSeconds.toFixed(1)} s measured (after ${WARMUP_MS / 1000} s warm-up; ${accepted} accepted in all, ${batchesSent} batches, ` +
        `${skippedTicks} ticks skipped with ${MAX_IN_FLIGHT} in flight); batch latency ms ${fmt(sorted(batchLatencies))}`,
    );
    console.log(
      `  polling: every ${POLL_MS} ms (${polls} polls), poll round trip ms p50 ${percentile(rtts, 0.5)?.toFixed(1)}, p99 ${percentile(rtts, 0.99)?.toFixed(1)}; ` +
        `resolution: a sample is late by at most one interval plus one round trip`,
    );
    console.log(`  acceptance → draft shows it (first poll answer with it), ms, ${samples.length} samples: ${fmt(observed)}`);
    console.log(`    same, to the send of that poll (lower bound), ms: ${fmt(lower)}`);
    console.log(
      `    probes accepted but not yet seen at the end: ${unseen.length}${unseen.length ? ` (waiting for ${fmt(unseen)} ms; not in the samples)` : ''}`,
    );
    console.log(`  where the time goes (ms after acceptance, same samples):`);
    console.log(`    metering outbox row written: ${fmt(sorted(stage.outboxWritten))}`);
    console.log(`    published to NATS (outbox sent_at): ${fmt(sorted(stage.published))}`);
    console.log(`    consumed by invoicing (inbox received_at): ${fmt(sorted(stage.consumed))}`);
    console.log(`    draft refresh round that included it started (refreshedAt): ${fmt(refreshed)}`);
    console.log(
      `  once a second: metering outbox backlog mean ${avg(gauges.map((g) => g.outbox)).toFixed(0)} max ${max(gauges.map((g) => g.outbox))}; ` +
        `invoicing lag on METERING mean ${avg(gauges.map((g) => g.lag)).toFixed(0)} max ${max(gauges.map((g) => g.lag))}; ` +
        `customers waiting for a refresh mean ${avg(gauges.map((g) => g.pending)).toFixed(0)} max ${max(gauges.map((g) => g.pending))}; ` +
        `distinct drafts refreshed in the last second mean ${avg(gauges.map((g) => g.refreshedPerSecond)).toFixed(0)}`,
    );
    const starts = [...rounds.keys()].sort((a, b) => a - b);
    const gaps = sorted(starts.slice(1).map((t, i) => t - starts[i]));
    const sizes = sorted(starts.map((t) => rounds.get(t)));
    console.log(
      `  refresher rounds (seen through the drafts' refreshedAt, sampled every 100 ms): ${(starts.length / measuredSeconds).toFixed(1)} rounds/s; ` +
        `drafts per round ${fmt(sizes)} (at least: later rounds may restamp some); start-to-start ms ${fmt(gaps)}`,
    );
    console.log(`  database sessions seen every 100 ms (share of samples, what they wait for, statement):`);
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
