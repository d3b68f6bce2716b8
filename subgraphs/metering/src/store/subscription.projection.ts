import type { EntityEventType, EventOf, Transaction } from '@meterline/kit';
import { projectAndRematch } from './reprocessing';

/**
 * subscriptions.subscription.* → the local subscription projection (an older event never overwrites a newer state),
 * then the unmatched events naming that subscription are matched again. Runs in the inbox transaction.
 */
export async function onSubscription(tx: Transaction, event: EventOf<EntityEventType<'subscriptions.subscription'>>): Promise<void> {
  const subscription = event.data;
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
