import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { BusTables1763700000000 } from '../src/bus/bus-tables.migration';
import { systemClock } from '../src/clock';
import { ErrorCode, formatPublicError } from '../src/errors';
import { isContention } from '../src/outage-log';
import { openDatabase } from '../src/store/database';
import { ServiceDb, type Transaction } from '../src/store/transaction';
import { testInfrastructure } from '../src/testing';

describe('a transaction Postgres refuses for contention', () => {
  const schema = `kit_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let ds: DataSource;
  let db: ServiceDb;
  beforeAll(async () => {
    ds = await openDatabase({
      url: (await testInfrastructure()).databaseUrl,
      schema,
      entities: [],
      migrations: [BusTables1763700000000],
      poolSize: 4,
    });
    await ds.query(`CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)`);
    db = new ServiceDb(ds, systemClock);
  });
  afterAll(async () => {
    await ds?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await ds?.destroy();
  });

  it('is run again from the start: two writers locking the same rows in opposite orders both commit, each once', async () => {
    await ds.query(`INSERT INTO counters VALUES (1, 0), (2, 0)`);
    let attempts = 0;
    let bothHoldTheirFirstLock!: () => void;
    const firstLocks = new Promise<void>((resolve) => (bothHoldTheirFirstLock = resolve));
    let holding = 0;
    const writer = (first: number, second: number) => async (tx: Transaction) => {
      attempts += 1;
      await tx.manager.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [first]);
      holding += 1;
      if (holding === 2) bothHoldTheirFirstLock();
      await Promise.race([firstLocks, new Promise((resolve) => setTimeout(resolve, 500))]);
      await tx.manager.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [second]);
      return first;
    };
    const done = await Promise.all([db.transact(writer(1, 2)), db.transact(writer(2, 1))]);
    expect(done).toEqual([1, 2]);
    expect(attempts).toBe(3); // one of them deadlocked, rolled back whole, and ran again
    const rows = (await ds.query(`SELECT id, n FROM counters ORDER BY id`)) as Array<{ id: number; n: number }>;
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it('gives up after a few attempts, and the API answers it as retryable (503), never as a bug', async () => {
    let attempts = 0;
    const error = await db
      .transact(async () => {
        attempts += 1;
        throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      })
      .catch((e: unknown) => e);
    expect(attempts).toBe(4);
    expect(isContention(error)).toBe(true);
    const answered = formatPublicError(new GraphQLError('x', { originalError: error as Error }).toJSON(), error);
    expect(answered.extensions).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });

    let plain = 0;
    await expect(
      db.transact(async () => {
        plain += 1;
        throw new Error('a bug');
      }),
    ).rejects.toThrow('a bug');
    expect(plain).toBe(1); // anything else is not retried
  });
});
