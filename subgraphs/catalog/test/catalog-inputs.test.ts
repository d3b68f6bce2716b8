import { startSubgraphForTest, type SubgraphUnderTest } from '@meterline/kit/testing';
import { catalogSubgraph } from '../src';

type Errors = Array<{ message: string; extensions: { code: string; field?: string } }> | undefined;

// Issue 14: nothing accepted is silently changed or ignored; bad values answer BAD_USER_INPUT naming the field.
describe('catalog inputs', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(catalogSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const expectBad = (errors: Errors, field: string) => expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });

  it('refuses updatePlanVersion(currency: "") and a currency with spaces, instead of ignoring or trimming it', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const plan = await send<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
      `mutation { createPricingPlan(input: { reference: "pro", name: "Pro", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
    );
    const v = plan.data!.createPricingPlan.versions[0].id;
    const update = (currency: string) =>
      send(`mutation ($v: ID!, $c: String) { updatePlanVersion(input: { planVersion: $v, currency: $c }) { currency } }`, {
        v,
        c: currency,
      });
    expectBad((await update('')).errors as Errors, 'currency');
    expectBad((await update(' USD')).errors as Errors, 'currency');
    expect((await update('USD')).data).toEqual({ updatePlanVersion: { currency: 'USD' } });
  });

  it('refuses references with spaces or control characters around them, a NUL in a name and a bad Decimal, naming the field', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const create = (input: Record<string, unknown>) =>
      send(`mutation ($input: CreateProductInput!) { createProduct(input: $input) { reference name } }`, { input });
    expectBad((await create({ reference: ' kyc', name: 'KYC' })).errors as Errors, 'reference');
    expectBad((await create({ reference: 'kyc\n', name: 'KYC' })).errors as Errors, 'reference');
    expectBad((await create({ reference: 'kyc', name: 'K\u0000YC' })).errors as Errors, 'input.name');
    expectBad((await create({ reference: 'kyc', name: 'K\udfffYC' })).errors as Errors, 'input.name');
    expect((await create({ reference: 'kyc', name: 'KYC' })).data).toEqual({ createProduct: { reference: 'kyc', name: 'KYC' } });
    const plan = await send<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
      `mutation { createPricingPlan(input: { reference: "pro", name: "Pro", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
    );
    const v = plan.data!.createPricingPlan.versions[0].id;
    for (const amount of ['1e400', 'NaN', 'Infinity', '1,5', '.5', '+1', ''])
      expectBad(
        (
          await send(`mutation ($v: ID!, $m: Decimal) { updatePlanVersion(input: { planVersion: $v, minimumCommitment: $m }) { id } }`, {
            v,
            m: amount,
          })
        ).errors as Errors,
        'm',
      );
    expectBad(
      (await send(`mutation ($v: ID!) { updatePlanVersion(input: { planVersion: $v, minimumCommitment: "1e5" }) { id } }`, { v }))
        .errors as Errors,
      'input.minimumCommitment',
    );
  });
});
