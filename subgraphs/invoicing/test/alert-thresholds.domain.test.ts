import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import {
  MAX_THRESHOLDS,
  thresholdKey,
  thresholdsRefusal,
  thresholdsToFire,
  windowsTouched,
  type AlertThreshold,
} from '../src/domain/alert-thresholds';

const d = (v: string | number) => new Decimal(v);
const thresholds = (...values: string[]): AlertThreshold[] => values.map((v) => ({ value: d(v), label: null }));
const keys = (fired: AlertThreshold[]) => fired.map((t) => thresholdKey(t.value));

describe('thresholds an alert takes', () => {
  it('takes ascending positive decimals', () => {
    expect(thresholdsRefusal(thresholds('0.5', '10', '10.0001'))).toBeNull();
  });

  it('refuses an empty list and too many', () => {
    expect(thresholdsRefusal([])).toEqual({ field: '', reason: expect.stringContaining('at least one') });
    const many = Array.from({ length: MAX_THRESHOLDS + 1 }, (_, i) => ({ value: d(i + 1) }));
    expect(thresholdsRefusal(many)?.reason).toContain(`at most ${MAX_THRESHOLDS}`);
  });

  it('names the first threshold that is not positive', () => {
    expect(thresholdsRefusal(thresholds('1', '0'))).toEqual({ field: '[1].value', reason: expect.stringContaining('greater than 0') });
    expect(thresholdsRefusal(thresholds('-1'))?.field).toBe('[0].value');
  });

  it('names the first threshold that is not above the one before (10 and 10.00 are the same)', () => {
    expect(thresholdsRefusal(thresholds('5', '10', '10.00'))).toEqual({ field: '[2].value', reason: expect.stringContaining('ascending') });
    expect(thresholdsRefusal(thresholds('5', '3'))?.field).toBe('[1].value');
  });
});

describe('thresholds a value fires', () => {
  const list = thresholds('10', '100', '1000');

  it('fires a threshold once the value reaches it (at least, not only above)', () => {
    expect(keys(thresholdsToFire(list, d('9.999'), new Set()))).toEqual([]);
    expect(keys(thresholdsToFire(list, d(10), new Set()))).toEqual(['10']);
  });

  it('fires every threshold a jump crosses, in ascending order', () => {
    expect(keys(thresholdsToFire(list, d(5000), new Set()))).toEqual(['10', '100', '1000']);
  });

  it('never fires again what fired in the period, and a value that went down un-fires nothing', () => {
    expect(keys(thresholdsToFire(list, d(150), new Set(['10'])))).toEqual(['100']);
    expect(keys(thresholdsToFire(list, d(3), new Set(['10', '100'])))).toEqual([]);
  });

  /** Usage arriving in batches: the value after each batch is evaluated against what fired before it. */
  function simulate(batches: Decimal[][], list: AlertThreshold[]): string[] {
    const fired = new Set<string>();
    const log: string[] = [];
    let total = d(0);
    for (const batch of batches) {
      total = batch.reduce((sum, x) => sum.plus(x), total);
      for (const t of thresholdsToFire(list, total, fired)) {
        fired.add(thresholdKey(t.value));
        log.push(thresholdKey(t.value));
      }
    }
    return log;
  }

  const amount = fc.integer({ min: 0, max: 10_000 }).map((n) => d(n).dividedBy(100));
  const ascending = fc
    .uniqueArray(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 8 })
    .map((xs) => thresholds(...[...xs].sort((a, b) => a - b).map((x) => d(x).dividedBy(10).toFixed())));

  it('monotone totals fire each threshold they reach exactly once, and none they do not', () => {
    fc.assert(
      fc.property(fc.array(fc.array(amount, { maxLength: 5 }), { maxLength: 30 }), ascending, (batches, list) => {
        const log = simulate(batches, list);
        const total = batches.flat().reduce((s, x) => s.plus(x), d(0));
        expect(new Set(log).size).toBe(log.length);
        expect([...log].sort()).toEqual(
          list
            .filter((t) => total.gte(t.value))
            .map((t) => thresholdKey(t.value))
            .sort(),
        );
      }),
    );
  });

  it('what fires in a period does not depend on the order or batching of its usage', () => {
    fc.assert(
      fc.property(
        fc.array(amount, { maxLength: 40 }),
        ascending,
        fc.array(fc.nat({ max: 5 }), { maxLength: 40 }),
        fc.infiniteStream(fc.nat()),
        (usage, list, cuts, order) => {
          const shuffled = usage
            .map((u) => ({ u, k: order.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.u);
          const batches: Decimal[][] = [];
          let i = 0;
          for (const cut of cuts) {
            batches.push(shuffled.slice(i, i + cut));
            i += cut;
          }
          batches.push(shuffled.slice(i));
          expect(new Set(simulate(batches, list))).toEqual(new Set(simulate([usage], list)));
        },
      ),
    );
  });

  it('a total that also goes down (corrections) still fires each threshold at most once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 100 }).map(d), { maxLength: 40 }), ascending, (deltas, list) => {
        const log = simulate(
          deltas.map((x) => [x]),
          list,
        );
        expect(new Set(log).size).toBe(log.length);
      }),
    );
  });
});

describe('periods an alert is evaluated in', () => {
  const sub = {
    id: 's1',
    billingPeriod: 'MONTH' as const,
    anchor: new Date('2026-01-15T00:00:00Z'),
    startAt: new Date('2026-01-15T00:00:00Z'),
    endAt: new Date('2026-04-20T00:00:00Z'),
  };

  it('one window per period the usage falls in, still running at now', () => {
    const windows = windowsTouched(
      sub,
      [new Date('2026-02-20T00:00:00Z'), new Date('2026-03-20T00:00:00Z'), new Date('2026-03-21T00:00:00Z')],
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(windows.map((w) => w.period.start.toISOString())).toEqual(['2026-02-15T00:00:00.000Z', '2026-03-15T00:00:00.000Z']);
  });

  it('a period that is over is not evaluated (late usage for it fires nothing)', () => {
    expect(windowsTouched(sub, [new Date('2026-02-20T00:00:00Z')], new Date('2026-03-15T00:00:00Z'))).toEqual([]);
  });

  it('the window is the period cut to the subscription’s life; usage outside it counts nowhere', () => {
    const [last] = windowsTouched(sub, [new Date('2026-04-16T00:00:00Z')], new Date('2026-04-01T00:00:00Z'));
    expect(last.start).toEqual(new Date('2026-04-15T00:00:00Z'));
    expect(last.end).toEqual(new Date('2026-04-20T00:00:00Z'));
    expect(
      windowsTouched(sub, [new Date('2026-04-21T00:00:00Z'), new Date('2026-01-01T00:00:00Z')], new Date('2026-01-01T00:00:00Z')),
    ).toEqual([]);
  });
});
