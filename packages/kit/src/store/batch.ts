import { isUuid } from '../reference';
import type { Loaders } from '../server/context';

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
