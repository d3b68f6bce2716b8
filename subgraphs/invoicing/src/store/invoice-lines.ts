import { Decimal, derivedId } from '@meterline/kit';
import type { BreakdownLine } from '@meterline/pricing';
import type { InvoiceLineDraft, LineKind } from '../domain/invoice-calculation';

/** An invoice line as stored in `invoices.lines` (decimals as strings). */
export interface StoredLineJson {
  id: string;
  kind: LineKind;
  productItemId: string | null;
  description: string;
  quantity: string | null;
  amount: string;
  deduction: boolean;
  /** What credit notes have credited of this line so far. */
  credited: string;
  breakdown: BreakdownLineJson[];
  /** The stretch of the period a usage line bills (absent on lines written before it was kept). */
  windowStart?: string | null;
  windowEnd?: string | null;
}

/** A breakdown line with its decimals as strings. */
export interface BreakdownLineJson {
  label: string;
  quantity: string | null;
  unitPrice: string | null;
  flatFee: string | null;
  rate: string | null;
  amount: string;
  tier: number | null;
  from: string | null;
  to: string | null;
  dimension: Record<string, string> | null;
}

/** An invoice line read back. */
export interface StoredLine {
  id: string;
  kind: LineKind;
  productItemId: string | null;
  description: string;
  quantity: Decimal | null;
  amount: Decimal;
  deduction: boolean;
  credited: Decimal;
  breakdown: BreakdownLine[];
  windowStart: Date | null;
  windowEnd: Date | null;
}

const decimalOrNull = (value: unknown) => (value === null || value === undefined ? null : new Decimal(value as string));
const textOrNull = (value: Decimal | null) => (value === null ? null : value.toFixed());

/**
 * What a line is within its invoice whatever its amount: kind, item and window. Two lines of one invoice with the same
 * key (rare) are told apart by their order.
 */
export const lineStableKey = (line: InvoiceLineDraft): string =>
  [line.kind, line.productItemId ?? '', line.window?.start.toISOString() ?? '', line.window?.end.toISOString() ?? ''].join('|');

/**
 * The lines of a draft as stored, with ids derived from the invoice's identity (`invoiceKey`: platform, subscription,
 * period, kind) and each line's stable key: a refresh rewrites a draft's lines with the same ids, so exports and
 * reconciliations taken between refreshes stay comparable.
 */
export function linesToJson(invoiceKey: string, lines: InvoiceLineDraft[]): StoredLineJson[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const key = lineStableKey(line);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return lineToJson(line, derivedId(`invoice-line:${invoiceKey}:${key}:${occurrence}`));
  });
}

function lineToJson(line: InvoiceLineDraft, id: string): StoredLineJson {
  return {
    id,
    kind: line.kind,
    productItemId: line.productItemId,
    description: line.description,
    quantity: textOrNull(line.quantity),
    amount: line.amount.toFixed(),
    deduction: line.deduction,
    credited: '0',
    windowStart: line.window?.start.toISOString() ?? null,
    windowEnd: line.window?.end.toISOString() ?? null,
    breakdown: line.breakdown.map((b) => ({
      ...b,
      quantity: textOrNull(b.quantity),
      unitPrice: textOrNull(b.unitPrice),
      flatFee: textOrNull(b.flatFee),
      rate: textOrNull(b.rate),
      amount: b.amount.toFixed(),
      from: textOrNull(b.from),
      to: textOrNull(b.to),
    })),
  };
}

export function lineFromJson(json: StoredLineJson): StoredLine {
  return {
    id: json.id,
    kind: json.kind,
    productItemId: json.productItemId,
    description: json.description,
    quantity: decimalOrNull(json.quantity),
    amount: new Decimal(json.amount),
    deduction: json.deduction,
    credited: new Decimal(json.credited ?? '0'),
    windowStart: json.windowStart ? new Date(json.windowStart) : null,
    windowEnd: json.windowEnd ? new Date(json.windowEnd) : null,
    breakdown: json.breakdown.map((b) => ({
      label: b.label,
      tier: b.tier,
      dimension: b.dimension,
      quantity: decimalOrNull(b.quantity),
      unitPrice: decimalOrNull(b.unitPrice),
      flatFee: decimalOrNull(b.flatFee),
      rate: decimalOrNull(b.rate),
      amount: new Decimal(b.amount),
      from: decimalOrNull(b.from),
      to: decimalOrNull(b.to),
    })),
  };
}
