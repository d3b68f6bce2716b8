import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { ensureDatabase } from '../store/database';

const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/meterline_test';
const LOCAL_NATS_URL = 'nats://127.0.0.1:4222';

export interface TestInfrastructure {
  databaseUrl: string;
  natsUrl: string;
}

let resolved: Promise<TestInfrastructure> | undefined;

/**
 * The one test environment helper: DATABASE_URL / NATS_URL when set (CI on these machines), otherwise
 * throwaway containers from testcontainers, otherwise the services on this machine's default ports.
 */
export function testInfrastructure(): Promise<TestInfrastructure> {
  resolved ??= resolveInfrastructure();
  return resolved;
}

async function resolveInfrastructure(): Promise<TestInfrastructure> {
  let databaseUrl = process.env.DATABASE_URL;
  let natsUrl = process.env.NATS_URL;
  if (!databaseUrl || !natsUrl) {
    const containers = await startContainers(!databaseUrl, !natsUrl).catch(() => undefined);
    databaseUrl ??= containers?.databaseUrl ?? LOCAL_DATABASE_URL;
    natsUrl ??= containers?.natsUrl ?? LOCAL_NATS_URL;
  }
  await ensureDatabase(databaseUrl);
  return { databaseUrl, natsUrl };
}

async function startContainers(postgres: boolean, nats: boolean): Promise<Partial<TestInfrastructure>> {
  // Loaded only here: without a Docker engine this fails in well under a second and we use local services.
  const { GenericContainer, Wait } = await import('testcontainers');
  const out: Partial<TestInfrastructure> = {};
  if (postgres) {
    const pg = await new GenericContainer('postgres:16')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    out.databaseUrl = `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/meterline_test`;
  }
  if (nats) {
    const container = await new GenericContainer('nats:2.12').withCommand(['-js']).withExposedPorts(4222).start();
    out.natsUrl = `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  }
  return out;
}

/** A fresh platform (tenant) id: each test makes its own so tests run in parallel without cleanup. */
export function newPlatformId(): string {
  return randomUUID();
}

/** A NATS namespace of one test file: its own streams on the shared server, so test runs never share consumers. */
export function newBusNamespace(): string {
  return `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Resolves when something accepts TCP connections on host:port. */
export function isListening(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** Deletes the streams of one bus namespace (what a test run made on a shared NATS server). */
export async function deleteNamespaceStreams(natsUrl: string, namespace: string): Promise<void> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const suffix = `_${namespace.toUpperCase()}`;
    for await (const name of jsm.streams.names()) {
      if (name.endsWith(suffix)) await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}
