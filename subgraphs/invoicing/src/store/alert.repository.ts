import { Decimal, type Transaction } from '@meterline/kit';
import type { AlertKind, AlertThreshold } from '../domain/alert-thresholds';
import type { ThresholdJson } from './alert.entity';
import type { Reader } from './usage.repository';

/** An active alert as evaluation reads it, with its customer's reference (for the event). */
export interface WatchedAlert {
  id: string;
  name: string;
  kind: AlertKind;
  customerId: string;
  customerReference: string;
  subscriptionId: string | null;
  metric: string | null;
  thresholds: AlertThreshold[];
}

/**
 * The active alerts of some customers: one probe of `alerts_customer` per batch of usage (nothing else runs for
 * customers without alerts).
 */
export async function alertsWatching(tx: Reader, platformId: string, customerIds: string[]): Promise<WatchedAlert[]> {
  if (customerIds.length === 0) return [];
  const rows = (await tx.manager.query(
    `SELECT a.id, a.name, a.kind, a.customer_id, c.reference AS customer_reference, a.subscription_id, a.metric, a.thresholds
       FROM alerts a JOIN customers c ON c.platform_id = a.platform_id AND c.id = a.customer_id
      WHERE a.platform_id = $1 AND a.customer_id = ANY($2::uuid[]) AND a.archived_at IS NULL
      ORDER BY a.id`,
    [platformId, customerIds],
  )) as Array<{
    id: string;
    name: string;
    kind: AlertKind;
    customer_id: string;
    customer_reference: string;
    subscription_id: string | null;
    metric: string | null;
    thresholds: ThresholdJson[];
  }>;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    customerId: r.customer_id,
    customerReference: r.customer_reference,
    subscriptionId: r.subscription_id,
    metric: r.metric,
    thresholds: r.thresholds.map((t) => ({ value: new Decimal(t.value), label: t.label })),
  }));
}

/** The thresholds (canonical text) that already fired, per `${alertId}|${periodStart ms}`. */
export async function firedThresholds(
  tx: Reader,
  platformId: string,
  asked: ReadonlyArray<{ alertId: string; periodStart: Date }>,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (asked.length === 0) return out;
  const rows = (await tx.manager.query(
    `SELECT t.alert_id, t.period_start, t.threshold::text AS threshold
       FROM unnest($2::uuid[], $3::timestamptz[]) AS k(alert_id, period_start)
       JOIN alert_triggers t ON t.alert_id = k.alert_id AND t.period_start = k.period_start AND t.platform_id = $1`,
    [platformId, asked.map((a) => a.alertId), asked.map((a) => a.periodStart)],
  )) as Array<{ alert_id: string; period_start: Date; threshold: string }>;
  for (const r of rows) {
    const key = `${r.alert_id}|${r.period_start.getTime()}`;
    const known = out.get(key) ?? new Set<string>();
    known.add(new Decimal(r.threshold).toFixed());
    out.set(key, known);
  }
  return out;
}

/** A trigger to record. */
export interface TriggerRow {
  alertId: string;
  customerId: string;
  subscriptionId: string | null;
  threshold: string;
  thresholdLabel: string | null;
  value: string;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * Records triggers once: a row another transaction (a redelivery, a concurrent batch) already wrote for the same
 * (alert, threshold, period start) is skipped, and only the rows this one inserted come back, with their ids.
 */
export async function insertTriggers(
  tx: Transaction,
  platformId: string,
  rows: readonly TriggerRow[],
  triggeredAt: Date,
): Promise<Array<TriggerRow & { id: string }>> {
  if (rows.length === 0) return [];
  const inserted = (await tx.manager.query(
    `INSERT INTO alert_triggers (platform_id, alert_id, customer_id, subscription_id, threshold, threshold_label, value, period_start, period_end, triggered_at)
     SELECT $1, r.alert_id, r.customer_id, r.subscription_id, r.threshold, r.threshold_label, r.value, r.period_start, r.period_end, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(alert_id uuid, customer_id uuid, subscription_id uuid, threshold numeric,
            threshold_label text, value numeric, period_start timestamptz, period_end timestamptz)
      ORDER BY r.alert_id, r.period_start, r.threshold
     ON CONFLICT (alert_id, threshold, period_start) DO NOTHING
     RETURNING id::text AS id, alert_id::text AS alert_id, period_start, threshold::text AS threshold`,
    [
      platformId,
      JSON.stringify(
        rows.map((r) => ({
          alert_id: r.alertId,
          customer_id: r.customerId,
          subscription_id: r.subscriptionId,
          threshold: r.threshold,
          threshold_label: r.thresholdLabel,
          value: r.value,
          period_start: r.periodStart,
          period_end: r.periodEnd,
        })),
      ),
      triggeredAt,
    ],
  )) as Array<{ id: string; alert_id: string; period_start: Date; threshold: string }>;
  const byKey = new Map(rows.map((r) => [`${r.alertId}|${r.periodStart.getTime()}|${new Decimal(r.threshold).toFixed()}`, r]));
  return inserted.map((i) => ({
    ...byKey.get(`${i.alert_id}|${i.period_start.getTime()}|${new Decimal(i.threshold).toFixed()}`)!,
    id: i.id,
  }));
}
