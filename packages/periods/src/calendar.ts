/** A half-open interval of time `[start, end)`, in UTC instants. */
export interface Period {
  start: Date;
  end: Date;
}

export type BillingPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

export type IndexedPeriod = Period & { index: number };

const MONTHS_PER_PERIOD: Record<BillingPeriod, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/** Epoch milliseconds of a valid Date; a RangeError naming `what` otherwise. */
export function instantOf(date: Date, what: string): number {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isInteger(time)) throw new RangeError(`${what} is not a valid date`);
  return time;
}

function monthsPerPeriod(billingPeriod: BillingPeriod): number {
  const months = Object.prototype.hasOwnProperty.call(MONTHS_PER_PERIOD, billingPeriod) ? MONTHS_PER_PERIOD[billingPeriod] : undefined;
  if (months === undefined) throw new RangeError(`"${String(billingPeriod)}" is not a billing period (MONTH, QUARTER, YEAR)`);
  return months;
}

function daysInMonth(year: number, monthIndex: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex + 1, 0); // day 0 of the next month = last day of this one
  return date.getUTCDate();
}

/**
 * The anchor moved by `months` calendar months, computed from the anchor itself: the day is clamped to the target
 * month's last day and the anchor's time of day is kept. Built with setUTCFullYear so years 0–99 are not remapped.
 */
function addMonthsClamped(anchor: Date, months: number): number {
  const totalMonths = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months;
  if (!Number.isSafeInteger(totalMonths)) throw new RangeError('period index is out of the range of dates');
  const year = Math.floor(totalMonths / 12);
  const monthIndex = totalMonths - year * 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, monthIndex));
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds());
  const time = date.getTime();
  if (!Number.isInteger(time)) throw new RangeError('period index is out of the range of dates');
  return time;
}

function checkIndex(index: number): void {
  if (typeof index !== 'number' || !Number.isInteger(index)) throw new RangeError(`period index ${String(index)} is not an integer`);
  if (index < 0) throw new RangeError(`period index ${index} is negative`);
}

function startOf(anchor: Date, months: number, index: number): number {
  return addMonthsClamped(anchor, months * index);
}

/**
 * The i-th period (i ≥ 0) of a subscription anchored at `anchor` (the start of period 0, any UTC instant).
 * Period i starts at anchor + i months (3i for QUARTER, 12i for YEAR), day clamped to the month's end, anchor's time of
 * day kept, and ends where period i + 1 starts.
 */
export function periodAt(anchor: Date, billingPeriod: BillingPeriod, index: number): Period {
  instantOf(anchor, 'anchor');
  const months = monthsPerPeriod(billingPeriod);
  checkIndex(index);
  return { start: new Date(startOf(anchor, months, index)), end: new Date(startOf(anchor, months, index + 1)) };
}

/** The period containing `instant` (instant ≥ anchor), and its index. A period's end belongs to the next period. */
export function periodContaining(anchor: Date, billingPeriod: BillingPeriod, instant: Date): IndexedPeriod {
  const anchorTime = instantOf(anchor, 'anchor');
  const months = monthsPerPeriod(billingPeriod);
  const time = instantOf(instant, 'instant');
  if (time < anchorTime) throw new RangeError('instant is before the anchor');
  const monthsApart = (instant.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (instant.getUTCMonth() - anchor.getUTCMonth());
  // The calendar-month estimate is off by at most one period; walk to the exact one.
  let index = Math.max(0, Math.floor(monthsApart / months));
  while (index > 0 && startOf(anchor, months, index) > time) index -= 1;
  while (startOf(anchor, months, index + 1) <= time) index += 1;
  return { start: new Date(startOf(anchor, months, index)), end: new Date(startOf(anchor, months, index + 1)), index };
}

/** Periods overlapping [from, to), in order, whole (not clipped to [from, to)); empty when from ≥ to or to ≤ anchor. */
export function periodsBetween(anchor: Date, billingPeriod: BillingPeriod, from: Date, to: Date): IndexedPeriod[] {
  const anchorTime = instantOf(anchor, 'anchor');
  const months = monthsPerPeriod(billingPeriod);
  const fromTime = instantOf(from, 'from');
  const toTime = instantOf(to, 'to');
  if (fromTime >= toTime || toTime <= anchorTime) return [];
  const first = fromTime <= anchorTime ? 0 : periodContaining(anchor, billingPeriod, from).index;
  const periods: IndexedPeriod[] = [];
  let start = startOf(anchor, months, first);
  for (let index = first; start < toTime; index += 1) {
    const end = startOf(anchor, months, index + 1);
    periods.push({ start: new Date(start), end: new Date(end), index });
    start = end;
  }
  return periods;
}
