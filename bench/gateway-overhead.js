#!/usr/bin/env node
// Issue 7 point 8: what the gateway costs on a realistic read. 20 DRAFT invoices with their customer, lines and the
// lines' product items, read (a) through the gateway as one GraphQL query and (b) straight from the subgraphs the way
// the gateway's query plan does it: invoicing (invoices, lines, customer and product item ids), then one batched
// `_entities` call to subscriptions (customers) and one to catalog (product items) in parallel, each with freshly
// signed tenant headers, the bench assembling the same JSON. The subgraph operations are the plan's own fetches (checked
// against @apollo/query-planner at start), and the answers of both paths are checked to be equal once.
// After a warm-up (the gateway's query-plan and document caches warm, connections open), each path runs for `seconds`
// with `concurrency` requests in flight (a closed loop), one after the other (gateway, then direct; `rounds` times):
// requests/s, latency p50/p95/p99, the overhead as ratios, CPU per process and per request.
// Usage: npm run build && node bench/gateway-overhead.js [seconds=20] [concurrency=8] [warmup=200] [rounds=1]
// Prints figures; asserts nothing. Runs on a database of its own (dropped at the end).
const { performance } = require('node:perf_hooks');
const { isDeepStrictEqual } = require('node:util');
const { Client } = require('pg');
const {
  aliased,
  batchedMutations,
  codeVersion,
  cpuSince,
  cpuSnapshot,
  createCustomers,
  percentile,
  runConcurrently,
  sleep,
  startBenchStack,
  waitForCount,
} = require('./support');

const [SECONDS = 20, CONCURRENCY = 8, WARMUP = 200, ROUNDS = 1] = process.argv.slice(2).map(Number);
const CUSTOMERS = 20;
const IDLE_SECONDS = 5;

/** The read, as a client sends it to the gateway. */
const QUERY = `{ invoices(first: 20, status: DRAFT) { edges { node { id number status total { amount currency } customer { id reference name } lines { description quantity amount { amount } productItem { id name } } } } } }`;
/** The gateway's query plan for it: these three fetches (invoicing, then the other two in parallel), verbatim. */
const PLAN = {
  invoicing:
    '{invoices(first:20 status:DRAFT){edges{node{id number status total{amount currency}customer{__typename id}lines{description quantity amount{amount}productItem{__typename id}}}}}}',
  subscriptions: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Customer{reference name}}}',
  catalog: 'query($representations:[_Any!]!){_entities(representations:$representations){...on ProductItem{name}}}',
};

/** The subgraph fetches of the gateway's plan for QUERY, from the same planner and supergraph the gateway uses. */
function plannedFetches() {
  const { Supergraph, operationFromDocument } = require('@apollo/federation-internals');
  const { QueryPlanner } = require('@apollo/query-planner');
  const { parse } = require('graphql');
  const { readSupergraph } = require('@meterline/contracts');
  const supergraph = Supergraph.build(readSupergraph());
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(QUERY)));
  const fetches = [];
  const walk = (node) => {
    if (!node) return;
    if (node.kind === 'Fetch') fetches.push({ service: node.serviceName, operation: node.operation });
    for (const child of node.nodes ?? []) walk(child);
    walk(node.node);
  };
  walk(plan.node);
  return fetches;
}

const ms = (x) => (x === undefined ? 'n/a' : x.toFixed(1));
const fmt = (sorted) => `p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(percentile(sorted, 0.95))}, p99 ${ms(percentile(sorted, 0.99))} ms`;

/** Runs `work()` with `concurrency` in flight until `seconds` have passed (then lets those in flight finish). */
async function runFor(seconds, concurrency, work) {
  const latencies = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await work();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { latencies: latencies.sort((a, b) => a - b), rps: latencies.length / elapsed, elapsed, count: latencies.length };
}

/**
 * CPU seconds per service of the stack (and the bench client) between two cpuSnapshot()s, and of the Postgres backends
 * serving the bench's own database (`backends`: their pids; the other clients' work on the machine is left out).
 */
function cpuPerService(before, after, backends) {
  const out = {};
  for (const [pid, p] of after.processes) {
    const group = p.service ?? (backends.has(pid) ? 'postgres (bench db)' : null);
    if (!group) continue;
    out[group] = (out[group] ?? 0) + Math.max(0, p.seconds - (before.processes.get(pid)?.seconds ?? 0));
  }
  return out;
}

