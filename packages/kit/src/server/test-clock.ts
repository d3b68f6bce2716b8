import express, { type Express } from 'express';
import { SettableClock, systemClock, type Clock } from '../clock';
import { ConfigError, type TestClockConfig } from '../config';
import { badInput } from '../errors';
import { parseDateTimeInput } from '../input-values';
import type { Logger } from '../logger';
import { restErrors } from './http';

/** Where a service with the test clock on serves it: GET reads it, POST moves it. Absent (404) otherwise. */
export const TEST_CLOCK_PATH = '/test/clock';

/**
 * The business clock of a service: the system clock, or a SettableClock when METERLINE_TEST_CLOCK=on (then also
 * `testClock`, to serve at /test/clock). Transport security (tenant signatures) never reads it: it stays on real time.
 */
export interface ServiceClock {
  clock: Clock;
  testClock?: SettableClock;
}

/** Chooses the service clock from its configuration; refuses the test clock with NODE_ENV=production and warns when it is on. */
export function serviceClockFrom(config: TestClockConfig, env: NodeJS.ProcessEnv, log: Logger): ServiceClock {
  if (config.METERLINE_TEST_CLOCK !== 'on') return { clock: systemClock };
  if (env.NODE_ENV === 'production') {
    throw new ConfigError([
      'METERLINE_TEST_CLOCK=on is refused with NODE_ENV=production: anyone reaching the service could move its business time',
    ]);
  }
  log.warn(
    { METERLINE_TEST_CLOCK: 'on', path: TEST_CLOCK_PATH },
    'TEST CLOCK ON: business time can be moved through POST /test/clock; never run like this in production',
  );
  const testClock = new SettableClock();
  return { clock: testClock, testClock };
}

/** What POST /test/clock asks for: a new instant, or a move by some milliseconds (negative: back). */
export type TestClockChange = { now: Date } | { advanceMs: number };

const EXPECTED_BODY = 'expected {"now": "<RFC 3339 date-time with offset>"} or {"advanceMs": <whole milliseconds>}';

/** Validates the body of POST /test/clock; a BAD_USER_INPUT error names the offending field. */
export function parseTestClockChange(body: unknown): TestClockChange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badInput('body', `The body must be a JSON object: ${EXPECTED_BODY}`);
  }
  const { now, advanceMs, ...others } = body as Record<string, unknown>;
  const unknownField = Object.keys(others)[0];
  if (unknownField !== undefined) throw badInput(unknownField, `Unknown field ${unknownField}: ${EXPECTED_BODY}`);
  if (now !== undefined && advanceMs !== undefined) throw badInput('advanceMs', 'Give now or advanceMs, not both');
  if (now !== undefined) {
    const parsed = typeof now === 'string' ? parseDateTime(now) : undefined;
    if (!parsed) throw badInput('now', 'now must be an RFC 3339 date-time with offset, e.g. 2026-04-01T00:00:00Z');
    return { now: parsed };
  }
  if (advanceMs !== undefined) {
    if (typeof advanceMs !== 'number' || !Number.isSafeInteger(advanceMs)) {
      throw badInput('advanceMs', 'advanceMs must be a whole number of milliseconds (negative moves the clock back)');
    }
    return { advanceMs };
  }
  throw badInput('now', `Nothing to do: ${EXPECTED_BODY}`);
}

/** The same rule as the GraphQL DateTime inputs: RFC 3339 with offset, a date that exists. */
function parseDateTime(value: string): Date | undefined {
  const checked = parseDateTimeInput(value);
  return 'value' in checked ? checked.value : undefined;
}

/** Serves the test clock: `GET /test/clock` → `{ now }`; `POST /test/clock` with a TestClockChange → `{ now }` after the move. */
export function mountTestClockRoutes(app: Express, testClock: SettableClock, log: Logger): void {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json({ now: testClock.now().toISOString() });
  });
  router.post('/', express.json({ limit: '1kb' }), (req, res) => {
    const change = parseTestClockChange(req.body);
    const before = testClock.now();
    const now = 'now' in change ? testClock.set(change.now) : testClock.advance(change.advanceMs);
    log.info({ from: before.toISOString(), to: now.toISOString() }, 'test clock moved');
    res.json({ now: now.toISOString() });
  });
  app.use(TEST_CLOCK_PATH, router, restErrors(log));
}
