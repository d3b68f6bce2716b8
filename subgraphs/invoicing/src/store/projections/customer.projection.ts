import type { EventOf, Transaction } from '@meterline/kit';
import { requestDraftRefresh } from '../draft-requests';

/**
 * subscriptions.customer.created / .updated → the customer's currency and tax rate (billing), and its name, e-mail,
 * billing address and tax id (the buyer block of its documents); newest state wins.
 */
export async function onCustomer(
  tx: Transaction,
  event: EventOf<'subscriptions.customer.created' | 'subscriptions.customer.updated'>,
): Promise<void> {
  const c = event.data;
  await tx.manager.query(
    `INSERT INTO customers (platform_id, id, reference, currency, tax_rate, archived, updated_at, name, email, billing_address, tax_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (platform_id, id) DO UPDATE SET reference = EXCLUDED.reference, currency = EXCLUDED.currency, tax_rate = EXCLUDED.tax_rate,
       archived = EXCLUDED.archived, updated_at = EXCLUDED.updated_at, name = EXCLUDED.name, email = EXCLUDED.email,
       billing_address = EXCLUDED.billing_address, tax_id = EXCLUDED.tax_id
     WHERE customers.updated_at <= EXCLUDED.updated_at`,
    [
      event.platformId,
      c.id,
      c.reference,
      c.currency,
      c.taxRate ?? null,
      c.archived ?? false,
      event.occurredAt,
      c.name,
      c.email ?? null,
      c.billingAddress ? JSON.stringify(c.billingAddress) : null,
      c.taxId ?? null,
    ],
  );
  // A new tax rate or currency shows on the open drafts.
  await requestDraftRefresh(tx, event.platformId, [{ customerId: c.id, usageSince: null }]);
}
