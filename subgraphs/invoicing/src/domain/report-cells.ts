import type { Decimal } from '@meterline/kit/domain';
import type { BreakdownLine } from '@meterline/pricing';

/** One CSV cell: text as it is; absent values are an empty cell. */
export type Cell = string;

/** An instant as RFC 3339 in UTC, to the millisecond (`2026-03-01T00:00:00.000Z`); none: an empty cell. */
export function instantCell(value: Date | string | null | undefined): Cell {
  if (value === null || value === undefined) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${String(value)}`);
  return date.toISOString();
}

/** An exact decimal as plain digits (never exponent notation, never a JS number); none: an empty cell. */
export function decimalCell(value: Decimal | null | undefined): Cell {
  return value === null || value === undefined ? '' : value.toFixed();
}

/** Text as it is; none: an empty cell. */
export function textCell(value: string | number | boolean | null | undefined): Cell {
  return value === null || value === undefined ? '' : String(value);
}

/** One breakdown entry as text (a zero flat fee is left out): `100 × 0.5`, `flat 10`, `2.9 % of 250`, joined with ` + ` when several apply. */
function breakdownPart(b: BreakdownLine): string {
  const parts: string[] = [];
  if (b.rate !== null) parts.push(`${b.rate.toFixed()} % of ${b.quantity?.toFixed() ?? b.amount.toFixed()}`);
  else if (b.quantity !== null && b.unitPrice !== null) parts.push(`${b.quantity.toFixed()} × ${b.unitPrice.toFixed()}`);
  if (b.flatFee !== null && !b.flatFee.isZero()) parts.push(`flat ${b.flatFee.toFixed()}`);
  if (parts.length === 0) parts.push(b.amount.toFixed());
  const dimension = b.dimension ? Object.entries(b.dimension).map(([k, v]) => `${k}=${v}`) : [];
  const text = parts.join(' + ');
  return dimension.length > 0 ? `[${dimension.join(', ')}] ${text}` : text;
}

/**
 * How a line's price came to its amount, in one readable cell: the breakdown entries joined with ` + `, e.g.
 * `100 × 0 + 50 × 0.5` for two tiers, `flat 20 + 30 × 0.1` for a tier with a flat fee. No breakdown: an empty cell.
 */
export function breakdownText(breakdown: readonly BreakdownLine[]): Cell {
  return breakdown.map(breakdownPart).join(' + ');
}

/** The file name of a report: `<report>-<from>-<to>.csv`, the instants as given dates (`all` when open). */
export function reportFileName(report: string, from: Date | null, to: Date | null): string {
  const day = (d: Date | null) =>
    d
      ? d
          .toISOString()
          .replace(/[:]/g, '')
          .replace(/\.000Z$/, 'Z')
      : 'all';
  return `${report}-${day(from)}-${day(to)}.csv`;
}
