import { Client } from 'pg';
import { statementCounter } from './statement-count';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** The one Postgres schema this service owns (DESIGN §1). */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Array<Function | EntitySchema>;
  migrations: Array<new () => MigrationInterface>;
  poolSize?: number;
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
  const client = new Client({ connectionString: admin.toString() });
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
  const client = new Client({ connectionString: admin.toString() });
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
    extra: { max: options.poolSize ?? 10, options: `-c search_path=${options.schema}` },
  });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    // Several replicas may start at once: one runs the migrations, the others wait for its lock.
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${options.schema}`]);
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
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
