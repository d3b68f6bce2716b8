import { Decimal } from '@meterline/money';

/** A half-open interval of time `[start, end)`. */
export interface Period {
  start: Date;
  end: Date;
}

function millis(date: Date, what: string): Decimal {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isInteger(time)) throw new RangeError(`${what} is not a valid date`);
  return new Decimal(time);
}

/**
 * amount × |part ∩ period| / |period|, unrounded (rounding is the invoice line's job). Durations are integer
 * milliseconds turned into Decimals, and the product is formed before the one division, so no float is involved.
 * Throws when the period is empty or inverted, or the part is inverted; a part outside the period prorates to 0.
 */
export function prorate(amount: Decimal, period: Period, part: Period): Decimal {
  const periodStart = millis(period.start, 'period.start');
  const periodEnd = millis(period.end, 'period.end');
  const partStart = millis(part.start, 'part.start');
  const partEnd = millis(part.end, 'part.end');
  if (periodEnd.lte(periodStart)) throw new RangeError('period must end after it starts');
  if (partEnd.lt(partStart)) throw new RangeError('part must not end before it starts');
  const overlap = Decimal.min(periodEnd, partEnd).minus(Decimal.max(periodStart, partStart));
  if (overlap.lte(0)) return new Decimal(0);
  if (overlap.eq(periodEnd.minus(periodStart))) return amount;
  return amount.times(overlap).dividedBy(periodEnd.minus(periodStart));
}
