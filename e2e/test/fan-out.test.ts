import { existsSync, readFileSync } from 'node:fs';
import { serviceSpecs } from '@meterline/stack';
import { subgraphClient } from '@meterline/kit/testing';
import { Scenario } from './scenario';
import { CREATE_CUSTOMER, startPlatform } from './testkit';

/**
 * Issue 14, point 1: no accepted query can exhaust a process. `customer { subscriptions { customer { subscriptions { … } } } }`
 * at depth 12–15 on a customer with ~19 subscriptions once ran the subscriptions service out of heap. Here a customer
 * has 40: the gateway's cost (which counts every list) refuses the fan-out with QUERY_TOO_COMPLEX, a query the cost lets
 * through but whose lists are longer than it assumes stops at the subgraph's field ceiling with RESPONSE_TOO_LARGE, the
 * fan-out sent straight to the subgraph stops there too, and every service keeps answering.
 */

const SUBSCRIPTIONS = 40;
/** The subscriptions subgraph's ceiling in this stack: small, so a query the gateway accepts can reach it. */
const MAX_FIELDS = 20_000;

/** `customer(reference) { subscriptions { customer { … { id } } } }` with `levels` subscriptions lists. */
function fanOut(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `subscriptions { id customer { ${selection} } }`;
  return `query ($c: String!) { customer(reference: $c) { ${selection} } }`;
}

/** The deepest selection of a query: 2 per level, plus customer and id. */
const depthOf = (levels: number) => 2 * levels + 2;

describe('fan-out over unpaginated lists', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let scenario: Scenario;
  const customer = 'fan-out-customer';

  beforeAll(async () => {
    platform = await startPlatform({
      serviceEnv: {
        subscriptions: { GRAPHQL_MAX_FIELDS: String(MAX_FIELDS) },
        gateway: { RATE_LIMIT_PER_SECOND: '1000', RATE_LIMIT_BURST: '1000' },
      },
    });
    scenario = await Scenario.open(platform);
    const items = await scenario.createProduct('fan-out', [{ reference: 'fan-out-fee', name: 'Fee', chargeType: 'RECURRING' }]);
    const [version] = await scenario.createPlan('fan-out-plan', [{ 'fan-out-fee': { model: 'FLAT', amount: '10' } }]);
    expect(Object.keys(items)).toEqual(['fan-out-fee']);
    await scenario.client.expectData(CREATE_CUSTOMER, { input: { reference: customer, name: customer, currency: 'EUR' } });
    // Drafts: nothing to bill, so 40 of them are quick; Customer.subscriptions lists them all the same.
    for (let i = 0; i < SUBSCRIPTIONS; i++)
      await scenario.subscribe({ customer, planVersion: version, startAt: '2026-03-01T00:00:00Z', draft: true });
  }, 180_000);
  afterAll(() => platform?.stop());

  const servicesAnswer = async () => {
    const simple = await scenario.client.send<{ customer: { subscriptions: unknown[] } }>(
      'query ($c: String!) { customer(reference: $c) { id subscriptions { id } } }',
      { c: customer },
    );
    expect(simple.errors).toBeUndefined();
    expect(simple.data?.customer.subscriptions).toHaveLength(SUBSCRIPTIONS);
    for (const spec of serviceSpecs()) expect((await fetch(`${platform.urls[spec.name]}/readyz`)).status).toBe(200);
  };

  it('runs every service with the heap limit of services.json', () => {
    for (const spec of serviceSpecs()) {
      const environ = `/proc/${platform.pids[spec.name]}/environ`;
      if (existsSync(environ)) expect(readFileSync(environ, 'utf8').split('\0')).toContain('NODE_OPTIONS=--max-old-space-size=384');
    }
  });

  it.each([5, 6])(
    'refuses the fan-out %i lists deep (depth 12–14, within the depth limit) with QUERY_TOO_COMPLEX, HTTP 400',
    async (levels) => {
      expect(depthOf(levels)).toBeLessThanOrEqual(15);
      const response = await scenario.client.send(fanOut(levels), { c: customer });
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toHaveLength(1);
      expect(response.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(response.errors?.[0].message).toMatch(/Query cost \d+ is above the limit of 500000/);
      await servicesAnswer();
    },
  );

  it('answers a fan-out under the limits: 2 lists deep, 40 × 40 subscriptions', async () => {
    const response = await scenario.client.send<{ customer: { subscriptions: Array<{ customer: { subscriptions: unknown[] } }> } }>(
      fanOut(2),
      { c: customer },
    );
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.data?.customer.subscriptions).toHaveLength(SUBSCRIPTIONS);
    expect(response.data?.customer.subscriptions.every((s) => s.customer.subscriptions.length === SUBSCRIPTIONS)).toBe(true);
  });

  it('stops a query the cost accepts but whose lists are longer than it assumes at the subgraph: RESPONSE_TOO_LARGE, HTTP 400', async () => {
    // 3 lists deep: the cost assumes 20 per list (~25,000 fields); 40 per list make ~190,000 at the subgraph.
    const response = await scenario.client.send(fanOut(3), { c: customer });
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(response.errors?.[0].message).toMatch(new RegExp(`more than ${MAX_FIELDS} fields`));
    expect(JSON.stringify(response)).not.toMatch(/stack|at \//);
    await servicesAnswer();
  });

  it('stops the deepest fan-out sent straight to the subscriptions subgraph (no gateway cost) at its ceiling, and it stays up', async () => {
    const direct = subgraphClient(`${platform.urls.subscriptions}/graphql`, scenario.platformId, platform.secret);
    const started = Date.now();
    const response = await direct(fanOut(7), { c: customer }); // 40^7 subscriptions without the ceiling
    expect(response.status).toBe(200);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(response.data ?? null).toBeNull();
    expect(Date.now() - started).toBeLessThan(30_000);
    await servicesAnswer();
  });
});
