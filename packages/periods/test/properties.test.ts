import fc from 'fast-check';
import { Decimal, minorUnits, roundToMinorUnit } from '@meterline/money';
import { fractionOf, periodAt, periodContaining, periodsBetween, prorate, prorateChange, type BillingPeriod, type Period } from '../src';

const DAY = 86_400_000;
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);

const billingPeriod = fc.constantFrom<BillingPeriod>('MONTH', 'QUARTER', 'YEAR');

/** Any instant, or one on day 28–31 (clamping territory) at a random time of day. */
const anchor: fc.Arbitrary<Date> = fc.oneof(
  fc.integer({ min: MIN_TIME, max: MAX_TIME }).map((time) => new Date(time)),
  fc
    .record({
      year: fc.integer({ min: 1970, max: 2199 }),
      month: fc.integer({ min: 0, max: 11 }),
      day: fc.integer({ min: 28, max: 31 }),
      timeOfDay: fc.integer({ min: 0, max: DAY - 1 }),
    })
    .map(({ year, month, day, timeOfDay }) => {
      const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      return new Date(Date.UTC(year, month, Math.min(day, lastDay)) + timeOfDay);
    }),
);
const index = fc.integer({ min: 0, max: 1_500 });

const LENGTH_IN_DAYS: Record<BillingPeriod, [number, number]> = { MONTH: [28, 31], QUARTER: [89, 92], YEAR: [365, 366] };

/** A non-negative or negative decimal with up to 6 decimals and an integer part up to 10^9. */
const amount = fc
  .tuple(fc.boolean(), fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([negative, whole, fraction, scale]) =>
    new Decimal(whole).plus(new Decimal(fraction).dividedBy(1_000_000).toDecimalPlaces(scale)).times(negative ? -1 : 1),
  );
const currency = fc.constantFrom('EUR', 'USD', 'JPY', 'BHD', 'CLF');

/** A real billing period, or any millisecond interval up to 400 days. */
const aPeriod: fc.Arbitrary<Period> = fc.oneof(
  fc.tuple(anchor, billingPeriod, fc.integer({ min: 0, max: 200 })).map(([a, b, i]) => periodAt(a, b, i)),
  fc
    .tuple(fc.integer({ min: MIN_TIME, max: MAX_TIME }), fc.integer({ min: 1, max: 400 * DAY }))
    .map(([start, length]) => ({ start: new Date(start), end: new Date(start + length) })),
);
/** A period and an instant strictly inside it (so both halves are non-empty). */
const periodAndSplit = aPeriod
  .filter((p) => p.end.getTime() - p.start.getTime() >= 2)
  .chain((p) => fc.integer({ min: p.start.getTime() + 1, max: p.end.getTime() - 1 }).map((split) => ({ p, split: new Date(split) })));
/** A period and a change instant in [start, end). */
const periodAndChange = aPeriod.chain((p) =>
  fc.integer({ min: p.start.getTime(), max: p.end.getTime() - 1 }).map((change) => ({ p, change: new Date(change) })),
);

describe('period invariants', () => {
  it('consecutive periods tile time with no gap and no overlap', () => {
    fc.assert(
      fc.property(anchor, billingPeriod, index, (a, b, i) => {
        const current = periodAt(a, b, i);
        const next = periodAt(a, b, i + 1);
        return current.start < current.end && current.end.getTime() === next.start.getTime();
      }),
    );
  });

  it('period 0 starts at the anchor', () => {
    fc.assert(fc.property(anchor, billingPeriod, (a, b) => periodAt(a, b, 0).start.getTime() === a.getTime()));
  });

  it('periodContaining(periodAt(i).start) has index i, and so does its last millisecond', () => {
    fc.assert(
      fc.property(anchor, billingPeriod, index, (a, b, i) => {
        const p = periodAt(a, b, i);
        return periodContaining(a, b, p.start).index === i && periodContaining(a, b, new Date(p.end.getTime() - 1)).index === i;
      }),
    );
  });

  it('periodContaining returns the period that contains the instant, which is periodAt of its index', () => {
    fc.assert(
      fc.property(anchor, billingPeriod, fc.integer({ min: 0, max: 100 * 366 * DAY }), (a, b, offset) => {
        const instant = new Date(a.getTime() + offset);
        const found = periodContaining(a, b, instant);
        const direct = periodAt(a, b, found.index);
        return (
          found.start <= instant &&
          instant < found.end &&
          found.start.getTime() === direct.start.getTime() &&
          found.end.getTime() === direct.end.getTime()
        );
      }),
    );
  });

  it('every period is a whole number of days: 28–31 for MONTH, 89–92 for QUARTER, 365–366 for YEAR', () => {
    fc.assert(
      fc.property(anchor, billingPeriod, index, (a, b, i) => {
        const p = periodAt(a, b, i);
        const length = p.end.getTime() - p.start.getTime();
        const [min, max] = LENGTH_IN_DAYS[b];
        return length > 0 && length % DAY === 0 && length / DAY >= min && length / DAY <= max;
      }),
    );
  });

  it('each start is the anchor moved by whole months, day clamped to the month’s end, time of day kept', () => {
    const months: Record<BillingPeriod, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };
    fc.assert(
      fc.property(anchor, billingPeriod, index, (a, b, i) => {
        const start = periodAt(a, b, i).start;
        const total = a.getUTCFullYear() * 12 + a.getUTCMonth() + i * months[b];
        const lastDay = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
        return (
          start.getUTCFullYear() === Math.floor(total / 12) &&
          start.getUTCMonth() === total % 12 &&
          start.getUTCDate() === Math.min(a.getUTCDate(), lastDay) &&
          start.getTime() % DAY === ((a.getTime() % DAY) + DAY) % DAY
        );
      }),
    );
  });

  it('periodsBetween lists consecutive periods covering [from, to) ∩ [anchor, ∞), each overlapping it', () => {
    fc.assert(
      fc.property(
        anchor,
        billingPeriod,
        fc.integer({ min: -400 * DAY, max: 3_000 * DAY }),
        fc.integer({ min: -10 * DAY, max: 3_000 * DAY }),
        (a, b, fromOffset, length) => {
          const from = new Date(a.getTime() + fromOffset);
          const to = new Date(from.getTime() + length);
          const periods = periodsBetween(a, b, from, to);
          const effectiveFrom = Math.max(from.getTime(), a.getTime());
          if (to.getTime() <= effectiveFrom) return periods.length === 0;
          const first = periods[0];
          const last = periods[periods.length - 1];
          return (
            first.index === periodContaining(a, b, new Date(effectiveFrom)).index &&
            last.start.getTime() < to.getTime() &&
            last.end.getTime() >= to.getTime() &&
            periods.every((p, k) => p.index === first.index + k && (k === 0 || periods[k - 1].end.getTime() === p.start.getTime())) &&
            periods.every((p) => p.start.getTime() < to.getTime() && p.end.getTime() > effectiveFrom)
          );
        },
      ),
    );
  });
});

