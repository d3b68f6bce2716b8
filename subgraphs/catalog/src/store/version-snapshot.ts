import type { PlanVersionActivatedPayload } from '@meterline/contracts';
import type { EntityManager } from 'typeorm';
import { effectiveLineOrder } from '../domain/plan-version';

/** The whole of a plan version as other services need it (event-carried state): no follow-up question required. */
export type VersionSnapshot = PlanVersionActivatedPayload;
type VersionPrice = VersionSnapshot['prices'][number];

/** Reads a version in the caller's transaction, prices in invoice line order. */
export async function loadVersionSnapshot(manager: EntityManager, platformId: string, versionId: string): Promise<VersionSnapshot> {
  const [version] = await manager.query(
    `SELECT v.id, v.plan_id, p.reference AS plan_reference, p.name AS plan_name, v.version, v.status, v.currency, v.billing_period,
            v.minimum_commitment::text AS minimum_commitment, v.line_order, v.activated_at
       FROM plan_versions v JOIN pricing_plans p ON p.id = v.plan_id
      WHERE v.platform_id = $1 AND v.id = $2`,
    [platformId, versionId],
  );
  const prices = await manager.query(
    `SELECT pr.id, pr.config, pr.recurring_timing, i.id AS item_id, i.reference AS item_reference, i.name AS item_name, i.charge_type,
            i.meter_reference, i.metric_reference, i.deduction, i.unit_label, i.position AS item_position,
            pd.id AS product_id, pd.reference AS product_reference, pd.status AS product_status, pd.position AS product_position
       FROM prices pr JOIN product_items i ON i.id = pr.product_item_id JOIN products pd ON pd.id = i.product_id
      WHERE pr.platform_id = $1 AND pr.plan_version_id = $2`,
    [platformId, versionId],
  );
  const entitlements = await manager.query(
    `SELECT e.feature_id, f.reference, e.enabled, e."limit"::text AS "limit"
       FROM entitlements e JOIN features f ON f.id = e.feature_id
      WHERE e.platform_id = $1 AND e.plan_version_id = $2 ORDER BY f.reference`,
    [platformId, versionId],
  );
  const ordered = effectiveLineOrder(
    prices.map((p: Record<string, unknown>) => ({
      ...p,
      productItemId: p.item_id as string,
      productPosition: p.product_position as number,
      itemPosition: p.item_position as number,
    })),
    version.line_order,
  );
  return {
    id: version.id,
    planId: version.plan_id,
    planReference: version.plan_reference,
    planName: version.plan_name,
    version: version.version,
    status: version.status,
    currency: version.currency,
    billingPeriod: version.billing_period,
    minimumCommitment: version.minimum_commitment,
    activatedAt: version.activated_at ? new Date(version.activated_at).toISOString() : null,
    prices: ordered.map((p: Record<string, unknown>, position: number) => ({
      id: p.id as string,
      position,
      productItemId: p.item_id as string,
      productItemReference: p.item_reference as string,
      productItemName: p.item_name as string,
      productId: p.product_id as string,
      productReference: p.product_reference as string,
      productStatus: p.product_status as VersionPrice['productStatus'],
      chargeType: p.charge_type as VersionPrice['chargeType'],
      meterReference: (p.meter_reference as string | null) ?? null,
      metricReference: (p.metric_reference as string | null) ?? null,
      deduction: p.deduction as boolean,
      unitLabel: (p.unit_label as string | null) ?? null,
      recurringTiming: (p.recurring_timing as VersionPrice['recurringTiming']) ?? null,
      price: p.config as VersionPrice['price'],
    })),
    entitlements: entitlements.map((e: { feature_id: string; reference: string; enabled: boolean; limit: string | null }) => ({
      featureId: e.feature_id,
      featureReference: e.reference,
      enabled: e.enabled,
      limit: e.limit,
    })),
  };
}
