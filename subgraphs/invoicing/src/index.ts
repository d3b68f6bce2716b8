import 'reflect-metadata';
import { deadLetterResolver, forEachTimeScope, PollingWorker, type SubgraphDefinition } from '@meterline/kit';
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
import { InvoicingSettingsResolver, resolvePlatformSettingsReference } from './graph/invoicing-settings.resolver';
import { CreditNoteRefundsResolver, InvoicePaymentsResolver, PaymentResolver, RefundResolver } from './graph/payment.resolver';
import { markOverdueInvoices } from './jobs/overdue-marker';
import { AlertResolver, AlertTriggerResolver, CustomerAlertsResolver } from './graph/alert.resolver';
import { AlertEntity, AlertTriggerEntity } from './store/alert.entity';
import { Alerts1763700001400 } from './store/migrations/1763700001400-alerts';
import { collectDuePayments } from './jobs/payment-collector';
import { mountProviderWebhooks } from './rest/provider-webhooks.route';
import {
  CustomerPaymentMethodResolver,
  InvoiceCollectionResolver,
  PaymentAttemptResolver,
  PaymentCollectionResolver,
  PaymentProviderSettingsResolver,
} from './graph/collection.resolver';
import { PaymentCollection1763700001300 } from './store/migrations/1763700001300-payment-collection';
import {
  BillingEntityResolver,
  BillingEntityVersionResolver,
  CustomerBillingEntityResolver,
  InvoiceBillingEntityResolver,
} from './graph/billing-entity.resolver';
import { BillingEntityEntity, BillingEntityVersionEntity } from './store/billing-entities.repository';
import { DraftIssuesAt1763700001050 } from './store/migrations/1763700001050-draft-issues-at';
import { BillingEntities1763700001100 } from './store/migrations/1763700001100-billing-entities';
import { documentsRoute } from './rest/documents.route';
import { reportsRoute } from './rest/reports.route';
import { reportJobsRoute } from './rest/report-jobs.route';
import { ReportJobResolver } from './graph/report-job.resolver';
import { writeQueuedReports } from './jobs/report-writer';
import { ReportJobEntity } from './store/report-job.entity';
import { ReportJobs1763700002000 } from './store/migrations/1763700002000-report-jobs';
import { reconciliationsRoute } from './rest/reconciliations.route';
import { ReconciliationLineResolver, ReconciliationResolver } from './graph/reconciliation.resolver';
import { ReconciliationFileEntity, ReconciliationLineEntity, ReconciliationRunEntity } from './store/reconciliation.entity';
import { Reconciliations1763700001900 } from './store/migrations/1763700001900-reconciliations';
import { runQueuedReconciliation } from './billing/reconciliations';
import { bindEmailOptions, noEmail, type EmailOptions } from './billing/email-options';
import { smtpTransport } from './billing/email-transport';
import { renderDocumentForEmail } from './billing/document-email';
import { onDocumentIssued } from './events/document-mail.consumer';
import {
  CreditNoteEmailResolver,
  EmailDeliveryResolver,
  EmailSettingsResolver,
  InvoiceEmailResolver,
} from './graph/email-delivery.resolver';
import { sendDueEmails, type DocumentRenderer } from './jobs/email-sender';
import { EmailDeliveries1763700001500 } from './store/migrations/1763700001500-email-deliveries';
import { ReportIndexes1763700001610 } from './store/migrations/1763700001610-report-indexes';
import { PlatformClocks1763700002100 } from './store/migrations/1763700002100-platform-clocks';
import { PricingSimulations1763700001800 } from './store/migrations/1763700001800-pricing-simulations';
import { PricingSimulationResolver, SimulatedPeriodResolver } from './graph/pricing-simulation.resolver';
import { runPendingSimulations } from './billing/pricing-simulations';
import { simulationReportRoute } from './rest/simulation-report.route';
import { SubscriptionCutover1763700001700 } from './store/migrations/1763700001700-subscription-cutover';
import { CreditNoteEntity, InvoiceEntity } from './store/invoice.entity';
import { PaymentEntity, RefundEntity } from './store/payment.entity';
import { Payments1763700001000 } from './store/migrations/1763700001000-payments';
import { InvoiceDocuments1763700001200 } from './store/migrations/1763700001200-invoice-documents';
import { Invoices1763700000100 } from './store/migrations/1763700000100-invoices';
import { ReadModels1763700000200 } from './store/migrations/1763700000200-read-models';
import { Drafts1763700000300 } from './store/migrations/1763700000300-drafts';
import { UsageStateMerge1763700000400 } from './store/migrations/1763700000400-usage-state-merge';
import { UsageItems1763700000500 } from './store/migrations/1763700000500-usage-items';
import { UsageBuckets1763700000600 } from './store/migrations/1763700000600-usage-buckets';
import { RefreshQueue1763700000650 } from './store/migrations/1763700000650-refresh-queue';
import { HashedDimensionKeys1763700000700 } from './store/migrations/1763700000700-hashed-dimension-keys';
import { RefreshNotBefore1763700000900 } from './store/migrations/1763700000900-refresh-not-before';
import { onCustomer } from './store/projections/customer.projection';
import { onPlanVersion, onSubscription } from './store/projections/subscription.projection';
import { usageRecordedBatchHandler } from './store/projections/usage.projection';

