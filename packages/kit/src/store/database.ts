import { Client } from 'pg';
import { statementCounter } from './statement-count';
import { DataSource, MigrationExecutor, type EntitySchema, type MigrationInterface } from 'typeorm';
import { loadConfig, type Config, type ConfigSpec } from '../config';

/**
 * Bounds on every Postgres connection of a service (optional tunables; 0 turns one off). Without a connect timeout a
 * connection attempt to a black-holed Postgres hangs forever; with it, the attempt fails as a transient failure (503).
 */
export const databaseTimeoutsSpec = {
  DATABASE_CONNECT_TIMEOUT_MS: {
    kind: 'duration-ms',
    description: 'longest wait for a new Postgres connection (TCP and startup), then a transient failure (503)',
    default: '5000',
  },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    kind: 'duration-ms',
    description: 'longest run of one SQL statement before Postgres cancels it (migrations are exempt)',
    default: '60000',
  },
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: {
    kind: 'duration-ms',
    description: 'longest a session may sit idle inside an open transaction before Postgres ends it (locks are freed)',
    default: '60000',
  },
} satisfies ConfigSpec;

export type DatabaseTimeouts = Config<typeof databaseTimeoutsSpec>;

/** The pg connection settings of the timeouts (pg's names; 0 = off, as Postgres reads it). */
export function connectionTimeouts(timeouts: DatabaseTimeouts) {
  return {
    connectionTimeoutMillis: timeouts.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: timeouts.DATABASE_STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: timeouts.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

export interface DatabaseOptions {
  url: string;
  /** The one Postgres schema this service owns (DESIGN §1). */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Array<Function | EntitySchema>;
  migrations: Array<new () => MigrationInterface>;
  poolSize?: number;
  /** Default: from the environment (databaseTimeoutsSpec). */
  timeouts?: DatabaseTimeouts;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain lower-case identifier`);
  return `"${name}"`;
}

/** Creates the database named in `url` when it does not exist (used by `npm start` and the test environment). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), ...connectionTimeouts(loadConfig(databaseTimeoutsSpec)) });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      } catch (error) {
        // another process created it between our check and our create
        if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops a database (tests that made their own), disconnecting whoever is still on it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), ...connectionTimeouts(loadConfig(databaseTimeoutsSpec)) });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Opens a TypeORM DataSource bound to the service's own schema: creates the schema if missing
 * (a migration cannot create the schema its own migrations table lives in), then runs pending migrations.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const schema = quoteIdentifier(options.schema);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Nothing is logged: the logger only counts statements per request (see statement-count.ts).
    logging: ['query'],
    logger: statementCounter,
    // Raw SQL (migrations, repositories) resolves unqualified names in the service's own schema only.
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema}`,
      ...connectionTimeouts(options.timeouts ?? loadConfig(databaseTimeoutsSpec)),
    },
  });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    // Several replicas may start at once: one runs the migrations, the others wait for its lock.
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      // Migrations run on this connection, without the statement timeout: building an index on a large table (or
      // waiting for another replica's migrations) may take long.
      await runner.query('SET statement_timeout = 0');
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${options.schema}`]);
      try {
        const migrations = new MigrationExecutor(dataSource, runner);
        migrations.transaction = 'each';
        await migrations.executePendingMigrations();
      } finally {
        await runner.query('RESET statement_timeout');
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${options.schema}`]);
      }
    } finally {
      await runner.release();
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
