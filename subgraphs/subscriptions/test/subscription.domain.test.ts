import {
  applyChange,
  checkAssignable,
  checkBackdating,
  checkPlatformBackdateDays,
  DEFAULT_MAX_BACKDATE_DAYS,
  MAX_PLATFORM_BACKDATE_DAYS,
  MAX_TRIAL_DAYS,
  checkSubscriptionTransition,
  subscriptionTimes,
  validateOverrides,
  type Phase,
} from '../src/domain/subscription';

const extensions = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { code: string; field?: string } }).extensions;
  }
  return null;
};
const at = (iso: string) => new Date(iso);
const phase = (startsAt: string, endsAt: string | null, seats: number, planVersionId = 'v1'): Phase => ({
  startsAt: at(startsAt),
  endsAt: endsAt ? at(endsAt) : null,
  planVersionId,
  seats,
  overrides: {},
});

describe('subscription status flow', () => {
  it.each([
    ['DRAFT', 'ACTIVE', true],
    ['ACTIVE', 'CANCELED', true],
    ['CANCELED', 'ACTIVE', true],
    ['CANCELED', 'ENDED', true],
    ['ACTIVE', 'ENDED', true],
    ['DRAFT', 'CANCELED', false],
    ['ENDED', 'ACTIVE', false],
    ['ACTIVE', 'ACTIVE', false],
    ['ENDED', 'CANCELED', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    const result = extensions(() => checkSubscriptionTransition(from, to));
    expect(result === null).toBe(allowed);
    if (!allowed) expect(result).toMatchObject({ code: 'INVALID_STATUS_TRANSITION', field: 'status' });
  });
});

describe('phases', () => {
  const phases = [phase('2026-01-01T00:00:00Z', null, 5)];

  it('splits the running phase at the change and keeps the history', () => {
    const changed = applyChange(phases, at('2026-01-10T00:00:00Z'), { seats: 8 });
    expect(changed.map((p) => [p.startsAt.toISOString(), p.endsAt?.toISOString() ?? null, p.seats])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-01-10T00:00:00.000Z', 5],
      ['2026-01-10T00:00:00.000Z', null, 8],
    ]);
  });

  it('replaces planned changes after the instant, and a change at a phase start replaces that phase', () => {
    const planned = [phase('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 5), phase('2026-02-01T00:00:00Z', null, 9)];
    const earlier = applyChange(planned, at('2026-01-15T00:00:00Z'), { planVersionId: 'v2' });
    expect(
      earlier.map((p) => [p.startsAt.toISOString().slice(0, 10), p.endsAt?.toISOString().slice(0, 10) ?? null, p.seats, p.planVersionId]),
    ).toEqual([
      ['2026-01-01', '2026-01-15', 5, 'v1'],
      ['2026-01-15', null, 5, 'v2'],
    ]);
    const atStart = applyChange(planned, at('2026-02-01T00:00:00Z'), { seats: 3 });
    expect(atStart.map((p) => p.seats)).toEqual([5, 3]);
    expect(extensions(() => applyChange(planned, at('2025-12-31T23:59:59Z'), { seats: 1 }))).toMatchObject({ field: 'at' });
  });
});

describe('new subscriptions', () => {
  const now = at('2026-03-15T12:00:00Z');

  it('with a billing cutover, starts as far back as its history goes; the cutover keeps to the backdating limit', () => {
    const moved = subscriptionTimes({ startAt: at('2012-05-01T00:00:00Z'), cutoverAt: at('2026-03-01T00:00:00Z') }, now);
    expect(moved).toMatchObject({
      startAt: at('2012-05-01T00:00:00Z'),
      anchor: at('2012-05-01T00:00:00Z'),
      cutoverAt: at('2026-03-01T00:00:00Z'),
    });
    // a cutover ahead of now is fine (imported before going live)
    expect(subscriptionTimes({ startAt: at('2012-05-01T00:00:00Z'), cutoverAt: at('2026-06-01T00:00:00Z') }, now).cutoverAt).toEqual(
      at('2026-06-01T00:00:00Z'),
    );
    const refused = (input: Parameters<typeof subscriptionTimes>[0]) => extensions(() => subscriptionTimes(input, now));
    expect(refused({ startAt: at('2012-05-01T00:00:00Z'), cutoverAt: at('2020-01-01T00:00:00Z') })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'cutoverAt',
    });
    expect(refused({ startAt: at('2026-03-10T00:00:00Z'), cutoverAt: at('2026-03-01T00:00:00Z') })).toMatchObject({ field: 'cutoverAt' });
    expect(
      refused({ startAt: at('2012-05-01T00:00:00Z'), endAt: at('2026-02-01T00:00:00Z'), cutoverAt: at('2026-03-01T00:00:00Z') }),
    ).toMatchObject({ field: 'cutoverAt' });
    // without a cutover the old start is refused as before
    expect(refused({ startAt: at('2012-05-01T00:00:00Z') })).toMatchObject({ field: 'startAt' });
  });

  it('starts now by default, anchors at the start unless told, and refuses impossible times naming the field', () => {
    expect(subscriptionTimes({}, now)).toEqual({ startAt: now, endAt: null, anchor: now, trialEnd: null, cutoverAt: null });
    expect(
      subscriptionTimes({ startAt: at('2026-03-15T00:00:00Z'), billingAnchor: at('2026-03-01T00:00:00Z'), trialDays: 14 }, now),
    ).toMatchObject({
      anchor: at('2026-03-01T00:00:00Z'),
      trialEnd: at('2026-03-29T00:00:00Z'),
    });
    expect(extensions(() => subscriptionTimes({ startAt: now, endAt: now }, now))).toMatchObject({ field: 'endAt' });
    expect(extensions(() => subscriptionTimes({ startAt: now, billingAnchor: at('2026-04-01T00:00:00Z') }, now))).toMatchObject({
      field: 'billingAnchor',
    });
    expect(extensions(() => subscriptionTimes({ trialDays: -1 }, now))).toMatchObject({ field: 'trialDays' });
  });

  it('limits how far back a subscription starts, how far before it its anchor lies, and how long a trial is', () => {
    const day = 86_400_000;
    const earliest = new Date(now.getTime() - DEFAULT_MAX_BACKDATE_DAYS * day);
    expect(subscriptionTimes({ startAt: earliest }, now).startAt).toEqual(earliest);
    expect(extensions(() => subscriptionTimes({ startAt: new Date(earliest.getTime() - 1) }, now))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startAt',
    });
    expect(extensions(() => subscriptionTimes({ startAt: at('1970-01-01T00:00:00Z') }, now))).toMatchObject({ field: 'startAt' });
    expect(subscriptionTimes({ startAt: at('2020-01-01T00:00:00Z') }, now, { maxBackdateDays: 3650 }).startAt).toEqual(
      at('2020-01-01T00:00:00Z'),
    );
    expect(extensions(() => subscriptionTimes({ startAt: now, billingAnchor: new Date(now.getTime() - 367 * day) }, now))).toMatchObject({
      field: 'billingAnchor',
    });
    expect(subscriptionTimes({ trialDays: MAX_TRIAL_DAYS }, now).trialEnd).toEqual(new Date(now.getTime() + MAX_TRIAL_DAYS * day));
    expect(extensions(() => subscriptionTimes({ trialDays: MAX_TRIAL_DAYS + 1 }, now))).toMatchObject({ field: 'trialDays' });
    expect(extensions(() => subscriptionTimes({ trialDays: 2147483647 }, now))).toMatchObject({ field: 'trialDays' });
    expect(extensions(() => checkBackdating('at', at('2020-01-01T00:00:00Z'), now, { maxBackdateDays: 366 }))).toMatchObject({
      field: 'at',
    });
    expect(checkBackdating('at', now, now, { maxBackdateDays: 0 })).toEqual(now);
  });

  it('takes a platform’s own backdating limit from 1 day to ten years, or null for the default', () => {
    expect(checkPlatformBackdateDays('input.maxBackdateDays', 1)).toBe(1);
    expect(checkPlatformBackdateDays('input.maxBackdateDays', MAX_PLATFORM_BACKDATE_DAYS)).toBe(3660);
    expect(checkPlatformBackdateDays('input.maxBackdateDays', null)).toBeNull();
    for (const wrong of [0, -5, 1.5, MAX_PLATFORM_BACKDATE_DAYS + 1, Number.NaN])
      expect(extensions(() => checkPlatformBackdateDays('input.maxBackdateDays', wrong))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.maxBackdateDays',
      });
  });

  it('assigns only active versions in the customer’s currency, with valid overrides of its items', () => {
    const version = { id: 'v1', status: 'ACTIVE', currency: 'EUR', billingPeriod: 'MONTH' as const, prices: [{ productItemId: 'seat' }] };
    expect(extensions(() => checkAssignable(null, 'EUR'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planVersion' });
    expect(extensions(() => checkAssignable({ ...version, status: 'DEPRECATED' }, 'EUR'))).toMatchObject({ field: 'planVersion' });
    expect(extensions(() => checkAssignable(version, 'USD'))).toMatchObject({ field: 'planVersion' });
    expect(validateOverrides([{ productItem: 'seat', price: { model: 'PER_UNIT', unitPrice: '8' } }], version)).toEqual({
      seat: { model: 'PER_UNIT', unitPrice: '8' },
    });
    expect(
      extensions(() => validateOverrides([{ productItem: 'seat', price: { model: 'PER_UNIT', unitPrice: '-8' } }], version)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'overrides[0].price.unitPrice',
    });
  });
});
