import { TEST_CLOCK_PATH } from '@meterline/kit';
import { waitFor } from '@meterline/kit/testing';
import { CREATE_CUSTOMER, gatewayClient, newTenant, startPlatform, type GatewayClient } from './testkit';

const PERIOD = `currentPeriod { index start end }`;
const CREATE = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id startAt ${PERIOD} } }`;
const SUBSCRIPTION = `query ($id: ID!) { subscription(id: $id) { id ${PERIOD} } }`;

interface Period {
  index: number;
  start: string;
  end: string;
}

/** A product with a seat item and an active EUR monthly plan version; returns the version id. */
async function monthlySeatPlan(client: GatewayClient): Promise<string> {
  await client.expectData(`mutation { createProduct(input: { reference: "team", name: "Team" }) { id } }`);
  await client.expectData(
    `mutation { createProductItem(input: { product: "team", reference: "seat", name: "Seat", chargeType: SEAT }) { id } }`,
  );
  await client.expectData(`mutation { changeProductStatus(product: "team", action: ACTIVATE) { status } }`);
  const { createPricingPlan } = await client.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
    `mutation { createPricingPlan(input: { reference: "team", name: "Team", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
  );
  const version = createPricingPlan.versions[0].id;
  await client.expectData(
    `mutation ($v: ID!) { setPrice(input: { planVersion: $v, productItem: "seat", price: { model: PER_UNIT, unitPrice: "10" } }) { id } }`,
    { v: version },
  );
  await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v: version });
  return version;
}

describe('the test clock moves business time in every process', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({ testClock: true });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('moves a subscription into its next billing period when the clock crosses the period end', async () => {
    await platform.setClock('2026-03-10T12:00:00Z');
    const { apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const planVersion = await monthlySeatPlan(client);
    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });

    const input = { customer: 'acme', planVersion, startAt: '2026-03-01T00:00:00Z', seats: 3 };
    // The version reaches subscriptions through NATS: retry until it has arrived.
    const created = await waitFor(async () => {
      const response = await client.send<{ createSubscription: { id: string; currentPeriod: Period } }>(CREATE, { input });
      return response.data?.createSubscription;
    }, 'the active plan version to reach subscriptions');
    expect(created.currentPeriod).toEqual({ index: 0, start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' });

    const currentPeriod = async () =>
      (await client.expectData<{ subscription: { currentPeriod: Period } }>(SUBSCRIPTION, { id: created.id })).subscription.currentPeriod;

    // A minute before the end of March the period has not moved yet.
    await platform.setClock('2026-03-31T23:59:00Z');
    expect(await currentPeriod()).toEqual({ index: 0, start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' });

    // Periods are half-open: at the end instant of March the April period runs.
    await platform.setClock('2026-04-01T00:00:00Z');
    expect(await currentPeriod()).toEqual({ index: 1, start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z' });

    // Every process (the gateway too) reads the moved clock, and requests through the gateway still pass the
    // subgraphs' signature check, which stays on real time.
    for (const [service, base] of Object.entries(platform.urls)) {
      const { now } = (await (await fetch(`${base}${TEST_CLOCK_PATH}`)).json()) as { now: string };
      expect({ service, month: now.slice(0, 7) }).toEqual({ service, month: '2026-04' });
    }

    // A subscription without startAt starts at the business now, not the real one.
    const later = await client.expectData<{ createSubscription: { startAt: string; currentPeriod: Period } }>(CREATE, {
      input: { customer: 'acme', planVersion, seats: 1 },
    });
    expect(Date.parse(later.createSubscription.startAt)).toBeGreaterThanOrEqual(Date.parse('2026-04-01T00:00:00Z'));
    expect(Date.parse(later.createSubscription.startAt)).toBeLessThan(Date.parse('2026-04-01T00:10:00Z'));
    expect(later.createSubscription.currentPeriod.index).toBe(0);
  });
});
