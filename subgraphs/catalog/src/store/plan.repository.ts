import {
  isUuid,
  conflict,
  isUniqueViolation,
  loadById,
  loadChildren,
  notFound,
  type Decimal,
  type LifecycleState,
  type RequestContext,
  type Transaction,
} from '@meterline/kit';
import type { EntityManager } from 'typeorm';
import type { BillingPeriod, RecurringTiming } from '../domain/plan-version';
import { EntitlementEntity, PlanVersionEntity, PriceEntity, PricingPlanEntity } from './plan.entity';

export interface VersionSettings {
  currency: string;
  billingPeriod: BillingPeriod;
  minimumCommitment: Decimal | null;
  lineOrder: string[] | null;
}

export class PlanRepository {
  constructor(private readonly ctx: RequestContext) {}

  private get manager(): EntityManager {
    return this.ctx.db.ds.manager;
  }

  planQuery() {
    return this.manager
      .createQueryBuilder(PricingPlanEntity, 'pl')
      .where('pl.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  planById(id: string): Promise<PricingPlanEntity | null> {
    return loadById(this.ctx.loaders, 'planById', (ids) => this.planQuery().andWhere('pl.id IN (:...ids)', { ids }).getMany(), id);
  }

  async getPlan(idOrReference: string, field = 'plan'): Promise<PricingPlanEntity> {
    const plan = isUuid(idOrReference)
      ? await this.planById(idOrReference)
      : await this.planQuery().andWhere('pl.reference = :reference', { reference: idOrReference }).getOne();
    if (!plan) throw notFound('Pricing plan', field);
    return plan;
  }

  async insertPlan(tx: Transaction, plan: { reference: string; name: string; description: string | null }): Promise<PricingPlanEntity> {
    try {
      return await tx.manager.save(
        tx.manager.create(PricingPlanEntity, { ...plan, platformId: this.ctx.platformId, createdAt: this.ctx.clock.now() }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('reference', `A pricing plan with reference "${plan.reference}" already exists`);
      throw error;
    }
  }

  // ---- versions

  versionQuery() {
    return this.manager.createQueryBuilder(PlanVersionEntity, 'v').where('v.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  versionById(id: string): Promise<PlanVersionEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return loadById(this.ctx.loaders, 'planVersionById', (ids) => this.versionQuery().andWhere('v.id IN (:...ids)', { ids }).getMany(), id);
  }

  async getVersion(id: string, field = 'planVersion'): Promise<PlanVersionEntity> {
    const version = await this.versionById(id);
    if (!version) throw notFound('Plan version', field);
    return version;
  }

  /** Locks the version row for the rest of the transaction: concurrent edits and status changes queue up. */
  async lockVersion(tx: Transaction, id: string): Promise<PlanVersionEntity> {
    if (!isUuid(id)) throw notFound('Plan version', 'planVersion');
    const version = await tx.manager
      .createQueryBuilder(PlanVersionEntity, 'v')
      .setLock('pessimistic_write')
      .where('v.platformId = :platformId AND v.id = :id', { platformId: this.ctx.platformId, id })
      .getOne();
    if (!version) throw notFound('Plan version', 'planVersion');
    return version;
  }

  versionsOf(planId: string): Promise<PlanVersionEntity[]> {
    return loadChildren(
      this.ctx.loaders,
      'versionsByPlan',
      'plan versions',
      (planIds, take) =>
        this.versionQuery().andWhere('v.planId IN (:...planIds)', { planIds }).orderBy('v.version', 'ASC').take(take).getMany(),
      (row) => row.planId,
      planId,
    );
  }

  async insertVersion(tx: Transaction, planId: string, settings: VersionSettings): Promise<PlanVersionEntity> {
    // The plan row lock serialises version numbering.
    await tx.manager.query(`SELECT 1 FROM pricing_plans WHERE id = $1 FOR UPDATE`, [planId]);
    const [{ next }] = await tx.manager.query(`SELECT coalesce(max(version) + 1, 1)::int AS next FROM plan_versions WHERE plan_id = $1`, [
      planId,
    ]);
    return tx.manager.save(
      tx.manager.create(PlanVersionEntity, {
        ...settings,
        platformId: this.ctx.platformId,
        planId,
        version: next,
        status: 'DRAFT',
        previousStatus: null,
        createdAt: this.ctx.clock.now(),
        activatedAt: null,
      }),
    );
  }

  async updateVersion(tx: Transaction, version: PlanVersionEntity, changes: Partial<VersionSettings>): Promise<PlanVersionEntity> {
    Object.assign(version, changes);
    return tx.manager.save(version);
  }

  async setLifecycle(tx: Transaction, version: PlanVersionEntity, state: LifecycleState): Promise<PlanVersionEntity> {
    Object.assign(version, state);
    if (state.status === 'ACTIVE' && !version.activatedAt) version.activatedAt = this.ctx.clock.now();
    return tx.manager.save(version);
  }

  async deleteDraftVersion(tx: Transaction, version: PlanVersionEntity): Promise<void> {
    await tx.manager.delete(PlanVersionEntity, { id: version.id, platformId: this.ctx.platformId });
  }

  // ---- prices and entitlements

  pricesOf(versionId: string): Promise<PriceEntity[]> {
    return loadChildren(
      this.ctx.loaders,
      'pricesByVersion',
      'prices',
      (versionIds, take) =>
        this.manager
          .createQueryBuilder(PriceEntity, 'pr')
          .innerJoinAndSelect('pr.productItem', 'item')
          .innerJoinAndSelect('item.product', 'product')
          .where('pr.platformId = :platformId AND pr.planVersionId IN (:...versionIds)', { platformId: this.ctx.platformId, versionIds })
          .take(take)
          .getMany(),
      (row) => row.planVersionId,
      versionId,
    );
  }

  entitlementsOf(versionId: string): Promise<EntitlementEntity[]> {
    return loadChildren(
      this.ctx.loaders,
      'entitlementsByVersion',
      'entitlements',
      (versionIds, take) =>
        this.manager
          .createQueryBuilder(EntitlementEntity, 'e')
          .innerJoinAndSelect('e.feature', 'feature')
          .where('e.platformId = :platformId AND e.planVersionId IN (:...versionIds)', { platformId: this.ctx.platformId, versionIds })
          .orderBy('feature.reference', 'ASC')
          .take(take)
          .getMany(),
      (row) => row.planVersionId,
      versionId,
    );
  }

  async upsertPrice(
    tx: Transaction,
    versionId: string,
    productItemId: string,
    config: Record<string, unknown>,
    recurringTiming: RecurringTiming | null,
  ) {
    await tx.manager.query(
      `INSERT INTO prices (platform_id, plan_version_id, product_item_id, config, recurring_timing, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (plan_version_id, product_item_id) DO UPDATE SET config = EXCLUDED.config, recurring_timing = EXCLUDED.recurring_timing`,
      [this.ctx.platformId, versionId, productItemId, JSON.stringify(config), recurringTiming, this.ctx.clock.now()],
    );
  }

  async removePrice(tx: Transaction, versionId: string, productItemId: string): Promise<boolean> {
    const result = await tx.manager.delete(PriceEntity, { planVersionId: versionId, productItemId, platformId: this.ctx.platformId });
    return (result.affected ?? 0) > 0;
  }

  async upsertEntitlement(tx: Transaction, versionId: string, featureId: string, enabled: boolean, limit: Decimal | null) {
    await tx.manager.query(
      `INSERT INTO entitlements (platform_id, plan_version_id, feature_id, enabled, "limit") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (plan_version_id, feature_id) DO UPDATE SET enabled = EXCLUDED.enabled, "limit" = EXCLUDED."limit"`,
      [this.ctx.platformId, versionId, featureId, enabled, limit?.toFixed() ?? null],
    );
  }

  async removeEntitlement(tx: Transaction, versionId: string, featureId: string): Promise<boolean> {
    const result = await tx.manager.delete(EntitlementEntity, { planVersionId: versionId, featureId, platformId: this.ctx.platformId });
    return (result.affected ?? 0) > 0;
  }

  /** A new draft version copying another's settings, prices and entitlements ("new version from this one"). */
  async copyVersion(tx: Transaction, from: PlanVersionEntity): Promise<PlanVersionEntity> {
    const copy = await this.insertVersion(tx, from.planId, {
      currency: from.currency,
      billingPeriod: from.billingPeriod,
      minimumCommitment: from.minimumCommitment,
      lineOrder: from.lineOrder,
    });
    await tx.manager.query(
      `INSERT INTO prices (platform_id, plan_version_id, product_item_id, config, recurring_timing, created_at)
       SELECT platform_id, $2, product_item_id, config, recurring_timing, $3 FROM prices WHERE plan_version_id = $1`,
      [from.id, copy.id, this.ctx.clock.now()],
    );
    await tx.manager.query(
      `INSERT INTO entitlements (platform_id, plan_version_id, feature_id, enabled, "limit")
       SELECT platform_id, $2, feature_id, enabled, "limit" FROM entitlements WHERE plan_version_id = $1`,
      [from.id, copy.id],
    );
    return copy;
  }
}
