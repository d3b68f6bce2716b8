import { badInput } from '../errors';

/** The cursor of a reported file row in a connection: opaque to clients, its row number inside. */
export function rowCursor(rowNumber: number): string {
  return Buffer.from(JSON.stringify({ row: rowNumber })).toString('base64url');
}

/** The row number of a cursor given back as `after`; BAD_USER_INPUT on `after` when it is not one of ours. */
export function rowOfCursor(cursor: string): number {
  try {
    const { row } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { row?: unknown };
    if (typeof row === 'number' && Number.isInteger(row) && row >= 0) return row;
  } catch {
    // fall through
  }
  throw badInput('after', 'Malformed cursor');
}
