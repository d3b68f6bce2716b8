import { Decimal } from '@meterline/kit/domain';
import { correctionKeyOf } from './correction';
import type { PhaseForBilling, LineKind } from './invoice-calculation';

/** Who a pricing simulation prices: one customer, the customers of a plan, or every customer. */
export type SimulationScope = 'CUSTOMER' | 'PLAN' | 'ALL';

/** A line as compared: an invoice's stored line or a line the billing code computed. */
export interface ComparedLineInput {
  kind: LineKind;
  productItemId: string | null;
  description: string;
  quantity: Decimal | null;
  amount: Decimal;
  windowStart: Date | null;
  windowEnd: Date | null;
}

/** One line of a period under the current pricing (what the invoice says) next to the same line simulated. */
export interface ComparedLine {
  kind: LineKind;
  productItemId: string | null;
  description: string;
  currentQuantity: Decimal | null;
  /** Absent from the invoice: null. */
  currentAmount: Decimal | null;
  simulatedQuantity: Decimal | null;
  /** Absent from the simulation: null. */
  simulatedAmount: Decimal | null;
  /** simulated − current (an absent side counts as zero). */
  difference: Decimal;
}

const ZERO = new Decimal(0);

/**
 * The phases a subscription would have had on `targetVersionId`: those whose version `replaced` says so point at the
 * target instead; instants, seats and overrides stay (the customer's tailored prices still win, as on a real change).
 */
export function substitutePhases(
  phases: readonly PhaseForBilling[],
  replaced: (planVersionId: string) => boolean,
  targetVersionId: string,
): PhaseForBilling[] {
  return phases.map((p) => (replaced(p.planVersionId) ? { ...p, planVersionId: targetVersionId } : p));
}

/**
 * What a line is the same line as across two pricings: usage lines by item and stretch, the commitment true-up by its
 * kind alone (its description names the amount), any other line by item and description (which names its stretch).
 */
export function lineIdentity(line: ComparedLineInput): string {
  if (line.kind === 'MINIMUM_COMMITMENT') return line.kind;
  if (line.kind === 'USAGE')
    return `${line.kind}|${line.productItemId ?? ''}|${line.windowStart?.getTime() ?? ''}|${line.windowEnd?.getTime() ?? ''}`;
  return `${line.kind}|${line.productItemId ?? ''}|${line.description}`;
}

/**
 * The lines of one period side by side: each simulated line in its order with the current line of the same identity
 * (the n-th with the n-th when one repeats), then the current lines the simulation does not have. Every line of either
 * side appears exactly once.
 */
export function compareLines(current: readonly ComparedLineInput[], simulated: readonly ComparedLineInput[]): ComparedLine[] {
  const waiting = new Map<string, ComparedLineInput[]>();
  for (const line of current) {
    const key = lineIdentity(line);
    waiting.set(key, [...(waiting.get(key) ?? []), line]);
  }
  const out: ComparedLine[] = simulated.map((line) => {
    const match = waiting.get(lineIdentity(line))?.shift() ?? null;
    return {
      kind: line.kind,
      productItemId: line.productItemId,
      description: line.description,
      currentQuantity: match?.quantity ?? null,
      currentAmount: match?.amount ?? null,
      simulatedQuantity: line.quantity,
      simulatedAmount: line.amount,
      difference: line.amount.minus(match?.amount ?? ZERO),
    };
  });
  for (const line of current)
    if (waiting.get(lineIdentity(line))?.includes(line)) {
      out.push({
        kind: line.kind,
        productItemId: line.productItemId,
        description: line.description,
        currentQuantity: line.quantity,
        currentAmount: line.amount,
        simulatedQuantity: null,
        simulatedAmount: null,
        difference: line.amount.negated(),
      });
    }
  return out;
}

/**
 * What a period is billed today: its invoice's lines with the lines of its corrections (late usage, backdated changes;
 * issued or still draft) folded in, as the corrections themselves are computed — per kind, item and usage stretch — so
 * a simulation priced on all the usage known now compares with all that was billed for it, not only the first invoice.
 * A correction line with no line of its key on the invoice stays a line of its own.
 */
export function withCorrections(lines: readonly ComparedLineInput[], corrections: readonly ComparedLineInput[]): ComparedLineInput[] {
  const out = lines.map((line) => ({ ...line }));
  const keyOf = (l: ComparedLineInput) => correctionKeyOf(l.kind, l.productItemId, l.windowStart, l.windowEnd);
  for (const correction of corrections) {
    const target = out.find((line) => keyOf(line) === keyOf(correction));
    if (!target) {
      out.push({ ...correction });
      continue;
    }
    target.amount = target.amount.plus(correction.amount);
    // A correction's quantity is null when it did not change (or the line has none).
    if (correction.quantity !== null) target.quantity = (target.quantity ?? ZERO).plus(correction.quantity);
  }
  return out;
}

/** Current and simulated amounts of something (a period, a customer, a run) in one currency, and their difference. */
export interface SimulationTotal {
  currency: string;
  current: Decimal;
  simulated: Decimal;
  difference: Decimal;
}

/** Sums per currency (in first-seen order): amounts of different currencies never add up. */
export function totalsByCurrency(rows: ReadonlyArray<{ currency: string; current: Decimal; simulated: Decimal }>): SimulationTotal[] {
  const out = new Map<string, SimulationTotal>();
  for (const row of rows) {
    const total = out.get(row.currency) ?? { currency: row.currency, current: ZERO, simulated: ZERO, difference: ZERO };
    const current = total.current.plus(row.current);
    const simulated = total.simulated.plus(row.simulated);
    out.set(row.currency, { currency: row.currency, current, simulated, difference: simulated.minus(current) });
  }
  return [...out.values()];
}
