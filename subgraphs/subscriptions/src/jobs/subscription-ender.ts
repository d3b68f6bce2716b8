import {
  forEachTimeScope,
  PollingWorker,
  scopeCondition,
  scopeParameters,
  type BackgroundWorker,
  type SubgraphServices,
  type TimeScope,
} from '@meterline/kit';
import { emitSubscription } from '../events/subscription.events';
import { CustomerEntity } from '../store/customer.entity';
import { SubscriptionEntity } from '../store/subscription.entity';

/**
 * Ends subscriptions whose end has passed (by the service clock; a sandbox by its own), a few at a time, each with its
 * `subscriptions.subscription.ended` event in the same transaction. SKIP LOCKED makes it safe on every replica.
 */
export class SubscriptionEnder implements BackgroundWorker {
  private readonly worker: PollingWorker;

  constructor(
    private readonly services: SubgraphServices,
    intervalMs = 1000,
  ) {
    this.worker = new PollingWorker('ending subscriptions', () => this.endDue(), intervalMs, services.log);
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Ends what is due, each sandbox at its own time; returns how many. */
  async endDue(): Promise<number> {
    return forEachTimeScope(this.services.clock, (scope) => this.endDueIn(scope));
  }

  private async endDueIn(scope: TimeScope): Promise<number> {
    return this.services.db.transact(async (tx) => {
      const due = (await tx.manager.query(
        `SELECT id FROM subscriptions WHERE status IN ('ACTIVE', 'CANCELED') AND end_at IS NOT NULL AND end_at <= $1
            AND ${scopeCondition('platform_id', 2, 3)}
          ORDER BY end_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
        [scope.now, ...scopeParameters(scope)],
      )) as Array<{ id: string }>;
      for (const { id } of due) {
        const subscription = (await tx.manager.findOne(SubscriptionEntity, { where: { id }, relations: { phases: true } }))!;
        subscription.status = 'ENDED';
        subscription.updatedAt = this.services.clock.now(subscription.platformId);
        await tx.manager.update(SubscriptionEntity, { id }, { status: 'ENDED', updatedAt: subscription.updatedAt });
        const customer = (await tx.manager.findOneBy(CustomerEntity, { id: subscription.customerId }))!;
        await emitSubscription(tx, 'ended', subscription, customer);
      }
      return due.length;
    });
  }
}
