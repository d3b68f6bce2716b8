import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { TEST_CLOCK_PATH } from '@meterline/kit';

export const repoRoot = resolve(__dirname, '..', '..', '..');

interface ServiceSpec {
  name: string;
  port: number;
  entry: string;
  dependsOn: string[];
}

interface ServicesFile {
  /** NODE_OPTIONS of every service (its heap limit), as the deployment files set it. */
  nodeOptions: string;
  services: ServiceSpec[];
}

const servicesFile = (): ServicesFile => JSON.parse(readFileSync(join(repoRoot, 'services.json'), 'utf8')) as ServicesFile;

/** The services as services.json lists them (the same list the deployment files are checked against). */
export function serviceSpecs(): ServiceSpec[] {
  return servicesFile().services;
}

export interface StackOptions {
  /** Environment shared by every service (DATABASE_URL, NATS_URL, TENANT_SIGNING_SECRET, BUS_NAMESPACE, …). */
  env: Record<string, string>;
  /** Extra environment per service, e.g. { metering: { WORKERS: '2' } }. */
  serviceEnv?: Record<string, Record<string, string>>;
  /** Port per service; default: services.json's. */
  ports?: Record<string, number>;
  /** Receives every output line of every service; default: discard. */
  output?: (service: string, line: string) => void;
  /** How long each service may take to answer /readyz. */
  readyTimeoutMs?: number;
  /**
   * true: every process runs with METERLINE_TEST_CLOCK=on, so setStackClock can move business time (tests only; never in
   * production). false: off. Unset: whatever the environment says.
   */
  testClock?: boolean;
}

export interface Stack {
  gatewayUrl: string;
  urls: Record<string, string>;
  /** Process id per service (benchmarks read their peak memory). */
  pids: Record<string, number>;
  /**
   * Kills one service's process with `signal` (default SIGKILL: no graceful shutdown, as in a crash) and waits for it to
   * exit; it stays down until `revive`.
   */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a killed service again, on the same port with the same environment, and waits until it is ready. */
  revive(name: string): Promise<void>;
  stop(): Promise<void>;
}

async function waitReady(name: string, base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} was not ready at ${base}/readyz within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the subgraphs (services.json), waits until each is ready, then the gateway pointing at them. */
export async function launchStack(options: StackOptions): Promise<Stack> {
  const specs = serviceSpecs();
  const port = (s: ServiceSpec) => options.ports?.[s.name] ?? s.port;
  const urls = Object.fromEntries(specs.map((s) => [s.name, `http://127.0.0.1:${port(s)}`]));
  const children: Array<{ spec: ServiceSpec; child: ChildProcess }> = [];
  const testClockEnv = options.testClock === undefined ? {} : { METERLINE_TEST_CLOCK: options.testClock ? 'on' : 'off' };
  const { nodeOptions } = servicesFile();

  const start = (spec: ServiceSpec): ChildProcess => {
    const subgraphUrls = Object.fromEntries(
      specs.filter((s) => s.name !== 'gateway').map((s) => [`${s.name.toUpperCase()}_URL`, `${urls[s.name]}/graphql`]),
    );
    const env: Record<string, string | undefined> = { ...process.env, ...options.env, ...testClockEnv, ...options.serviceEnv?.[spec.name] };
    const child = spawn(process.execPath, [join(repoRoot, spec.entry)], {
      env: {
        ...env,
        // The deployments' heap limit first: NODE_OPTIONS given by the caller come later and win (a test's smaller heap).
        NODE_OPTIONS: [nodeOptions, env.NODE_OPTIONS].filter(Boolean).join(' '),
        ...subgraphUrls,
        PORT: String(port(spec)),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => options.output?.(spec.name, line));
    }
    children.push({ spec, child });
    return child;
  };

  const stop = async () => {
    // Gateway first, then the subgraphs: nothing new comes in while they drain.
    const gateway = children.filter((c) => c.spec.name === 'gateway');
    await Promise.all(gateway.map((c) => stopChild(c.child)));
    await Promise.all(children.filter((c) => c.spec.name !== 'gateway').map((c) => stopChild(c.child)));
  };

  try {
    const timeout = options.readyTimeoutMs ?? 60_000;
    const subgraphs = specs.filter((s) => s.name !== 'gateway');
    await Promise.all(subgraphs.map((s) => waitReady(s.name, urls[s.name], start(s), timeout)));
    const gatewaySpec = specs.find((s) => s.name === 'gateway')!;
    await waitReady('gateway', urls.gateway, start(gatewaySpec), timeout);
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = Object.fromEntries(children.map((c) => [c.spec.name, c.child.pid!]));
  const running = (name: string) => {
    const found = children.find((c) => c.spec.name === name && c.child.exitCode === null && c.child.signalCode === null);
    if (!found) throw new Error(`${name} is not running`);
    return found;
  };
  const kill = async (name: string, signal: NodeJS.Signals = 'SIGKILL') => {
    const { child } = running(name);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    children.splice(
      children.findIndex((c) => c.child === child),
      1,
    );
  };
  const revive = async (name: string) => {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`no service ${name} in services.json`);
    if (children.some((c) => c.spec.name === name)) throw new Error(`${name} is running; kill it first`);
    const child = start(spec);
    pids[name] = child.pid!;
    await waitReady(name, urls[name], child, options.readyTimeoutMs ?? 60_000);
  };
  return { gatewayUrl: `${urls.gateway}/graphql`, urls, pids, kill, revive, stop };
}

/**
 * Moves the test clock of every process of a running stack (gateway and subgraphs) to `to`, through each one's
 * `POST /test/clock`; resolves when all have answered, with the instant each one now reads. The stack must have been
 * launched with `testClock: true`. Each process keeps running at real speed from `to`.
 */
export async function setStackClock(stack: Pick<Stack, 'urls'>, to: Date | string): Promise<Record<string, Date>> {
  const now = typeof to === 'string' ? to : to.toISOString();
  const answers = await Promise.all(
    Object.entries(stack.urls).map(async ([name, base]): Promise<[string, Date]> => {
      const response = await fetch(`${base}${TEST_CLOCK_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ now }),
      });
      if (response.status === 404) throw new Error(`${name} has no test clock: launch the stack with testClock: true`);
      const body = (await response.json().catch(() => ({}))) as { now?: string; errors?: Array<{ message: string }> };
      if (!response.ok || !body.now) {
        throw new Error(
          `${name} refused to set its test clock to ${now} (${response.status}): ${body.errors?.[0]?.message ?? 'no answer'}`,
        );
      }
      return [name, new Date(body.now)];
    }),
  );
  return Object.fromEntries(answers);
}
