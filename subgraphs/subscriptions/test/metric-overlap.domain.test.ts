import fc from 'fast-check';
import {
  checkNoMetricOverlap,
  findMetricOverlap,
  usageMetricsOf,
  type MetricOverlap,
  type SubscriptionLife,
  type SubscriptionTransition,
} from '../src/domain/metric-overlap';
import { SubscriptionStatuses, type SubscriptionStatus } from '../src/domain/subscription';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const iso = (day: number) => at(day).toISOString();

// v-calls prices api_calls; v-storage prices storage; v-both prices both; v-flat prices no usage.
const metrics = new Map<string, string[]>([
  ['v-calls', ['api_calls']],
  ['v-storage', ['storage']],
  ['v-both', ['api_calls', 'storage']],
  ['v-flat', []],
]);

/** A subscription from day `from` to day `to` (null: open) on one version, or on phases [startDay, version]. */
function sub(
  id: string | null,
  from: number,
  to: number | null,
  versions: string | Array<[number, string]>,
  status: SubscriptionStatus = 'ACTIVE',
): SubscriptionLife {
  const starts: Array<[number, string]> = typeof versions === 'string' ? [[from, versions]] : versions;
  return {
    id,
    status,
    startAt: at(from),
    endAt: to === null ? null : at(to),
    phases: starts.map(([day, planVersionId], i) => ({
      startsAt: at(day),
      endsAt: i + 1 < starts.length ? at(starts[i + 1][0]) : null,
      planVersionId,
    })),
  };
}

const created = (after: SubscriptionLife): SubscriptionTransition => ({ before: null, after });
const overlap = (subscriptionId: string, metric: string, day: number): MetricOverlap => ({ subscriptionId, metric, from: at(day) });

describe('which metrics a plan version prices', () => {
  it('takes the metric references of USAGE prices only, once each', () => {
    expect(
      usageMetricsOf([
        { chargeType: 'USAGE', metricReference: 'api_calls' },
        { chargeType: 'USAGE', metricReference: 'api_calls' },
        { chargeType: 'USAGE', metricReference: 'storage' },
        { chargeType: 'RECURRING', metricReference: null },
        { chargeType: 'SEAT', metricReference: 'seats' },
        { chargeType: 'USAGE', metricReference: null },
        { chargeType: 'ONE_OFF' },
      ]),
    ).toEqual(['api_calls', 'storage']);
  });
});

