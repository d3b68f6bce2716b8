import type { SubgraphServices } from '@meterline/kit';
import { collectPayments, type CollectionOptions } from '../billing/collection';

/**
 * The payment collector's round (a polling worker): issued invoices of customers with a payment method get a
 * collection; due attempts (first ones, dunning retries on the service clock, attempts whose lease ran out) are sent to
 * the provider. Replicas split the work: collections are claimed with SKIP LOCKED.
 */
export function collectDuePayments(services: SubgraphServices, options: CollectionOptions): Promise<number> {
  return collectPayments(services, options);
}
