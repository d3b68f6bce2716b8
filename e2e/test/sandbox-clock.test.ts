import { waitFor } from '@meterline/kit/testing';
import { CREATE_CUSTOMER, gatewayClient, newApiKey, newTenant, startPlatform, type GatewayClient } from './testkit';

// Issue 16 point 3: a sandbox platform runs through months of invoices on its own business clock, on real time (no
// test clock), while a production platform of the same stack stays on real time and cannot move it.

const GRACE_MS = 3_600_000;
const SETTINGS = `{ platformSettings { id sandbox now } }`;
const ADVANCE = `mutation ($to: DateTime!) { advanceSandboxClock(to: $to) { id sandbox now } }`;
const CREATE = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }`;
const PERIOD = `query ($id: ID!) { subscription(id: $id) { currentPeriod { index start end } } }`;
const INVOICES = `query ($customer: ID!) {
  invoices(customer: $customer, kind: SUBSCRIPTION, first: 100) {
    edges { node { number status periodStart periodEnd issuedAt dueAt total { amount currency } } }
  }
}`;

interface Invoice {
  number: string | null;
  status: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string | null;
  dueAt: string | null;
  total: { amount: string; currency: string };
}
type Errors = Array<{ extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors) => ({ code: errors?.[0]?.extensions?.code, field: errors?.[0]?.extensions?.field });

/** The first instant of the UTC month `months` after the one of `at`. */
function monthStart(at: Date, months = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
}

/** A seat product on an active EUR monthly plan (3 seats × 10 = 30 a month, in advance); returns the version id. */
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

/** A platform with the plan, a customer "acme" and its monthly subscription from the start of this month. */
async function subscribedPlatform(client: GatewayClient, startAt: Date) {
  const planVersion = await monthlySeatPlan(client);
  const { createCustomer } = await client.expectData<{ createCustomer: { id: string } }>(CREATE_CUSTOMER, {
    input: { reference: 'acme', name: 'Acme', currency: 'EUR' },
  });
  const subscription = await waitFor(async () => {
    const response = await client.send<{ createSubscription: { id: string } }>(CREATE, {
      input: { customer: 'acme', planVersion, startAt: startAt.toISOString(), seats: 3 },
    });
    return response.data?.createSubscription;
  }, 'the active plan version to reach subscriptions');
  const invoices = async () =>
    (await client.expectData<{ invoices: { edges: Array<{ node: Invoice }> } }>(INVOICES, { customer: createCustomer.id })).invoices.edges
      .map((e) => e.node)
      .sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  return { subscriptionId: subscription.id, invoices };
}

describe('sandbox platforms run on their own business clock', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    // A database of its own: other test files' stacks would open periods on this one's platforms by their clocks.
    platform = await startPlatform({
      ownDatabase: true,
      serviceEnv: {
        invoicing: { INVOICE_GRACE_PERIOD_MS: String(GRACE_MS), INVOICE_ISSUE_INTERVAL_MS: '200', INVOICE_PAYMENT_TERMS_DAYS: '30' },
      },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('bills three months of a sandbox after an advance, numbered and dated on its time, and leaves the production platform alone', async () => {
    const sandbox = await newTenant(platform.databaseUrl, 'admin', { sandbox: true });
    const production = await newTenant(platform.databaseUrl);
    const sandboxClient = gatewayClient(platform.gatewayUrl, sandbox.apiKey);
    const productionClient = gatewayClient(platform.gatewayUrl, production.apiKey);
    const start = monthStart(new Date());
    const periods = [0, 1, 2, 3].map((m) => ({ start: monthStart(start, m).toISOString(), end: monthStart(start, m + 1).toISOString() }));

    const sandboxed = await subscribedPlatform(sandboxClient, start);
    const produced = await subscribedPlatform(productionClient, start);
    // Both have this month's draft, on real time.
    for (const { invoices } of [sandboxed, produced]) {
      await waitFor(async () => ((await invoices()).length === 1 ? true : undefined), 'this month’s draft to open');
    }

    const before = await sandboxClient.expectData<{ platformSettings: { sandbox: boolean; now: string } }>(SETTINGS);
    expect(before.platformSettings.sandbox).toBe(true);
    expect(Math.abs(Date.parse(before.platformSettings.now) - Date.now())).toBeLessThan(60_000);

    // ── Advance the sandbox three months, past the third period's end plus the grace hour.
    const to = new Date(monthStart(start, 3).getTime() + 2 * GRACE_MS);
    const { advanceSandboxClock } = await sandboxClient.expectData<{ advanceSandboxClock: { id: string; sandbox: boolean; now: string } }>(
      ADVANCE,
      { to: to.toISOString() },
    );
    expect(advanceSandboxClock).toMatchObject({ id: sandbox.platformId, sandbox: true });
    expect(Date.parse(advanceSandboxClock.now)).toBeGreaterThanOrEqual(to.getTime());
    expect(Date.parse(advanceSandboxClock.now) - to.getTime()).toBeLessThan(5_000);

    // The months in between are billed exactly as if the time had passed: three issued invoices, gapless numbers in
    // period order, issued at the sandbox's time; the fourth month's draft is open.
    const billed = await waitFor(
      async () => {
        const all = await sandboxed.invoices();
        return all.length === 4 && all.filter((i) => i.status === 'ISSUED').length === 3 ? all : undefined;
      },
      'the sandbox’s three periods to be issued',
      30_000,
    );
    expect(billed.map((i) => [i.periodStart, i.periodEnd, i.status, i.number, i.total.amount])).toEqual([
      [periods[0].start, periods[0].end, 'ISSUED', 'INV-000001', '30'],
      [periods[1].start, periods[1].end, 'ISSUED', 'INV-000002', '30'],
      [periods[2].start, periods[2].end, 'ISSUED', 'INV-000003', '30'],
      [periods[3].start, periods[3].end, 'DRAFT', null, '30'],
    ]);
    for (const issued of billed.slice(0, 3)) {
      expect(Date.parse(issued.issuedAt!)).toBeGreaterThanOrEqual(to.getTime());
      expect(Date.parse(issued.dueAt!) - Date.parse(issued.issuedAt!)).toBe(30 * 86_400_000);
    }
    const { subscription } = await sandboxClient.expectData<{ subscription: { currentPeriod: { index: number; start: string } } }>(PERIOD, {
      id: sandboxed.subscriptionId,
    });
    expect(subscription.currentPeriod).toEqual({ index: 3, start: periods[3].start, end: periods[3].end });

    // The production platform of the same processes is untouched: real time, this month's draft only.
    const untouched = await productionClient.expectData<{ platformSettings: { sandbox: boolean; now: string } }>(SETTINGS);
    expect(untouched.platformSettings.sandbox).toBe(false);
    expect(Math.abs(Date.parse(untouched.platformSettings.now) - Date.now())).toBeLessThan(60_000);
    expect((await produced.invoices()).map((i) => [i.periodStart, i.status, i.number])).toEqual([[periods[0].start, 'DRAFT', null]]);
    const { subscription: productionSubscription } = await productionClient.expectData<{
      subscription: { currentPeriod: { index: number } };
    }>(PERIOD, { id: produced.subscriptionId });
    expect(productionSubscription.currentPeriod.index).toBe(0);
  });

  it('refuses to move a production platform’s time, to go back, and to other keys than admin', async () => {
    const production = await newTenant(platform.databaseUrl);
    const refused = await gatewayClient(platform.gatewayUrl, production.apiKey).send(ADVANCE, { to: '2030-01-01T00:00:00Z' });
    expect(codeOf(refused.errors)).toEqual({ code: 'FORBIDDEN', field: 'to' });
    expect(refused.errors?.[0]?.extensions?.reason).toBe('PRODUCTION_PLATFORM');

    const sandbox = await newTenant(platform.databaseUrl, 'admin', { sandbox: true });
    const client = gatewayClient(platform.gatewayUrl, sandbox.apiKey);
    const ahead = new Date(Date.now() + 40 * 86_400_000);
    await client.expectData(ADVANCE, { to: ahead.toISOString() });
    // Back to real time (before the sandbox's now) is refused, naming the field; the clock stays where it was.
    const back = await client.send(ADVANCE, { to: new Date().toISOString() });
    expect(codeOf(back.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    const { platformSettings } = await client.expectData<{ platformSettings: { now: string } }>(SETTINGS);
    expect(Date.parse(platformSettings.now)).toBeGreaterThanOrEqual(ahead.getTime());
    // Hostile input: a date a century ahead, or no date at all, is a coded bad input, never an internal error.
    expect(codeOf((await client.send(ADVANCE, { to: '2999-01-01T00:00:00Z' })).errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(codeOf((await client.send(ADVANCE, { to: 'tomorrow' })).errors).code).toBe('BAD_USER_INPUT');

    const readKey = await newApiKey(platform.databaseUrl, sandbox.platformId, 'read');
    const read = await gatewayClient(platform.gatewayUrl, readKey).send(ADVANCE, { to: ahead.toISOString() });
    expect(codeOf(read.errors).code).toBe('FORBIDDEN');
  });
});
