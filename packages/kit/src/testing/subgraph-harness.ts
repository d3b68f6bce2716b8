import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { createLogger } from '../logger';
import { dropDatabase, ensureDatabase } from '../store/database';
import type { Role } from '../server/tenant';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../server/subgraph';
import { newBusNamespace, newPlatformId, testInfrastructure } from './environment';
import { subgraphClient } from './graphql-client';

export interface SubgraphUnderTest {
  running: RunningSubgraph;
  databaseUrl: string;
  secret: string;
  /** A client for a brand-new platform, signed as the gateway would sign it. */
  /** `sandbox`: the platform is a sandbox (its clock can be advanced), as the gateway signs it. */
  clientForNewPlatform(role?: Role, options?: { sandbox?: boolean }): { platformId: string; send: ReturnType<typeof subgraphClient> };
  /** What the running service says of itself over HTTP: its SDL (`_service { sdl }`) and its probes. */
  selfReport(): Promise<{ sdl: string; healthz: number; readyz: number; metrics: string }>;
  stop(): Promise<void>;
}

export interface SubgraphTestOptions {
  /** Replaces the system clock (a TestClock moves the service's time). */
  clock?: Clock;
  /**
   * A database of its own, dropped at stop: for a service whose background jobs act on every platform by its clock
   * (issuing invoices), so that services of other test files, on other clocks, do not act on this one's data.
   */
  ownDatabase?: boolean;
  /** Another test service's database (`databaseUrl` of a running one): two replicas of a service on one database. */
  databaseUrl?: string;
}

/** Starts one subgraph in-process on a free port, on real Postgres and NATS, in a bus namespace of its own. */
export async function startSubgraphForTest(definition: SubgraphDefinition, options: SubgraphTestOptions = {}): Promise<SubgraphUnderTest> {
  const infra = await testInfrastructure();
  const namespace = newBusNamespace();
  let databaseUrl = options.databaseUrl ?? infra.databaseUrl;
  if (options.ownDatabase) {
    const own = new URL(infra.databaseUrl);
    own.pathname = `/meterline_test_${namespace}`;
    databaseUrl = own.toString();
    await ensureDatabase(databaseUrl);
  }
  const secret = randomBytes(16).toString('hex');
  const running = await startSubgraph(definition, {
    config: { PORT: 0, DATABASE_URL: databaseUrl, NATS_URL: infra.natsUrl, TENANT_SIGNING_SECRET: secret },
    busNamespace: namespace,
    streamMaxAgeMs: 60 * 60_000,
    log: createLogger(definition.name, process.env.TEST_LOG_LEVEL ?? 'silent'),
    clock: options.clock,
  });
  const clientForNewPlatform = (role: Role = 'admin', { sandbox = false }: { sandbox?: boolean } = {}) => {
    const platformId = newPlatformId();
    return { platformId, send: subgraphClient(running.url, platformId, secret, role, systemClock, sandbox) };
  };
  return {
    running,
    databaseUrl,
    secret,
    clientForNewPlatform,
    async selfReport() {
      const { send } = clientForNewPlatform('read');
      const response = await send<{ _service: { sdl: string } }>('{ _service { sdl } }');
      const base = running.url.replace(/\/graphql$/, '');
      const [healthz, readyz, metrics] = await Promise.all([
        fetch(`${base}/healthz`).then((r) => r.status),
        fetch(`${base}/readyz`).then((r) => r.status),
        fetch(`${base}/metrics`).then((r) => r.text()),
      ]);
      return { sdl: response.data?._service.sdl ?? '', healthz, readyz, metrics };
    },
    async stop() {
      // Consumers first, so deleting this namespace's streams does not disturb them; then the rest of the service.
      await Promise.all(running.consumers.map((c) => c.stop()));
      const streams = [running.bus.streamOf(definition.name), ...running.consumers.map((c) => c.streamName)];
      await Promise.all(streams.map((s) => running.bus.jsm.streams.delete(s).catch(() => undefined)));
      await running.stop();
      if (options.ownDatabase) await dropDatabase(databaseUrl);
    },
  };
}
