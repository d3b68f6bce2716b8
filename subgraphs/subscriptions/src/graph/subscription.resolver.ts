import { badInput, notFound, paginate, type RequestContext } from '@meterline/kit';
import { periodContaining, periodsBetween } from '@meterline/periods';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  applyChange,
  checkAssignable,
  checkBackdating,
  checkSeats,
  checkSubscriptionTransition,
  validateOverrides,
  type HistoryLimits,
  type Phase,
} from '../domain/subscription';
import { refuseMetricOverlap } from '../use-cases/metric-overlap-check';
import { checkNewSubscription, createSubscriptionIn } from '../use-cases/subscription-creation';
import { PlatformSettingsRepository } from '../store/platform-settings.repository';
import { emitSubscription, type SubscriptionEventType } from '../events/subscription.events';
import { CustomerRepository } from '../store/customer.repository';
import type { SubscriptionEntity } from '../store/subscription.entity';
import { SubscriptionRepository } from '../store/subscription.repository';
import { PricingPlanVersion } from './catalog/plan-version.type';
import { Customer } from './customer.type';
import {
  BillingPeriodRange,
  ChangeSubscriptionInput,
  CreateSubscriptionInput,
  Effective,
  Subscription,
  SubscriptionConnection,
  SubscriptionListArgs,
  SubscriptionPhase,
} from './subscription.type';

/** The instant a change or cancellation takes effect; `limits` are the platform's (how far back AT may reach). */
function effectiveInstant(
  subscription: SubscriptionEntity,
  effective: Effective,
  at: Date | null | undefined,
  now: Date,
  limits: HistoryLimits,
): Date {
  if (effective === Effective.AT) {
    if (!at) throw badInput('at', 'effective: AT needs `at`');
    if (at < subscription.startAt) throw badInput('at', 'A change cannot take effect before the subscription starts');
    return checkBackdating('at', at, now, limits);
  }
  if (effective === Effective.PERIOD_END) {
    const reference = now > subscription.startAt ? now : subscription.startAt;
    return periodContaining(subscription.anchor, subscription.billingPeriod, reference).end;
  }
  return now > subscription.startAt ? now : subscription.startAt;
}

