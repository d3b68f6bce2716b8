import type { RequestContext, Transaction } from '@meterline/kit';
import { bills, checkNoMetricOverlap, type SubscriptionTransition } from '../domain/metric-overlap';
import { SubscriptionRepository } from '../store/subscription.repository';

/**
 * One subscription per metric (DESIGN §3 attribution): refuses, on `field`, what would make two of the customer's
 * billing subscriptions price one metric at the same instant. The customer's row is locked first, so concurrent
 * requests for one customer are checked one after the other.
 */
export async function refuseMetricOverlap(
  ctx: RequestContext,
  tx: Transaction,
  customerId: string,
  field: string,
  transition: SubscriptionTransition,
): Promise<void> {
  if (!bills(transition.after.status)) return;
  const subscriptions = new SubscriptionRepository(ctx);
  const others = await subscriptions.ofCustomerLocked(tx, customerId);
  const versionIds = [...others, transition.after, ...(transition.before ? [transition.before] : [])].flatMap((s) =>
    s.phases.map((p) => p.planVersionId),
  );
  checkNoMetricOverlap(field, transition, others, await subscriptions.usageMetrics(tx.manager, [...new Set(versionIds)]));
}
