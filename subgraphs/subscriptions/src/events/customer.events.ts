import type { Transaction } from '@meterline/kit';
import type { CustomerEntity } from '../store/customer.entity';

/** The whole customer, as every consumer needs it (metering matches by reference; invoicing bills with currency and tax, and addresses its documents). */
function customerState(customer: CustomerEntity) {
  return {
    id: customer.id,
    reference: customer.reference,
    name: customer.name,
    currency: customer.currency,
    email: customer.email,
    country: customer.country,
    billingAddress: customer.billingAddress,
    taxId: customer.taxId,
    taxRate: customer.taxRate?.toFixed() ?? null,
    archived: customer.archivedAt !== null,
  };
}

export async function emitCustomerCreated(tx: Transaction, customer: CustomerEntity): Promise<void> {
  await tx.emit('subscriptions.customer.created', customer.platformId, customerState(customer));
}

export async function emitCustomerUpdated(tx: Transaction, customer: CustomerEntity): Promise<void> {
  await tx.emit('subscriptions.customer.updated', customer.platformId, customerState(customer));
}
