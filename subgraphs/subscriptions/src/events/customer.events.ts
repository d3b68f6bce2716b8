import type { Transaction } from '@meterline/kit';
import type { CustomerEntity } from '../store/customer.entity';

export async function emitCustomerCreated(tx: Transaction, customer: CustomerEntity): Promise<void> {
  await tx.emit('subscriptions.customer.created', customer.platformId, {
    id: customer.id,
    reference: customer.reference,
    name: customer.name,
    currency: customer.currency,
  });
}
