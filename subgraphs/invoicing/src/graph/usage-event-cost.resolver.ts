import { Decimal, Money, type RequestContext } from '@meterline/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { customersByIds, subscriptionsOfCustomers, usageOfPeriods, versionsByIds, type BilledSubscription } from '../billing/read-models';
import { estimateEventCost, periodOfUsageAt } from '../domain/event-cost';
import { InvoiceEntity } from '../store/invoice.entity';
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
    return ctx.db.transact(async (tx) => {
      const customer = (await customersByIds(tx, ctx.platformId, [customerId])).get(customerId);
      const subscription = billingSubscription(await subscriptionsOfCustomers(tx, ctx.platformId, [customerId]), at);
      if (!customer || !subscription) return null;
      const period = periodOfUsageAt(subscription.anchor, subscription.billingPeriod, at);
      const versions = await versionsByIds(tx, ctx.platformId, [...new Set(subscription.phases.map((p) => p.planVersionId))]);
      const cost = estimateEventCost(
        {
          contributions: event.metricValues!.map((c) => ({ metric: c.metric, value: new Decimal(c.value) })),
          properties: event.properties ?? {},
        },
        subscription.phases,
        versions,
        subscription.endAt && subscription.endAt < period.end ? subscription.endAt : period.end,
        (await usageOfPeriods(tx, ctx.platformId, [{ customerId, period }]))[0],
      );
      return cost === null ? null : Money.of(cost, customer.currency);
    });
  }

  @FieldResolver(() => Invoice, { nullable: true })
  async invoice(@Root() event: UsageEventRepresentation, @Ctx() ctx: RequestContext): Promise<InvoiceEntity | null> {
    const customerId = event.customer?.id;
    if (!customerId || !event.timestamp) return null;
    const at = new Date(event.timestamp);
    const receivedAt = event.receivedAt ? new Date(event.receivedAt) : ctx.clock.now();
    return ctx.db.transact(async (tx) => {
      const subscription = billingSubscription(await subscriptionsOfCustomers(tx, ctx.platformId, [customerId]), at);
      if (!subscription) return null;
      const period = periodOfUsageAt(subscription.anchor, subscription.billingPeriod, at);
      const invoices = tx.manager.getRepository(InvoiceEntity);
      const original = await invoices.findOneBy({
        platformId: ctx.platformId,
        subscriptionId: subscription.id,
        kind: 'SUBSCRIPTION',
        periodStart: period.start,
      });
      if (!original || original.issuedAt === null || original.issuedAt > receivedAt) return original;
      // Issued before the event arrived: the event went to the period's correction issued after its arrival, or the open one.
      const corrections = await invoices
        .createQueryBuilder('i')
        .where('i.platformId = :platformId AND i.subscription_id = :subscriptionId AND i.periodStart = :start AND i.kind = :kind', {
          platformId: ctx.platformId,
          subscriptionId: subscription.id,
          start: period.start,
          kind: 'CORRECTION',
        })
        .andWhere(`(i.status = 'DRAFT' OR i.issued_at > :receivedAt)`, { receivedAt })
        .orderBy('i.issued_at', 'ASC', 'NULLS LAST')
        .getMany();
      return corrections[0] ?? original;
    });
  }
}

/** Any event id: metering owns it; what invoicing answers comes from the representation's required fields. */
export function resolveUsageEventReference(reference: UsageEventRepresentation): UsageEventRepresentation {
  return reference;
}