describe('one subscription per metric at any instant', () => {
  const a = sub('a', 1, null, 'v-calls');

  it('finds two open subscriptions on one metric, from the later start', () => {
    expect(findMetricOverlap(created(sub(null, 10, null, 'v-calls')), [a], metrics)).toEqual(overlap('a', 'api_calls', 10));
    expect(findMetricOverlap(created(sub(null, 1, 5, 'v-both')), [sub('b', 3, null, 'v-calls')], metrics)).toEqual(
      overlap('b', 'api_calls', 3),
    );
  });

  it('allows subscriptions on different metrics, and plans without usage', () => {
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-storage')), [a], metrics)).toBeNull();
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-flat')), [a, sub('f', 1, null, 'v-flat')], metrics)).toBeNull();
  });

  it('allows back-to-back subscriptions (half-open lives), and refuses one millisecond of overlap', () => {
    const ends = sub('e', 1, 10, 'v-calls');
    expect(findMetricOverlap(created(sub(null, 10, null, 'v-calls')), [ends], metrics)).toBeNull();
    expect(findMetricOverlap(created(sub(null, 1, 10, 'v-calls')), [sub('later', 10, null, 'v-calls')], metrics)).toBeNull();
    const early = { ...sub(null, 10, null, 'v-calls'), startAt: new Date(at(10).getTime() - 1) };
    early.phases[0].startsAt = early.startAt;
    expect(findMetricOverlap(created(early), [ends], metrics)).toEqual({
      subscriptionId: 'e',
      metric: 'api_calls',
      from: new Date(at(10).getTime() - 1),
    });
  });

  it('ignores drafts on either side, and a subscription never conflicts with itself', () => {
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-calls')), [sub('d', 1, null, 'v-calls', 'DRAFT')], metrics)).toBeNull();
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-calls', 'DRAFT')), [a], metrics)).toBeNull();
    expect(findMetricOverlap(created(sub('a', 1, null, 'v-calls')), [a], metrics)).toBeNull();
  });

  it('counts ENDED subscriptions for their past life and CANCELED ones until their end', () => {
    expect(findMetricOverlap(created(sub(null, 5, null, 'v-calls')), [sub('x', 1, 8, 'v-calls', 'ENDED')], metrics)).toEqual(
      overlap('x', 'api_calls', 5),
    );
    expect(findMetricOverlap(created(sub(null, 8, null, 'v-calls')), [sub('x', 1, 8, 'v-calls', 'ENDED')], metrics)).toBeNull();
    expect(findMetricOverlap(created(sub(null, 2, null, 'v-calls')), [sub('c', 1, 20, 'v-calls', 'CANCELED')], metrics)).toEqual(
      overlap('c', 'api_calls', 2),
    );
    expect(findMetricOverlap(created(sub(null, 20, null, 'v-calls')), [sub('c', 1, 20, 'v-calls', 'CANCELED')], metrics)).toBeNull();
  });

  it('compares phase by phase: only the phases that price the metric, clipped to the life', () => {
    const upgrades = sub('u', 1, null, [
      [1, 'v-storage'],
      [15, 'v-both'],
    ]);
    expect(findMetricOverlap(created(sub(null, 1, 15, 'v-calls')), [upgrades], metrics)).toBeNull();
    expect(findMetricOverlap(created(sub(null, 1, 16, 'v-calls')), [upgrades], metrics)).toEqual(overlap('u', 'api_calls', 15));
    // A planned phase after the end does not bill.
    const endsBeforeItsPlan = sub('p', 1, 10, [
      [1, 'v-storage'],
      [12, 'v-calls'],
    ]);
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-calls')), [endsBeforeItsPlan], metrics)).toBeNull();
    // Phases starting before the life (as stored data may have) count from the start only.
    const late = { ...sub('l', 1, null, 'v-calls'), startAt: at(9) };
    expect(findMetricOverlap(created(sub(null, 1, 9, 'v-calls')), [late], metrics)).toBeNull();
  });

  it('names the earliest overlap among several subscriptions and metrics', () => {
    const others = [sub('s2', 12, null, 'v-calls'), sub('s1', 6, null, 'v-storage'), sub('s0', 6, null, 'v-flat')];
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-both')), others, metrics)).toEqual(overlap('s1', 'storage', 6));
    const tie = [sub('z', 6, null, 'v-calls'), sub('y', 6, null, 'v-storage')];
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-both')), tie, metrics)).toEqual(overlap('y', 'storage', 6));
  });

  it('treats a version unknown to the projection as pricing no metric', () => {
    expect(findMetricOverlap(created(sub(null, 1, null, 'v-unknown')), [a], metrics)).toBeNull();
  });
});

