import { startSubgraphForTest, subgraphClient, type SubgraphUnderTest } from '@meterline/kit/testing';
import { subscriptionsSubgraph } from '../src';
import { planVersionPricing } from './subscription-fixtures';

type Errors = Array<{ message: string; extensions: { code: string; field?: string } }> | undefined;

// Issue 14: business limits where a value can run away, each refused with BAD_USER_INPUT naming the field.
describe('subscription history limits', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(subscriptionsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const CREATE = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id startAt trialEnd } }`;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  async function tenant() {
    const client = subgraph.clientForNewPlatform();
    const version = await planVersionPricing(subgraph, client.platformId, []);
    const created = await client.send(`mutation { createCustomer(input: { reference: "acme", name: "Acme", currency: "EUR" }) { id } }`);
    expect(created.errors).toBeUndefined();
    return { ...client, version };
  }

  it('refuses a start before the backdating limit, a runaway trial and impossible dates, naming the field', async () => {
    const { send, version } = await tenant();
    const create = async (input: Record<string, unknown>) =>
      (await send(CREATE, { input: { customer: 'acme', planVersion: version, ...input } })).errors as Errors;
    const expectBad = (errors: Errors, field: string) => expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expectBad(await create({ startAt: '0001-01-01T00:00:00Z' }), 'input.startAt');
    expectBad(await create({ startAt: '2026-02-30T00:00:00Z' }), 'input.startAt');
    // The production default (jest.setup.js widens it for the other tests, which use fixed dates on the real clock)
    const widened = process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS;
    process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS = '366';
    try {
      expectBad(await create({ startAt: daysAgo(400) }), 'startAt');
    } finally {
      process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS = widened;
    }
    expectBad(await create({ trialDays: 2147483647 }), 'trialDays');
    expectBad(await create({ trialDays: 3651 }), 'trialDays');
    expectBad(await create({ endAt: '10000-01-01T00:00:00Z' }), 'input.endAt');
    expectBad(await create({ billingAnchor: daysAgo(800), startAt: daysAgo(10) }), 'billingAnchor');
    // inline literals too
    const literal = await send(
      `mutation ($v: ID!) { createSubscription(input: { customer: "acme", planVersion: $v, startAt: "2026-01-01T24:00:00Z" }) { id } }`,
      { v: version },
    );
    expectBad(literal.errors as Errors, 'input.startAt');
  });

  it('accepts a start within the limit and keeps it exactly; refuses a change or cancellation reaching further back', async () => {
    const { send, version } = await tenant();
    const startAt = daysAgo(300);
    const created = await send<{ createSubscription: { id: string; startAt: string; trialEnd: string | null } }>(CREATE, {
      input: { customer: 'acme', planVersion: version, startAt, trialDays: 3650 },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSubscription.startAt).toBe(startAt);
    const id = created.data!.createSubscription.id;
    // 300 days ago is allowed; with a limit of 100 days a change there is refused naming `at`
    process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS = '100';
    try {
      const change = await send(
        `mutation ($id: ID!, $at: DateTime!) { changeSubscription(input: { subscription: $id, effective: AT, at: $at, seats: 2 }) { id } }`,
        {
          id,
          at: daysAgo(200),
        },
      );
      expect((change.errors as Errors)?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
      const cancel = await send(
        `mutation ($id: ID!, $at: DateTime!) { cancelSubscription(subscription: $id, effective: AT, at: $at) { id } }`,
        {
          id,
          at: daysAgo(150),
        },
      );
      expect((cancel.errors as Errors)?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
      const recent = await send(
        `mutation ($id: ID!, $at: DateTime!) { changeSubscription(input: { subscription: $id, effective: AT, at: $at, seats: 2 }) { seats } }`,
        {
          id,
          at: daysAgo(50),
        },
      );
      expect(recent.errors).toBeUndefined();
    } finally {
      delete process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS;
    }
  });

  describe('per platform', () => {
    // the deployment's default while these run (the tests above change and delete it)
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS;
      process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS = '400';
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS;
      else process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS = saved;
    });
    const SETTINGS = `{ platformSettings { id subscriptionMaxBackdateDays subscriptionMaxBackdateDaysIsDefault } }`;
    const UPDATE = `mutation ($input: SubscriptionSettingsInput!) {
      updateSubscriptionSettings(input: $input) { id subscriptionMaxBackdateDays subscriptionMaxBackdateDaysIsDefault }
    }`;

    it('reads the deployment default until the platform sets its own, and validates what it sets, naming the field', async () => {
      const { send, platformId } = subgraph.clientForNewPlatform();
      const deployment = 400;
      expect((await send(SETTINGS)).data).toEqual({
        platformSettings: { id: platformId, subscriptionMaxBackdateDays: deployment, subscriptionMaxBackdateDaysIsDefault: true },
      });
      for (const wrong of [0, -1, 3661, 2147483647]) {
        const answer = await send(UPDATE, { input: { maxBackdateDays: wrong } });
        expect((answer.errors as Errors)?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.maxBackdateDays' });
      }
      expect(((await send(UPDATE, { input: {} })).errors as Errors)?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input',
      });
      const set = await send(UPDATE, { input: { maxBackdateDays: 30 } });
      expect(set.data).toEqual({
        updateSubscriptionSettings: { id: platformId, subscriptionMaxBackdateDays: 30, subscriptionMaxBackdateDaysIsDefault: false },
      });
      expect((await send(SETTINGS)).data).toMatchObject({ platformSettings: { subscriptionMaxBackdateDays: 30 } });
      // null: back to the deployment default
      expect((await send(UPDATE, { input: { maxBackdateDays: null } })).data).toMatchObject({
        updateSubscriptionSettings: { subscriptionMaxBackdateDays: deployment, subscriptionMaxBackdateDaysIsDefault: true },
      });
    });

    it('is for admin keys to set; every key of the platform reads it; another platform’s settings are not found', async () => {
      const admin = subgraph.clientForNewPlatform();
      const reader = { send: subgraphClient(subgraph.running.url, admin.platformId, subgraph.secret, 'read') };
      expect((await reader.send(SETTINGS)).errors).toBeUndefined();
      expect(((await reader.send(UPDATE, { input: { maxBackdateDays: 10 } })).errors as Errors)?.[0]?.extensions.code).toBe('FORBIDDEN');
      const other = subgraph.clientForNewPlatform();
      const probe = await other.send(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on PlatformSettings { subscriptionMaxBackdateDays } } }`,
        { r: [{ __typename: 'PlatformSettings', id: admin.platformId }] },
      );
      expect((probe.errors as Errors)?.[0]?.extensions.code).toBe('NOT_FOUND');
    });

    it('applies the platform’s own limit to starts, changes and cancellations; another platform keeps the default', async () => {
      const own = await tenant();
      const other = await tenant();
      expect((await own.send(UPDATE, { input: { maxBackdateDays: 100 } })).errors).toBeUndefined();
      const create = (t: typeof own, startAt: string) =>
        t.send<{ createSubscription: { id: string } }>(CREATE, { input: { customer: 'acme', planVersion: t.version, startAt } });
      const refused = await create(own, daysAgo(200));
      expect((refused.errors as Errors)?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startAt' });
      expect((refused.errors as Errors)?.[0]?.message).toMatch(/at most 100 days/);
      expect((await create(other, daysAgo(200))).errors).toBeUndefined();

      const created = await create(own, daysAgo(90));
      expect(created.errors).toBeUndefined();
      const id = created.data!.createSubscription.id;
      const change = (at: string) =>
        own.send(
          `mutation ($id: ID!, $at: DateTime!) { changeSubscription(input: { subscription: $id, effective: AT, at: $at, seats: 2 }) { id } }`,
          {
            id,
            at,
          },
        );
      const cancel = (at: string) =>
        own.send(`mutation ($id: ID!, $at: DateTime!) { cancelSubscription(subscription: $id, effective: AT, at: $at) { id } }`, {
          id,
          at,
        });
      // 90 days ago is within the limit; the platform then narrows it to 30 days
      expect((await own.send(UPDATE, { input: { maxBackdateDays: 30 } })).errors).toBeUndefined();
      expect(((await change(daysAgo(60))).errors as Errors)?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
      expect(((await cancel(daysAgo(60))).errors as Errors)?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
      expect((await change(daysAgo(20))).errors).toBeUndefined();
      expect((await cancel(daysAgo(10))).errors).toBeUndefined();
    });
  });
  it('with a billing cutover, a subscription starts beyond the limit; the cutover itself keeps to it', async () => {
    const { send, version } = await tenant();
    expect((await send(`mutation { updateSubscriptionSettings(input: { maxBackdateDays: 366 }) { id } }`)).errors).toBeUndefined();
    const create = (input: Record<string, unknown>) =>
      send<{ createSubscription: { startAt: string; cutoverAt: string | null; reference: string | null } }>(
        `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { startAt cutoverAt reference } }`,
        { input: { customer: 'acme', planVersion: version, ...input } },
      );
    const old = daysAgo(3 * 365);
    expect((await create({ startAt: old })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startAt' });
    expect((await create({ startAt: old, cutoverAt: daysAgo(400) })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'cutoverAt',
    });
    const cutoverAt = daysAgo(5);
    const moved = await create({ startAt: old, cutoverAt, reference: 'legacy-1' });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.createSubscription).toEqual({ startAt: old, cutoverAt, reference: 'legacy-1' });
    const again = await create({ startAt: daysAgo(3), reference: 'legacy-1' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'reference' });
  });
});
