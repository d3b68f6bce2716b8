import { eventContracts } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { catalogSubgraph } from '../src';

type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

async function activePlanVersion(send: Send): Promise<string> {
  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await send<Record<string, never>>(query, variables);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data as Record<string, { id: string; versions: Array<{ id: string }> }>;
  };
  await ok(`mutation { createProduct(input: { reference: "kyc", name: "KYC" }) { id } }`);
  await ok(
    `mutation { createProductItem(input: { product: "kyc", reference: "checks", name: "Checks", chargeType: USAGE, metricReference: "checks_total", unitLabel: "per check" }) { id } }`,
  );
  await ok(`mutation { createProductItem(input: { product: "kyc", reference: "base", name: "Base fee", chargeType: RECURRING }) { id } }`);
  await ok(`mutation { createFeature(input: { reference: "sso", name: "Single sign-on" }) { id } }`);
  await ok(`mutation { changeProductStatus(product: "kyc", action: ACTIVATE) { status } }`);
  const plan = await ok(
    `mutation { createPricingPlan(input: { reference: "pro", name: "Pro", currency: "EUR", billingPeriod: MONTH }) { id versions { id } } }`,
  );
  const versionId = plan.createPricingPlan.versions[0].id;
  await ok(
    `mutation ($v: ID!) { setPrice(input: { planVersion: $v, productItem: "checks", price: { model: PER_UNIT, unitPrice: "0.75" } }) { id } }`,
    { v: versionId },
  );
  await ok(
    `mutation ($v: ID!) { setPrice(input: { planVersion: $v, productItem: "base", price: { model: FLAT, amount: "49" }, recurringTiming: IN_ARREARS }) { id } }`,
    { v: versionId },
  );
  await ok(`mutation ($v: ID!) { setEntitlement(input: { planVersion: $v, feature: "sso", limit: "5" }) { id } }`, { v: versionId });
  await ok(
    `mutation ($v: ID!) { updatePlanVersion(input: { planVersion: $v, minimumCommitment: "100", lineOrder: ["base", "checks"] }) { id } }`,
    { v: versionId },
  );
  await ok(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v: versionId });
  return versionId;
}

describe('plan version events and entities', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(catalogSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('announces an activated version once, with its whole state, in a message that validates against its JSON Schema', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const versionId = await activePlanVersion(send);

    // A test consumer reads the last message of the subject back from the stream.
    const { bus } = subgraph.running;
    const message = await waitFor(
      async () =>
        (await bus.jsm.streams.getMessage(bus.streamOf('catalog'), { last_by_subj: bus.subjectOf('catalog.plan_version.activated') })) ??
        undefined,
      'the activated event on the CATALOG stream',
    );
    // Validates the envelope and the data against contracts/events/catalog.plan_version.activated.json, or throws.
    const event = eventContracts().check(message.json());
    expect(event).toMatchObject({
      type: 'catalog.plan_version.activated',
      platformId,
      data: {
        id: versionId,
        planReference: 'pro',
        version: 1,
        status: 'ACTIVE',
        currency: 'EUR',
        billingPeriod: 'MONTH',
        minimumCommitment: '100',
        prices: [
          {
            productItemReference: 'base',
            chargeType: 'RECURRING',
            recurringTiming: 'IN_ARREARS',
            price: { model: 'FLAT', amount: '49' },
            position: 0,
          },
          {
            productItemReference: 'checks',
            chargeType: 'USAGE',
            metricReference: 'checks_total',
            unitLabel: 'per check',
            price: { model: 'PER_UNIT', unitPrice: '0.75' },
          },
        ],
        entitlements: [{ featureReference: 'sso', enabled: true, limit: '5' }],
      },
    });
    const [{ n }] = await subgraph.running.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE platform_id = $1 AND type = 'catalog.plan_version.activated'`,
      [platformId],
    );
    expect(n).toBe(1);
  });

  it('announces every edit of a DRAFT version with its whole state (invoicing simulates pricing on drafts)', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const versionId = await activePlanVersion(send);
    const rows = await subgraph.running.db.query<{ envelope: unknown }>(
      `SELECT envelope FROM outbox WHERE platform_id = $1 AND type = 'catalog.plan_version.drafted' ORDER BY seq`,
      [platformId],
    );
    const events = rows.map((r) => eventContracts().check(typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope));
    // Created with the plan, two prices, an entitlement, the commitment and line order: each announced as it stood.
    expect(events).toHaveLength(5);
    expect(events.map((e) => (e.data as { prices: unknown[] }).prices.length)).toEqual([0, 1, 2, 2, 2]);
    expect(events.at(-1)).toMatchObject({
      type: 'catalog.plan_version.drafted',
      data: { id: versionId, status: 'DRAFT', minimumCommitment: '100', entitlements: [{ featureReference: 'sso', limit: '5' }] },
    });
    // A copy is announced as a draft too.
    const copy = await send<{ createPlanVersion: { id: string } }>(`mutation { createPlanVersion(plan: "pro") { id } }`);
    const [{ n }] = await subgraph.running.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE platform_id = $1 AND type = 'catalog.plan_version.drafted' AND envelope::jsonb->'data'->>'id' = $2`,
      [platformId, copy.data!.createPlanVersion.id],
    );
    expect(n).toBe(1);
  });

  it('announces the rest of the catalog’s life: product and item changes, deprecation and archiving, each keeping its contract', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const versionId = await activePlanVersion(send);
    for (const action of ['DEPRECATE', 'ARCHIVE']) {
      const response = await send(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ${action}) { status } }`, {
        v: versionId,
      });
      expect(response.errors).toBeUndefined();
    }
    const rows = await subgraph.running.db.query<{ envelope: unknown }>(`SELECT envelope FROM outbox WHERE platform_id = $1 ORDER BY seq`, [
      platformId,
    ]);
    const types = rows.map((r) => eventContracts().check(typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope).type);
    for (const type of [
      'catalog.product.changed',
      'catalog.product_item.changed',
      'catalog.plan_version.activated',
      'catalog.plan_version.deprecated',
      'catalog.plan_version.archived',
    ])
      expect(types).toContain(type);
  });

  it('resolves ProductItem and PricingPlanVersion references in one batch per type, only within the platform', async () => {
    const owner = subgraph.clientForNewPlatform();
    const versionId = await activePlanVersion(owner.send);
    const items = await owner.send<{ productItem: { id: string } }>(`{ productItem(productItem: "checks") { id } }`);
    const itemId = items.data!.productItem.id;
    const entities = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProductItem { reference } ... on PricingPlanVersion { version status } } }`;
    const reps = [
      { __typename: 'ProductItem', id: itemId },
      { __typename: 'PricingPlanVersion', id: versionId },
    ];
    expect((await owner.send(entities, { reps })).data).toEqual({ _entities: [{ reference: 'checks' }, { version: 1, status: 'ACTIVE' }] });
    const stranger = subgraph.clientForNewPlatform();
    const leaked = await stranger.send(entities, { reps });
    expect(leaked.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });
});

describe('plan version ids', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(catalogSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('answers a malformed id as not found, like an unknown one, never as an internal error', async () => {
    const { send } = subgraph.clientForNewPlatform();
    for (const v of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const response = await send(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'planVersion' });
    }
  });
});