describe('proration invariants', () => {
  it('fractionOf is in [0, 1] for any part', () => {
    fc.assert(
      fc.property(aPeriod, fc.integer({ min: MIN_TIME, max: MAX_TIME }), fc.integer({ min: 1, max: 800 * DAY }), (p, start, length) => {
        const fraction = fractionOf(p, { start: new Date(start), end: new Date(start + length) });
        return fraction.gte(0) && fraction.lte(1);
      }),
    );
  });

  it('the fractions of the two parts of a period split at any instant add up to exactly 1', () => {
    fc.assert(
      fc.property(periodAndSplit, ({ p, split }) =>
        fractionOf(p, { start: p.start, end: split })
          .plus(fractionOf(p, { start: split, end: p.end }))
          .eq(1),
      ),
    );
  });

  it('prorating the two parts of a period split at any instant adds up to the whole amount exactly (unrounded)', () => {
    fc.assert(
      fc.property(periodAndSplit, amount, ({ p, split }, a) =>
        prorate(a, p, { start: p.start, end: split })
          .plus(prorate(a, p, { start: split, end: p.end }))
          .eq(a),
      ),
    );
  });

  it('the two parts rounded each add up to the rounded whole within one minor unit', () => {
    fc.assert(
      fc.property(periodAndSplit, amount, currency, ({ p, split }, a, c) => {
        const first = roundToMinorUnit(prorate(a, p, { start: p.start, end: split }), c);
        const second = roundToMinorUnit(prorate(a, p, { start: split, end: p.end }), c);
        const minorUnit = new Decimal(10).pow(-minorUnits(c));
        return first.plus(second).minus(roundToMinorUnit(a, c)).abs().lte(minorUnit);
      }),
    );
  });

  it('prorating the whole period gives the amount', () => {
    fc.assert(fc.property(aPeriod, amount, (p, a) => prorate(a, p, p).eq(a)));
  });

  it('prorateChange with equal old and new amounts nets to 0', () => {
    fc.assert(
      fc.property(periodAndChange, amount, currency, ({ p, change }, a, c) =>
        prorateChange({ period: p, at: change, oldAmount: a, newAmount: a, currency: c }).net.isZero(),
      ),
    );
  });

  it('prorateChange rounds credit and charge each to the minor unit and nets charge − credit', () => {
    fc.assert(
      fc.property(periodAndChange, amount, amount, currency, ({ p, change }, oldAmount, newAmount, c) => {
        const result = prorateChange({ period: p, at: change, oldAmount, newAmount, currency: c });
        const rest = { start: change, end: p.end };
        return (
          result.credit.eq(roundToMinorUnit(prorate(oldAmount, p, rest), c)) &&
          result.charge.eq(roundToMinorUnit(prorate(newAmount, p, rest), c)) &&
          result.net.eq(result.charge.minus(result.credit)) &&
          result.fraction.eq(fractionOf(p, rest)) &&
          result.credit.decimalPlaces() <= minorUnits(c) &&
          result.charge.decimalPlaces() <= minorUnits(c)
        );
      }),
    );
  });
});
