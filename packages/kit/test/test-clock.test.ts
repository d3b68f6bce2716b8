import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import pino from 'pino';
import { Ctx, Query, Resolver } from 'type-graphql';
import { SettableClock, systemClock, TestClock } from '../src/clock';
import { ConfigError, loadConfig, testClockConfigSpec } from '../src/config';
import { createLogger } from '../src/logger';
import type { RequestContext } from '../src/server/context';
import { createHttpApp, createHttpServer, listen } from '../src/server/http';
import { ServiceMetrics } from '../src/server/metrics';
import { startSubgraph, type RunningSubgraph } from '../src/server/subgraph';
import { TENANT_SIGNATURE_TTL_MS } from '../src/server/tenant';
import { mountTestClockRoutes, serviceClockFrom, TEST_CLOCK_PATH } from '../src/server/test-clock';
import { newBusNamespace, newPlatformId, subgraphClient, testInfrastructure } from '../src/testing';

const silent = createLogger('kit-test', process.env.KIT_TEST_LOG_LEVEL ?? 'silent');
const DAY_MS = 86_400_000;

/** A logger that keeps its JSON lines, to see what a service says at start. */
function recordingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) });
  return { log, lines };
}

describe('SettableClock', () => {
  it('reads real time until it is set', () => {
    const real = new TestClock('2026-05-01T08:00:00Z');
    const clock = new SettableClock(real);
    expect(clock.now().toISOString()).toBe('2026-05-01T08:00:00.000Z');
    real.advance(1_500);
    expect(clock.now().toISOString()).toBe('2026-05-01T08:00:01.500Z');
  });

  it('keeps running at real speed from the instant it was set to, forwards or backwards', () => {
    const real = new TestClock('2026-05-01T08:00:00Z');
    const clock = new SettableClock(real);
    expect(clock.set(new Date('2026-08-31T23:59:59Z')).toISOString()).toBe('2026-08-31T23:59:59.000Z');
    real.advance(2_000);
    expect(clock.now().toISOString()).toBe('2026-09-01T00:00:01.000Z');
    expect(clock.set(new Date('2025-01-01T00:00:00Z')).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    real.advance(1_000);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:01.000Z');
  });

  it('advances by milliseconds, negative ones moving it back', () => {
    const real = new TestClock('2026-05-01T08:00:00Z');
    const clock = new SettableClock(real);
    expect(clock.advance(31 * DAY_MS).toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(clock.advance(-DAY_MS).toISOString()).toBe('2026-05-31T08:00:00.000Z');
    real.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-05-31T08:01:00.000Z');
  });

  it('refuses an invalid date or a non-finite move', () => {
    const clock = new SettableClock();
    expect(() => clock.set(new Date('not a date'))).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it('runs on the system clock by default', () => {
    const before = Date.now();
    const now = new SettableClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('METERLINE_TEST_CLOCK', () => {
  it('is off by default, and when empty', () => {
    expect(loadConfig(testClockConfigSpec, {}).METERLINE_TEST_CLOCK).toBe('off');
    expect(loadConfig(testClockConfigSpec, { METERLINE_TEST_CLOCK: '' }).METERLINE_TEST_CLOCK).toBe('off');
    expect(loadConfig(testClockConfigSpec, { METERLINE_TEST_CLOCK: 'on' }).METERLINE_TEST_CLOCK).toBe('on');
  });

  it.each(['ON', 'true', '1', 'frozen'])('refuses %s, naming the variable and the allowed values', (value) => {
    let thrown: unknown;
    try {
      loadConfig(testClockConfigSpec, { METERLINE_TEST_CLOCK: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      `METERLINE_TEST_CLOCK must be one of off, on (${testClockConfigSpec.METERLINE_TEST_CLOCK.description}); got "${value}"`,
    ]);
  });

  it('off: the service runs on the system clock and has no test clock', () => {
    const { log, lines } = recordingLogger();
    expect(serviceClockFrom({ METERLINE_TEST_CLOCK: 'off' }, {}, log)).toEqual({ clock: systemClock });
    expect(lines).toEqual([]);
  });

  it('on: the service runs on a settable clock and warns at start', () => {
    const { log, lines } = recordingLogger();
    const chosen = serviceClockFrom({ METERLINE_TEST_CLOCK: 'on' }, { NODE_ENV: 'test' }, log);
    expect(chosen.testClock).toBeInstanceOf(SettableClock);
    expect(chosen.clock).toBe(chosen.testClock);
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: expect.stringContaining('TEST CLOCK ON') })]);
  });

  it('on is refused with NODE_ENV=production', () => {
    expect(() => serviceClockFrom({ METERLINE_TEST_CLOCK: 'on' }, { NODE_ENV: 'production' }, silent)).toThrow(
      /METERLINE_TEST_CLOCK=on is refused with NODE_ENV=production/,
    );
  });
});

/** An HTTP app as every service makes it, with the test clock served when `env` turns it on. */
async function serveApp(env: NodeJS.ProcessEnv): Promise<{ base: string; server: Server }> {
  const { testClock } = serviceClockFrom(loadConfig(testClockConfigSpec, env), env, silent);
  const app = createHttpApp(new ServiceMetrics('kit-test'), { dependencies: {} });
  if (testClock) mountTestClockRoutes(app, testClock, silent);
  const server = createHttpServer(app);
  const port = await listen(server, 0, '127.0.0.1');
  return { base: `http://127.0.0.1:${port}`, server };
}

function postClock(base: string, body: string, contentType = 'application/json') {
  return fetch(`${base}${TEST_CLOCK_PATH}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function readNow(base: string): Promise<Date> {
  const response = await fetch(`${base}${TEST_CLOCK_PATH}`);
  expect(response.status).toBe(200);
  return new Date(((await response.json()) as { now: string }).now);
}

describe('/test/clock with METERLINE_TEST_CLOCK=on', () => {
  let served: { base: string; server: Server };
  beforeAll(async () => {
    served = await serveApp({ METERLINE_TEST_CLOCK: 'on' });
  });
  afterAll(() => new Promise<void>((resolve) => served.server.close(() => resolve())));

  it('GET reads the clock: real time before anyone sets it', async () => {
    const before = Date.now();
    const now = (await readNow(served.base)).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('POST {now} sets it (offset accepted, UTC out) and it keeps running from there', async () => {
    const response = await postClock(served.base, JSON.stringify({ now: '2026-03-31T23:59:59+02:00' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ now: '2026-03-31T21:59:59.000Z' });
    const read = (await readNow(served.base)).getTime();
    expect(read).toBeGreaterThanOrEqual(Date.parse('2026-03-31T21:59:59Z'));
    expect(read).toBeLessThan(Date.parse('2026-03-31T21:59:59Z') + 5_000);
  });

  it('POST {advanceMs} moves it by that much', async () => {
    await postClock(served.base, JSON.stringify({ now: '2026-01-31T10:00:00Z' }));
    const response = await postClock(served.base, JSON.stringify({ advanceMs: 28 * DAY_MS }));
    expect(response.status).toBe(200);
    const moved = Date.parse(((await response.json()) as { now: string }).now);
    expect(moved).toBeGreaterThanOrEqual(Date.parse('2026-02-28T10:00:00Z'));
    expect(moved).toBeLessThan(Date.parse('2026-02-28T10:00:05Z'));
  });

  it.each([
    ['a date without time', { now: '2026-03-01' }, 'now'],
    ['a date-time without offset', { now: '2026-03-01T00:00:00' }, 'now'],
    ['a date that does not exist', { now: '2026-02-30T00:00:00Z' }, 'now'],
    ['a number as now', { now: 1767225600000 }, 'now'],
    ['a fractional advanceMs', { advanceMs: 1.5 }, 'advanceMs'],
    ['advanceMs as a string', { advanceMs: '1000' }, 'advanceMs'],
    ['both now and advanceMs', { now: '2026-03-01T00:00:00Z', advanceMs: 1 }, 'advanceMs'],
    ['nothing to do', {}, 'now'],
    ['an unknown field', { at: '2026-03-01T00:00:00Z' }, 'at'],
    ['an array', [{ now: '2026-03-01T00:00:00Z' }], 'body'],
  ])('POST with %s is a 400 naming the field, and the clock stays where it was', async (_case, body, field) => {
    const set = await postClock(served.base, JSON.stringify({ now: '2030-06-15T12:00:00Z' }));
    expect(set.status).toBe(200);
    const response = await postClock(served.base, JSON.stringify(body));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string; field: string } }> };
    expect(answer.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect((await readNow(served.base)).getTime()).toBeLessThan(Date.parse('2030-06-15T12:00:05Z'));
  });

  it('POST with malformed JSON or without a JSON body is a 400 on the body', async () => {
    for (const response of [await postClock(served.base, '{"now": '), await postClock(served.base, 'now=2026', 'text/plain')]) {
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: Array<{ extensions: unknown }> }).errors[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'body',
      });
    }
  });
});

describe('/test/clock with the test clock off', () => {
  it.each([{}, { METERLINE_TEST_CLOCK: 'off' }])('does not exist (404) with %j', async (env) => {
    const served = await serveApp(env);
    try {
      expect((await fetch(`${served.base}${TEST_CLOCK_PATH}`)).status).toBe(404);
      expect((await postClock(served.base, JSON.stringify({ now: '2026-03-01T00:00:00Z' }))).status).toBe(404);
      expect((await fetch(`${served.base}/healthz`)).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => served.server.close(() => resolve()));
    }
  });
});

@Resolver()
class BusinessTimeResolver {
  @Query(() => Date, { description: 'The business time a resolver reads' })
  businessNow(@Ctx() ctx: RequestContext): Date {
    return ctx.clock.now();
  }
}

describe('a subgraph process with METERLINE_TEST_CLOCK', () => {
  const started: RunningSubgraph[] = [];
  const secret = 'kit-test-clock-secret';

  async function start(testClock: 'on' | 'off'): Promise<{ running: RunningSubgraph; base: string }> {
    const infra = await testInfrastructure();
    const running = await startSubgraph(
      {
        name: `kit_clock_${randomUUID().replace(/-/g, '').slice(0, 10)}`,
        defaultPort: 0,
        entities: [],
        migrations: [],
        graph: { resolvers: [BusinessTimeResolver] },
      },
      {
        env: { METERLINE_TEST_CLOCK: testClock },
        config: { PORT: 0, DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl, TENANT_SIGNING_SECRET: secret },
        busNamespace: newBusNamespace(),
        streamMaxAgeMs: 10 * 60_000,
        log: silent,
      },
    );
    started.push(running);
    return { running, base: running.url.replace(/\/graphql$/, '') };
  }

  afterAll(async () => {
    for (const running of started) {
      const schema = running.name;
      await running.bus.jsm.streams.delete(running.bus.streamOf(running.name)).catch(() => undefined);
      await running.stop();
      const { Client } = await import('pg');
      const client = new Client({ connectionString: (await testInfrastructure()).databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  it('on: resolvers read the moved clock, and signed requests stay valid far beyond the signature lifetime', async () => {
    const { running, base } = await start('on');
    const send = subgraphClient(running.url, newPlatformId(), secret);
    const answer = await postClock(base, JSON.stringify({ now: '2027-01-01T00:00:00Z' }));
    expect(answer.status).toBe(200);
    const moved = await send<{ businessNow: string }>('{ businessNow }');
    expect(moved.errors).toBeUndefined();
    expect(Date.parse(moved.data!.businessNow)).toBeGreaterThanOrEqual(Date.parse('2027-01-01T00:00:00Z'));
    expect(Date.parse(moved.data!.businessNow)).toBeLessThan(Date.parse('2027-01-01T00:00:05Z'));
    // Years away from real time in both directions: the tenant signature is judged on real time, so nothing expires.
    expect(Math.abs(Date.parse('2027-01-01T00:00:00Z') - Date.now())).toBeGreaterThan(TENANT_SIGNATURE_TTL_MS);
    await postClock(base, JSON.stringify({ now: '2020-01-01T00:00:00Z' }));
    const back = await send<{ businessNow: string }>('{ businessNow }');
    expect(back.errors).toBeUndefined();
    expect(back.data!.businessNow.startsWith('2020-01-01T00:00:0')).toBe(true);
  });

  it('off: no /test/clock, and resolvers read real time', async () => {
    const { running, base } = await start('off');
    expect((await fetch(`${base}${TEST_CLOCK_PATH}`)).status).toBe(404);
    expect((await postClock(base, JSON.stringify({ now: '2027-01-01T00:00:00Z' }))).status).toBe(404);
    const before = Date.now();
    const answer = await subgraphClient(running.url, newPlatformId(), secret)<{ businessNow: string }>('{ businessNow }');
    expect(Date.parse(answer.data!.businessNow)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(answer.data!.businessNow)).toBeLessThanOrEqual(Date.now());
  });
});
