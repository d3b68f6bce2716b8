import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { GraphQLError } from 'graphql';
import { BusTables1763700000000 } from '../src/bus/bus-tables.migration';
import { loadConfig } from '../src/config';
import { ErrorCode, formatPublicError } from '../src/errors';
import { transientFailureKind } from '../src/outage-log';
import { databaseTimeoutsSpec, openDatabase, type DatabaseTimeouts } from '../src/store/database';
import { testInfrastructure } from '../src/testing';

/** A TCP server that accepts connections and never says a word: a black-holed Postgres. */
async function silentServer(): Promise<{ port: number; sockets: Socket[]; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    sockets,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const timeouts = (connectMs: number, statementMs = 60_000): DatabaseTimeouts => ({
  DATABASE_CONNECT_TIMEOUT_MS: connectMs,
  DATABASE_STATEMENT_TIMEOUT_MS: statementMs,
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
});

describe('Postgres connection timeouts', () => {
  it('defaults to a 5 s connect timeout and 60 s statement and idle-in-transaction timeouts', () => {
    expect(loadConfig(databaseTimeoutsSpec, {})).toEqual(timeouts(5_000));
    expect(() => loadConfig(databaseTimeoutsSpec, { DATABASE_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
  });

  it('gives up on a Postgres that accepts the connection but never answers, within the timeout, as a transient failure (503)', async () => {
    const blackHole = await silentServer();
    try {
      const started = Date.now();
      const error = await openDatabase({
        url: `postgres://postgres@127.0.0.1:${blackHole.port}/meterline`,
        schema: 'kit_black_hole',
        entities: [],
        migrations: [],
        poolSize: 1,
        timeouts: timeouts(300),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(blackHole.sockets.length).toBeGreaterThan(0); // it did connect: the wait was for Postgres's answer
      expect(error).toBeInstanceOf(Error);
      expect(transientFailureKind(error)).toBe('postgres');
      const answered = formatPublicError(new GraphQLError('x', { originalError: error as Error }).toJSON(), error);
      expect(answered.extensions).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: expect.any(Number) });
    } finally {
      await blackHole.close();
    }
  });

  it('cancels a statement that runs past the statement timeout; migrations run without it', async () => {
    const schema = `kit_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const ds = await openDatabase({
      url: (await testInfrastructure()).databaseUrl,
      schema,
      entities: [],
      // a migration slower than the statement timeout still runs
      migrations: [
        BusTables1763700000000,
        class Slow1763700000900 {
          name = 'Slow1763700000900';
          async up(runner: { query(sql: string): Promise<unknown> }) {
            await runner.query('SELECT pg_sleep(0.5)');
          }
          async down() {}
        },
      ],
      poolSize: 2,
      timeouts: timeouts(5_000, 200),
    });
    try {
      const [{ statement_timeout }] = (await ds.query('SHOW statement_timeout')) as Array<{ statement_timeout: string }>;
      expect(statement_timeout).toBe('200ms');
      const [{ idle_in_transaction_session_timeout: idle }] = (await ds.query('SHOW idle_in_transaction_session_timeout')) as Array<{
        idle_in_transaction_session_timeout: string;
      }>;
      expect(idle).toBe('1min');
      await expect(ds.query('SELECT pg_sleep(1)')).rejects.toMatchObject({ driverError: { code: '57014' } });
      const migrated = (await ds.query(`SELECT name FROM "${schema}".migrations ORDER BY id`)) as Array<{ name: string }>;
      expect(migrated.map((m) => m.name)).toEqual(['BusTables1763700000000', 'Slow1763700000900']);
    } finally {
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    }
  });
});
