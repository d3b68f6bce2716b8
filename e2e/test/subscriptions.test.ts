import { eventContracts } from '@meterline/kit';
import { waitFor } from '@meterline/kit/testing';
import { Client } from 'pg';
import { CREATE_CUSTOMER, gatewayClient, newTenant, startPlatform, type GatewayClient } from './testkit';

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors) => ({ code: errors?.[0]?.extensions?.code, field: errors?.[0]?.extensions?.field });

const SUBSCRIPTION = `id status startAt endAt anchor seats planVersion { id } currentPeriod { index start end }
  phases { startsAt endsAt seats planVersion { id } overrides } customer { reference }`;
const CREATE = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { ${SUBSCRIPTION} } }`;
const CHANGE = `mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { ${SUBSCRIPTION} } }`;

/** A product with a seat item, and a plan with two active EUR monthly versions (v1, v2) and a draft (v3). */
async function catalog(client: GatewayClient) {
  await client.expectData(`mutation { createProduct(input: { reference: "team", name: "Team" }) { id } }`);
  await client.expectData(
    `mutation { createProductItem(input: { product: "team", reference: "seat", name: "Seat", chargeType: SEAT }) { id } }`,
  );
  await client.expectData(`mutation { changeProductStatus(product: "team", action: ACTIVATE) { status } }`);
  const { createPricingPlan } = await client.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
    `mutation { createPricingPlan(input: { reference: "team", name: "Team", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
  );
  const v1 = createPricingPlan.versions[0].id;
  const setSeatPrice = (v: string, unitPrice: string) =>
    client.expectData(
      `mutation ($v: ID!, $p: Decimal!) { setPrice(input: { planVersion: $v, productItem: "seat", price: { model: PER_UNIT, unitPrice: $p } }) { id } }`,
      { v, p: unitPrice },
    );
  await setSeatPrice(v1, '10');
  await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v: v1 });
  const next = async () =>
    (await client.expectData<{ createPlanVersion: { id: string } }>(`mutation { createPlanVersion(plan: "team") { id } }`))
      .createPlanVersion.id;
  const v2 = await next();
  await setSeatPrice(v2, '15');
  await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v: v2 });
  const v3 = await next();
  return { v1, v2, v3 };
}

