import { Decimal, isUuid, loadById, notFound, PageArgs, paginate, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { createAlert, deleteAlert, updateAlert } from '../billing/alerts';
import { AlertEntity, AlertTriggerEntity } from '../store/alert.entity';
import {
  Alert,
  AlertConnection,
  AlertListArgs,
  AlertThreshold,
  AlertTrigger,
  AlertTriggerConnection,
  AlertTriggerListArgs,
  CreateAlertInput,
  UpdateAlertInput,
} from './alert.type';
import { Customer, Subscription } from './refs/customer.type';

const alerts = (ctx: RequestContext) =>
  ctx.db.ds.getRepository(AlertEntity).createQueryBuilder('a').where('a.platformId = :platformId', { platformId: ctx.platformId });

const triggers = (ctx: RequestContext) =>
  ctx.db.ds.getRepository(AlertTriggerEntity).createQueryBuilder('t').where('t.platformId = :platformId', { platformId: ctx.platformId });

/** A customer filter by id or reference (references through invoicing's customer projection); a malformed id matches nothing. */
function customerFilter(alias: string, customer: string): [string, Record<string, string>] {
  return isUuid(customer)
    ? [`${alias}.customerId = :customer`, { customer }]
    : [`${alias}.customerId IN (SELECT c.id FROM customers c WHERE c.platform_id = :platformId AND c.reference = :customer)`, { customer }];
}

const alertById = (ctx: RequestContext, id: string) =>
  loadById(ctx.loaders, 'alertById', (ids) => alerts(ctx).andWhere('a.id IN (:...ids)', { ids }).getMany(), id);

function activeAlertsPage(ctx: RequestContext, customer: string | null | undefined, page: PageArgs) {
  const query = alerts(ctx).andWhere('a.archivedAt IS NULL');
  if (customer) query.andWhere(...customerFilter('a', customer));
  return paginate(query, 'a', page, 'DESC');
}

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => Alert, { nullable: true, description: 'An alert, deleted ones too' })
  alert(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AlertEntity | null> {
    return alertById(ctx, id);
  }

  @Query(() => AlertConnection, { description: 'Alerts not deleted, newest first; filter by customer' })
  alerts(@Ctx() ctx: RequestContext, @Args() { customer, ...page }: AlertListArgs) {
    return activeAlertsPage(ctx, customer, page);
  }

  @Query(() => AlertTriggerConnection, { description: 'Thresholds reached, newest first: the feed of alerts fired' })
  alertTriggers(@Ctx() ctx: RequestContext, @Args() { since, customer, ...page }: AlertTriggerListArgs) {
    const query = triggers(ctx);
    if (since) query.andWhere('t.createdAt >= :since', { since });
    if (customer) query.andWhere(...customerFilter('t', customer));
    return paginate(query, 't', page, 'DESC');
  }

  @Mutation(() => Alert, { description: 'A usage (metric) or spend (draft total) alert on a customer, with ascending thresholds' })
  createAlert(@Ctx() ctx: RequestContext, @Arg('input') input: CreateAlertInput): Promise<AlertEntity> {
    return createAlert(ctx, input);
  }

  @Mutation(() => Alert, { description: 'Renames an alert or replaces its thresholds' })
  updateAlert(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateAlertInput): Promise<AlertEntity> {
    return updateAlert(ctx, input);
  }

  @Mutation(() => Alert, { description: 'Deletes (archives) an alert: it fires no more; its triggers stay' })
  deleteAlert(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AlertEntity> {
    return deleteAlert(ctx, id);
  }

  @FieldResolver(() => Customer)
  customer(@Root() alert: AlertEntity): Customer {
    return { id: alert.customerId };
  }

  @FieldResolver(() => Subscription, { nullable: true })
  subscription(@Root() alert: AlertEntity): Subscription | null {
    return alert.subscriptionId ? { id: alert.subscriptionId } : null;
  }

  @FieldResolver(() => [AlertThreshold])
  thresholds(@Root() alert: AlertEntity): AlertThreshold[] {
    return alert.thresholds.map((t) => ({ value: new Decimal(t.value), label: t.label }));
  }

  @FieldResolver(() => Boolean)
  archived(@Root() alert: AlertEntity): boolean {
    return alert.archivedAt !== null;
  }

  @FieldResolver(() => AlertTriggerConnection, { description: 'Its triggers, newest first' })
  triggers(@Root() alert: AlertEntity, @Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(triggers(ctx).andWhere('t.alertId = :alertId', { alertId: alert.id }), 't', page, 'DESC');
  }
}

@Resolver(() => AlertTrigger)
export class AlertTriggerResolver {
  @FieldResolver(() => Alert)
  async alert(@Root() trigger: AlertTriggerEntity, @Ctx() ctx: RequestContext): Promise<AlertEntity> {
    const alert = await alertById(ctx, trigger.alertId);
    if (!alert) throw notFound('Alert');
    return alert;
  }

  @FieldResolver(() => Customer)
  customer(@Root() trigger: AlertTriggerEntity): Customer {
    return { id: trigger.customerId };
  }

  @FieldResolver(() => Subscription, { nullable: true })
  subscription(@Root() trigger: AlertTriggerEntity): Subscription | null {
    return trigger.subscriptionId ? { id: trigger.subscriptionId } : null;
  }

  @FieldResolver(() => AlertThreshold)
  threshold(@Root() trigger: AlertTriggerEntity): AlertThreshold {
    return { value: trigger.threshold, label: trigger.thresholdLabel };
  }

  @FieldResolver(() => Date)
  triggeredAt(@Root() trigger: AlertTriggerEntity): Date {
    return trigger.createdAt;
  }
}

/** Customer.alerts: invoicing adds a customer's alerts. */
@Resolver(() => Customer)
export class CustomerAlertsResolver {
  @FieldResolver(() => AlertConnection, { description: 'The customer’s alerts (not deleted), newest first' })
  alerts(@Root() customer: Customer, @Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return activeAlertsPage(ctx, customer.id, page);
  }
}
