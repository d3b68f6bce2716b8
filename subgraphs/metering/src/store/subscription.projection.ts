import type { EventEnvelope, Transaction } from '@meterline/kit';
import type { SubscriptionForMatching } from '../domain/usage-event';
import { projectAndRematch } from './reprocessing';

interface SubscriptionState {
  id: string;
  status: SubscriptionForMatching['status'];
  customer: { id: string };
}

/**
 * subscriptions.subscription.* → the local subscription projection (an older event never overwrites a newer state),
 * then the unmatched events naming that subscription are matched again. Runs in the inbox transaction.
 */
export async function onSubscription(tx: Transaction, event: EventEnvelope): Promise<void> {
  const subscription = event.data as unknown as SubscriptionState;
  await projectAndRematch(
    tx,
    event.platformId,
    () =>
      tx.manager.query(
        `INSERT INTO subscriptions (platform_id, id, customer_id, status, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (platform_id, id) DO UPDATE SET customer_id = EXCLUDED.customer_id, status = EXCLUDED.status,
           updated_at = EXCLUDED.updated_at
         WHERE subscriptions.updated_at <= EXCLUDED.updated_at`,
        [event.platformId, subscription.id, subscription.customer.id, subscription.status, event.occurredAt],
      ),
    { subscriptionId: subscription.id, reason: 'UNKNOWN_SUBSCRIPTION' },
  );
}