describe('customers and subscriptions through the gateway', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform();
  }, 120_000);
  afterAll(() => platform?.stop());

  it('subscribes on an active version only, changes seats and plan mid-period, cancels at period end and reactivates; every change is announced', async () => {
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const { v1, v2, v3 } = await catalog(client);
    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });

    const input = { customer: 'acme', planVersion: v1, startAt: '2026-01-31T10:00:00Z', seats: 5 };
    // The version reaches subscriptions through NATS: retry until it has arrived.
    const created = await waitFor(async () => {
      const response = await client.send<{ createSubscription: { id: string; status: string; phases: unknown[] } }>(CREATE, { input });
      return response.data?.createSubscription;
    }, 'the active plan version to reach subscriptions');
    expect(created).toMatchObject({ status: 'ACTIVE', phases: [{ seats: 5, endsAt: null, planVersion: { id: v1 } }] });

    expect(codeOf((await client.send(CREATE, { input: { ...input, planVersion: v3 } })).errors)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'planVersion',
    });
    const usd = await client.send(CREATE, { input: { ...input, customer: 'nobody' } });
    expect(codeOf(usd.errors)).toEqual({ code: 'NOT_FOUND', field: 'customer' });
    const bad = await client.send(CREATE, {
      input: { ...input, overrides: [{ productItem: '00000000-0000-4000-8000-000000000000', price: { model: 'FLAT', amount: '1' } }] },
    });
    expect(codeOf(bad.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'overrides[0].productItem' });

    // Seats 5 → 8 on Feb 10, then an upgrade to v2 on Feb 20: three phases, history kept.
    await client.expectData(CHANGE, { input: { subscription: created.id, effective: 'AT', at: '2026-02-10T00:00:00Z', seats: 8 } });
    const upgraded = await client.expectData<{
      changeSubscription: { phases: Array<{ startsAt: string; endsAt: string | null; seats: number; planVersion: { id: string } }> };
    }>(CHANGE, {
      input: { subscription: created.id, effective: 'AT', at: '2026-02-20T00:00:00Z', planVersion: v2 },
    });
    expect(upgraded.changeSubscription.phases.map((p) => [p.startsAt, p.endsAt, p.seats, p.planVersion.id === v2 ? 'v2' : 'v1'])).toEqual([
      ['2026-01-31T10:00:00.000Z', '2026-02-10T00:00:00.000Z', 5, 'v1'],
      ['2026-02-10T00:00:00.000Z', '2026-02-20T00:00:00.000Z', 8, 'v1'],
      ['2026-02-20T00:00:00.000Z', null, 8, 'v2'],
    ]);

    // A deprecated version takes no new subscription.
    await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: DEPRECATE) { status } }`, { v: v1 });
    // Wait on subscriptions' copy of the version (a probe that creates subscriptions would add one while it waits).
    const projection = new Client({ connectionString: platform.databaseUrl });
    await projection.connect();
    try {
      await waitFor(async () => {
        const { rows } = await projection.query(`SELECT status FROM subscriptions.plan_versions WHERE platform_id = $1 AND id = $2`, [
          platformId,
          v1,
        ]);
        return rows[0]?.status === 'DEPRECATED';
      }, 'the deprecation to reach subscriptions');
    } finally {
      await projection.end();
    }
    expect(codeOf((await client.send(CREATE, { input })).errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'planVersion' });

    // Cancel at the end of the running period (month-end anchor: periods end on the 28th/31st at 10:00), then reactivate.
    const canceled = await client.expectData<{ cancelSubscription: { status: string; endAt: string } }>(
      `mutation ($id: ID!) { cancelSubscription(subscription: $id, effective: PERIOD_END) { status endAt } }`,
      { id: created.id },
    );
    expect(canceled.cancelSubscription.status).toBe('CANCELED');
    expect(canceled.cancelSubscription.endAt).toMatch(/T10:00:00\.000Z$/);
    const again = await client.send(`mutation ($id: ID!) { cancelSubscription(subscription: $id) { status } }`, { id: created.id });
    expect(codeOf(again.errors).code).toBe('INVALID_STATUS_TRANSITION');
    const reactivated = await client.expectData<{ reactivateSubscription: { status: string; endAt: string | null } }>(
      `mutation ($id: ID!) { reactivateSubscription(subscription: $id) { status endAt } }`,
      { id: created.id },
    );
    expect(reactivated.reactivateSubscription).toEqual({ status: 'ACTIVE', endAt: null });

    const { customer } = await client.expectData<{ customer: { subscriptions: Array<{ id: string; seats: number }> } }>(
      `{ customer(reference: "acme") { subscriptions { id seats } } }`,
    );
    expect(customer.subscriptions.map((s) => s.id)).toEqual([created.id]);

    // Each change left one event in the outbox, valid against its JSON Schema.
    const db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT envelope FROM subscriptions.outbox WHERE platform_id = $1 AND type LIKE 'subscriptions.subscription.%' ORDER BY seq`,
        [platformId],
      );
      const events = rows.map((r: { envelope: unknown }) => eventContracts().check(r.envelope));
      expect(events.map((e) => e.type.split('.').pop())).toEqual(['activated', 'changed', 'changed', 'canceled', 'changed']);
      expect(events[2].data).toMatchObject({
        customer: { reference: 'acme', currency: 'EUR' },
        billingPeriod: 'MONTH',
        anchor: '2026-01-31T10:00:00.000Z',
      });
    } finally {
      await db.end();
    }
  });

  it('keeps a platform’s own backdating limit: it refuses and accepts by that limit, another platform keeps the default', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const SETTINGS = `{ platformSettings { subscriptionMaxBackdateDays subscriptionMaxBackdateDaysIsDefault } }`;
    const tenants = await Promise.all(
      [0, 1].map(async () => {
        const client = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
        const { v1 } = await catalog(client);
        await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });
        // the version reaches subscriptions through NATS: a draft subscription tells when it has arrived
        await waitFor(
          async () => (await client.send(CREATE, { input: { customer: 'acme', planVersion: v1, draft: true } })).data,
          'the plan version to reach subscriptions',
        );
        return { client, v1 };
      }),
    );
    const [own, other] = tenants;
    const deployment = await other.client.expectData<{ platformSettings: { subscriptionMaxBackdateDays: number } }>(SETTINGS);
    expect(deployment.platformSettings).toEqual({
      subscriptionMaxBackdateDays: Number(process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS),
      subscriptionMaxBackdateDaysIsDefault: true,
    });
    const updated = await own.client.send(
      `mutation { updateSubscriptionSettings(input: { maxBackdateDays: 30 }) { subscriptionMaxBackdateDays subscriptionMaxBackdateDaysIsDefault } }`,
    );
    expect(updated.data).toEqual({
      updateSubscriptionSettings: { subscriptionMaxBackdateDays: 30, subscriptionMaxBackdateDaysIsDefault: false },
    });
    const wrong = await own.client.send(
      `mutation { updateSubscriptionSettings(input: { maxBackdateDays: 0 }) { subscriptionMaxBackdateDays } }`,
    );
    expect(codeOf(wrong.errors as Errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.maxBackdateDays' });
    expect((await own.client.expectData<{ platformSettings: unknown }>(SETTINGS)).platformSettings).toEqual({
      subscriptionMaxBackdateDays: 30,
      subscriptionMaxBackdateDaysIsDefault: false,
    });

    const start = (t: (typeof tenants)[number], days: number) =>
      t.client.send<{ createSubscription: { id: string } }>(CREATE, {
        input: { customer: 'acme', planVersion: t.v1, startAt: daysAgo(days) },
      });
    expect(codeOf((await start(own, 60)).errors as Errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'startAt' });
    expect((await start(other, 60)).errors).toBeUndefined();
    const accepted = await start(own, 20);
    expect(accepted.errors).toBeUndefined();
    const change = (days: number) =>
      own.client.send(CHANGE, {
        input: { subscription: accepted.data!.createSubscription.id, effective: 'AT', at: daysAgo(days), seats: 2 },
      });
    expect(codeOf((await change(40)).errors as Errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
    expect((await change(10)).errors).toBeUndefined();
  });
});
