import { badInput, Decimal, EventMetricValue, isUuid, loadById, notFound, paginate, type RequestContext } from '@meterline/kit';
import { eventContribution } from '@meterline/usage';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { reprocessUnmatched } from '../store/reprocessing';
import { UsageEventEntity } from '../store/usage-event.entity';
import { MeterRepository } from '../store/meter.repository';
import { Customer } from './customer/customer.type';
import { Meter } from './meter.type';
import {
  EventValue,
  ReprocessFilter,
  ReprocessResult,
  UsageEvent,
  UsageEventConnection,
  UsageEventListArgs,
} from './usage-event-read.type';

function events(ctx: RequestContext) {
  return ctx.db.ds.manager.createQueryBuilder(UsageEventEntity, 'e').where('e.platformId = :platformId', { platformId: ctx.platformId });
}

async function eventById(ctx: RequestContext, id: string): Promise<UsageEventEntity | null> {
  if (!isUuid(id)) return null;
  return loadById(ctx.loaders, 'usageEventById', (ids) => events(ctx).andWhere('e.id IN (:...ids)', { ids }).getMany(), id);
}

@Resolver(() => UsageEvent)
export class UsageEventReadResolver {
  @Query(() => UsageEvent, { nullable: true, description: 'An event with its processing details' })
  usageEvent(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return eventById(ctx, id);
  }

  @Query(() => UsageEventConnection, {
    description: 'Events in the order they were received; filter by status (e.g. UNMATCHED), reason, customer, meter, subscription, time',
  })
  usageEvents(@Ctx() ctx: RequestContext, @Args() { filter, ...page }: UsageEventListArgs) {
    const query = events(ctx);
    if (filter?.status) query.andWhere('e.status = :status', { status: filter.status });
    if (filter?.unmatchedReason) query.andWhere('e.unmatchedReason = :reason', { reason: filter.unmatchedReason });
    if (filter?.customerReference) query.andWhere('e.customerReference = :customer', { customer: filter.customerReference });
    if (filter?.meterReference) query.andWhere('e.meterReference = :meter', { meter: filter.meterReference });
    if (filter?.reference) query.andWhere('e.reference = :reference', { reference: filter.reference });
    if (filter?.subscriptionId) {
      if (!isUuid(filter.subscriptionId))
        throw badInput('filter.subscriptionId', 'filter.subscriptionId must be a subscription id (a UUID)');
      query.andWhere('e.subscriptionId = :subscription', { subscription: filter.subscriptionId });
    }
    if (filter?.from) query.andWhere('e.timestamp >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('e.timestamp < :to', { to: filter.to });
    return paginate(query, 'e', page);
  }

  @FieldResolver(() => Date)
  receivedAt(@Root() event: UsageEventEntity): Date {
    return event.createdAt;
  }

  @FieldResolver(() => [EventValue])
  values(@Root() event: UsageEventEntity): EventValue[] {
    return Object.entries(event.values).map(([reference, quantity]) => ({
      reference,
      quantity,
      currency: event.valueCurrencies[reference] ?? null,
    }));
  }

  @FieldResolver(() => Meter, { nullable: true })
  meter(@Root() event: UsageEventEntity, @Ctx() ctx: RequestContext) {
    return event.meterId ? new MeterRepository(ctx).byId(event.meterId) : null;
  }

  @FieldResolver(() => [EventMetricValue])
  async metricValues(@Root() event: UsageEventEntity, @Ctx() ctx: RequestContext): Promise<EventMetricValue[]> {
    if (!event.meterId || !event.customerId) return [];
    const meter = await new MeterRepository(ctx).byId(event.meterId);
    if (!meter) return [];
    const aggregatable = {
      id: event.id,
      timestamp: event.timestamp,
      values: Object.fromEntries(Object.entries(event.values).map(([reference, value]) => [reference, new Decimal(value)])),
      properties: event.properties,
    };
    return meter.metrics.flatMap((metric) => {
      const value = eventContribution(metric, aggregatable);
      return value === null ? [] : [{ metric: metric.reference, value }];
    });
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() event: UsageEventEntity): Customer | null {
    return event.customerId ? { id: event.customerId } : null;
  }

  @Mutation(() => ReprocessResult, {
    description: 'Matches unmatched events again (e.g. after creating the meter or the customer); idempotent',
  })
  reprocessUnmatchedEvents(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ReprocessFilter, { nullable: true }) filter?: ReprocessFilter,
  ): Promise<ReprocessResult> {
    return ctx.db.transact((tx) => reprocessUnmatched(tx, ctx.platformId, filter ?? {}));
  }
}

export async function resolveUsageEventReference(reference: { id: string }, ctx: RequestContext) {
  const event = await eventById(ctx, reference.id);
  if (!event) throw notFound('Usage event');
  return event;
}
