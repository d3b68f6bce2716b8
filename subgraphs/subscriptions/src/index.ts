import 'reflect-metadata';
import { deadLetterResolver, type SubgraphDefinition, type SubgraphServices } from '@meterline/kit';
import { CustomerResolver, resolveCustomerReference } from './graph/customer.resolver';
import { PricingPlanVersion } from './graph/catalog/plan-version.type';
import { CustomerSubscriptionsResolver, resolveSubscriptionReference, SubscriptionResolver } from './graph/subscription.resolver';
import { onPlanVersionChanged } from './store/plan-version.projection';
import { Subscriptions1763700000300 } from './store/migrations/1763700000300-subscriptions';
import { SubscriptionEntity, SubscriptionPhaseEntity } from './store/subscription.entity';
import { CustomerEntity } from './store/customer.entity';
import { Customers1763700000100 } from './store/migrations/1763700000100-customers';
import { CustomerDetails1763700000200 } from './store/migrations/1763700000200-customer-details';
import { SubscriptionEnder } from './jobs/subscription-ender';
import { PlatformSettingsResolver, resolvePlatformSettingsReference } from './graph/platform-settings.resolver';
import { PlatformSettings1763700000400 } from './store/migrations/1763700000400-platform-settings';
import { PlatformClocks1763700000600 } from './store/migrations/1763700000600-platform-clocks';
import { CutoverAndImports1763700000500 } from './store/migrations/1763700000500-cutover-and-imports';

import { RecordImportProcessor } from './jobs/record-import.processor';
import { RecordImportResolver } from './graph/record-import.resolver';
import { mountRecordImportRoutes } from './rest/record-import.route';

// One import processor per running service: its upload routes wake it.
const processors = new WeakMap<SubgraphServices, RecordImportProcessor>();
function importProcessorOf(services: SubgraphServices): RecordImportProcessor {
  let processor = processors.get(services);
  if (!processor) processors.set(services, (processor = new RecordImportProcessor(services)));
  return processor;
}

/** The subscriptions subgraph: customers, subscriptions with their phases, billing periods. */
export const subscriptionsSubgraph: SubgraphDefinition = {
  name: 'subscriptions',
  defaultPort: 4003,
  entities: [CustomerEntity, SubscriptionEntity, SubscriptionPhaseEntity],
  migrations: [
    Customers1763700000100,
    CustomerDetails1763700000200,
    Subscriptions1763700000300,
    PlatformSettings1763700000400,
    CutoverAndImports1763700000500,
    PlatformClocks1763700000600,
  ],
  platformClocks: true,
  graph: {
    resolvers: [
      CustomerResolver,
      SubscriptionResolver,
      CustomerSubscriptionsResolver,
      PlatformSettingsResolver,
      RecordImportResolver,
      deadLetterResolver('subscriptions'),
    ],
    orphanedTypes: [PricingPlanVersion],
    references: {
      Customer: resolveCustomerReference,
      CustomerSubscription: resolveSubscriptionReference,
      PlatformSettings: resolvePlatformSettingsReference,
    },
  },
  rest: (router, services) => mountRecordImportRoutes(router, services, () => importProcessorOf(services).nudge()),
  workers: (services) => [new SubscriptionEnder(services), importProcessorOf(services)],
  consumes: [
    {
      producer: 'catalog',
      handlers: {
        'catalog.plan_version.activated': onPlanVersionChanged,
        'catalog.plan_version.deprecated': onPlanVersionChanged,
        'catalog.plan_version.archived': onPlanVersionChanged,
      },
    },
  ],
};
