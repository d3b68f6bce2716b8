import { gatewayClient, newTenant, startPlatform } from './testkit';

type Body = { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };

/** Issue 14 through the gateway: malformed values and requests answer coded client errors naming the field, never 500. */
describe('the input layer through the gateway', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(() => platform?.stop());

  async function post(apiKey: string, body: Record<string, unknown>): Promise<{ status: number; body: Body }> {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Body };
  }

  it('answers an unknown operationName with a coded 400-class error, not an internal one', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const unknown = await post(apiKey, { query: 'query A { meters { totalCount } }', operationName: 'B' });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']).toContain(unknown.body.errors?.[0].extensions?.code);
    const ambiguous = await post(apiKey, { query: 'query A { meters { totalCount } } query B { meters { totalCount } }' });
    expect(['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']).toContain(ambiguous.body.errors?.[0].extensions?.code);
  });

  it('names the field of malformed variables and literals in every subgraph', async () => {
    const client = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
    const expectBad = (body: Body, field: string) => expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    // catalog: a Decimal, a NUL in a string, currency ""
    const plan = await client.send<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
      `mutation { createPricingPlan(input: { reference: "pro", name: "Pro", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
    );
    const v = plan.data!.createPricingPlan.versions[0].id;
    for (const m of ['1e400', 'NaN', 'Infinity', '1,5', '.5', '+1', ''])
      expectBad(
        await client.send(
          `mutation ($v: ID!, $m: Decimal) { updatePlanVersion(input: { planVersion: $v, minimumCommitment: $m }) { id } }`,
          { v, m },
        ),
        'm',
      );
    expectBad(
      await client.send(`mutation ($v: ID!) { updatePlanVersion(input: { planVersion: $v, currency: "" }) { id } }`, { v }),
      'currency',
    );
    expectBad(
      await client.send(`mutation ($n: String!) { createProduct(input: { reference: "p", name: $n }) { id } }`, { n: 'a\u0000b' }),
      'input.name',
    );
    // subscriptions: a date-time that does not exist, one from year 1, a runaway trial
    await client.send(`mutation { createCustomer(input: { reference: "acme", name: "Acme", currency: "EUR" }) { id } }`);
    const create = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id } }`;
    expectBad(await client.send(create, { input: { customer: 'acme', planVersion: v, startAt: '2026-02-30T00:00:00Z' } }), 'input.startAt');
    expectBad(await client.send(create, { input: { customer: 'acme', planVersion: v, startAt: '0001-01-01T00:00:00Z' } }), 'input.startAt');
    expectBad(
      await client.send(
        `mutation { createSubscription(input: { customer: "acme", planVersion: "${v}", startAt: "2026-01-01T24:00:00Z" }) { id } }`,
      ),
      'input.startAt',
    );
    // metering: a JSON object given as a string, a lone surrogate, usage(groupBy:) with too many names
    expectBad(
      await client.send(`mutation ($e: [UsageEventInput!]!) { ingestUsageEvents(events: $e) { accepted } }`, {
        e: [
          {
            meterReference: 'm',
            customerReference: 'acme',
            reference: 'r',
            meterValues: [{ reference: 'count', number: '1' }],
            properties: '{}',
          },
        ],
      }),
      'e[0].properties',
    );
    expectBad(await client.send(`query ($m: String!) { meter(meter: $m) { id } }`, { m: 'x\ud800' }), 'meter');
    expectBad(
      await client.send(
        `query ($g: [String!]) { usage(customer: "acme", metric: "m", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", groupBy: $g) { value } }`,
        { g: Array.from({ length: 10_000 }, (_, i) => `p${i}`) },
      ),
      'groupBy',
    );
  });
});
