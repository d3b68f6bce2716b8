import { gatewayClient, newTenant, startPlatform, type GatewayClient } from './testkit';

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors) => ({ code: errors?.[0]?.extensions?.code, field: errors?.[0]?.extensions?.field });

const CREATE_PRODUCT = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id status } }`;
const CREATE_ITEM = `mutation ($input: CreateProductItemInput!) { createProductItem(input: $input) { id reference } }`;
const PRODUCT_STATUS = `mutation ($product: String!, $action: StatusAction!) { changeProductStatus(product: $product, action: $action) { status } }`;
const CREATE_PLAN = `mutation ($input: CreatePricingPlanInput!) { createPricingPlan(input: $input) { id versions { id version status } } }`;
const SET_PRICE = `mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`;
const VERSION_STATUS = `mutation ($v: ID!, $action: StatusAction!) { changePlanVersionStatus(planVersion: $v, action: $action) { status } }`;
const VERSION = `query ($v: ID!) {
  planVersion(id: $v) { version status currency billingPeriod
    prices { productItem { reference chargeType product { reference } } recurringTiming price { model tiers { upTo unitPrice flatFee } rate dimensions { match price { model unitPrice } } } } }
}`;
const PREVIEW_VERSION = `query ($v: ID!, $item: String!, $usage: PriceUsageInput!) {
  previewPlanVersionPrice(planVersion: $v, productItem: $item, usage: $usage) { amount { amount currency } exactAmount breakdown { label amount tier } }
}`;

/** One item per price model: the usage models on USAGE items, plus recurring, seat and one-off charges. */
const PRICES: Array<{ item: string; chargeType: string; price: Record<string, unknown> }> = [
  { item: 'platform-fee', chargeType: 'RECURRING', price: { model: 'FLAT', amount: '99' } },
  { item: 'seats', chargeType: 'SEAT', price: { model: 'PER_UNIT', unitPrice: '12.50' } },
  { item: 'onboarding', chargeType: 'ONE_OFF', price: { model: 'FLAT', amount: '500' } },
  { item: 'api-calls', chargeType: 'USAGE', price: { model: 'PER_UNIT', unitPrice: '0.05' } },
  { item: 'kyc-checks', chargeType: 'USAGE', price: { model: 'PACKAGE', packageSize: '100', packagePrice: '5', freeUnits: '100' } },
  {
    item: 'tokens',
    chargeType: 'USAGE',
    price: {
      model: 'GRADUATED',
      tiers: [
        { upTo: '5', unitPrice: '7' },
        { upTo: '10', unitPrice: '6.5' },
        { upTo: null, unitPrice: '6' },
      ],
      dimensions: [{ match: { model: 'gpt-4' }, price: { model: 'PER_UNIT', unitPrice: '30' } }],
    },
  },
  {
    item: 'storage',
    chargeType: 'USAGE',
    price: {
      model: 'VOLUME',
      tiers: [
        { upTo: '5', unitPrice: '7' },
        { upTo: '10', unitPrice: '6.5' },
        { upTo: null, unitPrice: '6' },
      ],
    },
  },
  {
    item: 'projects',
    chargeType: 'USAGE',
    price: {
      model: 'STAIRSTEP',
      steps: [
        { upTo: '10', amount: '50' },
        { upTo: null, amount: '90' },
      ],
    },
  },
  { item: 'card-payments', chargeType: 'USAGE', price: { model: 'PERCENTAGE', rate: '2.9', fixedFee: '0.30', minPerTransaction: '0.50' } },
  {
    item: 'payouts',
    chargeType: 'USAGE',
    price: {
      model: 'GRADUATED_PERCENTAGE',
      percentageTiers: [
        { upTo: '1000', rate: '2', flatFee: '1' },
        { upTo: null, rate: '1' },
      ],
    },
  },
];

describe('the catalog through the gateway', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let client: GatewayClient;

  beforeAll(async () => {
    platform = await startPlatform();
    client = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
  }, 120_000);
  afterAll(() => platform?.stop());

  it('builds a plan with one price of each model, activates it, previews prices, and refuses every forbidden transition', async () => {
    await client.expectData(CREATE_PRODUCT, { input: { reference: 'api', name: 'API platform' } });
    for (const { item, chargeType } of PRICES) {
      await client.expectData(CREATE_ITEM, {
        input: {
          product: 'api',
          reference: item,
          name: item,
          chargeType,
          ...(chargeType === 'USAGE' ? { meterReference: 'm', metricReference: `${item}_total` } : {}),
        },
      });
    }
    const { createPricingPlan } = await client.expectData<{ createPricingPlan: { versions: Array<{ id: string; status: string }> } }>(
      CREATE_PLAN,
      {
        input: { reference: 'growth', name: 'Growth', currency: 'EUR', billingPeriod: 'MONTH' },
      },
    );
    const v1 = createPricingPlan.versions[0].id;
    for (const { item, price } of PRICES) await client.expectData(SET_PRICE, { input: { planVersion: v1, productItem: item, price } });

    // A price that breaks the engine's rules is refused with the exact field.
    const badTiers = await client.send(SET_PRICE, {
      input: {
        planVersion: v1,
        productItem: 'storage',
        price: {
          model: 'VOLUME',
          tiers: [
            { upTo: '10', unitPrice: '1' },
            { upTo: '5', unitPrice: '1' },
          ],
        },
      },
    });
    expect(codeOf(badTiers.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'price.tiers[1].upTo' });
    const wrongModel = await client.send(SET_PRICE, {
      input: { planVersion: v1, productItem: 'platform-fee', price: { model: 'PERCENTAGE', rate: '1' } },
    });
    expect(codeOf(wrongModel.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'price.model' });

    // The product is still a draft: the version cannot become active.
    expect(codeOf((await client.send(VERSION_STATUS, { v: v1, action: 'ACTIVATE' })).errors).code).toBe('INVALID_STATUS_TRANSITION');
    await client.expectData(PRODUCT_STATUS, { product: 'api', action: 'ACTIVATE' });
    const activated = await client.expectData<{ changePlanVersionStatus: { status: string } }>(VERSION_STATUS, {
      v: v1,
      action: 'ACTIVATE',
    });
    expect(activated.changePlanVersionStatus.status).toBe('ACTIVE');

    const { planVersion } = await client.expectData<{
      planVersion: { status: string; prices: Array<{ productItem: { reference: string }; recurringTiming: string | null }> };
    }>(VERSION, { v: v1 });
    expect(planVersion.prices.map((p) => p.productItem.reference)).toEqual(PRICES.map((p) => p.item));
    expect(planVersion.prices.find((p) => p.productItem.reference === 'seats')?.recurringTiming).toBe('IN_ADVANCE');

    // Previews: graduated (Stripe's example: 6 units → 41.5), dimensional, percentage of transactions.
    const graduated = await client.expectData<{ previewPlanVersionPrice: { amount: { amount: string }; breakdown: unknown[] } }>(
      PREVIEW_VERSION,
      {
        v: v1,
        item: 'tokens',
        usage: { quantity: '6' },
      },
    );
    expect(graduated.previewPlanVersionPrice.amount).toEqual({ amount: '41.5', currency: 'EUR' });
    expect(graduated.previewPlanVersionPrice.breakdown).toHaveLength(2);
    const dimensional = await client.expectData<{ previewPlanVersionPrice: { exactAmount: string } }>(PREVIEW_VERSION, {
      v: v1,
      item: 'tokens',
      usage: {
        dimensions: [
          { properties: { model: 'gpt-4' }, quantity: '2' },
          { properties: { model: 'gpt-3.5' }, quantity: '6' },
        ],
      },
    });
    expect(dimensional.previewPlanVersionPrice.exactAmount).toBe('101.5');
    const cards = await client.expectData<{ previewPlanVersionPrice: { amount: { amount: string } } }>(PREVIEW_VERSION, {
      v: v1,
      item: 'card-payments',
      usage: { amounts: ['100', '5'] },
    });
    // 100 → 2.90 + 0.30 = 3.20; 5 → 0.145 + 0.30 = 0.445, raised to the 0.50 minimum.
    expect(cards.previewPlanVersionPrice.amount.amount).toBe('3.7');

    // An active version is immutable; forbidden transitions are coded errors.
    expect(
      codeOf(
        (await client.send(SET_PRICE, { input: { planVersion: v1, productItem: 'seats', price: { model: 'PER_UNIT', unitPrice: '1' } } }))
          .errors,
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'planVersion',
    });
    for (const action of ['ACTIVATE', 'ARCHIVE', 'RESTORE']) {
      expect(codeOf((await client.send(VERSION_STATUS, { v: v1, action })).errors).code).toBe('INVALID_STATUS_TRANSITION');
    }

    // A new version starts as a draft copy; the old one goes deprecated → archived → restored to deprecated.
    const { createPlanVersion } = await client.expectData<{ createPlanVersion: { id: string; version: number; status: string } }>(
      `mutation { createPlanVersion(plan: "growth") { id version status } }`,
    );
    expect(createPlanVersion).toMatchObject({ version: 2, status: 'DRAFT' });
    const copy = await client.expectData<{ planVersion: { prices: unknown[] } }>(VERSION, { v: createPlanVersion.id });
    expect(copy.planVersion.prices).toHaveLength(PRICES.length);
    for (const [action, status] of [
      ['DEPRECATE', 'DEPRECATED'],
      ['ARCHIVE', 'ARCHIVED'],
      ['RESTORE', 'DEPRECATED'],
    ]) {
      const changed = await client.expectData<{ changePlanVersionStatus: { status: string } }>(VERSION_STATUS, { v: v1, action });
      expect(changed.changePlanVersionStatus.status).toBe(status);
    }

    // A deprecated product takes no new items and no new prices.
    await client.expectData(PRODUCT_STATUS, { product: 'api', action: 'DEPRECATE' });
    const newItem = await client.send(CREATE_ITEM, { input: { product: 'api', reference: 'late', name: 'Late', chargeType: 'ONE_OFF' } });
    expect(codeOf(newItem.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'product' });
    const newPrice = await client.send(SET_PRICE, {
      input: { planVersion: createPlanVersion.id, productItem: 'seats', price: { model: 'PER_UNIT', unitPrice: '1' } },
    });
    expect(codeOf(newPrice.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'productItem' });
    expect(codeOf((await client.send(PRODUCT_STATUS, { product: 'api', action: 'ACTIVATE' })).errors).code).toBe(
      'INVALID_STATUS_TRANSITION',
    );
  });
});
