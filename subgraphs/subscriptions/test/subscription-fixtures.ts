import { randomUUID } from 'node:crypto';
import { newEvent, systemClock } from '@meterline/kit';
import { waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';

/**
 * An ACTIVE EUR monthly plan version pricing the given metrics (one USAGE price each) and a flat fee, published as
 * catalog would publish `catalog.plan_version.activated`; resolves once subscriptions' projection holds it.
 */
export async function planVersionPricing(subgraph: SubgraphUnderTest, platformId: string, metrics: string[]): Promise<string> {
  const id = randomUUID();
  const price = (chargeType: 'USAGE' | 'RECURRING', metric: string | null, position: number) => ({
    id: randomUUID(),
    position,
    productItemId: randomUUID(),
    productItemReference: metric ?? 'platform-fee',
    productItemName: metric ?? 'Platform fee',
    productId: randomUUID(),
    productReference: 'api',
    productStatus: 'ACTIVE',
    chargeType,
    meterReference: metric ? 'requests' : null,
    metricReference: metric,
    deduction: false,
    unitLabel: null,
    recurringTiming: chargeType === 'RECURRING' ? 'IN_ADVANCE' : null,
    price: chargeType === 'USAGE' ? { model: 'PER_UNIT', unitPrice: '0.01' } : { model: 'FLAT', amount: '10' },
  });
  const event = newEvent(
    'catalog.plan_version.activated',
    platformId,
    {
      id,
      planId: randomUUID(),
      planReference: `plan-${metrics.join('-') || 'flat'}`,
      planName: 'Plan',
      version: 1,
      status: 'ACTIVE',
      currency: 'EUR',
      billingPeriod: 'MONTH',
      minimumCommitment: null,
      activatedAt: systemClock.now().toISOString(),
      prices: [price('RECURRING', null, 0), ...metrics.map((m, i) => price('USAGE', m, i + 1))],
      entitlements: [],
    },
    systemClock,
  );
  const { bus } = subgraph.running;
  await bus.ensureStream('catalog');
  await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: event.id });
  await waitFor(async () => {
    const rows = await subgraph.running.db.query(`SELECT 1 FROM plan_versions WHERE platform_id = $1 AND id = $2`, [platformId, id]);
    return rows.length === 1;
  }, 'the plan version projection');
  return id;
}
