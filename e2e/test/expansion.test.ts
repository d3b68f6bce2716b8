import { Decimal, signTenantHeaders, systemClock } from '@meterline/kit';
import { waitFor } from '@meterline/kit/testing';
import { callEvent, createApiCallsMeter, gatewayClient, INGEST, newTenant, startPlatform, type GatewayClient } from './testkit';

/**
 * Expansion without N+1 (DESIGN §2): listing 10 or 100 invoices with their customer, subscription, lines and the lines'
 * product items, or 10 or 100 usage events with their estimated cost and invoice, costs each subgraph the same number
 * of SQL statements. Each subgraph reports what a request cost in `x-meterline-sql-statements`; the requests below are
 * the ones the gateway's plan sends (one list, then one batched `_entities` per owning subgraph), checked against the
 * gateway's own answer.
 */
describe('expanding related resources costs the same for 10 or 100 invoices', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let admin: GatewayClient;
  let platformId: string;
  beforeAll(async () => {
    platform = await startPlatform();
    const tenant = await newTenant(platform.databaseUrl);
    platformId = tenant.platformId;
    admin = gatewayClient(platform.gatewayUrl, tenant.apiKey);
    await createApiCallsMeter(admin);
    await admin.expectData(`mutation { createProduct(input: { reference: "api", name: "API" }) { id } }`);
    for (const item of [
      '{ product: "api", reference: "fee", name: "Platform fee", chargeType: RECURRING }',
      '{ product: "api", reference: "seats", name: "Seats", chargeType: SEAT }',
      '{ product: "api", reference: "calls", name: "API calls", chargeType: USAGE, meterReference: "api_calls", metricReference: "api_calls_total" }',
    ])
      await admin.expectData(`mutation { createProductItem(input: ${item}) { id } }`);
    await admin.expectData(`mutation { changeProductStatus(product: "api", action: ACTIVATE) { status } }`);
    const { createPricingPlan } = await admin.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
      `mutation { createPricingPlan(input: { reference: "p", name: "P", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
    );
    const version = createPricingPlan.versions[0].id;
    for (const [item, price, timing] of [
      ['fee', { model: 'FLAT', amount: '10' }, 'IN_ADVANCE'],
      ['seats', { model: 'PER_UNIT', unitPrice: '2' }, 'IN_ADVANCE'],
      ['calls', { model: 'PER_UNIT', unitPrice: '0.01' }, null],
    ] as const)
      await admin.expectData(`mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`, {
        input: { planVersion: version, productItem: item, price, ...(timing ? { recurringTiming: timing } : {}) },
      });
    await admin.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v: version });
    // 100 customers on the plan, 25 per request (aliases).
    for (let batch = 0; batch < 4; batch += 1) {
      const ids = Array.from({ length: 25 }, (_, i) => batch * 25 + i);
      await admin.expectData(
        `mutation { ${ids.map((i) => `c${i}: createCustomer(input: { reference: "c${i}", name: "Customer ${i}", currency: "EUR" }) { id }`).join(' ')} }`,
      );
      await admin.expectData(
        `mutation { ${ids
          .map((i) => `s${i}: createSubscription(input: { customer: "c${i}", planVersion: "${version}", seats: ${(i % 5) + 1} }) { id }`)
          .join(' ')} }`,
      );
    }
    await waitFor(
      async () =>
        (await admin.expectData<{ invoices: { totalCount: number } }>('{ invoices(status: DRAFT, first: 1) { totalCount } }')).invoices
          .totalCount === 100,
      '100 draft invoices',
      60_000,
    );
  }, 180_000);
  afterAll(() => platform?.stop());

  /** A signed request straight to a subgraph, as the gateway sends it; returns the data and the SQL it cost. */
  async function direct<T>(subgraph: string, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${platform.urls[subgraph]}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signTenantHeaders(platform.secret, { platformId, role: 'admin' }, systemClock),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return { data: body.data, statements: Number(response.headers.get('x-meterline-sql-statements')) };
  }

  async function costs(n: number) {
    const list = await direct<{
      invoices: {
        edges: Array<{
          node: { customer: { id: string }; subscription: { id: string }; lines: Array<{ productItem: { id: string } | null }> };
        }>;
      };
    }>(
      'invoicing',
      `query ($n: Int!) { invoices(first: $n, status: DRAFT) { edges { node { id customer { id } subscription { id } lines { amount { amount } productItem { id } } } } } }`,
      { n },
    );
    const nodes = list.data.invoices.edges.map((e) => e.node);
    const owners = await direct<{ _entities: unknown[] }>(
      'subscriptions',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { reference name } ... on CustomerSubscription { status seats } } }`,
      {
        r: [
          ...nodes.map((node) => ({ __typename: 'Customer', id: node.customer.id })),
          ...nodes.map((node) => ({ __typename: 'CustomerSubscription', id: node.subscription.id })),
        ],
      },
    );
    const items = await direct<{ _entities: unknown[] }>(
      'catalog',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ProductItem { name } } }`,
      {
        r: nodes.flatMap((node) =>
          node.lines.flatMap((line) => (line.productItem ? [{ __typename: 'ProductItem', id: line.productItem.id }] : [])),
        ),
      },
    );
    const gateway = await admin.expectData<{ invoices: { edges: unknown[] } }>(
      `query ($n: Int!) { invoices(first: $n, status: DRAFT) { edges { node { number customer { reference name } subscription { status seats }
         lines { description amount { amount } productItem { name } } } } } }`,
      { n },
    );
    expect(gateway.invoices.edges).toHaveLength(n);
    expect(owners.data._entities).toHaveLength(2 * n);
    return { invoicing: list.statements, subscriptions: owners.statements, catalog: items.statements };
  }

  it('costs each subgraph the same number of SQL statements for 10 and for 100 invoices', async () => {
    const ten = await costs(10);
    const hundred = await costs(100);
    for (const count of Object.values(ten)) expect(count).toBeGreaterThan(0);
    if (process.env.PRINT_SQL_COSTS) console.log(JSON.stringify({ ten, hundred }));
    expect(hundred).toEqual(ten);
  });

  interface EventNode {
    id: string;
    timestamp: string;
    receivedAt: string;
    properties: Record<string, unknown>;
    customer: { id: string };
    metricValues: Array<{ metric: string; value: string }>;
  }
  type PricedEvent = { estimatedCost: { amount: string; currency: string } | null; invoice: { id: string; number: string | null } | null };

  async function eventCosts(n: number, draftOf: Map<string, string>) {
    const list = await direct<{ usageEvents: { edges: Array<{ node: EventNode }> } }>(
      'metering',
      `query ($n: Int!) { usageEvents(first: $n) { edges { node { id timestamp receivedAt properties customer { id } metricValues { metric value } } } } }`,
      { n },
    );
    const nodes = list.data.usageEvents.edges.map((e) => e.node);
    const priced = await direct<{ _entities: PricedEvent[] }>(
      'invoicing',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on UsageEvent { estimatedCost { amount currency } invoice { id number } } } }`,
      { r: nodes.map((node) => ({ __typename: 'UsageEvent', ...node })) },
    );
    // Per-unit calls at 0.01: each event costs its calls × 0.01 and goes on its customer's draft.
    expect(priced.data._entities).toEqual(
      nodes.map((node) => ({
        estimatedCost: { amount: new Decimal(node.metricValues[0].value).times('0.01').toFixed(), currency: 'EUR' },
        invoice: { id: draftOf.get(node.customer.id), number: null },
      })),
    );
    const gateway = await admin.expectData<{ usageEvents: { edges: Array<{ node: PricedEvent }> } }>(
      `query ($n: Int!) { usageEvents(first: $n) { edges { node { estimatedCost { amount currency } invoice { id number } } } } }`,
      { n },
    );
    expect(gateway.usageEvents.edges.map((e) => e.node)).toEqual(priced.data._entities);
    return { metering: list.statements, invoicing: priced.statements };
  }

  it('costs each subgraph the same number of SQL statements for the cost and invoice of 10 and of 100 usage events', async () => {
    const references = Array.from({ length: 100 }, (_, i) => `c${i}`);
    // Metering learns of the customers through NATS: wait for all of them, or the events would be stored as unmatched.
    await waitFor(
      () =>
        admin.expectData(
          `{ ${references.map((c) => `${c}: usage(customer: "${c}", metric: "api_calls_total", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { value }`).join(' ')} }`,
        ),
      'metering to know the 100 customers',
    );
    const at = new Date().toISOString();
    const ingested = await admin.expectData<{ ingestUsageEvents: { accepted: number } }>(INGEST, {
      events: references.map((c, i) => callEvent(c, `e${i}`, String((i % 7) + 1), at)),
    });
    expect(ingested.ingestUsageEvents.accepted).toBe(100);
    const drafts = await admin.expectData<{ invoices: { edges: Array<{ node: { id: string; customer: { id: string } } }> } }>(
      `{ invoices(status: DRAFT, first: 100) { edges { node { id customer { id } } } } }`,
    );
    const draftOf = new Map(drafts.invoices.edges.map((e) => [e.node.customer.id, e.node.id]));

    // Drafts are recomputed when read if their customers have refresh requests waiting (the usage just ingested): one
    // read of everything first, so both measured reads find the drafts current and cost what reading costs.
    await eventCosts(100, draftOf);
    const ten = await eventCosts(10, draftOf);
    const hundred = await eventCosts(100, draftOf);
    for (const count of Object.values(ten)) expect(count).toBeGreaterThan(0);
    if (process.env.PRINT_SQL_COSTS) console.log(JSON.stringify({ ten, hundred }));
    expect(hundred).toEqual(ten);
  });
});
