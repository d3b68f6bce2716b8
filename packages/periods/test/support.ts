import { Decimal, parseDecimal } from '@meterline/money';
import { periodAt, type BillingPeriod, type Period } from '../src';

/** Test shorthand: a decimal from its string. */
export const d = (value: string): Decimal => parseDecimal(value);

/** Test shorthand: an instant from RFC 3339 text. */
export const at = (iso: string): Date => new Date(iso);

export const period = (start: string, end: string): Period => ({ start: at(start), end: at(end) });

/** The ISO start of periods 0..count-1 (and the end of the last one), as UTC text. */
export function boundaries(anchor: string, billingPeriod: BillingPeriod, count: number): string[] {
  const starts = Array.from({ length: count }, (_, index) => periodAt(at(anchor), billingPeriod, index).start.toISOString());
  return [...starts, periodAt(at(anchor), billingPeriod, count - 1).end.toISOString()];
}

export const iso = (p: Period): [string, string] => [p.start.toISOString(), p.end.toISOString()];