describe('changes refuse only the overlaps they add', () => {
  it('a plan change from an instant: refused from the later of the change and the other’s start', () => {
    const mine = sub('m', 1, null, 'v-storage');
    const theirs = sub('t', 5, null, 'v-calls');
    const upgrade = sub('m', 1, null, [
      [1, 'v-storage'],
      [10, 'v-both'],
    ]);
    expect(findMetricOverlap({ before: mine, after: upgrade }, [mine, theirs], metrics)).toEqual(overlap('t', 'api_calls', 10));
    const downgrade = sub('m', 1, null, [
      [1, 'v-storage'],
      [10, 'v-flat'],
    ]);
    expect(findMetricOverlap({ before: mine, after: downgrade }, [mine, theirs], metrics)).toBeNull();
  });

  it('a change that leaves an existing overlap as it was (a seat change) is not refused; one that extends it is', () => {
    const mine = sub('m', 1, null, [
      [1, 'v-calls'],
      [20, 'v-storage'],
    ]);
    const theirs = sub('t', 10, null, 'v-calls'); // overlaps mine on [10, 20), from before the rule
    const seats = sub('m', 1, null, [
      [1, 'v-calls'],
      [5, 'v-calls'],
      [20, 'v-storage'],
    ]);
    expect(findMetricOverlap({ before: mine, after: seats }, [theirs], metrics)).toBeNull();
    // Continuing v-calls past the planned phase adds [20, ∞).
    const dropsPlan = sub('m', 1, null, [
      [1, 'v-calls'],
      [5, 'v-calls'],
    ]);
    expect(findMetricOverlap({ before: mine, after: dropsPlan }, [theirs], metrics)).toEqual(overlap('t', 'api_calls', 20));
  });

  it('a reactivation adds the life after the old end', () => {
    const canceled = sub('r', 1, 10, 'v-calls', 'CANCELED');
    const reactivated: SubscriptionLife = { ...canceled, status: 'ACTIVE', endAt: null };
    expect(findMetricOverlap({ before: canceled, after: reactivated }, [canceled, sub('n', 10, null, 'v-calls')], metrics)).toEqual(
      overlap('n', 'api_calls', 10),
    );
    expect(findMetricOverlap({ before: canceled, after: reactivated }, [sub('old', 1, 10, 'v-calls', 'ENDED')], metrics)).toBeNull();
  });

  it('an activation checks the whole life (a draft billed nothing)', () => {
    const draft = sub('d', 1, null, 'v-calls', 'DRAFT');
    expect(
      findMetricOverlap({ before: draft, after: { ...draft, status: 'ACTIVE' } }, [sub('o', 3, 4, 'v-calls', 'ENDED')], metrics),
    ).toEqual(overlap('o', 'api_calls', 3));
  });
});

describe('the refusal', () => {
  it('is BAD_USER_INPUT on the given field, naming the subscription, metric and instant', () => {
    let error: unknown;
    try {
      checkNoMetricOverlap('planVersion', created(sub(null, 1, null, 'v-calls')), [sub('sub-1', 3, null, 'v-both')], metrics);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'planVersion' },
      message:
        `Subscription sub-1 of this customer already prices metric 'api_calls' from ${iso(3)}; an event without ` +
        'subscriptionId could not be attributed. End that subscription first, or use a plan without this metric',
    });
    expect(() =>
      checkNoMetricOverlap('planVersion', created(sub(null, 1, null, 'v-storage')), [sub('x', 1, null, 'v-calls')], metrics),
    ).not.toThrow();
  });
});