function phasesOf(subscription: SubscriptionEntity): Phase[] {
  return [...subscription.phases].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

@Resolver(() => Subscription)
export class SubscriptionResolver {
  @Query(() => Subscription, { nullable: true })
  subscription(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return new SubscriptionRepository(ctx).byId(id);
  }

  @Query(() => SubscriptionConnection)
  async subscriptions(@Ctx() ctx: RequestContext, @Args() { customer, status, ...page }: SubscriptionListArgs) {
    const query = new SubscriptionRepository(ctx).query();
    if (customer) query.andWhere('s.customerId = :customerId', { customerId: (await new CustomerRepository(ctx).get(customer)).id });
    if (status) query.andWhere('s.status = :status', { status });
    return paginate(query, 's', page);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() subscription: SubscriptionEntity, @Ctx() ctx: RequestContext) {
    return (await new CustomerRepository(ctx).byId(subscription.customerId))!;
  }

  @FieldResolver(() => [SubscriptionPhase], { description: 'History and planned changes, in order' })
  phases(@Root() subscription: SubscriptionEntity): SubscriptionPhase[] {
    return phasesOf(subscription).map((p) => ({ ...p, planVersion: { id: p.planVersionId } }));
  }

  @FieldResolver(() => PricingPlanVersion, { description: 'The plan version in effect now (or at the start, before it)' })
  planVersion(@Root() subscription: SubscriptionEntity, @Ctx() ctx: RequestContext): PricingPlanVersion {
    return { id: this.phaseNow(subscription, ctx.clock.now()).planVersionId };
  }

  @FieldResolver(() => Int, { description: 'Seats in effect now (or at the start, before it)' })
  seats(@Root() subscription: SubscriptionEntity, @Ctx() ctx: RequestContext): number {
    return this.phaseNow(subscription, ctx.clock.now()).seats;
  }

  @FieldResolver(() => BillingPeriodRange, { nullable: true, description: 'The billing period running now; null before the anchor' })
  currentPeriod(@Root() subscription: SubscriptionEntity, @Ctx() ctx: RequestContext): BillingPeriodRange | null {
    const now = ctx.clock.now();
    return now < subscription.anchor ? null : periodContaining(subscription.anchor, subscription.billingPeriod, now);
  }

  @FieldResolver(() => [BillingPeriodRange], { description: 'Billing periods overlapping [from, to)' })
  periods(@Root() subscription: SubscriptionEntity, @Arg('from') from: Date, @Arg('to') to: Date): BillingPeriodRange[] {
    if (to <= from) throw badInput('to', 'to must be after from');
    const start = from < subscription.anchor ? subscription.anchor : from;
    const periods = start < to ? periodsBetween(subscription.anchor, subscription.billingPeriod, start, to) : [];
    if (periods.length > 1000) throw badInput('to', 'At most 1000 periods at once');
    return periods;
  }

  private phaseNow(subscription: SubscriptionEntity, now: Date): Phase {
    const phases = phasesOf(subscription);
    return [...phases].reverse().find((p) => p.startsAt <= now) ?? phases[0];
  }

  @Mutation(() => Subscription, {
    description: 'Subscribes a customer to an ACTIVE plan version (same currency), optionally with tailored prices',
  })
  async createSubscription(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSubscriptionInput): Promise<Subscription> {
    const customer = await new CustomerRepository(ctx).get(input.customer);
    const checked = checkNewSubscription(input, customer, ctx.clock.now(), await new PlatformSettingsRepository(ctx).historyLimits());
    return ctx.db.transact((tx) => createSubscriptionIn(ctx, tx, customer, input, checked));
  }

  @Mutation(() => Subscription, { description: 'DRAFT → ACTIVE' })
  async activateSubscription(@Ctx() ctx: RequestContext, @Arg('subscription', () => ID) id: string): Promise<Subscription> {
    return this.transition(
      ctx,
      id,
      'activated',
      (s) => {
        checkSubscriptionTransition(s.status, 'ACTIVE');
        return { status: 'ACTIVE' };
      },
      { checkMetricOverlap: true },
    );
  }

  @Mutation(() => Subscription, {
    description: 'Changes seats, plan version or overrides from an instant (NOW, AT, PERIOD_END); kept as a new phase',
  })
  async changeSubscription(@Ctx() ctx: RequestContext, @Arg('input') input: ChangeSubscriptionInput): Promise<Subscription> {
    if (input.seats === undefined && !input.planVersion && !input.overrides)
      throw badInput('input', 'Nothing to change: give seats, planVersion or overrides');
    const subscriptions = new SubscriptionRepository(ctx);
    const limits = await new PlatformSettingsRepository(ctx).historyLimits();
    return ctx.db.transact(async (tx) => {
      const subscription = await subscriptions.lock(tx, input.subscription);
      if (subscription.status === 'ENDED') throw badInput('subscription', 'An ENDED subscription does not change');
      const customer = (await new CustomerRepository(ctx).byId(subscription.customerId))!;
      const at = effectiveInstant(subscription, input.effective, input.at, ctx.clock.now(), limits);
      if (subscription.endAt && at >= subscription.endAt)
        throw badInput('at', 'The subscription ends before this change would take effect');
      const change: Partial<Phase> = {};
      if (input.seats !== undefined && input.seats !== null) change.seats = checkSeats(input.seats);
      const versionId =
        input.planVersion ?? phasesOf(subscription).find((p) => p.startsAt <= at && (!p.endsAt || p.endsAt > at))?.planVersionId;
      const version = checkAssignable(await subscriptions.planVersion(tx.manager, versionId ?? ''), customer.currency);
      if (input.planVersion) {
        if (version.billingPeriod !== subscription.billingPeriod)
          throw badInput(
            'planVersion',
            `The new version bills per ${version.billingPeriod}; the subscription per ${subscription.billingPeriod}`,
          );
        change.planVersionId = version.id;
        change.overrides = {}; // a new plan's prices; tailored prices are given again if they still apply
      }
      if (input.overrides) change.overrides = validateOverrides(input.overrides, version);
      const phases = applyChange(phasesOf(subscription), at, change);
      // Field planVersion even for a seat change: continuing the current version past a replaced planned phase can add a metric.
      await refuseMetricOverlap(ctx, tx, subscription.customerId, 'planVersion', {
        before: subscription,
        after: { ...subscription, phases },
      });
      subscription.phases = await subscriptions.replacePhases(tx, subscription.id, phases);
      const saved = await subscriptions.update(tx, subscription, {});
      await emitSubscription(tx, 'changed', saved, customer);
      return saved;
    });
  }

  @Mutation(() => Subscription, { description: 'Cancels: the subscription ends NOW, AT an instant, or at the PERIOD_END' })
  async cancelSubscription(
    @Ctx() ctx: RequestContext,
    @Arg('subscription', () => ID) id: string,
    @Arg('effective', () => Effective, { defaultValue: Effective.PERIOD_END }) effective: Effective,
    @Arg('at', () => Date, { nullable: true }) at?: Date,
  ): Promise<Subscription> {
    const limits = await new PlatformSettingsRepository(ctx).historyLimits();
    return this.transition(ctx, id, 'canceled', (s, now) => {
      checkSubscriptionTransition(s.status, 'CANCELED');
      const endAt = effectiveInstant(s, effective, at, now, limits);
      return { status: 'CANCELED', endAt: s.endAt && s.endAt < endAt ? s.endAt : endAt, canceledAt: now };
    });
  }

  @Mutation(() => Subscription, { description: 'Withdraws a cancellation before the subscription ends' })
  async reactivateSubscription(@Ctx() ctx: RequestContext, @Arg('subscription', () => ID) id: string): Promise<Subscription> {
    return this.transition(
      ctx,
      id,
      'changed',
      (s, now) => {
        checkSubscriptionTransition(s.status, 'ACTIVE');
        if (s.status !== 'CANCELED' || (s.endAt && s.endAt <= now))
          throw badInput('subscription', 'Only a canceled subscription that has not ended can be reactivated');
        return { status: 'ACTIVE', endAt: null, canceledAt: null };
      },
      { checkMetricOverlap: true },
    );
  }

  private async transition(
    ctx: RequestContext,
    id: string,
    verb: SubscriptionEventType,
    decide: (subscription: SubscriptionEntity, now: Date) => Partial<SubscriptionEntity>,
    { checkMetricOverlap = false } = {},
  ): Promise<Subscription> {
    const subscriptions = new SubscriptionRepository(ctx);
    return ctx.db.transact(async (tx) => {
      const subscription = await subscriptions.lock(tx, id);
      const changes = decide(subscription, ctx.clock.now());
      if (checkMetricOverlap)
        await refuseMetricOverlap(ctx, tx, subscription.customerId, 'subscription', {
          before: subscription,
          after: { ...subscription, ...changes },
        });
      const saved = await subscriptions.update(tx, subscription, changes);
      const customer = (await new CustomerRepository(ctx).byId(subscription.customerId))!;
      await emitSubscription(tx, verb, saved, customer);
      return saved;
    });
  }
}

@Resolver(() => Customer)
export class CustomerSubscriptionsResolver {
  @FieldResolver(() => [Subscription], { description: 'All of the customer’s subscriptions, oldest first' })
  subscriptions(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return new SubscriptionRepository(ctx).ofCustomer(customer.id);
  }
}

export async function resolveSubscriptionReference(reference: { id: string }, ctx: RequestContext) {
  const subscription = await new SubscriptionRepository(ctx).byId(reference.id);
  if (!subscription) throw notFound('Subscription');
  return subscription;
}
