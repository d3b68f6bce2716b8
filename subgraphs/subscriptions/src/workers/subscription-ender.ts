import type { BackgroundWorker, SubgraphServices } from '@meterline/kit';
import { emitSubscription } from '../events/subscription.events';
import { CustomerEntity } from '../store/customer.entity';
import { SubscriptionEntity } from '../store/subscription.entity';

/**
 * Ends subscriptions whose end has passed (by the service clock), a few at a time, each with its
 * `subscriptions.subscription.ended` event in the same transaction. SKIP LOCKED makes it safe on every replica.
 */
export class SubscriptionEnder implements BackgroundWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly services: SubgraphServices,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.endDue()
        .then(() => undefined)
        .catch((error) => this.services.log.warn({ err: error }, 'ending subscriptions failed; will retry'))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Ends what is due; returns how many. */
  async endDue(): Promise<number> {
    return this.services.db.transact(async (tx) => {
      const due = (await tx.manager.query(
        `SELECT id FROM subscriptions WHERE status IN ('ACTIVE', 'CANCELED') AND end_at IS NOT NULL AND end_at <= $1
          ORDER BY end_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
        [this.services.clock.now()],
      )) as Array<{ id: string }>;
      for (const { id } of due) {
        const subscription = (await tx.manager.findOne(SubscriptionEntity, { where: { id }, relations: { phases: true } }))!;
        subscription.status = 'ENDED';
        subscription.updatedAt = this.services.clock.now();
        await tx.manager.update(SubscriptionEntity, { id }, { status: 'ENDED', updatedAt: subscription.updatedAt });
        const customer = (await tx.manager.findOneBy(CustomerEntity, { id: subscription.customerId }))!;
        await emitSubscription(tx, 'ended', subscription, customer);
      }
      return due.length;
    });
  }
}
