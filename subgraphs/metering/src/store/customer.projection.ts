import type { EventOf, Transaction } from '@meterline/kit';
import { projectAndRematch } from './reprocessing';

/**
 * subscriptions.customer.created → the local customer projection, then that customer's unmatched events are
 * matched again. Runs in the inbox transaction, so it happens once however often the message is delivered.
 */
export async function onCustomerCreated(tx: Transaction, event: EventOf<'subscriptions.customer.created'>): Promise<void> {
  const customer = event.data;
  await projectAndRematch(
    tx,
    event.platformId,
    () =>
      tx.manager.query(
        `INSERT INTO customers (platform_id, id, reference, name) VALUES ($1, $2, $3, $4)
         ON CONFLICT (platform_id, id) DO UPDATE SET reference = EXCLUDED.reference, name = EXCLUDED.name`,
        [event.platformId, customer.id, customer.reference, customer.name],
      ),
    { customerReference: customer.reference, reason: 'UNKNOWN_CUSTOMER' },
  );
}
