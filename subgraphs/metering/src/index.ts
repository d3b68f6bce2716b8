import 'reflect-metadata';
import { deadLetterResolver, type SubgraphDefinition } from '@meterline/kit';
import { CustomerUsageResolver, resolveCustomerReference } from './graph/customer/customer.resolver';
import { Customer } from './graph/customer/customer.type';
import { MeterResolver, resolveMeterReference } from './graph/meter.resolver';
import { resolveUsageEventReference, UsageEventReadResolver } from './graph/usage-event-read.resolver';
import { UsageEventResolver } from './graph/usage-event.resolver';
export { EVENT_LIMITS } from './domain/usage-event';
import { createImportsModule, type ImportsOptions } from './imports';
import { eventsRoute } from './rest/events.route';
import { onCustomerCreated } from './store/customer.projection';
import { MeterEntity, MeterMetricEntity } from './store/meter.entity';
import { Metering1763700000100 } from './store/migrations/1763700000100-metering';
import { Meters1763700000300 } from './store/migrations/1763700000300-meters';
import { Subscriptions1763700000700 } from './store/migrations/1763700000700-subscriptions';
import { PlatformClocks1763700000900 } from './store/migrations/1763700000900-platform-clocks';
import { UsageBackfill1763700000800 } from './store/migrations/1763700000800-usage-backfill';
import { onSubscription } from './store/subscription.projection';
import { UsageEventEntity } from './store/usage-event.entity';

/** The metering subgraph: meters, idempotent ingestion (GraphQL, REST, files), unmatched events, usage. */
export function createMeteringSubgraph(importOptions: Partial<ImportsOptions> = {}): SubgraphDefinition {
  const importsModule = createImportsModule(importOptions);
  return {
    name: 'metering',
    defaultPort: 4001,
    entities: [MeterEntity, MeterMetricEntity, UsageEventEntity, ...importsModule.entities],
    migrations: [
      Metering1763700000100,
      Meters1763700000300,
      ...importsModule.migrations,
      Subscriptions1763700000700,
      UsageBackfill1763700000800,
      PlatformClocks1763700000900,
    ],
    // An event without a timestamp takes its sandbox's time (issue 16), so it lands in the sandbox's current period.
    platformClocks: true,
    graph: {
      resolvers: [
        MeterResolver,
        UsageEventResolver,
        UsageEventReadResolver,
        CustomerUsageResolver,
        ...importsModule.resolvers,
        deadLetterResolver('metering'),
      ],
      orphanedTypes: [Customer],
      references: { Customer: resolveCustomerReference, Meter: resolveMeterReference, UsageEvent: resolveUsageEventReference },
    },
    rest: (router, services) => {
      eventsRoute(router, services);
      importsModule.rest(router, services);
    },
    workers: (services) => importsModule.workers(services),
    consumes: [
      {
        producer: 'subscriptions',
        handlers: {
          'subscriptions.customer.created': onCustomerCreated,
          'subscriptions.subscription.activated': onSubscription,
          'subscriptions.subscription.changed': onSubscription,
          'subscriptions.subscription.canceled': onSubscription,
          'subscriptions.subscription.ended': onSubscription,
        },
      },
    ],
  };
}

export const meteringSubgraph = createMeteringSubgraph();
