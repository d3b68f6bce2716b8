import { Decimal, roundToMinorUnit } from '@meterline/money';
import { instantOf, type Period } from './calendar';

/** Wide enough that amount × milliseconds is exact and the quotient is correctly rounded to the result's scale. */
const Wide = Decimal.clone({ precision: 100 });

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

interface Span {
  start: number;
  end: number;
}

function span(period: Period, what: string): Span {
  const start = instantOf(period?.start, `${what}.start`);
  const end = instantOf(period?.end, `${what}.end`);
  if (end <= start) throw new RangeError(`${what} must end after it starts (empty or inverted)`);
  return { start, end };
}

function finite(amount: Decimal, what: string): Decimal {
  if (!Decimal.isDecimal(amount) || !amount.isFinite()) throw new RangeError(`${what} must be a finite decimal`);
  return amount;
}

/**
 * amount × overlap / length (milliseconds as integers, product before the one division), rounded half-up at the
 * amount's 40th significant digit — the same fixed scale whatever the part — so that the prorations of complementary
 * parts of a period add up to the amount exactly. Whole period → the amount itself; no overlap → 0.
 */
function prorateSpan(amount: Decimal, period: Span, part: Span): Decimal {
  const overlap = Math.min(period.end, part.end) - Math.max(period.start, part.start);
  const length = period.end - period.start;
  if (overlap <= 0 || amount.isZero()) return ZERO;
  if (overlap === length) return amount;
  const scale = Math.max(amount.decimalPlaces(), 39 - amount.e);
  const exact = new Wide(amount).times(overlap).dividedBy(length);
  return new Decimal(exact.toDecimalPlaces(scale, Wide.ROUND_HALF_UP).toFixed());
}

/**
 * Seconds-exact (in fact millisecond-exact) fraction of `period` covered by `part` (clipped to the period), as a
 * Decimal in [0, 1]: 1 for the whole period, 0 for a part outside it. Throws a RangeError on an empty or inverted
 * period or part, or an invalid date.
 */
export function fractionOf(period: Period, part: Period): Decimal {
  return prorateSpan(ONE, span(period, 'period'), span(part, 'part'));
}

/**
 * Prorates a per-period amount over `part` of `period`, exact (not rounded to a minor unit): amount × |part ∩ period| /
 * |period|. Throws a RangeError on an empty or inverted period or part, an invalid date, or a non-finite amount.
 */
export function prorate(amount: Decimal, period: Period, part: Period): Decimal {
  return prorateSpan(finite(amount, 'amount'), span(period, 'period'), span(part, 'part'));
}

export interface ProratedChange {
  /** The unused rest of the old amount, rounded half-up to the currency's minor unit. */
  credit: Decimal;
  /** The rest of the period at the new amount, rounded half-up to the currency's minor unit. */
  charge: Decimal;
  /** charge − credit (negative on a downgrade). */
  net: Decimal;
  /** The fraction of the period from `at` to its end, unrounded. */
  fraction: Decimal;
}

/**
 * A change inside a period at instant `at` (e.g. seats 5 → 8, or plan A → plan B): credit for the unused rest
 * [at, end) of the old amount, charge for that rest at the new amount, EACH rounded half-up to the currency's minor
 * unit before netting. `at` must lie in the half-open period [start, end); amounts are per whole period.
 */
export function prorateChange(args: {
  period: Period;
  at: Date;
  oldAmount: Decimal;
  newAmount: Decimal;
  currency: string;
}): ProratedChange {
  const period = span(args.period, 'period');
  const at = instantOf(args.at, 'at');
  if (at < period.start || at >= period.end) throw new RangeError('at must lie inside the period [start, end)');
  const rest: Span = { start: at, end: period.end };
  const credit = roundToMinorUnit(prorateSpan(finite(args.oldAmount, 'oldAmount'), period, rest), args.currency);
  const charge = roundToMinorUnit(prorateSpan(finite(args.newAmount, 'newAmount'), period, rest), args.currency);
  return { credit, charge, net: charge.minus(credit), fraction: prorateSpan(ONE, period, rest) };
}
