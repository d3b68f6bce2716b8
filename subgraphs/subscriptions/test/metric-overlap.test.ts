import { startSubgraphForTest, type SubgraphUnderTest } from '@meterline/kit/testing';
import { subscriptionsSubgraph } from '../src';
import { planVersionPricing } from './subscription-fixtures';

const CREATE = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id status } }`;
const CHANGE = `mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { id } }`;
const CANCEL = `mutation ($id: ID!, $at: DateTime) { cancelSubscription(subscription: $id, effective: AT, at: $at) { status endAt } }`;
const REACTIVATE = `mutation ($id: ID!) { reactivateSubscription(subscription: $id) { status endAt } }`;
const ACTIVATE = `mutation ($id: ID!) { activateSubscription(subscription: $id) { status } }`;

const refusal = (id: string, metric: string, from: string) =>
  `Subscription ${id} of this customer already prices metric '${metric}' from ${from}; an event without subscriptionId ` +
  'could not be attributed. End that subscription first, or use a plan without this metric';

describe('one subscription per metric for each customer', () => {
  // These subscriptions start on fixed dates (2025-06…) on the real clock: further back than the default backdating limit.
  const backdating = process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS;
  beforeAll(() => {
    process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS = '3650';
  });
  afterAll(() => {
    if (backdating === undefined) delete process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS;
    else process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS = backdating;
  });
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(subscriptionsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  /** A new platform with customer "acme" and plan versions pricing api_calls, storage, both, and no usage. */
  async function world() {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await send(`mutation { createCustomer(input: { reference: "acme", name: "Acme", currency: "EUR" }) { id } }`);
    const [calls, storage, both, flat] = await Promise.all(
      [['api_calls'], ['storage'], ['api_calls', 'storage'], []].map((metrics) => planVersionPricing(subgraph, platformId, metrics)),
    );
    const subscribe = async (planVersion: string, extra: Record<string, unknown> = {}) => {
      const response = await send<{ createSubscription: { id: string; status: string } }>(CREATE, {
        input: { customer: 'acme', planVersion, ...extra },
      });
      return { id: response.data?.createSubscription.id ?? '', error: response.errors?.[0] };
    };
    const written = async () => {
      const [{ subscriptions, phases, events }] = await subgraph.running.db.query<{
        subscriptions: number;
        phases: number;
        events: number;
      }>(
        `SELECT (SELECT count(*)::int FROM subscriptions WHERE platform_id = $1) AS subscriptions,
                (SELECT count(*)::int FROM subscription_phases WHERE platform_id = $1) AS phases,
                (SELECT count(*)::int FROM outbox WHERE platform_id = $1 AND type LIKE 'subscriptions.subscription.%') AS events`,
        [platformId],
      );
      return { subscriptions, phases, events };
    };
    return { send, subscribe, written, versions: { calls, storage, both, flat } };
  }

  it('refuses a second subscription pricing the same metric, on planVersion, naming it; nothing is written', async () => {
    const { subscribe, written, versions } = await world();
    const first = await subscribe(versions.calls, { startAt: '2026-03-01T00:00:00Z' });
    expect(first.error).toBeUndefined();
    const before = await written();
    const second = await subscribe(versions.both, { startAt: '2026-02-01T00:00:00Z' });
    expect(second.error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planVersion' });
    expect(second.error?.message).toBe(refusal(first.id, 'api_calls', '2026-03-01T00:00:00.000Z'));
    expect(await written()).toEqual(before);
    expect(before).toEqual({ subscriptions: 1, phases: 1, events: 1 });
  });

  it('allows subscriptions on different metrics, and beside a plan without usage', async () => {
    const { subscribe, versions } = await world();
    expect((await subscribe(versions.calls)).error).toBeUndefined();
    expect((await subscribe(versions.storage)).error).toBeUndefined();
    expect((await subscribe(versions.flat)).error).toBeUndefined();
  });

  it('allows back-to-back subscriptions: one ends at T, the other starts at T', async () => {
    const { subscribe, versions } = await world();
    const T = '2026-06-01T00:00:00.000Z';
    const ended = await subscribe(versions.calls, { startAt: '2026-01-01T00:00:00Z', endAt: T });
    expect(ended.error).toBeUndefined();
    expect((await subscribe(versions.calls, { startAt: T })).error).toBeUndefined();
    // And one before the first: ends where it starts.
    expect((await subscribe(versions.calls, { startAt: '2025-06-01T00:00:00Z', endAt: '2026-01-01T00:00:00Z' })).error).toBeUndefined();
    const overlapping = await subscribe(versions.calls, { startAt: '2025-12-31T23:59:59.999Z', endAt: '2026-01-01T00:00:00.001Z' });
    expect(overlapping.error?.message).toMatch(/from 2025-12-31T23:59:59.999Z/);
  });

  it('refuses a change to a plan that adds the metric, from the change instant; the phases stay as they were', async () => {
    const { send, subscribe, written, versions } = await world();
    const calls = await subscribe(versions.calls, { startAt: '2026-01-01T00:00:00Z' });
    const storage = await subscribe(versions.storage, { startAt: '2026-01-01T00:00:00Z' });
    const before = await written();
    const changed = await send(CHANGE, {
      input: { subscription: storage.id, effective: 'AT', at: '2026-02-01T00:00:00Z', planVersion: versions.both },
    });
    expect(changed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planVersion' });
    expect(changed.errors?.[0].message).toBe(refusal(calls.id, 'api_calls', '2026-02-01T00:00:00.000Z'));
    expect(await written()).toEqual(before);
    // A change that adds no metric passes (seats on the same plan; a plan without usage).
    const seats = await send(CHANGE, { input: { subscription: storage.id, effective: 'AT', at: '2026-02-01T00:00:00Z', seats: 4 } });
    expect(seats.errors).toBeUndefined();
    const flat = await send(CHANGE, {
      input: { subscription: calls.id, effective: 'AT', at: '2026-03-01T00:00:00Z', planVersion: versions.flat },
    });
    expect(flat.errors).toBeUndefined();
    // Now api_calls is free from March on.
    const later = await send(CHANGE, {
      input: { subscription: storage.id, effective: 'AT', at: '2026-03-01T00:00:00Z', planVersion: versions.both },
    });
    expect(later.errors).toBeUndefined();
  });

  it('refuses a reactivation when another subscription took the metric after the cancellation', async () => {
    const { send, subscribe, written, versions } = await world();
    const end = '2027-03-01T00:00:00.000Z';
    const first = await subscribe(versions.calls, { startAt: '2026-01-01T00:00:00Z' });
    expect((await send(CANCEL, { id: first.id, at: end })).data).toEqual({ cancelSubscription: { status: 'CANCELED', endAt: end } });
    const successor = await subscribe(versions.calls, { startAt: end });
    expect(successor.error).toBeUndefined();
    const before = await written();
    const reactivated = await send(REACTIVATE, { id: first.id });
    expect(reactivated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subscription' });
    expect(reactivated.errors?.[0].message).toBe(refusal(successor.id, 'api_calls', end));
    expect(await written()).toEqual(before);
    const [{ status }] = await subgraph.running.db.query<{ status: string }>(`SELECT status FROM subscriptions WHERE id = $1`, [first.id]);
    expect(status).toBe('CANCELED');
  });

  it('reactivates when nothing else took the metric', async () => {
    const { send, subscribe, versions } = await world();
    const first = await subscribe(versions.calls);
    await subscribe(versions.storage);
    await send(CANCEL, { id: first.id, at: '2027-03-01T00:00:00Z' });
    expect((await send(REACTIVATE, { id: first.id })).data).toEqual({ reactivateSubscription: { status: 'ACTIVE', endAt: null } });
  });

  it('allows a draft beside a subscription on the same metric, and refuses its activation', async () => {
    const { send, subscribe, written, versions } = await world();
    const active = await subscribe(versions.calls, { startAt: '2026-01-01T00:00:00Z' });
    const draft = await subscribe(versions.both, { startAt: '2026-04-01T00:00:00Z', draft: true });
    expect(draft.error).toBeUndefined();
    const before = await written();
    const activated = await send(ACTIVATE, { id: draft.id });
    expect(activated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subscription' });
    expect(activated.errors?.[0].message).toBe(refusal(active.id, 'api_calls', '2026-04-01T00:00:00.000Z'));
    expect(await written()).toEqual(before);
    // Drafts are not checked against each other either, until one bills.
    expect((await subscribe(versions.calls, { draft: true })).error).toBeUndefined();
  });

  it('lets only one of several concurrent requests for one customer and metric through', async () => {
    const { subscribe, written, versions } = await world();
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(() => subscribe(versions.calls, { startAt: '2026-01-01T00:00:00Z' })));
    expect(results.filter((r) => !r.error)).toHaveLength(1);
    expect(results.filter((r) => r.error?.extensions?.code === 'BAD_USER_INPUT')).toHaveLength(5);
    expect(await written()).toEqual({ subscriptions: 1, phases: 1, events: 1 });
  });

  it('checks each customer on its own', async () => {
    const { send, subscribe, versions } = await world();
    await send(`mutation { createCustomer(input: { reference: "globex", name: "Globex", currency: "EUR" }) { id } }`);
    expect((await subscribe(versions.calls)).error).toBeUndefined();
    const other = await send(CREATE, { input: { customer: 'globex', planVersion: versions.calls } });
    expect(other.errors).toBeUndefined();
  });
});
