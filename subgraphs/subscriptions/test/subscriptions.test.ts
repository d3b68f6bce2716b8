import { randomUUID } from 'node:crypto';
import { eventContracts, newEvent, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { subscriptionsSubgraph } from '../src';

describe('subscriptions end when their time comes', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(subscriptionsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('keeps catalog’s versions from NATS, and ends a subscription canceled NOW with subscriptions.subscription.ended', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const versionId = randomUUID();
    // catalog.plan_version.activated as catalog would publish it (its stream in this test's namespace).
    const activated = newEvent(
      'catalog.plan_version.activated',
      platformId,
      {
        id: versionId,
        planId: randomUUID(),
        planReference: 'p',
        planName: 'P',
        version: 1,
        status: 'ACTIVE',
        currency: 'EUR',
        billingPeriod: 'MONTH',
        minimumCommitment: null,
        activatedAt: new Date().toISOString(),
        prices: [],
        entitlements: [],
      },
      systemClock,
    );
    const { bus } = subgraph.running;
    await bus.ensureStream('catalog');
    await bus.js.publish(bus.subjectOf(activated.type), JSON.stringify(activated), { msgID: activated.id });
    await send(`mutation { createCustomer(input: { reference: "acme", name: "Acme", currency: "EUR" }) { id } }`);
    const created = await waitFor(async () => {
      const response = await send<{ createSubscription: { id: string } }>(
        `mutation ($v: ID!) { createSubscription(input: { customer: "acme", planVersion: $v }) { id } }`,
        { v: versionId },
      );
      return response.data?.createSubscription;
    }, 'the plan version projection');
    const changed = await send(
      `mutation ($id: ID!) { changeSubscription(input: { subscription: $id, effective: NOW, seats: 3 }) { seats } }`,
      {
        id: created.id,
      },
    );
    expect(changed.errors).toBeUndefined();
    await send(`mutation ($id: ID!) { cancelSubscription(subscription: $id, effective: NOW) { status } }`, { id: created.id });
    await waitFor(async () => {
      const response = await send<{ subscription: { status: string } }>(`query ($id: ID!) { subscription(id: $id) { status } }`, {
        id: created.id,
      });
      return response.data?.subscription.status === 'ENDED';
    }, 'the subscription to end');
    const rows = await subgraph.running.db.query<{ envelope: unknown }>(
      `SELECT envelope FROM outbox WHERE platform_id = $1 AND type LIKE 'subscriptions.subscription.%' ORDER BY seq`,
      [platformId],
    );
    expect(rows.map((r) => eventContracts().check(r.envelope).type)).toEqual([
      'subscriptions.subscription.activated',
      'subscriptions.subscription.changed',
      'subscriptions.subscription.canceled',
      'subscriptions.subscription.ended',
    ]);
  });
});