async function main() {
  const version = codeVersion();
  const stack = await startBenchStack({}, { ownDatabase: true });
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    // The plan the gateway runs must be the fetches the direct path sends, or the comparison is not like for like.
    const planned = plannedFetches();
    const matches = planned.length === 3 && planned.every((f) => PLAN[f.service] === f.operation) && planned[0].service === 'invoicing';
    if (!matches) throw new Error(`the gateway's plan changed; update PLAN:\n${JSON.stringify(planned, null, 2)}`);

    // Seeding: a meter with two metrics, a product with a recurring fee, a per-seat item and two usage items, a plan
    // version pricing all four, 20 customers on it (so 20 DRAFT invoices of 4 lines), usage on both metrics for each.
    const seedStarted = performance.now();
    await stack.gql(`mutation { createMeter(input: { reference: "api", name: "API", values: [{ reference: "calls", type: NUMBER } { reference: "gb", type: NUMBER }],
      metrics: [{ reference: "api_calls", aggregation: SUM, valueReference: "calls" } { reference: "storage_gb", aggregation: SUM, valueReference: "gb" }] }) { id } }`);
    await stack.gql(`mutation { changeMeterStatus(meter: "api", action: ACTIVATE) { id } }`);
    await stack.gql(`mutation { createProduct(input: { reference: "platform", name: "Platform" }) { id } }`);
    const items = [
      { reference: 'fee', name: 'Platform fee', chargeType: 'RECURRING', price: 'model: FLAT, amount: "49"', timing: 'IN_ADVANCE' },
      { reference: 'seats', name: 'Seats', chargeType: 'SEAT', price: 'model: PER_UNIT, unitPrice: "12.50"', timing: 'IN_ADVANCE' },
      { reference: 'calls', name: 'API calls', chargeType: 'USAGE', metric: 'api_calls', price: 'model: PER_UNIT, unitPrice: "0.002"' },
      { reference: 'storage', name: 'Storage', chargeType: 'USAGE', metric: 'storage_gb', price: 'model: PER_UNIT, unitPrice: "0.10"' },
    ];
    await stack.gql(
      `mutation { ${aliased(items.length, (i) => {
        const it = items[i];
        const usage = it.metric ? `, meterReference: "api", metricReference: "${it.metric}"` : '';
        return `createProductItem(input: { product: "platform", reference: "${it.reference}", name: "${it.name}", chargeType: ${it.chargeType}${usage} }) { id }`;
      })} }`,
    );
    await stack.gql(`mutation { changeProductStatus(product: "platform", action: ACTIVATE) { status } }`);
    const { createPricingPlan } = await stack.gql(
      `mutation { createPricingPlan(input: { reference: "team", name: "Team", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
    );
    const planVersion = createPricingPlan.versions[0].id;
    await stack.gql(
      `mutation { ${aliased(items.length, (i) => {
        const it = items[i];
        const timing = it.timing ? `, recurringTiming: ${it.timing}` : '';
        return `setPrice(input: { planVersion: "${planVersion}", productItem: "${it.reference}", price: { ${it.price} }${timing} }) { id }`;
      })} }`,
    );
    await stack.gql(`mutation { changePlanVersionStatus(planVersion: "${planVersion}", action: ACTIVATE) { status } }`);
    const references = Array.from({ length: CUSTOMERS }, (_, i) => `customer-${String(i).padStart(2, '0')}`);
    const customerIds = await createCustomers(stack, references);
    // The plan version reaches subscriptions over NATS: retry the first subscription until it is known there.
    const subscribe = (i) =>
      `createSubscription(input: { customer: "${customerIds[i]}", planVersion: "${planVersion}", seats: ${1 + (i % 5)} }) { id }`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await stack.gql(`mutation { ${subscribe(0)} }`);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(200);
      }
    }
    await batchedMutations(
      stack,
      customerIds.slice(1).map((_, k) => k + 1),
      subscribe,
    );
    await waitForCount(db, `SELECT count(*) AS n FROM metering.customers`, [], (n) => n >= CUSTOMERS, 'metering to know every customer');
    const events = references.flatMap((customer, i) =>
      Array.from({ length: 5 }, (_, k) => ({
        meter_reference: 'api',
        customer_reference: customer,
        reference: `e-${i}-${k}`,
        meter_values: [
          { reference: 'calls', number: String(100 * (i + 1) + k) },
          { reference: 'gb', number: String((i % 7) + k + 1) },
        ],
      })),
    );
    const res = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/v1/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.key}` },
      body: JSON.stringify(events),
    });
    const accepted = await res.json();
    if (res.status !== 200 || accepted.accepted !== events.length) throw new Error(`events: ${res.status} ${JSON.stringify(accepted)}`);
    // 20 drafts, each with its 4 lines, every line with an amount (usage included), read through the gateway.
    let drafts;
    const draftDeadline = Date.now() + 120_000;
    for (;;) {
      drafts = await stack.gql(QUERY);
      const edges = drafts.invoices.edges;
      const complete =
        edges.length === CUSTOMERS &&
        edges.every((e) => e.node.lines.length >= 4 && e.node.lines.every((l) => Number(l.amount.amount) > 0));
      if (complete) break;
      if (Date.now() > draftDeadline) throw new Error(`drafts not complete after 120 s: ${JSON.stringify(drafts).slice(0, 1000)}`);
      await sleep(250);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // The two paths. Request bodies that do not depend on an answer are made once, before the clock runs.
    const gatewayBody = JSON.stringify({ query: QUERY });
    const gatewayHeaders = { 'content-type': 'application/json', authorization: `Bearer ${stack.key}` };
    const viaGateway = async () => {
      const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: gatewayHeaders, body: gatewayBody });
      const body = await response.json();
      if (response.status !== 200 || body.errors) throw new Error(`gateway: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
      return body.data;
    };
    const invoicingBody = JSON.stringify({ query: PLAN.invoicing });
    const subgraph = async (name, body) => {
      const response = await fetch(stack.subgraphUrls[name], {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...stack.tenantHeaders('admin') },
        body,
      });
      const answer = await response.json();
      if (response.status !== 200 || answer.errors) throw new Error(`${name}: ${response.status} ${JSON.stringify(answer).slice(0, 500)}`);
      return answer.data;
    };
    const legs = { invoicing: [], entities: [] };
    const direct = async () => {
      const t0 = performance.now();
      const { invoices } = await subgraph('invoicing', invoicingBody);
      const t1 = performance.now();
      // Representations as the gateway makes them: one per occurrence, in order (no de-duplication: 20 customers, one
      // product item per line).
      const customerReps = invoices.edges.map((e) => e.node.customer);
      const itemReps = invoices.edges.flatMap((e) => e.node.lines.map((l) => l.productItem).filter(Boolean));
      const [customers, productItems] = await Promise.all([
        subgraph('subscriptions', JSON.stringify({ query: PLAN.subscriptions, variables: { representations: customerReps } })),
        itemReps.length > 0
          ? subgraph('catalog', JSON.stringify({ query: PLAN.catalog, variables: { representations: itemReps } }))
          : { _entities: [] },
      ]);
      legs.invoicing.push(t1 - t0);
      legs.entities.push(performance.now() - t1);
      let k = 0;
      return {
        invoices: {
          edges: invoices.edges.map(({ node }, i) => ({
            node: {
              id: node.id,
              number: node.number,
              status: node.status,
              total: node.total,
              customer: { id: node.customer.id, ...customers._entities[i] },
              lines: node.lines.map((l) => ({
                description: l.description,
                quantity: l.quantity,
                amount: l.amount,
                productItem: l.productItem ? { id: l.productItem.id, ...productItems._entities[k++] } : null,
              })),
            },
          })),
        },
      };
    };

    // Once: both give the same data.
    const [fromGateway, fromSubgraphs] = [await viaGateway(), await direct()];
    const same = isDeepStrictEqual(fromGateway, fromSubgraphs) && JSON.stringify(fromGateway) === JSON.stringify(fromSubgraphs);
    if (!same) {
      throw new Error(
        `the paths disagree:\ngateway ${JSON.stringify(fromGateway).slice(0, 800)}\ndirect  ${JSON.stringify(fromSubgraphs).slice(0, 800)}`,
      );
    }
    const lines = fromGateway.invoices.edges.reduce((n, e) => n + e.node.lines.length, 0);
    const distinctItems = new Set(fromGateway.invoices.edges.flatMap((e) => e.node.lines.map((l) => l.productItem?.id))).size;
    const answerBytes = JSON.stringify({ data: fromGateway }).length;

    // Warm-up: the gateway's query plan and parsed documents cached, every subgraph's too, connections open, JIT warm.
    await runConcurrently(WARMUP, CONCURRENCY, viaGateway);
    await runConcurrently(WARMUP, CONCURRENCY, direct);

    // The stack's background work (outbox relays, invoicing's refresher, pollers) meanwhile, measured idle for a few
    // seconds: CPU per request is shown net of it, so a slower phase is not charged more background per request.
    const backends = async () =>
      new Set((await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map((r) => r.pid));
    let pids = await backends();
    const idleBefore = cpuSnapshot(stack.pids);
    await sleep(IDLE_SECONDS * 1000);
    const idleAfter = cpuSnapshot(stack.pids);
    const idleRate = Object.fromEntries(
      Object.entries(cpuPerService(idleBefore, idleAfter, pids)).map(([service, s]) => [
        service,
        s / (Number(idleAfter.at - idleBefore.at) / 1e9),
      ]),
    );
    const idleLine = cpuSince(idleBefore, stack.pids);

    const results = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, work] of [
        ['gateway', viaGateway],
        ['direct', direct],
      ]) {
        legs.invoicing = [];
        legs.entities = [];
        pids = await backends();
        const before = cpuSnapshot(stack.pids);
        const run = await runFor(SECONDS, CONCURRENCY, work);
        const after = cpuSnapshot(stack.pids);
        const cpu = cpuSince(before, stack.pids);
        results.push({
          round,
          name,
          ...run,
          cpu,
          perService: cpuPerService(before, after, new Set([...pids, ...(await backends())])),
          legs:
            name === 'direct'
              ? { invoicing: legs.invoicing.sort((a, b) => a - b), entities: legs.entities.sort((a, b) => a - b) }
              : undefined,
        });
      }
    }

    console.log(
      `gateway overhead: ${CUSTOMERS} DRAFT invoices (${lines} lines, ${distinctItems} product items) with customer, lines and product items; ` +
        `${CONCURRENCY} in flight, ${SECONDS} s per path after ${WARMUP} warm-up requests each; RATE_LIMIT_PER_SECOND lifted by startBenchStack`,
    );
    console.log(`  code: ${version}`);
    console.log(`  seeding (catalog, customers, subscriptions, usage, drafts complete): ${seedSeconds.toFixed(1)} s`);
    console.log(
      `  gateway: 1 request (${answerBytes} bytes answered); its plan: invoicing, then subscriptions _entities (${CUSTOMERS} representations) ` +
        `‖ catalog _entities (${lines} representations); direct: the same 3 fetches, signed, assembled in the bench; same data: yes`,
    );
    const idle = Object.entries(idleRate)
      .filter(([, x]) => x >= 0.0005)
      .sort((a, b) => b[1] - a[1])
      .map(([service, x]) => `${service} ${(x * 1000).toFixed(0)}`)
      .join(', ');
    console.log(`  idle stack, CPU ms per second over ${IDLE_SECONDS} s: ${idle}`);
    console.log(`           ${idleLine}`);
    for (const r of results) {
      const header = `  ${ROUNDS > 1 ? `round ${r.round + 1} ` : ''}${r.name.padEnd(7)}`;
      console.log(`${header}: ${r.rps.toFixed(1)} requests/s (${r.count} in ${r.elapsed.toFixed(1)} s); latency ${fmt(r.latencies)}`);
      if (r.legs) {
        console.log(`           invoicing leg ${fmt(r.legs.invoicing)}; _entities legs (parallel) ${fmt(r.legs.entities)}`);
      }
      const net = Object.entries(r.perService)
        .map(([service, s]) => [service, (Math.max(0, s - (idleRate[service] ?? 0) * r.elapsed) * 1000) / r.count])
        .sort((a, b) => b[1] - a[1]);
      const total = net.reduce((sum, [, x]) => sum + x, 0);
      const perRequest = net
        .filter(([, x]) => x >= 0.005)
        .map(([service, x]) => `${service} ${x.toFixed(2)}`)
        .join(', ');
      console.log(`           CPU ms per request, net of idle: ${total.toFixed(1)} in all: ${perRequest}`);
      console.log(`           ${r.cpu}`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      const g = results.find((r) => r.round === round && r.name === 'gateway');
      const d = results.find((r) => r.round === round && r.name === 'direct');
      const ratio = (p) => (percentile(g.latencies, p) / percentile(d.latencies, p)).toFixed(2);
      console.log(
        `  overhead${ROUNDS > 1 ? ` (round ${round + 1})` : ''}: gateway p95 / direct p95 = ${ratio(0.95)} ` +
          `(p50 ${ratio(0.5)}, p99 ${ratio(0.99)}); direct RPS / gateway RPS = ${(d.rps / g.rps).toFixed(2)}; ` +
          `gateway adds ${(percentile(g.latencies, 0.5) - percentile(d.latencies, 0.5)).toFixed(1)} ms at p50, ` +
          `${(percentile(g.latencies, 0.95) - percentile(d.latencies, 0.95)).toFixed(1)} ms at p95`,
      );
    }
  } finally {
    await db.end().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
