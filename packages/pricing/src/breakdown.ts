import { Decimal } from '@meterline/money';

/** One priced line of a result; fields that do not apply to the model are null. */
export interface BreakdownLine {
  label: string;
  quantity: Decimal | null;
  unitPrice: Decimal | null;
  flatFee: Decimal | null;
  /** A percentage (2.9 means 2.9 %). */
  rate: Decimal | null;
  /** Exact, unrounded. */
  amount: Decimal;
  /** 1-based tier or step number. */
  tier: number | null;
  /** Exclusive lower bound of the tier or step (0 for the first). */
  from: Decimal | null;
  /** Inclusive upper bound of the tier or step; null when open. */
  to: Decimal | null;
  /** The dimension rule's match that priced this line; null for the default config. */
  dimension: Record<string, string> | null;
}

export interface PriceResult {
  /** Exact sum of the breakdown amounts, NOT rounded (rounding happens once per invoice line). */
  amount: Decimal;
  breakdown: BreakdownLine[];
}

/** Builds a line with every field that does not apply set to null. */
export function breakdownLine(fields: Partial<BreakdownLine> & Pick<BreakdownLine, 'label' | 'amount'>): BreakdownLine {
  return {
    quantity: null,
    unitPrice: null,
    flatFee: null,
    rate: null,
    tier: null,
    from: null,
    to: null,
    dimension: null,
    ...fields,
  };
}

/** The result's amount is always derived from its lines so the two cannot disagree. */
export function resultOf(breakdown: BreakdownLine[]): PriceResult {
  return { amount: breakdown.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)), breakdown };
}
