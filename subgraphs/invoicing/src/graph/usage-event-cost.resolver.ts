import { Decimal, Money, type RequestContext } from '@meterline/kit';
import { periodContaining } from '@meterline/periods';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { currentInvoices } from '../billing/current-drafts';
import { RequestReadModels } from '../billing/request-read-models';
import { billingSubscriptionOf, eventBillings, eventCost, type EventForCost } from '../domain/event-cost';
import { stretchKey } from '../domain/usage-windows';
import type { InvoiceEntity } from '../store/invoice.entity';
import { Invoice } from './invoice.type';
import { Subscription } from './refs/customer.type';
import { UsageEvent } from './refs/usage-event.type';

/** The representation the gateway sends: metering's fields that invoicing requires, as JSON. */
export interface UsageEventRepresentation {
  id: string;
  timestamp?: string;
  receivedAt?: string;
  properties?: Record<string, unknown>;
  customer?: { id: string } | null;
  subscriptionId?: string | null;
  metricValues?: Array<{ metric: string; value: string }>;
  /** Historical usage (a backfill import): never billed, so it has no cost and no invoice. */
  backfill?: boolean;
}

function eventOf(event: UsageEventRepresentation): EventForCost | null {
  if (!event.customer?.id || !event.timestamp || event.backfill) return null;
  return {
    id: event.id,
    at: new Date(event.timestamp),
    subscriptionId: event.subscriptionId ?? null,
    contributions: (event.metricValues ?? []).map((c) => ({ metric: c.metric, value: new Decimal(c.value) })),
    properties: event.properties ?? {},
  };
}

/** The subscription billing an event: of its first metric that one bills (`billingSubscriptionOf`). */
async function billingSubscriptionOfEvent(representation: UsageEventRepresentation, ctx: RequestContext) {
  const event = eventOf(representation);
  if (!event) return undefined;
  const readModels = new RequestReadModels(ctx);
  const subscriptions = await readModels.subscriptionsOf(representation.customer!.id);
  const versions = await readModels.versions([...new Set(subscriptions.flatMap((s) => s.phases.map((p) => p.planVersionId)))]);
  return event.contributions.map((c) => billingSubscriptionOf(event, c.metric, subscriptions, versions)).find((s) => s !== undefined);
}

@Resolver(() => UsageEvent)
export class UsageEventCostResolver {
  @FieldResolver(() => Money, { nullable: true })
  async estimatedCost(@Root() representation: UsageEventRepresentation, @Ctx() ctx: RequestContext): Promise<Money | null> {
    const event = eventOf(representation);
    if (!event || event.contributions.length === 0) return null;
    const readModels = new RequestReadModels(ctx);
    const customerId = representation.customer!.id;
    const [customer, subscriptions] = await Promise.all([readModels.customer(customerId), readModels.subscriptionsOf(customerId)]);
    if (!customer || subscriptions.length === 0) return null;
    const versions = await readModels.versions([...new Set(subscriptions.flatMap((s) => s.phases.map((p) => p.planVersionId)))]);
    const billings = eventBillings(event, subscriptions, versions);
    if (billings.length === 0) return null;
    let cost = new Decimal(0);
    for (const billing of billings) {
      const rows = new Map<string, Awaited<ReturnType<RequestReadModels['usageRows']>>>();
      for (const { stretch, queries } of billing.stretches)
        rows.set(stretchKey(stretch), (await Promise.all(queries.map((q) => readModels.usageRows(q)))).flat());
      cost = cost.plus(eventCost(event, billing, (stretch) => rows.get(stretchKey(stretch)) ?? [], customer.currency));
    }
    return Money.of(cost, customer.currency);
  }

  @FieldResolver(() => Subscription, { nullable: true })
  async billingSubscription(@Root() representation: UsageEventRepresentation, @Ctx() ctx: RequestContext): Promise<Subscription | null> {
    const subscription = await billingSubscriptionOfEvent(representation, ctx);
    return subscription ? { id: subscription.id } : null;
  }

  @FieldResolver(() => Invoice, { nullable: true })
  async invoice(@Root() representation: UsageEventRepresentation, @Ctx() ctx: RequestContext): Promise<InvoiceEntity | null> {
    const event = eventOf(representation);
    const subscription = await billingSubscriptionOfEvent(representation, ctx);
    if (!event || !subscription) return null;
    const receivedAt = representation.receivedAt ? new Date(representation.receivedAt) : ctx.clock.now();
    const period = periodContaining(subscription.anchor, subscription.billingPeriod, event.at);
    const invoices = await currentInvoices(ctx).ofPeriod(subscription.id, period.start);
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
