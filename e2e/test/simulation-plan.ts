import { graduated, type Price, type Scenario } from './scenario';

/**
 * What the pricing simulation tests start from: meter `api` (SUM of `calls`), product `platform` with a recurring
 * `base` (in advance) and a usage item `api-calls`, plan `growth` with V1 ACTIVE (base 100 EUR, the first 100 calls
 * free then 0.5) and V2 a DRAFT copy of it with `draftPrices` set (product item reference → price).
 */
export async function growthPlanWithDraft(s: Scenario, draftPrices: Record<string, Price>): Promise<{ v1: string; v2: string }> {
  await s.createMeter({
    reference: 'api',
    values: [{ reference: 'calls', type: 'NUMBER' }],
    metrics: [{ reference: 'calls', aggregation: 'SUM', valueReference: 'calls' }],
  });
  await s.createProduct('platform', [
    { reference: 'base', name: 'Base fee', chargeType: 'RECURRING' },
    { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
  ]);
  const [v1] = await s.createPlan(
    'growth',
    [{ base: { model: 'FLAT', amount: '100' }, 'api-calls': graduated(['100', '0'], [null, '0.5']) }],
    ['base'],
  );
  const { createPlanVersion } = await s.client.expectData<{ createPlanVersion: { id: string } }>(
    `mutation { createPlanVersion(plan: "growth") { id } }`,
  );
  const v2 = createPlanVersion.id;
  for (const [productItem, price] of Object.entries(draftPrices))
    await s.client.expectData(`mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`, {
      input: { planVersion: v2, productItem, price, ...(productItem === 'base' ? { recurringTiming: 'IN_ADVANCE' } : {}) },
    });
  return { v1, v2 };
}
