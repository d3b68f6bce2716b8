import 'reflect-metadata';
import type { SubgraphDefinition } from '@meterline/kit';
import { CustomerUsageResolver, resolveCustomerReference } from './graph/customer/customer.resolver';
import { Customer } from './graph/customer/customer.type';
import { MeterResolver, resolveMeterReference } from './graph/meter.resolver';
import { UsageEventResolver } from './graph/usage-event.resolver';
import { onCustomerCreated } from './store/customer.projection';
import { MeterEntity, MeterMetricEntity } from './store/meter.entity';
import { Metering1763700000100 } from './store/migrations/1763700000100-metering';

/** The metering subgraph: meters, idempotent ingestion, unmatched events, usage. */
export const meteringSubgraph: SubgraphDefinition = {
  name: 'metering',
  defaultPort: 4001,
  entities: [MeterEntity, MeterMetricEntity],
  migrations: [Metering1763700000100],
  graph: {
    resolvers: [MeterResolver, UsageEventResolver, CustomerUsageResolver],
    orphanedTypes: [Customer],
    references: { Customer: resolveCustomerReference, Meter: resolveMeterReference },
  },
  consumes: [{ producer: 'subscriptions', handlers: { 'subscriptions.customer.created': onCustomerCreated } }],
};
