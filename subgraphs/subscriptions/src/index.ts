import 'reflect-metadata';
import type { SubgraphDefinition } from '@meterline/kit';
import { CustomerResolver, resolveCustomerReference } from './graph/customer.resolver';
import { CustomerEntity } from './store/customer.entity';
import { Customers1763700000100 } from './store/migrations/1763700000100-customers';
import { CustomerDetails1763700000200 } from './store/migrations/1763700000200-customer-details';

/** The subscriptions subgraph: customers (and, next, subscriptions, phases and billing periods). */
export const subscriptionsSubgraph: SubgraphDefinition = {
  name: 'subscriptions',
  defaultPort: 4003,
  entities: [CustomerEntity],
  migrations: [Customers1763700000100, CustomerDetails1763700000200],
  graph: {
    resolvers: [CustomerResolver],
    references: { Customer: resolveCustomerReference },
  },
};
