import { Writable } from 'node:stream';
import pino from 'pino';
import { isTransientFailure, OutageLog, transientFailureKind } from '../src';

/** A pino logger writing into an array, to read back what was logged at which level. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string; durationMs?: number }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return {
    log: pino({ level: 'debug' }, sink),
    lines,
    levels: () => lines.filter((l) => l.level > 20).map((l) => pino.levels.labels[l.level]),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('transientFailureKind', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'network'],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'network'],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), 'postgres'],
    [Object.assign(new Error('the database system is starting up'), { code: '57P03' }), 'postgres'],
    [Object.assign(new Error('connection failure'), { code: '08006' }), 'postgres'],
    [new Error('Connection terminated unexpectedly'), 'postgres'],
    [new Error('timeout exceeded when trying to connect'), 'postgres'],
    // TypeORM, for the statement after its connection dropped mid-transaction (seen in e2e/test/postgres-outage.test.ts)
    [
      Object.assign(
        new Error(
          'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
        ),
        { name: 'QueryRunnerProviderAlreadyReleasedError' },
      ),
      'postgres',
    ],
    [Object.assign(new Error('timeout'), { name: 'TimeoutError' }), 'nats'],
    [Object.assign(new Error('connection disconnected'), { name: 'RequestError' }), 'nats'],
    // TypeORM's QueryFailedError keeps the driver's error; Node's AggregateError holds one per address tried
    [Object.assign(new Error('query failed'), { driverError: { code: '57P01' } }), 'postgres'],
    [new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], 'failed'), 'network'],
    [new Error('outer', { cause: Object.assign(new Error('inner'), { code: '08001' }) }), 'postgres'],
  ])('%s is transient (%s)', (error, kind) => {
    expect(transientFailureKind(error)).toBe(kind);
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    [new TypeError("Cannot read properties of undefined (reading 'id')")],
    [Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    [Object.assign(new Error('syntax error at or near'), { code: '42601' })],
    [Object.assign(new Error('division by zero'), { driverError: { code: '22012' } })],
    ['a string'],
    [undefined],
  ])('%s is not transient', (error) => {
    expect(transientFailureKind(error)).toBeNull();
  });
});

describe('OutageLog', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const shutdown = Object.assign(new Error('terminating connection'), { code: '57P01' });

  it('warns once per outage, stays quiet while it lasts, and says info with the duration when it is over', async () => {
    const { log, lines, levels } = capturingLogger();
    let now = 1_000;
    const outage = new OutageLog(log, 'outbox relay', () => now);
    outage.succeeded(); // nothing was down: nothing to say
    for (let i = 0; i < 5; i += 1) outage.failed(refused);
    expect(outage.down).toBe(true);
    now = 4_500;
    outage.succeeded();
    outage.succeeded();
    await flush();
    expect(levels()).toEqual(['warn', 'info']);
    expect(lines.filter((l) => l.level === 20)).toHaveLength(4); // the repeats, at debug
    expect(lines.find((l) => l.level === 30)).toMatchObject({ durationMs: 3_500, failures: 5 });
    expect(outage.down).toBe(false);

    outage.failed(refused); // a new outage: warned again
    await flush();
    expect(levels()).toEqual(['warn', 'info', 'warn']);
  });

  it('tells kinds apart and logs an unexpected failure as error every time', async () => {
    const { log, levels } = capturingLogger();
    const outage = new OutageLog(log, 'draft refresher');
    outage.failed(refused);
    outage.failed(shutdown);
    outage.failed(shutdown);
    outage.failed(new TypeError('a bug'));
    outage.failed(new TypeError('a bug'));
    outage.succeeded();
    await flush();
    expect(levels()).toEqual(['warn', 'warn', 'error', 'error', 'info', 'info']);
  });
});
