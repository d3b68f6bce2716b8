import { Decimal } from '@meterline/kit/domain';
import type { Period } from '@meterline/periods';
import type { InvoiceLineDraft } from './invoice-calculation';

/** A line already on an issued invoice of the period (the original or an earlier correction). */
export type BilledLine = Pick<InvoiceLineDraft, 'kind' | 'productItemId' | 'description' | 'quantity' | 'amount' | 'deduction' | 'window'>;

const ZERO = new Decimal(0);
/** Lines correct each other per kind, item and, for usage, the stretch they bill (the window's instants, or none). */
export function correctionKeyOf(kind: string, productItemId: string | null, windowStart: Date | null, windowEnd: Date | null): string {
  return `${kind}|${productItemId ?? ''}|${windowStart?.getTime() ?? ''}|${windowEnd?.getTime() ?? ''}`;
}
const keyOf = (line: BilledLine) => correctionKeyOf(line.kind, line.productItemId, line.window?.start ?? null, line.window?.end ?? null);

/**
 * The correction of an issued period (DESIGN §3: usage for an issued period never changes that invoice). The period is
 * recomputed from the read models as they are now; what was billed for it (the issued invoice and any issued
 * corrections) is subtracted per kind, item and usage stretch; each difference becomes a line of the correction invoice — a debit
 * for late usage, a credit when a recomputation comes out lower. No difference, no lines: nothing to correct.
 * Amounts are differences of rounded lines, so they stay in the currency's minor unit.
 */
export function correctionLines(
  recomputed: readonly InvoiceLineDraft[],
  billed: readonly BilledLine[],
  period: Period,
): InvoiceLineDraft[] {
  const totals = new Map<string, { line: BilledLine; amount: Decimal; quantity: Decimal | null }>();
  const add = (line: BilledLine, sign: 1 | -1) => {
    const key = keyOf(line);
    const entry = totals.get(key) ?? { line, amount: ZERO, quantity: ZERO };
    entry.amount = entry.amount.plus(line.amount.times(sign));
    entry.quantity = entry.quantity === null || line.quantity === null ? null : entry.quantity.plus(line.quantity.times(sign));
    totals.set(key, entry);
  };
  for (const line of recomputed) add(line, 1);
  for (const line of billed) add(line, -1);
  const label = `${period.start.toISOString()} – ${period.end.toISOString()}`;
  return [...totals.values()]
    .filter((entry) => !entry.amount.isZero())
    .map(({ line, amount, quantity }) => ({
      kind: line.kind,
      productItemId: line.productItemId,
      description: `Correction for ${label}: ${line.description}`,
      quantity: quantity !== null && !quantity.isZero() ? quantity : null,
      amount,
      exactAmount: amount,
      deduction: line.deduction,
      breakdown: [],
      window: line.window ?? null,
    }));
}
