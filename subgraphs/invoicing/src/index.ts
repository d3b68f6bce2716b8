import 'reflect-metadata';
import { PollingWorker, type SubgraphDefinition } from '@meterline/kit';
import { bindBillingOptions } from './billing/billing-options';
import { refreshRequestedDrafts } from './jobs/draft-refresher';
import { requestPeriodOpenings } from './store/draft-requests';
import { defaultBillingOptions, issueDueDrafts, type BillingOptions } from './billing/invoice-issuing';
import {
  CreditNoteResolver,
  CustomerInvoicesResolver,
  InvoiceResolver,
  resolveCreditNoteReference,
  resolveInvoiceReference,
  SubscriptionInvoicesResolver,
} from './graph/invoice.resolver';
import { Customer, ProductItem, resolveOwnedElsewhere, Subscription } from './graph/refs/customer.type';
import { UsageEvent } from './graph/refs/usage-event.type';
import { resolveUsageEventReference, UsageEventCostResolver } from './graph/usage-event-cost.resolver';
import { CreditNoteEntity, InvoiceEntity } from './store/invoice.entity';
import { Invoices1763700000100 } from './store/migrations/1763700000100-invoices';
import { ReadModels1763700000200 } from './store/migrations/1763700000200-read-models';
import { Drafts1763700000300 } from './store/migrations/1763700000300-drafts';
import { UsageStateMerge1763700000400 } from './store/migrations/1763700000400-usage-state-merge';
import { UsageItems1763700000500 } from './store/migrations/1763700000500-usage-items';
import { UsageBuckets1763700000600 } from './store/migrations/1763700000600-usage-buckets';
import { RefreshQueue1763700000650 } from './store/migrations/1763700000650-refresh-queue';
import { onCustomer } from './store/projections/customer.projection';
import { onPlanVersion, onSubscription } from './store/projections/subscription.projection';
import { onUsageRecordedBatch } from './store/projections/usage.projection';

export { billingOptionsFromEnv } from './billing/billing-options';
export { defaultBillingOptions, type BillingOptions } from './billing/invoice-issuing';

/**
 * The invoicing subgraph: local read models of customers, subscriptions, plan versions and usage (fed by NATS only);
 * draft invoices kept current by a coalescing refresher; a billing run that issues due drafts with gapless numbers;
 * corrections for late usage, credit notes, paid and void.
 */
export function createInvoicingSubgraph(options: Partial<BillingOptions> = {}): SubgraphDefinition {
  const billing: BillingOptions = { ...defaultBillingOptions, ...options };
  return {
    name: 'invoicing',
    defaultPort: 4004,
    entities: [InvoiceEntity, CreditNoteEntity],
    migrations: [
      Invoices1763700000100,
      ReadModels1763700000200,
      Drafts1763700000300,
      UsageStateMerge1763700000400,
      UsageItems1763700000500,
      UsageBuckets1763700000600,
      RefreshQueue1763700000650,
    ],
    graph: {
      resolvers: [InvoiceResolver, CreditNoteResolver, CustomerInvoicesResolver, SubscriptionInvoicesResolver, UsageEventCostResolver],
      orphanedTypes: [Customer, Subscription, ProductItem, UsageEvent],
      references: {
        Invoice: resolveInvoiceReference,
        CreditNote: resolveCreditNoteReference,
        Customer: resolveOwnedElsewhere,
        CustomerSubscription: resolveOwnedElsewhere,
        UsageEvent: resolveUsageEventReference,
      },
    },
    workers: (services) => {
      bindBillingOptions(services.db, billing);
      let lastOpenings = 0;
      return [
        ...Array.from(
          { length: billing.refreshers },
          (_, i) =>
            new PollingWorker(
              `invoice draft refresher ${i + 1}`,
              () => refreshRequestedDrafts(services, billing.graceMs),
              billing.refreshIntervalMs,
              services.log,
            ),
        ),
        new PollingWorker(
          'billing run',
          async () => {
            // Opening new periods' drafts once per interval, not before every round of a long run.
            if (Date.now() - lastOpenings >= billing.issueIntervalMs) {
              lastOpenings = Date.now();
              await requestPeriodOpenings(services.db, services.clock.now());
            }
            return issueDueDrafts(services, billing);
          },
          billing.issueIntervalMs,
          services.log,
        ),
      ];
    },
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
      {
        producer: 'metering',
        // Deltas of what queued up merge in one upsert; a lone message is a batch of one.
        handlers: {},
        batchHandlers: { 'metering.usage.recorded': onUsageRecordedBatch },
      },
    ],
  };
}

/** With the defaults (tests); the service itself starts with `billingOptionsFromEnv()` (main.ts). */
export const invoicingSubgraph = createInvoicingSubgraph();
