// Shared by the benchmarks: the stack on free ports in its own bus namespace, a tenant, GraphQL, timing helpers.
require('reflect-metadata');
const { randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { systemClock } = require('@meterline/kit');
const { deleteNamespaceStreams, freePort, newBusNamespace, testInfrastructure } = require('@meterline/kit/testing');
const { createApiKey, createPlatform, openAccessDatabase } = require('@meterline/gateway');
const { launchStack, serviceSpecs } = require('@meterline/stack');

async function startBenchStack(serviceEnv = {}) {
  const infra = await testInfrastructure();
  const ports = {};
  for (const spec of serviceSpecs()) ports[spec.name] = await freePort();
  const namespace = newBusNamespace();
  const stack = await launchStack({
    env: {
      DATABASE_URL: infra.databaseUrl,
      NATS_URL: infra.natsUrl,
      BUS_NAMESPACE: namespace,
      TENANT_SIGNING_SECRET: randomBytes(16).toString('hex'),
      LOG_LEVEL: 'error',
    },
    ports,
    serviceEnv,
  });
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
  return {
    ...stack,
    infra,
    platformId,
    key,
    gql,
    async stop() {
      await stack.stop();
      await deleteNamespaceStreams(infra.natsUrl, namespace).catch(() => undefined);
    },
  };
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

module.exports = { startBenchStack, peakRssMiB, percentile, runConcurrently };
