import { Decimal, parseDecimal } from '@meterline/money';
import { parsePriceConfig, priceAmounts, priceQuantity, type PriceConfig, type PriceResult } from '../src';

/** Test shorthand: a decimal from its string. */
export const d = (value: string): Decimal => parseDecimal(value);

export const config = (json: Record<string, unknown>): PriceConfig => parsePriceConfig(json);

/** The exact amount billed for a quantity, as a decimal string. */
export function billed(priceConfig: PriceConfig, quantity: string): string {
  return priceQuantity(priceConfig, d(quantity)).amount.toFixed();
}

/** The exact amount billed for transaction amounts, as a decimal string. */
export function billedAmounts(priceConfig: PriceConfig, amounts: string[]): string {
  return priceAmounts(priceConfig, amounts.map(d)).amount.toFixed();
}

/** Every result must satisfy amount = sum of its breakdown lines. */
export function sumOfLines(result: PriceResult): string {
  return result.breakdown.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)).toFixed();
}

export const HUGE = '1000000000000000';
