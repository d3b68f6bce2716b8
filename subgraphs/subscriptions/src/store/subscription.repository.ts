import { isUuid, loadById, loadChildren, notFound, type RequestContext, type Transaction } from '@meterline/kit';
import type { EntityManager } from 'typeorm';
import { usageMetricsOf } from '../domain/metric-overlap';
import type { Phase, PlanVersionForAssignment } from '../domain/subscription';
import type { PlanVersionSnapshot } from './plan-version.projection';
import { SubscriptionEntity, SubscriptionPhaseEntity } from './subscription.entity';

export class SubscriptionRepository {
  constructor(private readonly ctx: RequestContext) {}

  query() {
    return this.ctx.db.ds.manager
      .createQueryBuilder(SubscriptionEntity, 's')
      .leftJoinAndSelect('s.phases', 'phase')
      .where('s.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  byId(id: string): Promise<SubscriptionEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return loadById(this.ctx.loaders, 'subscriptionById', (ids) => this.query().andWhere('s.id IN (:...ids)', { ids }).getMany(), id);
  }

  async get(id: string): Promise<SubscriptionEntity> {
    const subscription = await this.byId(id);
    if (!subscription) throw notFound('Subscription', 'subscription');
    return subscription;
  }

  /** The subscription with its phases, locked for the rest of the transaction: changes to one subscription queue up. */
  async lock(tx: Transaction, id: string): Promise<SubscriptionEntity> {
    const [row] = isUuid(id)
      ? await tx.manager.query(`SELECT id FROM subscriptions WHERE platform_id = $1 AND id = $2 FOR UPDATE`, [this.ctx.platformId, id])
      : [];
    if (!row) throw notFound('Subscription', 'subscription');
    return (await tx.manager
      .createQueryBuilder(SubscriptionEntity, 's')
      .leftJoinAndSelect('s.phases', 'phase')
      .where('s.id = :id', { id })
      .orderBy('phase.startsAt', 'ASC')
      .getOne())!;
  }

  ofCustomer(customerId: string): Promise<SubscriptionEntity[]> {
    return loadChildren(
      this.ctx.loaders,
      'subscriptionsByCustomer',
      'subscriptions',
      (ids, take) => this.query().andWhere('s.customerId IN (:...ids)', { ids }).orderBy('s.createdAt', 'ASC').take(take).getMany(),
      (row) => row.customerId,
      customerId,
    );
  }

  /**
   * All of a customer's subscriptions with their phases, read after locking the customer's row: the check that no two
   * of them price one metric at once (domain/metric-overlap) runs one at a time per customer, so two requests cannot
   * both pass it.
   */
  async ofCustomerLocked(tx: Transaction, customerId: string): Promise<SubscriptionEntity[]> {
    await tx.manager.query(`SELECT id FROM customers WHERE platform_id = $1 AND id = $2 FOR UPDATE`, [this.ctx.platformId, customerId]);
    return tx.manager
      .createQueryBuilder(SubscriptionEntity, 's')
      .leftJoinAndSelect('s.phases', 'phase')
      .where('s.platformId = :platformId AND s.customerId = :customerId', { platformId: this.ctx.platformId, customerId })
      .getMany();
  }

  /** Plan version id → the metric references its USAGE prices price, from the local copy of catalog's versions. */
  async usageMetrics(manager: EntityManager, versionIds: string[]): Promise<Map<string, string[]>> {
    if (versionIds.length === 0) return new Map();
    const rows = (await manager.query(`SELECT id, snapshot FROM plan_versions WHERE platform_id = $1 AND id = ANY($2::uuid[])`, [
      this.ctx.platformId,
      versionIds,
    ])) as Array<{ id: string; snapshot: PlanVersionSnapshot }>;
    return new Map(rows.map((row) => [row.id, usageMetricsOf(row.snapshot.prices)]));
  }

  async planVersion(manager: EntityManager, id: string): Promise<PlanVersionForAssignment | null> {
    if (!isUuid(id)) return null;
    const [row] = (await manager.query(`SELECT status, snapshot FROM plan_versions WHERE platform_id = $1 AND id = $2`, [
      this.ctx.platformId,
      id,
    ])) as Array<{
      status: string;
      snapshot: PlanVersionSnapshot;
    }>;
    return row ? { ...row.snapshot, status: row.status } : null;
  }

  async insert(
    tx: Transaction,
    subscription: Omit<SubscriptionEntity, 'id' | 'platformId' | 'phases' | 'createdAt' | 'updatedAt'>,
    phases: Phase[],
  ) {
    const now = this.ctx.clock.now();
    const saved = await tx.manager.save(
      tx.manager.create(SubscriptionEntity, { ...subscription, platformId: this.ctx.platformId, createdAt: now, updatedAt: now }),
    );
    saved.phases = await this.replacePhases(tx, saved.id, phases);
    return saved;
  }

  async replacePhases(tx: Transaction, subscriptionId: string, phases: Phase[]): Promise<SubscriptionPhaseEntity[]> {
    await tx.manager.delete(SubscriptionPhaseEntity, { subscriptionId, platformId: this.ctx.platformId });
    // Phases are values: written anew each time (ids of the old rows are not carried over).
    return tx.manager.save(
      phases.map(({ startsAt, endsAt, planVersionId, seats, overrides }) =>
        tx.manager.create(SubscriptionPhaseEntity, {
          startsAt,
          endsAt,
          planVersionId,
          seats,
          overrides,
          subscriptionId,
          platformId: this.ctx.platformId,
        }),
      ),
    );
  }

  async update(tx: Transaction, subscription: SubscriptionEntity, changes: Partial<SubscriptionEntity>): Promise<SubscriptionEntity> {
    const { phases, ...rest } = { ...subscription, ...changes, updatedAt: this.ctx.clock.now() };
    await tx.manager.update(SubscriptionEntity, { id: subscription.id, platformId: this.ctx.platformId }, rest);
    return Object.assign(subscription, rest, { phases });
  }
}
