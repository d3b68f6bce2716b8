import { periodAt, periodContaining, periodsBetween, type BillingPeriod } from '../src';
import { at, boundaries, iso } from './support';

describe('periodAt with month-end anchors', () => {
  it('clamps a Jan 31 anchor to each month’s last day and comes back to the 31st (non-leap year)', () => {
    expect(boundaries('2026-01-31T10:00:00Z', 'MONTH', 12)).toEqual([
      '2026-01-31T10:00:00.000Z',
      '2026-02-28T10:00:00.000Z',
      '2026-03-31T10:00:00.000Z',
      '2026-04-30T10:00:00.000Z',
      '2026-05-31T10:00:00.000Z',
      '2026-06-30T10:00:00.000Z',
      '2026-07-31T10:00:00.000Z',
      '2026-08-31T10:00:00.000Z',
      '2026-09-30T10:00:00.000Z',
      '2026-10-31T10:00:00.000Z',
      '2026-11-30T10:00:00.000Z',
      '2026-12-31T10:00:00.000Z',
      '2027-01-31T10:00:00.000Z',
    ]);
  });

  it('clamps a Jan 31 anchor to Feb 29 in a leap year', () => {
    expect(boundaries('2028-01-31T10:00:00Z', 'MONTH', 3)).toEqual([
      '2028-01-31T10:00:00.000Z',
      '2028-02-29T10:00:00.000Z',
      '2028-03-31T10:00:00.000Z',
      '2028-04-30T10:00:00.000Z',
    ]);
  });

  it('clamps a Jan 30 anchor to Feb 28 in a non-leap year and returns to the 30th', () => {
    expect(boundaries('2026-01-30T00:00:00Z', 'MONTH', 3)).toEqual([
      '2026-01-30T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-30T00:00:00.000Z',
      '2026-04-30T00:00:00.000Z',
    ]);
  });

  it('clamps a Jan 30 anchor to Feb 29 in a leap year and returns to the 30th', () => {
    expect(boundaries('2028-01-30T00:00:00Z', 'MONTH', 2)).toEqual([
      '2028-01-30T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2028-03-30T00:00:00.000Z',
    ]);
  });

  it('clamps a Jan 29 anchor to Feb 28 in a non-leap year only', () => {
    expect(boundaries('2026-01-29T00:00:00Z', 'MONTH', 2)).toEqual([
      '2026-01-29T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2026-03-29T00:00:00.000Z',
    ]);
    expect(boundaries('2028-01-29T00:00:00Z', 'MONTH', 2)).toEqual([
      '2028-01-29T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2028-03-29T00:00:00.000Z',
    ]);
  });

  it('computes each start from the anchor, never from the previous start (no drift to the 28th)', () => {
    const anchor = at('2026-01-31T10:00:00Z');
    expect(periodAt(anchor, 'MONTH', 2).start.toISOString()).toBe('2026-03-31T10:00:00.000Z');
    expect(periodAt(anchor, 'MONTH', 13).start.toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(periodAt(anchor, 'MONTH', 14).start.toISOString()).toBe('2027-03-31T10:00:00.000Z');
  });

  it('ends each period where the next one starts', () => {
    const anchor = at('2026-01-31T10:00:00Z');
    expect(iso(periodAt(anchor, 'MONTH', 0))).toEqual(['2026-01-31T10:00:00.000Z', '2026-02-28T10:00:00.000Z']);
    expect(iso(periodAt(anchor, 'MONTH', 1))).toEqual(['2026-02-28T10:00:00.000Z', '2026-03-31T10:00:00.000Z']);
  });
});

describe('periodAt with Feb 29 anchors', () => {
  it('keeps the 29th monthly, except in February of non-leap years', () => {
    const starts = boundaries('2028-02-29T00:00:00Z', 'MONTH', 13);
    expect(starts.slice(0, 3)).toEqual(['2028-02-29T00:00:00.000Z', '2028-03-29T00:00:00.000Z', '2028-04-29T00:00:00.000Z']);
    expect(starts.slice(11)).toEqual(['2029-01-29T00:00:00.000Z', '2029-02-28T00:00:00.000Z', '2029-03-29T00:00:00.000Z']);
  });

  it('falls on Feb 28 yearly until the next leap year brings Feb 29 back', () => {
    expect(boundaries('2028-02-29T00:00:00Z', 'YEAR', 4)).toEqual([
      '2028-02-29T00:00:00.000Z',
      '2029-02-28T00:00:00.000Z',
      '2030-02-28T00:00:00.000Z',
      '2031-02-28T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
    ]);
  });

  it('knows that 2100 is not a leap year and 2400 is', () => {
    const anchor = at('2028-02-29T00:00:00Z');
    expect(periodAt(anchor, 'YEAR', 72).start.toISOString()).toBe('2100-02-28T00:00:00.000Z');
    expect(periodAt(anchor, 'YEAR', 372).start.toISOString()).toBe('2400-02-29T00:00:00.000Z');
  });
});

describe('periodAt quarterly and yearly', () => {
  it('walks a Nov 30 quarterly anchor through Feb 28, May 30, Aug 30 and back to Nov 30', () => {
    expect(boundaries('2026-11-30T00:00:00Z', 'QUARTER', 4)).toEqual([
      '2026-11-30T00:00:00.000Z',
      '2027-02-28T00:00:00.000Z',
      '2027-05-30T00:00:00.000Z',
      '2027-08-30T00:00:00.000Z',
      '2027-11-30T00:00:00.000Z',
    ]);
  });

  it('walks a Nov 30 quarterly anchor through Feb 29 in a leap year', () => {
    expect(boundaries('2027-11-30T00:00:00Z', 'QUARTER', 2)).toEqual([
      '2027-11-30T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2028-05-30T00:00:00.000Z',
    ]);
  });

  it('runs quarters from a mid-month anchor three months apart', () => {
    expect(boundaries('2026-01-15T00:00:00Z', 'QUARTER', 4)).toEqual([
      '2026-01-15T00:00:00.000Z',
      '2026-04-15T00:00:00.000Z',
      '2026-07-15T00:00:00.000Z',
      '2026-10-15T00:00:00.000Z',
      '2027-01-15T00:00:00.000Z',
    ]);
  });

  it('runs years from a plain anchor, 365 or 366 days long', () => {
    expect(boundaries('2027-03-15T08:30:00Z', 'YEAR', 2)).toEqual([
      '2027-03-15T08:30:00.000Z',
      '2028-03-15T08:30:00.000Z',
      '2029-03-15T08:30:00.000Z',
    ]);
    const leap = periodAt(at('2027-03-15T08:30:00Z'), 'YEAR', 0);
    expect((leap.end.getTime() - leap.start.getTime()) / 86_400_000).toBe(366);
  });

  it('runs a Dec 31 yearly anchor on Dec 31 every year', () => {
    expect(boundaries('2027-12-31T23:00:00Z', 'YEAR', 1)).toEqual(['2027-12-31T23:00:00.000Z', '2028-12-31T23:00:00.000Z']);
  });
});

describe('periodAt with a time of day', () => {
  it('keeps the anchor’s time of day to the millisecond, even when the day is clamped', () => {
    expect(boundaries('2026-01-31T23:59:59.999Z', 'MONTH', 2)).toEqual([
      '2026-01-31T23:59:59.999Z',
      '2026-02-28T23:59:59.999Z',
      '2026-03-31T23:59:59.999Z',
    ]);
  });

  it('works in UTC: an anchor given with an offset is the UTC instant it denotes', () => {
    // 2026-03-01T01:00+02:00 is Feb 28 23:00 UTC, so the anchor day is the 28th, not the 1st.
    expect(boundaries('2026-03-01T01:00:00+02:00', 'MONTH', 2)).toEqual([
      '2026-02-28T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
      '2026-04-28T23:00:00.000Z',
    ]);
  });
});

describe('periodAt far in the future', () => {
  it('computes period 1200 of a monthly anchor directly (one hundred years on)', () => {
    const anchor = at('2026-01-31T10:00:00Z');
    expect(iso(periodAt(anchor, 'MONTH', 1200))).toEqual(['2126-01-31T10:00:00.000Z', '2126-02-28T10:00:00.000Z']);
    expect(iso(periodAt(anchor, 'MONTH', 1201))).toEqual(['2126-02-28T10:00:00.000Z', '2126-03-31T10:00:00.000Z']);
  });

  it('finds period 1200 again from an instant inside it', () => {
    const anchor = at('2026-01-31T10:00:00Z');
    expect(periodContaining(anchor, 'MONTH', at('2126-02-15T00:00:00Z')).index).toBe(1200);
  });

  it('throws a RangeError when the index leaves the range of dates', () => {
    expect(() => periodAt(at('2026-01-31T10:00:00Z'), 'YEAR', 1_000_000)).toThrow(RangeError);
  });
});

describe('periodAt rejects bad input', () => {
  const anchor = at('2026-01-31T10:00:00Z');
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('throws a RangeError for index %p', (index) => {
    expect(() => periodAt(anchor, 'MONTH', index)).toThrow(RangeError);
  });
  it('throws a RangeError for an invalid anchor', () => {
    expect(() => periodAt(at('not a date'), 'MONTH', 0)).toThrow(RangeError);
  });
  it('throws a RangeError for an unknown billing period', () => {
    expect(() => periodAt(anchor, 'WEEK' as BillingPeriod, 0)).toThrow(RangeError);
    expect(() => periodAt(anchor, 'toString' as BillingPeriod, 0)).toThrow(RangeError);
  });
});

describe('periodContaining', () => {
  const anchor = at('2026-01-31T10:00:00Z');

  it('puts the anchor itself in period 0', () => {
    expect(periodContaining(anchor, 'MONTH', anchor)).toEqual({ ...periodAt(anchor, 'MONTH', 0), index: 0 });
  });

  it('puts the very first millisecond of a period in that period', () => {
    const found = periodContaining(anchor, 'MONTH', at('2026-02-28T10:00:00.000Z'));
    expect(found.index).toBe(1);
    expect(iso(found)).toEqual(['2026-02-28T10:00:00.000Z', '2026-03-31T10:00:00.000Z']);
  });

  it('puts the very last millisecond of a period still in that period', () => {
    expect(periodContaining(anchor, 'MONTH', at('2026-03-31T09:59:59.999Z')).index).toBe(1);
  });

  it('puts the exact end of a period in the next period (half-open)', () => {
    const found = periodContaining(anchor, 'MONTH', at('2026-03-31T10:00:00.000Z'));
    expect(found.index).toBe(2);
    expect(found.start.toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });

  it('honours the time of day within the calendar day of a boundary', () => {
    expect(periodContaining(anchor, 'MONTH', at('2026-02-28T09:59:59.999Z')).index).toBe(0);
    expect(periodContaining(anchor, 'MONTH', at('2026-03-01T00:00:00Z')).index).toBe(1);
  });

  it('finds quarters and years', () => {
    const november = at('2026-11-30T00:00:00Z');
    expect(periodContaining(november, 'QUARTER', at('2027-02-27T23:59:59.999Z')).index).toBe(0);
    expect(periodContaining(november, 'QUARTER', at('2027-02-28T00:00:00Z')).index).toBe(1);
    expect(periodContaining(november, 'QUARTER', at('2027-11-30T00:00:00Z')).index).toBe(4);
    const leapDay = at('2028-02-29T00:00:00Z');
    expect(periodContaining(leapDay, 'YEAR', at('2029-02-28T00:00:00Z')).index).toBe(1);
    expect(periodContaining(leapDay, 'YEAR', at('2029-02-27T23:59:59.999Z')).index).toBe(0);
    expect(periodContaining(leapDay, 'YEAR', at('2032-02-29T00:00:00Z')).index).toBe(4);
    expect(periodContaining(leapDay, 'YEAR', at('2032-02-28T23:59:59.999Z')).index).toBe(3);
  });

  it('throws a RangeError for an instant before the anchor, even by one millisecond', () => {
    expect(() => periodContaining(anchor, 'MONTH', at('2026-01-31T09:59:59.999Z'))).toThrow(RangeError);
  });

  it('throws a RangeError for an invalid instant', () => {
    expect(() => periodContaining(anchor, 'MONTH', at('nope'))).toThrow(RangeError);
  });
});

describe('periodsBetween', () => {
  const anchor = at('2026-01-31T10:00:00Z');
  const between = (from: string, to: string, billingPeriod: BillingPeriod = 'MONTH') =>
    periodsBetween(anchor, billingPeriod, at(from), at(to)).map((p) => [p.index, ...iso(p)]);

  it('lists every period overlapping the range, in order, whole', () => {
    expect(between('2026-02-15T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([
      [0, '2026-01-31T10:00:00.000Z', '2026-02-28T10:00:00.000Z'],
      [1, '2026-02-28T10:00:00.000Z', '2026-03-31T10:00:00.000Z'],
      [2, '2026-03-31T10:00:00.000Z', '2026-04-30T10:00:00.000Z'],
      [3, '2026-04-30T10:00:00.000Z', '2026-05-31T10:00:00.000Z'],
    ]);
  });

  it('returns the one period containing a range inside it', () => {
    expect(between('2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z')).toEqual([[1, '2026-02-28T10:00:00.000Z', '2026-03-31T10:00:00.000Z']]);
  });

  it('leaves out the period starting exactly at `to` (half-open)', () => {
    expect(between('2026-02-28T10:00:00Z', '2026-03-31T10:00:00Z').map(([index]) => index)).toEqual([1]);
    expect(between('2026-02-28T10:00:00Z', '2026-03-31T10:00:00.001Z').map(([index]) => index)).toEqual([1, 2]);
  });

  it('includes the period whose last millisecond is `from`', () => {
    expect(between('2026-02-28T09:59:59.999Z', '2026-03-01T00:00:00Z').map(([index]) => index)).toEqual([0, 1]);
  });

  it('clips the start of the range to the anchor when it begins before the subscription', () => {
    expect(between('2025-06-01T00:00:00Z', '2026-03-01T00:00:00Z').map(([index]) => index)).toEqual([0, 1]);
  });

  it('is empty for a range ending at or before the anchor', () => {
    expect(between('2025-06-01T00:00:00Z', '2026-01-31T10:00:00Z')).toEqual([]);
    expect(between('2025-06-01T00:00:00Z', '2025-07-01T00:00:00Z')).toEqual([]);
  });

  it('is empty when from ≥ to', () => {
    expect(between('2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual([]);
    expect(between('2026-04-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual([]);
  });

  it('lists quarters and years too', () => {
    expect(between('2026-01-31T10:00:00Z', '2027-01-31T10:00:00Z', 'QUARTER').map(([index]) => index)).toEqual([0, 1, 2, 3]);
    expect(between('2030-06-01T00:00:00Z', '2032-02-01T00:00:00Z', 'YEAR')).toEqual([
      [4, '2030-01-31T10:00:00.000Z', '2031-01-31T10:00:00.000Z'],
      [5, '2031-01-31T10:00:00.000Z', '2032-01-31T10:00:00.000Z'],
      [6, '2032-01-31T10:00:00.000Z', '2033-01-31T10:00:00.000Z'],
    ]);
  });

  it('throws a RangeError for an invalid bound', () => {
    expect(() => periodsBetween(anchor, 'MONTH', at('nope'), anchor)).toThrow(RangeError);
  });
});
