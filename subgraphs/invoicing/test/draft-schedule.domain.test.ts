import { MAX_NEW_PERIODS_PER_PASS, periodsToCompute, periodsToComputeCapped, type InvoiceHead } from '../src/domain/draft-schedule';

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
