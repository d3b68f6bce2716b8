// Shared by the benchmarks: the stack on free ports in its own bus namespace, a tenant, GraphQL, timing helpers.
require('reflect-metadata');
const { randomBytes } = require('node:crypto');
const { readdirSync, readFileSync } = require('node:fs');
const { dropDatabase, ensureDatabase, signTenantHeaders, systemClock } = require('@meterline/kit');
const { deleteNamespaceStreams, freePorts, newBusNamespace, testInfrastructure } = require('@meterline/kit/testing');
const { createApiKey, createPlatform, openAccessDatabase } = require('@meterline/gateway');
const { launchStack, serviceSpecs, setStackClock } = require('@meterline/stack');

/**
 * Starts the whole stack. Options: `ownDatabase` (a database of its own, dropped at stop: invoicing's background jobs act
 * on every platform of their database by their own clock, so another invoicing on the shared database, a test's, would
 * refresh or issue the bench's drafts, and the bench's would issue the tests'); `testClock` (every process on a settable
 * business clock, moved with `setClock`). The stack is also stopped (and its database dropped) on SIGINT/SIGTERM and
 * on an uncaught error.
 */
async function startBenchStack(serviceEnv = {}, options = {}) {
  const infra = await testInfrastructure();
  const ports = {};
  const specs = serviceSpecs();
  (await freePorts(specs.length)).forEach((port, i) => (ports[specs[i].name] = port));
  const namespace = newBusNamespace();
  let databaseUrl = infra.databaseUrl;
  if (options.ownDatabase) {
    const own = new URL(infra.databaseUrl);
    own.pathname = `/meterline_bench_${namespace}`;
    databaseUrl = own.toString();
    await ensureDatabase(databaseUrl);
  }
  const signingSecret = randomBytes(16).toString('hex');
  let stack;
  let stopped;
  const stopAll = () =>
    (stopped ??= (async () => {
      await stack?.stop();
      await deleteNamespaceStreams(infra.natsUrl, namespace).catch(() => undefined);
      if (options.ownDatabase) await dropDatabase(databaseUrl).catch(() => undefined);
    })());
  // On Ctrl-C, SIGTERM or a crash (an error in a loop nobody awaits yet), the services are stopped before the process
  // exits; errors raised meanwhile (requests to services going away) are ignored.
  let exiting = false;
  const exitAfterStop = (code) => {
    if (exiting) return;
    exiting = true;
    void stopAll().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => {
    console.error('SIGINT: stopping the bench stack');
    exitAfterStop(130);
  });
  process.on('SIGTERM', () => exitAfterStop(143));
  for (const event of ['uncaughtException', 'unhandledRejection']) {
    process.on(event, (error) => {
      if (!exiting) console.error(error);
      exitAfterStop(1);
    });
  }
  try {
    stack = await launchStack({
      env: {
        DATABASE_URL: databaseUrl,
        NATS_URL: infra.natsUrl,
        BUS_NAMESPACE: namespace,
        TENANT_SIGNING_SECRET: signingSecret,
        LOG_LEVEL: 'error',
      },
      ports,
      // The gateway's per-key rate limit is not what a bench measures: lifted (a bench's own values still win).
      serviceEnv: { ...serviceEnv, gateway: { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000', ...serviceEnv.gateway } },
      testClock: options.testClock,
      output: process.env.BENCH_LOG ? (service, line) => console.error(`[${service}] ${line}`) : undefined,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  const ds = await openAccessDatabase(databaseUrl);
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
  return {
    ...stack,
    infra,
    /** The stack's bus namespace: a bench subscribes to the stack's events in it. */
    namespace,
    databaseUrl,
    platformId,
    key,
    gql,
    /** The secret with which the gateway signs tenant headers: a bench may talk to a subgraph directly, as the gateway does. */
    signingSecret,
    /** Each subgraph's GraphQL endpoint (`{ invoicing: 'http://127.0.0.1:…/graphql', … }`), the gateway's upstreams. */
    subgraphUrls: Object.fromEntries(
      Object.entries(stack.urls)
        .filter(([name]) => name !== 'gateway')
        .map(([name, base]) => [name, `${base}/graphql`]),
    ),
    /** Freshly signed tenant headers for the bench's platform (what the gateway adds to each subgraph request). */
    tenantHeaders: (role = 'admin') => signTenantHeaders(signingSecret, { platformId, role }, systemClock),
    /** Moves business time in every process (launched with `testClock: true`). */
    setClock: (to) => setStackClock(stack, to),
    /** Gauges of every subgraph's /metrics: outbox backlog and consumer lag per stream (what waits where). */
    busGauges: () => busGauges(stack.urls),
    stop: stopAll,
  };
}

/** `{ metering: { outbox: n, lag: { STREAM: n } }, … }` from the services' Prometheus gauges. */
async function busGauges(urls) {
  const out = {};
  await Promise.all(
    Object.entries(urls)
      .filter(([name]) => name !== 'gateway')
      .map(async ([name, base]) => {
        const text = await fetch(`${base}/metrics`).then((r) => r.text());
        const gauges = { outbox: 0, lag: {} };
        for (const line of text.split('\n')) {
          let m = /^\w*outbox_backlog(?:\{[^}]*\})? (\d+)/.exec(line);
          if (m) gauges.outbox = Number(m[1]);
          m = /^\w*consumer_lag\{[^}]*stream="([^"]+)"[^}]*\} (\d+)/.exec(line);
          if (m) gauges.lag[m[1].replace(/_T[0-9A-F]+$/, '')] = Number(m[2]);
        }
        out[name] = gauges;
      }),
  );
  return out;
}

/** Peak resident memory of a process and its worker processes in MiB (Linux VmHWM, summed). */
function peakRssMiB(pid) {
  const own = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return Math.round(Number(own ? own[1] : 0) / 1024) + children.reduce((sum, child) => sum + peakRssMiB(Number(child)), 0);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Runs `work(i)` for i in [0, count) with `concurrency` in flight; returns each call's latency in ms. */
async function runConcurrently(count, concurrency, work) {
  const latencies = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        await work(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/** `a0: mutation(...) a1: ...`: many operations in one GraphQL request; `field(i)` is the i-th selection, unaliased. */
function aliased(count, field) {
  return Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join('\n');
}

/** Process ids of `pid` and all its descendants. */
function processTree(pid) {
  let children = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * CPU time (seconds, user + system) of every process on the machine, grouped: this bench and its stack (per service),
 * Postgres (all its clients' work, the bench's included), NATS, and everything else (another engineer's tests).
 * `cpuSince(before)` turns two snapshots into the CPU each group used in between, so a report can say whether the
 * machine was shared.
 */
function cpuSnapshot(stackPids = {}) {
  const tick = 100; // USER_HZ on Linux
  const serviceOf = new Map([[process.pid, 'bench client']]);
  for (const [name, pid] of Object.entries(stackPids)) for (const p of processTree(pid)) serviceOf.set(p, name);
  const processes = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / tick;
    const pid = Number(entry);
    const service = serviceOf.get(pid);
    const group = service ? 'bench' : comm.startsWith('postgres') ? 'postgres' : comm.startsWith('nats') ? 'nats' : 'other';
    processes.set(pid, { comm, seconds, group, service });
  }
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const jiffies = cpu.split(/\s+/).slice(1).map(Number);
  const idle = (jiffies[3] + jiffies[4]) / tick;
  const total = jiffies.reduce((a, b) => a + b, 0) / tick;
  return { at: process.hrtime.bigint(), processes, busy: total - idle };
}

/** A process's command line, shortened to what tells it apart (`node …/jest …`). */
function describeProcess(pid, comm) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const telling = args.slice(1).find((a) => !a.startsWith('-')) ?? '';
    return `${comm}[${telling.split('/').slice(-3).join('/').slice(0, 60)}]`;
  } catch {
    return comm;
  }
}

/**
 * What each group used since `before` (per process still alive: its CPU since then, or since it started), the
 * busiest other processes, and the load average, as one line. "Everything else" is the machine's busy time minus the
 * groups, so it includes processes that ended in between.
 */
function cpuSince(before, stackPids = {}) {
  const cores = require('node:os').availableParallelism();
  const after = cpuSnapshot(stackPids);
  const wall = Number(after.at - before.at) / 1e9;
  const groups = { bench: 0, postgres: 0, nats: 0 };
  const services = {};
  const others = [];
  for (const [pid, p] of after.processes) {
    const used = Math.max(0, p.seconds - (before.processes.get(pid)?.seconds ?? 0));
    if (p.group === 'other') others.push({ pid, comm: p.comm, used });
    else groups[p.group] += used;
    if (p.service) services[p.service] = (services[p.service] ?? 0) + used;
  }
  const busy = after.busy - before.busy;
  const rest = Math.max(0, busy - groups.bench - groups.postgres - groups.nats);
  const busiest = others
    .filter((p) => p.used >= 0.5)
    .sort((a, b) => b.used - a.used)
    .slice(0, 4)
    .map((p) => `${describeProcess(p.pid, p.comm)} ${p.used.toFixed(1)}`);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return (
    `CPU over ${wall.toFixed(0)} s (${cores} cores = ${(cores * wall).toFixed(0)} cpu-s): machine busy ${busy.toFixed(0)} cpu-s; ` +
    `bench+stack ${groups.bench.toFixed(0)} (${Object.entries(services)
      .map(([name, used]) => `${name} ${used.toFixed(0)}`)
      .join(', ')}), postgres (every client) ${groups.postgres.toFixed(0)}, nats ${groups.nats.toFixed(0)}, ` +
    `everything else ${rest.toFixed(0)}${busiest.length ? ` (busiest still running: ${busiest.join(', ')})` : ''}; load average ${load}`
  );
}

/** Which code a bench ran: the checked-out commit and when the services' entry files were last built. */
function codeVersion() {
  const { execFileSync } = require('node:child_process');
  const { statSync } = require('node:fs');
  const { join } = require('node:path');
  const { repoRoot } = require('@meterline/stack');
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const built = Math.max(...serviceSpecs().map((s) => statSync(join(repoRoot, s.entry)).mtimeMs));
  return `commit ${commit}, services built ${new Date(built).toISOString()}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The catalog of the invoicing benches: an active meter `api` with NUMBER values v0…v(n-1) and SUM metrics m0…m(n-1),
 * an active product `api` with one USAGE item per metric (`item0`…), and an active monthly EUR plan `pro` whose first
 * version prices each item PER_UNIT. Returns the plan version id.
 */
async function seedUsagePlan(stack, metrics = 1, unitPrice = '0.01') {
  const idx = Array.from({ length: metrics }, (_, i) => i);
  await stack.gql(`mutation { createMeter(input: { reference: "api", name: "API", values: [${idx.map((i) => `{ reference: "v${i}", type: NUMBER }`).join(' ')}],
    metrics: [${idx.map((i) => `{ reference: "m${i}", aggregation: SUM, valueReference: "v${i}" }`).join(' ')}] }) { id } }`);
  await stack.gql(`mutation { changeMeterStatus(meter: "api", action: ACTIVATE) { id } }`);
  await stack.gql(`mutation { createProduct(input: { reference: "api", name: "API" }) { id } }`);
  await stack.gql(
    `mutation { ${aliased(metrics, (i) => `createProductItem(input: { product: "api", reference: "item${i}", name: "Metric ${i}", chargeType: USAGE, meterReference: "api", metricReference: "m${i}" }) { id }`)} }`,
  );
  await stack.gql(`mutation { changeProductStatus(product: "api", action: ACTIVATE) { status } }`);
  const { createPricingPlan } = await stack.gql(
    `mutation { createPricingPlan(input: { reference: "pro", name: "Pro", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
  );
  const version = createPricingPlan.versions[0].id;
  await stack.gql(
    `mutation { ${aliased(metrics, (i) => `setPrice(input: { planVersion: "${version}", productItem: "item${i}", price: { model: PER_UNIT, unitPrice: "${unitPrice}" } }) { id }`)} }`,
  );
  await stack.gql(`mutation { changePlanVersionStatus(planVersion: "${version}", action: ACTIVATE) { status } }`);
  return version;
}

/**
 * Runs `makeField(item)` mutations for every item, `perRequest` of them aliased into one GraphQL request, `concurrency`
 * requests in flight; returns the results in item order (each is the mutation's selection).
 */
async function batchedMutations(stack, items, makeField, { perRequest = 100, concurrency = 4 } = {}) {
  const results = new Array(items.length);
  const requests = Math.ceil(items.length / perRequest);
  await runConcurrently(requests, concurrency, async (r) => {
    const chunk = items.slice(r * perRequest, (r + 1) * perRequest);
    const data = await stack.gql(`mutation { ${aliased(chunk.length, (i) => makeField(chunk[i]))} }`);
    chunk.forEach((_, i) => (results[r * perRequest + i] = data[`a${i}`]));
  });
  return results;
}

/** Customers with these references (EUR), through the gateway in aliased batches; returns their ids in order. */
async function createCustomers(stack, references, options) {
  const created = await batchedMutations(
    stack,
    references,
    (r) => `createCustomer(input: { reference: "${r}", name: "${r}", currency: "EUR" }) { id }`,
    options,
  );
  return created.map((c) => c.id);
}

/**
 * An active subscription on `planVersion` for every customer id; waits first until the plan version has reached
 * subscriptions (it travels over NATS). Returns the subscription ids in order.
 */
async function createSubscriptions(stack, customerIds, planVersion, startAt, options) {
  const field = (c) =>
    `createSubscription(input: { customer: "${c}", planVersion: "${planVersion}"${startAt ? `, startAt: "${startAt}"` : ''} }) { id }`;
  const deadline = Date.now() + 30_000;
  let first;
  for (;;) {
    try {
      first = (await stack.gql(`mutation { ${field(customerIds[0])} }`)).createSubscription;
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
  const rest = await batchedMutations(stack, customerIds.slice(1), field, options);
  return [first.id, ...rest.map((s) => s.id)];
}

/** Polls `sql` (one row, one column `n`) on the bench database until `done(n)`; returns the seconds it took. */
async function waitForCount(db, sql, params, done, what, timeoutMs = 600_000, everyMs = 250) {
  const started = process.hrtime.bigint();
  const deadline = Date.now() + timeoutMs;
  let n;
  for (;;) {
    n = Number((await db.query(sql, params)).rows[0].n);
    if (done(n)) return Number(process.hrtime.bigint() - started) / 1e9;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last count ${n})`);
    await sleep(everyMs);
  }
}

/**
 * A poor man's profiler of the database: every `everyMs` it lists the bench database's active statements (first words
 * of the query, and what they wait for, e.g. `Lock/transactionid`), and the transactions open while their service
 * works in Node ("idle in tx", with the statement that ran last). `stop()` returns the most frequent ones with the share
 * of samples they were seen in: a statement seen in 80% of samples is running or waiting 80% of the time.
 */
function sampleDatabaseActivity(databaseUrl, everyMs = 100) {
  const { Client } = require('pg');
  const db = new Client({ connectionString: databaseUrl });
  const counts = new Map();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await db.connect();
    while (running) {
      const { rows } = await db.query(
        `SELECT regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS q, CASE WHEN state = 'active' THEN coalesce(wait_event_type || '/' || wait_event, 'running')
                  ELSE 'idle in tx (after)' END AS w
           FROM pg_stat_activity
          WHERE datname = current_database() AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()`,
      );
      samples += 1;
      for (const r of rows) {
        const key = `${r.w.padEnd(24)} ${r.q}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await sleep(everyMs);
    }
    await db.end();
  })();
  return {
    async stop(top = 8) {
      running = false;
      await loop;
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, n]) => `${((n / Math.max(1, samples)) * 100).toFixed(0).padStart(4)}%  ${key}`);
    },
  };
}

module.exports = {
  codeVersion,
  sampleDatabaseActivity,
  startBenchStack,
  peakRssMiB,
  percentile,
  runConcurrently,
  aliased,
  cpuSnapshot,
  cpuSince,
  sleep,
  seedUsagePlan,
  batchedMutations,
  createCustomers,
  createSubscriptions,
  waitForCount,
};
