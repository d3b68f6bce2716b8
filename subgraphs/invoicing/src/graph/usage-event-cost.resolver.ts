import { Decimal, Money, type RequestContext } from '@meterline/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BilledSubscription } from '../billing/read-models';
import { RequestReadModels } from '../billing/request-read-models';
import { estimateEventCost, periodOfUsageAt } from '../domain/event-cost';
import type { InvoiceEntity } from '../store/invoice.entity';
import { InvoiceRepository } from '../store/invoice.repository';
import { Invoice } from './invoice.type';
import { UsageEvent } from './refs/usage-event.type';

/** The representation the gateway sends: metering's fields that invoicing requires, as JSON. */
export interface UsageEventRepresentation {
  id: string;
  timestamp?: string;
  receivedAt?: string;
  properties?: Record<string, unknown>;
  customer?: { id: string } | null;
  metricValues?: Array<{ metric: string; value: string }>;
}

/** The customer’s subscription billing an instant: the one running then, else the latest that had started. */
function billingSubscription(subscriptions: BilledSubscription[], at: Date): BilledSubscription | undefined {
  return (
    subscriptions.find((s) => s.startAt <= at && (s.endAt === null || s.endAt > at)) ?? subscriptions.filter((s) => s.startAt <= at).at(-1)
  );
}

@Resolver(() => UsageEvent)
export class UsageEventCostResolver {
  @FieldResolver(() => Money, { nullable: true })
  async estimatedCost(@Root() event: UsageEventRepresentation, @Ctx() ctx: RequestContext): Promise<Money | null> {
    const customerId = event.customer?.id;
    if (!customerId || !event.timestamp || !event.metricValues?.length) return null;
    const at = new Date(event.timestamp);
    const readModels = new RequestReadModels(ctx);
    const [customer, subscriptions] = await Promise.all([readModels.customer(customerId), readModels.subscriptionsOf(customerId)]);
    const subscription = billingSubscription(subscriptions, at);
    if (!customer || !subscription) return null;
    const period = periodOfUsageAt(subscription.anchor, subscription.billingPeriod, at);
    const [versions, totals] = await Promise.all([
      readModels.versions([...new Set(subscription.phases.map((p) => p.planVersionId))]),
      readModels.usageOf(customerId, period),
    ]);
    const cost = estimateEventCost(
      {
        contributions: event.metricValues.map((c) => ({ metric: c.metric, value: new Decimal(c.value) })),
        properties: event.properties ?? {},
      },
      subscription.phases,
      versions,
      subscription.endAt && subscription.endAt < period.end ? subscription.endAt : period.end,
      totals,
    );
    return cost === null ? null : Money.of(cost, customer.currency);
  }

  @FieldResolver(() => Invoice, { nullable: true })
  async invoice(@Root() event: UsageEventRepresentation, @Ctx() ctx: RequestContext): Promise<InvoiceEntity | null> {
    const customerId = event.customer?.id;
    if (!customerId || !event.timestamp) return null;
    const at = new Date(event.timestamp);
    const receivedAt = event.receivedAt ? new Date(event.receivedAt) : ctx.clock.now();
    const subscription = billingSubscription(await new RequestReadModels(ctx).subscriptionsOf(customerId), at);
    if (!subscription) return null;
    const period = periodOfUsageAt(subscription.anchor, subscription.billingPeriod, at);
    const invoices = await new InvoiceRepository(ctx).ofPeriod(subscription.id, period.start);
    const original = invoices.find((i) => i.kind === 'SUBSCRIPTION') ?? null;
    if (!original || original.issuedAt === null || original.issuedAt > receivedAt) return original;
    // Issued before the event arrived: the event went to the period's correction issued after its arrival, or the open one.
    const correction = invoices.find(
      (i) => i.kind === 'CORRECTION' && (i.status === 'DRAFT' || (i.issuedAt !== null && i.issuedAt > receivedAt)),
    );
    return correction ?? original;
  }
}

/** Any event id: metering owns it; what invoicing answers comes from the representation's required fields. */
export function resolveUsageEventReference(reference: UsageEventRepresentation): UsageEventRepresentation {
  return reference;
}
