import type { EventEnvelope } from '@meterline/kit';
import type { EntityManager } from 'typeorm';

interface CustomerCreated {
  id: string;
  reference: string;
  name: string;
}

/**
 * subscriptions.customer.created → the local customer projection, then the customer's events that were
 * unmatched only for want of this customer are matched. Runs in the inbox transaction, so it happens once.
 */
export async function onCustomerCreated(manager: EntityManager, event: EventEnvelope): Promise<void> {
  const customer = event.data as unknown as CustomerCreated;
  // Exclusive lock per customer reference; ingestion takes the shared one (see storeUsageEvents).
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1 || ':' || $2))`, [event.platformId, customer.reference]);
  await manager.query(
    `INSERT INTO customers (platform_id, id, reference, name) VALUES ($1, $2, $3, $4)
     ON CONFLICT (platform_id, id) DO UPDATE SET reference = EXCLUDED.reference, name = EXCLUDED.name`,
    [event.platformId, customer.id, customer.reference, customer.name],
  );
  await manager.query(
    `UPDATE usage_events SET customer_id = $3 WHERE platform_id = $1 AND customer_reference = $2 AND customer_id IS NULL`,
    [event.platformId, customer.reference, customer.id],
  );
  await manager.query(
    `UPDATE usage_events SET status = 'MATCHED', unmatched_reason = NULL
      WHERE platform_id = $1 AND customer_reference = $2 AND status = 'UNMATCHED' AND unmatched_reason = 'UNKNOWN_CUSTOMER'`,
    [event.platformId, customer.reference],
  );
}
