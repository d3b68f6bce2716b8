import { startSubgraphForTest, type SubgraphUnderTest } from '@meterline/kit/testing';
import { catalogSubgraph } from '../src';

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
};

/**
 * Catalog order: reorderProducts, reorderProductItems and updatePlanVersion(lineOrder) resolve the ids and references
 * they are given in one query each (a list of 10,000 once queued 10,000 lookups on the connection pool and answered 503
 * on a busy machine), in the order given, ids and references mixed.
 */
describe('catalog order', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(catalogSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('reorders products and items by ids and references, refuses unknown or incomplete lists naming the field', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const ok = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = (await send(query, variables)) as Answer;
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of several shapes, checked by the expectations
      return response.data as Record<string, any>;
    };
    const ids: string[] = [];
    for (const reference of ['a', 'b', 'c'])
      ids.push(
        (await ok(`mutation ($r: String!) { createProduct(input: { reference: $r, name: $r }) { id } }`, { r: reference })).createProduct
          .id,
      );
    const reordered = await ok(`mutation ($p: [String!]!) { reorderProducts(products: $p) { reference } }`, { p: ['c', ids[0], 'b'] });
    expect(reordered.reorderProducts.map((p: { reference: string }) => p.reference)).toEqual(['c', 'a', 'b']);

    const unknown = (await send(`mutation ($p: [String!]!) { reorderProducts(products: $p) { id } }`, { p: ['c', 'nope', 'b'] })) as Answer;
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'products' });
    const many = Array.from({ length: 10_000 }, (_, i) => `p${i}`);
    const tooMany = (await send(`mutation ($p: [String!]!) { reorderProducts(products: $p) { id } }`, { p: many })) as Answer;
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'products' });
    const twice = (await send(`mutation ($p: [String!]!) { reorderProducts(products: $p) { id } }`, { p: ['a', 'a', 'b'] })) as Answer;
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'products' });

    for (const reference of ['x', 'y'])
      await ok(
        `mutation ($r: String!) { createProductItem(input: { product: "a", reference: $r, name: $r, chargeType: RECURRING }) { id } }`,
        {
          r: reference,
        },
      );
    const items = await ok(`mutation { reorderProductItems(product: "a", items: ["y", "x"]) { reference } }`);
    expect(items.reorderProductItems.map((i: { reference: string }) => i.reference)).toEqual(['y', 'x']);

    const plan = await ok(
      `mutation { createPricingPlan(input: { reference: "pro", name: "Pro", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
    );
    const version = plan.createPricingPlan.versions[0].id;
    const badLine = (await send(`mutation ($v: ID!) { updatePlanVersion(input: { planVersion: $v, lineOrder: ["x", "zz"] }) { id } }`, {
      v: version,
    })) as Answer;
    expect(badLine.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'lineOrder[1]' });
  });
});