// Properties: against a pointwise oracle on whole milliseconds 0..40 (all boundaries are whole, so an overlap of
// half-open spans always contains a whole millisecond, and its first one is the overlap's start).
describe('properties', () => {
  const HORIZON = 12;
  const VERSIONS = ['v1', 'v2', 'v3', 'v4'];
  const METRICS = ['m1', 'm2', 'm3'];
  const ms = (n: number) => new Date(n);

  const metricsArb = fc
    .array(fc.subarray(METRICS), { minLength: VERSIONS.length, maxLength: VERSIONS.length })
    .map((lists) => new Map(VERSIONS.map((v, i) => [v, lists[i]])));
  const spanArb = fc.tuple(fc.nat(HORIZON - 1), fc.option(fc.integer({ min: 1, max: HORIZON }), { nil: null })).map(([start, length]) => ({
    start,
    end: length === null ? null : start + length,
  }));
  const lifeArb = (id: string | null) =>
    fc
      .record({
        status: fc.constantFrom(...SubscriptionStatuses),
        life: spanArb,
        phases: fc.array(fc.tuple(spanArb, fc.constantFrom(...VERSIONS)), { minLength: 1, maxLength: 4 }),
      })
      .map(({ status, life, phases }): SubscriptionLife => ({
        id,
        status,
        startAt: ms(life.start),
        endAt: life.end === null ? null : ms(life.end),
        phases: phases.map(([span, planVersionId]) => ({
          startsAt: ms(span.start),
          endsAt: span.end === null ? null : ms(span.end),
          planVersionId,
        })),
      }));
  // Ids may repeat, and 'me' (the subscription itself, which never conflicts with itself) may be among them.
  const othersArb = fc
    .array(fc.constantFrom('s0', 's1', 's2', 's3', 'me'), { maxLength: 4 })
    .chain((ids) => fc.tuple(...ids.map((id) => lifeArb(id))));

  /** Does `s` price `metric` during millisecond t? */
  const prices = (s: SubscriptionLife | null, metric: string, t: number, versions: Map<string, string[]>) =>
    !!s &&
    s.status !== 'DRAFT' &&
    s.startAt.getTime() <= t &&
    (s.endAt === null || t < s.endAt.getTime()) &&
    s.phases.some(
      (p) =>
        p.startsAt.getTime() <= t &&
        (p.endsAt === null || t < p.endsAt.getTime()) &&
        (versions.get(p.planVersionId) ?? []).includes(metric),
    );

  function oracle(transition: SubscriptionTransition, others: SubscriptionLife[], versions: Map<string, string[]>): MetricOverlap | null {
    for (let t = 0; t < 2 * HORIZON + 2; t++) {
      const found = others
        .filter((o) => o.id !== transition.after.id)
        .flatMap((o) =>
          METRICS.filter(
            (m) => prices(transition.after, m, t, versions) && !prices(transition.before, m, t, versions) && prices(o, m, t, versions),
          ).map((metric) => ({ subscriptionId: o.id!, metric, from: ms(t) })),
        )
        .sort((a, b) =>
          a.subscriptionId === b.subscriptionId ? a.metric.localeCompare(b.metric) : a.subscriptionId < b.subscriptionId ? -1 : 1,
        );
      if (found.length > 0) return found[0];
    }
    return null;
  }

  it('finds exactly the first added overlap a millisecond-by-millisecond check finds', () => {
    fc.assert(
      fc.property(fc.option(lifeArb('me'), { nil: null }), lifeArb('me'), othersArb, metricsArb, (before, after, others, versions) => {
        const transition = { before, after };
        expect(findMetricOverlap(transition, others, versions)).toEqual(oracle(transition, others, versions));
      }),
      { numRuns: 1000 },
    );
  });

  it('is symmetric for new subscriptions: A refused beside B exactly when B is refused beside A, from the same instant', () => {
    fc.assert(
      fc.property(lifeArb('a'), lifeArb('b'), metricsArb, (a, b, versions) => {
        const ab = findMetricOverlap(created(a), [b], versions);
        const ba = findMetricOverlap(created(b), [a], versions);
        expect(ab?.from ?? null).toEqual(ba?.from ?? null);
        expect(ab?.metric ?? null).toEqual(ba?.metric ?? null);
      }),
    );
  });

  it('never refuses a transition that changes nothing, nor one that only shortens the life', () => {
    fc.assert(
      fc.property(lifeArb('me'), othersArb, metricsArb, fc.nat(HORIZON), (me, others, versions, end) => {
        expect(findMetricOverlap({ before: me, after: me }, others, versions)).toBeNull();
        const endAt = me.endAt && me.endAt.getTime() < end ? me.endAt : ms(Math.max(end, me.startAt.getTime() + 1));
        expect(findMetricOverlap({ before: me, after: { ...me, endAt } }, others, versions)).toBeNull();
      }),
    );
  });

  it('never refuses subscriptions that follow each other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: HORIZON }),
        fc.integer({ min: 1, max: HORIZON }),
        fc.constantFrom(...VERSIONS),
        fc.constantFrom(...VERSIONS),
        metricsArb,
        (start, length, first, second, versions) => {
          const one: SubscriptionLife = {
            id: 'one',
            status: 'ENDED',
            startAt: ms(start),
            endAt: ms(start + length),
            phases: [{ startsAt: ms(start), endsAt: null, planVersionId: first }],
          };
          const two: SubscriptionLife = {
            id: null,
            status: 'ACTIVE',
            startAt: ms(start + length),
            endAt: null,
            phases: [{ startsAt: ms(start + length), endsAt: null, planVersionId: second }],
          };
          expect(findMetricOverlap(created(two), [one], versions)).toBeNull();
        },
      ),
    );
  });
});
