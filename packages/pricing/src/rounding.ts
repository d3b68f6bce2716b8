import { Decimal, roundToMinorUnit } from '@meterline/money';

/** Rounds one invoice line once, half-up, to the currency's minor unit (JPY 0, EUR 2, BHD 3). */
export function roundLine(amount: Decimal, currency: string): Decimal {
  return roundToMinorUnit(amount, currency);
}

/** Totals are sums of rounded lines, never the rounded sum, so an invoice adds up to what its lines show. */
export function totalOfRoundedLines(amounts: readonly Decimal[], currency: string): Decimal {
  return amounts.reduce((total, amount) => total.plus(roundLine(amount, currency)), new Decimal(0));
}
