import type { Transaction } from '@meterline/kit';
import type { CustomerEntity } from '../store/customer.entity';
import type { SubscriptionEntity } from '../store/subscription.entity';

export type SubscriptionEventType = 'activated' | 'changed' | 'canceled' | 'ended';

/** Everything invoicing needs to bill the subscription without asking: phases, versions, overrides, seats, anchor, customer currency and tax. */
export async function emitSubscription(
  tx: Transaction,
  verb: SubscriptionEventType,
  subscription: SubscriptionEntity,
  customer: CustomerEntity,
): Promise<void> {
  await tx.emit(`subscriptions.subscription.${verb}`, subscription.platformId, {
    id: subscription.id,
    status: subscription.status,
    customer: { id: customer.id, reference: customer.reference, currency: customer.currency, taxRate: customer.taxRate?.toFixed() ?? null },
    billingPeriod: subscription.billingPeriod,
    anchor: subscription.anchor.toISOString(),
    startAt: subscription.startAt.toISOString(),
    endAt: subscription.endAt?.toISOString() ?? null,
    trialEnd: subscription.trialEnd?.toISOString() ?? null,
    cutoverAt: subscription.cutoverAt?.toISOString() ?? null,
    phases: [...subscription.phases]
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((p) => ({
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt?.toISOString() ?? null,
        planVersionId: p.planVersionId,
        seats: p.seats,
        overrides: p.overrides,
      })),
  });
}
