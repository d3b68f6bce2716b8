import { badInput, checkReference, conflict, isUniqueViolation, type RequestContext, type Transaction } from '@meterline/kit';
import { checkAssignable, checkSeats, subscriptionTimes, validateOverrides, type HistoryLimits } from '../domain/subscription';
import { emitSubscription } from '../events/subscription.events';
import type { CustomerEntity } from '../store/customer.entity';
import type { SubscriptionEntity } from '../store/subscription.entity';
import { SubscriptionRepository } from '../store/subscription.repository';
import { refuseMetricOverlap } from './metric-overlap-check';

/** What creating a subscription takes, from the API or from an import row. */
export interface NewSubscriptionInput {
  planVersion: string;
  startAt?: Date | null;
  endAt?: Date | null;
  billingAnchor?: Date | null;
  trialDays?: number | null;
  cutoverAt?: Date | null;
  seats?: number | null;
  overrides?: Array<{ productItem: string; price: Record<string, unknown> }> | null;
  reference?: string | null;
  draft?: boolean;
}

/** Input checks that need no transaction: times against the platform's limits, seats, the reference. */
export function checkNewSubscription(input: NewSubscriptionInput, customer: CustomerEntity, now: Date, limits: HistoryLimits) {
  if (customer.archivedAt) throw badInput('customer', 'An archived customer cannot get a new subscription');
  const times = subscriptionTimes(input, now, limits);
  const seats = checkSeats(input.seats);
  const reference = input.reference === undefined || input.reference === null ? null : checkReference('reference', input.reference, 255);
  return { times, seats, reference };
}

/**
 * Creates a subscription in `tx` (ACTIVE unless `draft`): checks the plan version, overrides and metric overlap, writes
 * it with its first phase and emits `subscriptions.subscription.activated` for an active one.
 */
export async function createSubscriptionIn(
  ctx: RequestContext,
  tx: Transaction,
  customer: CustomerEntity,
  input: NewSubscriptionInput,
  checked: ReturnType<typeof checkNewSubscription>,
): Promise<SubscriptionEntity> {
  const subscriptions = new SubscriptionRepository(ctx);
  const { times, seats, reference } = checked;
  const version = checkAssignable(await subscriptions.planVersion(tx.manager, input.planVersion), customer.currency);
  const overrides = validateOverrides(input.overrides ?? [], version);
  const subscription = {
    customerId: customer.id,
    status: input.draft ? ('DRAFT' as const) : ('ACTIVE' as const),
    billingPeriod: version.billingPeriod,
    ...times,
    reference,
    canceledAt: null,
  };
  const phases = [{ startsAt: times.startAt, endsAt: null, planVersionId: version.id, seats, overrides }];
  await refuseMetricOverlap(ctx, tx, customer.id, 'planVersion', { before: null, after: { ...subscription, id: null, phases } });
  let created: SubscriptionEntity;
  try {
    created = await subscriptions.insert(tx, subscription, phases);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('reference', `A subscription with reference "${reference}" already exists`);
    throw error;
  }
  if (created.status === 'ACTIVE') await emitSubscription(tx, 'activated', created, customer);
  return created;
}