/** How often the reconciliation job looks for queued runs (a cheap probe of a partial index). */
const RECONCILIATION_POLL_MS = 500;

export { billingOptionsFromEnv } from './billing/billing-options';
export { emailOptionsFromEnv, type EmailOptions } from './billing/email-options';
export { defaultBillingOptions, type BillingOptions } from './billing/invoice-issuing';

/**
 * The invoicing subgraph: local read models of customers, subscriptions, plan versions and usage (fed by NATS only);
 * draft invoices kept current by a coalescing refresher; a billing run that issues due drafts with gapless numbers;
 * billing entities (versioned sellers with their own number series and terms); payment due dates and an overdue job;
 * payments and refunds; usage and spend alerts evaluated as usage is applied; corrections for late usage, credit notes,
 * paid and void.
 */
export function createInvoicingSubgraph(
  options: Partial<BillingOptions> = {},
  email: EmailOptions = noEmail,
  renderDocument: DocumentRenderer = renderDocumentForEmail,
): SubgraphDefinition {
  const billing: BillingOptions = { ...defaultBillingOptions, ...options };
  return {
    name: 'invoicing',
    defaultPort: 4004,
    entities: [
      InvoiceEntity,
      CreditNoteEntity,
      PaymentEntity,
      RefundEntity,
      AlertEntity,
      AlertTriggerEntity,
      BillingEntityEntity,
      BillingEntityVersionEntity,
      ReportJobEntity,
      ReconciliationFileEntity,
      ReconciliationRunEntity,
      ReconciliationLineEntity,
    ],
    migrations: [
      Invoices1763700000100,
      ReadModels1763700000200,
      Drafts1763700000300,
      UsageStateMerge1763700000400,
      UsageItems1763700000500,
      UsageBuckets1763700000600,
      RefreshQueue1763700000650,
      HashedDimensionKeys1763700000700,
      RefreshNotBefore1763700000900,
      Payments1763700001000,
      DraftIssuesAt1763700001050,
      BillingEntities1763700001100,
      InvoiceDocuments1763700001200,
      PaymentCollection1763700001300,
      Alerts1763700001400,
      EmailDeliveries1763700001500,
      ReportIndexes1763700001610,
      SubscriptionCutover1763700001700,
      PricingSimulations1763700001800,
      Reconciliations1763700001900,
      ReportJobs1763700002000,
      PlatformClocks1763700002100,
    ],
    // Sandboxes are billed at their own time (issue 16): periods open, drafts are issued and numbered by it.
    platformClocks: true,
    graph: {
      resolvers: [
        InvoiceResolver,
        CreditNoteResolver,
        CustomerInvoicesResolver,
        SubscriptionInvoicesResolver,
        UsageEventCostResolver,
        PaymentResolver,
        RefundResolver,
        InvoicePaymentsResolver,
        CreditNoteRefundsResolver,
        InvoicingSettingsResolver,
        AlertResolver,
        AlertTriggerResolver,
        CustomerAlertsResolver,
        PaymentProviderSettingsResolver,
        CustomerPaymentMethodResolver,
        InvoiceCollectionResolver,
        PaymentCollectionResolver,
        PaymentAttemptResolver,
        BillingEntityResolver,
        BillingEntityVersionResolver,
        CustomerBillingEntityResolver,
        InvoiceBillingEntityResolver,
        EmailDeliveryResolver,
        InvoiceEmailResolver,
        CreditNoteEmailResolver,
        EmailSettingsResolver,
        ReportJobResolver,
        PricingSimulationResolver,
        SimulatedPeriodResolver,
        ReconciliationResolver,
        ReconciliationLineResolver,
        deadLetterResolver('invoicing'),
      ],
      orphanedTypes: [Customer, Subscription, ProductItem, UsageEvent],
      references: {
        Invoice: resolveInvoiceReference,
        CreditNote: resolveCreditNoteReference,
        Customer: resolveOwnedElsewhere,
        CustomerSubscription: resolveOwnedElsewhere,
        UsageEvent: resolveUsageEventReference,
        PlatformSettings: resolvePlatformSettingsReference,
      },
    },
    // Stripe's webhooks (the gateway proxies them without an API key: the Stripe signature is checked here), invoice
    // and credit-note PDFs (the gateway proxies /v1/invoices/:id/pdf and /v1/credit-notes/:id/pdf here), and the CSV
    // reports (/v1/reports/:name), and report jobs' files (/v1/reports/jobs/:id/csv).
    rest: (router, services) => {
      mountProviderWebhooks(router, services, billing);
      documentsRoute(router, services);
      reportJobsRoute(router, services); // before /reports/:name: /reports/jobs/:id/csv is a job's file
      simulationReportRoute(router, services); // before /reports/:name, which knows only the invoice reports
      reportsRoute(router, services);
      reconciliationsRoute(router, services);
    },
    workers: (services) => {
      bindBillingOptions(services.db, billing);
      bindEmailOptions(services.db, email);
      let lastOpenings = 0;
      const mail = email.smtpUrl ? { transport: smtpTransport(email.smtpUrl), render: renderDocument } : null;
      return [
        ...Array.from(
          { length: billing.refreshers },
          (_, i) =>
            new PollingWorker(
              `invoice draft refresher ${i + 1}`,
              () => refreshRequestedDrafts(services, billing.graceMs),
              billing.refreshIntervalMs,
              services.log,
              billing.refreshRestRatio,
            ),
        ),
        new PollingWorker(
          'billing run',
          async () => {
            // Opening new periods' drafts once per interval, not before every round of a long run.
            if (Date.now() - lastOpenings >= billing.issueIntervalMs) {
              lastOpenings = Date.now();
              await forEachTimeScope(services.clock, (scope) => requestPeriodOpenings(services.db, scope));
            }
            return issueDueDrafts(services, billing);
          },
          billing.issueIntervalMs,
          services.log,
        ),
        new PollingWorker('pricing simulations', () => runPendingSimulations(services), billing.issueIntervalMs, services.log),
        new PollingWorker('reconciliations', () => runQueuedReconciliation(services), RECONCILIATION_POLL_MS, services.log),
        new PollingWorker('overdue invoices', () => markOverdueInvoices(services), billing.issueIntervalMs, services.log),
        new PollingWorker(
          'report jobs',
          () =>
            writeQueuedReports(services, {
              retentionMs: billing.reportRetentionMs,
              leaseMs: billing.reportLeaseMs,
              chunkBytes: billing.reportChunkBytes,
            }),
          billing.reportIntervalMs,
          services.log,
        ),
        new PollingWorker('payment collector', () => collectDuePayments(services, billing), billing.issueIntervalMs, services.log),
        ...(mail
          ? [
              new PollingWorker(
                'e-mail sender',
                () => sendDueEmails(services, mail.transport, mail.render, email.from),
                email.sendIntervalMs,
                services.log,
              ),
            ]
          : []),
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
          // Drafts too: a pricing simulation may price stored usage with one (nothing bills with a draft).
          'catalog.plan_version.drafted': onPlanVersion,
          'catalog.plan_version.activated': onPlanVersion,
          'catalog.plan_version.deprecated': onPlanVersion,
          'catalog.plan_version.archived': onPlanVersion,
        },
      },
      {
        // Its own stream: documents issued are e-mailed once each, whatever process issued them.
        producer: 'invoicing',
        handlers: { 'invoicing.invoice.issued': onDocumentIssued, 'invoicing.credit_note.created': onDocumentIssued },
      },
      {
        producer: 'metering',
        // Deltas of what queued up merge in one upsert; a lone message is a batch of one.
        handlers: {},
        batchHandlers: { 'metering.usage.recorded': usageRecordedBatchHandler(billing.refreshDelayMs) },
      },
    ],
  };
}

/** With the defaults (tests); the service itself starts with `billingOptionsFromEnv()` (main.ts). */
export const invoicingSubgraph = createInvoicingSubgraph();
