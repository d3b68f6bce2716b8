import 'reflect-metadata';
import type { SubgraphDefinition } from '@meterline/kit';
import { InvoiceResolver, resolveInvoiceReference } from './graph/invoice.resolver';
import { InvoiceEntity } from './store/invoice.entity';
import { Invoices1763700000100 } from './store/migrations/1763700000100-invoices';
import { ReadModels1763700000200 } from './store/migrations/1763700000200-read-models';
import { onCustomer } from './store/projections/customer.projection';
import { onPlanVersion, onSubscription } from './store/projections/subscription.projection';
import { onUsageRecorded } from './store/projections/usage.projection';

/** The invoicing subgraph: local read models of customers, subscriptions, plan versions and usage; invoices (drafts, issuing, numbering and corrections come next). */
export const invoicingSubgraph: SubgraphDefinition = {
  name: 'invoicing',
  defaultPort: 4004,
  entities: [InvoiceEntity],
  migrations: [Invoices1763700000100, ReadModels1763700000200],
  graph: { resolvers: [InvoiceResolver], references: { Invoice: resolveInvoiceReference } },
  // Local read models: everything invoicing bills from arrives here (DESIGN §1: never another service's tables).
  consumes: [
    {
      producer: 'subscriptions',
      handlers: {
        'subscriptions.customer.created': onCustomer,
        'subscriptions.customer.updated': onCustomer,
        'subscriptions.subscription.activated': onSubscription,
        'subscriptions.subscription.changed': onSubscription,
        'subscriptions.subscription.canceled': onSubscription,
        'subscriptions.subscription.ended': onSubscription,
      },
    },
    {
      producer: 'catalog',
      handlers: {
        'catalog.plan_version.activated': onPlanVersion,
        'catalog.plan_version.deprecated': onPlanVersion,
        'catalog.plan_version.archived': onPlanVersion,
      },
    },
    { producer: 'metering', handlers: { 'metering.usage.recorded': onUsageRecorded } },
  ],
};
