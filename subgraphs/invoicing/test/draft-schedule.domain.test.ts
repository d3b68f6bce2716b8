import fc from 'fast-check';
import { periodContaining } from '@meterline/periods';
import {
  billsFrom,
  MAX_NEW_PERIODS_PER_PASS,
  periodsToCompute,
  periodsToComputeCapped,
  type InvoiceHead,
} from '../src/domain/draft-schedule';

const at = (iso: string) => new Date(iso);
const sub = (startAt: string) => ({ id: 's1', billingPeriod: 'MONTH' as const, anchor: at(startAt), startAt: at(startAt), endAt: null });
const invoiced = (periodStart: Date, status: InvoiceHead['status'] = 'ISSUED'): InvoiceHead => ({
  id: periodStart.toISOString(),
  kind: 'SUBSCRIPTION',
  status,
  subscription_id: 's1',
  period_start: periodStart,
});

describe('periods a refresh pass computes', () => {
  const now = at('2026-12-03T12:00:00Z');

  it('opens every period from the start up to the running one when there are few', () => {
    const periods = periodsToCompute(sub('2026-01-01T00:00:00Z'), [], null, now);
    expect(periods).toHaveLength(12);
    expect(periods[11].start).toEqual(at('2026-12-01T00:00:00Z'));
  });

  it(`opens at most ${MAX_NEW_PERIODS_PER_PASS} new periods per pass, the earliest first, and says more wait`, () => {
    const old = sub('1990-01-01T00:00:00Z');
    const first = periodsToComputeCapped(old, [], null, now);
    expect(first.periods).toHaveLength(MAX_NEW_PERIODS_PER_PASS);
    expect(first.more).toBe(true);
    expect(first.periods[0].start).toEqual(at('1990-01-01T00:00:00Z'));
    // the next pass goes on after the last period invoiced, until the running one
    let invoices = first.periods.map((p) => invoiced(p.start));
    let passes = 1;
    for (let more = first.more; more; passes += 1) {
      const pass = periodsToComputeCapped(old, invoices, null, now);
      const known = new Set(invoices.map((i) => i.period_start.getTime()));
      const fresh = pass.periods.filter((p) => !known.has(p.start.getTime()));
      expect(fresh.length).toBeLessThanOrEqual(MAX_NEW_PERIODS_PER_PASS);
      invoices = [...invoices, ...fresh.map((p) => invoiced(p.start))];
      more = pass.more;
    }
    const months = (2026 - 1990) * 12 + 12;
    expect(invoices).toHaveLength(months);
    expect(passes).toBe(Math.ceil(months / MAX_NEW_PERIODS_PER_PASS));
  });

  it('always recomputes periods that already have an invoice (open drafts, corrections), whatever the cap', () => {
    const s = sub('2026-01-01T00:00:00Z');
    const invoices = [at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'), at('2026-03-01T00:00:00Z')].map((d) => invoiced(d, 'DRAFT'));
    const { periods, more } = periodsToComputeCapped(s, invoices, at('2026-01-05T00:00:00Z'), now, 2);
    expect(periods.map((p) => p.start.toISOString().slice(0, 7))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(more).toBe(true);
  });
});

describe('billing cutover (a subscription moved from another system)', () => {
  const now = at('2026-12-03T12:00:00Z');
  const moved = (startAt: string, cutoverAt: string | null, anchor = startAt) => ({
    ...sub(startAt),
    anchor: at(anchor),
    cutoverAt: cutoverAt ? at(cutoverAt) : null,
  });

  it('opens only the period holding the cutover (at a period start) and none before, however old the start', () => {
    const periods = periodsToCompute(moved('2015-06-01T00:00:00Z', '2026-12-01T00:00:00Z'), [], null, now);
    expect(periods.map((p) => p.start.toISOString())).toEqual(['2026-12-01T00:00:00.000Z']);
  });

  it('a cutover inside a period makes that whole period the first one invoiced', () => {
    const s = moved('2025-01-15T00:00:00Z', '2026-11-20T10:00:00Z');
    expect(billsFrom(s)).toEqual(at('2026-11-15T00:00:00Z'));
    expect(periodsToCompute(s, [], null, now).map((p) => p.start.toISOString().slice(0, 10))).toEqual(['2026-11-15']);
  });

  it('usage or a change dated before the cutover re-bills nothing before it', () => {
    const s = moved('2024-01-01T00:00:00Z', '2026-11-01T00:00:00Z');
    const invoices = [invoiced(at('2026-11-01T00:00:00Z'))];
    const periods = periodsToCompute(s, invoices, at('2025-03-10T00:00:00Z'), now);
    expect(periods.map((p) => p.start.toISOString().slice(0, 7))).toEqual(['2026-11', '2026-12']);
  });

  it('a cutover still ahead opens nothing until its period starts', () => {
    const s = moved('2024-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(periodsToCompute(s, [], null, now)).toEqual([]);
    expect(periodsToCompute(s, [], null, at('2027-01-01T00:00:00Z')).map((p) => p.start.toISOString())).toEqual([
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('a cutover at or before the start changes nothing', () => {
    const plain = periodsToCompute(sub('2026-03-10T00:00:00Z'), [], null, now);
    expect(periodsToCompute(moved('2026-03-10T00:00:00Z', '2026-03-10T00:00:00Z'), [], null, now)).toEqual(plain);
    expect(billsFrom(moved('2026-03-10T00:00:00Z', '2026-01-01T00:00:00Z'))).toEqual(at('2026-03-10T00:00:00Z'));
  });

  it('property: no computed period ends at or before the start of the cutover period, and that period is computed', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * 365 }),
        fc.integer({ min: 0, max: 20 * 365 }),
        fc.option(fc.integer({ min: 0, max: 3 * 365 }), { nil: null }),
        fc.constantFrom('MONTH' as const, 'QUARTER' as const, 'YEAR' as const),
        (startDaysAgo, cutoverAfterStart, usageDaysAgo, billingPeriod) => {
          const startAt = new Date(now.getTime() - startDaysAgo * day);
          const cutoverAt = new Date(Math.min(now.getTime(), startAt.getTime() + cutoverAfterStart * day));
          const s = { id: 's1', billingPeriod, anchor: startAt, startAt, endAt: null, cutoverAt };
          const usageSince = usageDaysAgo === null ? null : new Date(now.getTime() - usageDaysAgo * day);
          const periods = periodsToCompute(s, [], usageSince, now);
          const first = periodContaining(startAt, billingPeriod, cutoverAt);
          expect(periods.every((p) => p.end > first.start)).toBe(true);
          expect(periods[0]?.start).toEqual(first.start);
        },
      ),
      { numRuns: 300 },
    );
  });
});
