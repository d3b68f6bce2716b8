import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

const current = new AsyncLocalStorage<{ statements: number }>();

/** Runs `work` counting the SQL statements it sends (across awaits); the count is read with `statementsSoFar`. */
export function countingStatements<T>(work: () => T): T {
  return current.run({ statements: 0 }, work);
}

/** Statements sent so far in the current `countingStatements` scope (undefined outside one). */
export function statementsSoFar(): number | undefined {
  return current.getStore()?.statements;
}

/**
 * A TypeORM logger that logs nothing and counts every statement into the current scope: a request's SQL cost is
 * visible (the `x-meterline-sql-statements` response header), so tests can show that expanding a list costs the same
 * number of statements for 10 items as for 100 (no N+1).
 */
export const statementCounter: TypeOrmLogger = {
  logQuery() {
    const store = current.getStore();
    if (store) store.statements += 1;
  },
  logQueryError() {},
  logQuerySlow() {},
  logSchemaBuild() {},
  logMigration() {},
  log() {},
};
