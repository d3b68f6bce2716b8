import { isUuid } from '../reference';
import type { Loaders } from '../server/context';
import { tooManyRows } from '../server/response-ceiling';

const UNIQUE_VIOLATION = '23505';

/** True when a TypeORM/pg error is a unique-index violation (optionally of one index). */
export function isUniqueViolation(error: unknown, constraintPrefix?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === UNIQUE_VIOLATION && (!constraintPrefix || (driverError.constraint ?? '').startsWith(constraintPrefix));
}

/**
 * Loads one row by id through the request's DataLoader named `name`: every id asked for during the request is fetched
 * in one query by `fetch` (which must filter by platform); ids not found resolve to null. Only well-formed UUIDs reach
 * `fetch` (a malformed id is simply not found), so it compares them as uuid and the primary key's index serves.
 */
export function loadById<T extends { id: string }>(
  loaders: Loaders,
  name: string,
  fetch: (ids: readonly string[]) => Promise<T[]>,
  id: string,
): Promise<T | null> {
  return loaders
    .get<string, T | null>(name, async (ids) => {
      const valid = ids.filter(isUuid);
      const byId = new Map(valid.length === 0 ? [] : (await fetch(valid)).map((row) => [row.id, row]));
      return ids.map((key) => byId.get(key) ?? null);
    })
    .load(id);
}

/**
 * Loads the children of a parent (a customer's subscriptions, a plan's versions) through the request's DataLoader named
 * `name`: the children of every parent asked for during the request in one query, grouped by `parentOf`. `fetch` must
 * filter by platform and read at most `take` rows (`.take(take)`); when it reads that many, the load fails with
 * RESPONSE_TOO_LARGE (`what` names the rows) instead of holding more than `loaders.maxRows` rows for one request.
 */
export function loadChildren<T>(
  loaders: Loaders,
  name: string,
  what: string,
  fetch: (parentIds: readonly string[], take: number) => Promise<T[]>,
  parentOf: (row: T) => string,
  parentId: string,
): Promise<T[]> {
  return loaders
    .get<string, T[]>(name, async (parentIds) => {
      const rows = await fetch(parentIds, loaders.maxRows + 1);
      if (rows.length > loaders.maxRows) throw tooManyRows(what, loaders.maxRows);
      const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) byParent.get(parentOf(row))?.push(row);
      return parentIds.map((id) => byParent.get(id) ?? []);
    })
    .load(parentId);
}
