import type { EntityEventType, EventOf, Transaction } from '@meterline/kit';

type PlanVersionEvent = EventOf<EntityEventType<'catalog.plan_version'>>;

/** Catalog's version snapshot as stored here (prices to check overrides against, metrics they price). */
export type PlanVersionSnapshot = PlanVersionEvent['data'];

/**
 * catalog.plan_version.activated / .deprecated / .archived → the local copy. Events carry the whole version, so the
 * last one applied wins; an older event arriving late never overwrites a newer state (occurredAt guards it).
 */
export async function onPlanVersionChanged(tx: Transaction, event: PlanVersionEvent): Promise<void> {
  const version = event.data;
  await tx.manager.query(
    `INSERT INTO plan_versions (platform_id, id, plan_id, status, currency, billing_period, snapshot, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (platform_id, id) DO UPDATE SET status = EXCLUDED.status, snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
       WHERE plan_versions.updated_at <= EXCLUDED.updated_at`,
    [
      event.platformId,
      version.id,
      version.planId,
      version.status,
      version.currency,
      version.billingPeriod,
      JSON.stringify(version),
      event.occurredAt,
    ],
  );
}
