import type { EventEnvelope, Transaction } from '@meterline/kit';

/** The part of catalog's version snapshot subscriptions reads (prices to check overrides against, metrics they price). */
export interface PlanVersionSnapshot {
  id: string;
  planId: string;
  status: string;
  currency: string;
  billingPeriod: 'MONTH' | 'QUARTER' | 'YEAR';
  prices: Array<{
    productItemId: string;
    productItemReference: string;
    chargeType: string;
    meterReference: string | null;
    metricReference: string | null;
    price: Record<string, unknown>;
  }>;
}

/**
 * catalog.plan_version.activated / .deprecated / .archived → the local copy. Events carry the whole version, so the
 * last one applied wins; an older event arriving late never overwrites a newer state (occurredAt guards it).
 */
export async function onPlanVersionChanged(tx: Transaction, event: EventEnvelope): Promise<void> {
  const version = event.data as unknown as PlanVersionSnapshot;
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
