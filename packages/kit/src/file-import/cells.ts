/** One cell of a row: undefined when the row has no such column or field. */
export type CellReader = (column: string) => unknown;

/**
 * Why a cell's text cannot be taken as it is, or null: a NUL character (PostgreSQL stores no 0x00 in text), or U+FFFD,
 * which is what the file's UTF-8 decoding puts in place of bytes that are not UTF-8 (e.g. FF FE) — taking it would
 * silently store other text than the file holds. (A file that really contains U+FFFD has its row refused too.)
 */
export function cellTextProblem(cell: unknown): string | null {
  if (typeof cell !== 'string') return null;
  if (cell.includes('\u0000')) return 'the cell contains a NUL character (byte 00)';
  if (cell.includes('\uFFFD')) return 'the cell holds bytes that are not UTF-8 text (e.g. FF FE); save the file as UTF-8';
  return null;
}
