import type { EventEnvelope, Transaction } from '@meterline/kit';
import { requestDraftRefresh } from '../../billing/invoice-drafts';
import { mergeStates, stateFromJson, stateToJson, type Aggregation, type AggregateStateJson } from '@meterline/usage';

interface Delta {
  customerId: string;
  meterId: string;
  metric: string;
  aggregation: Aggregation;
  bucketStart: string;
  dimensions: Record<string, string | null>;
  state: AggregateStateJson;
}

/** A stable key for dimension values, whatever the order of their properties. */
function dimensionsKey(dimensions: Record<string, string | null>): string {
  return JSON.stringify(
    Object.keys(dimensions)
      .sort()
      .map((k) => [k, dimensions[k]]),
  );
}

/**
 * metering.usage.recorded → usage_totals, for what arrived while the last transaction ran (a lone message is a batch of
 * one): deltas merge per key first, then each (customer, metric, hour, dimensions) total is written once, in one upsert,
 * `usage_state_merge` doing in SQL what mergeStates does (atomic per row, so two replicas merging into the same total
 * never lose an update; rows go in key order, so two batches never deadlock). The inbox makes a redelivery a no-op.
 */
export async function onUsageRecordedBatch(tx: Transaction, events: EventEnvelope[]): Promise<void> {
  const byPlatform = new Map<string, { deltas: Delta[]; occurredAt: string }>();
  for (const event of events) {
    const entry = byPlatform.get(event.platformId) ?? { deltas: [], occurredAt: event.occurredAt };
    entry.deltas.push(...(event.data as { deltas: Delta[] }).deltas);
    if (event.occurredAt > entry.occurredAt) entry.occurredAt = event.occurredAt;
    byPlatform.set(event.platformId, entry);
  }
  for (const [platformId, { deltas, occurredAt }] of [...byPlatform.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    await mergeUsage(tx, platformId, deltas, occurredAt);
}

async function mergeUsage(tx: Transaction, platformId: string, deltas: Delta[], occurredAt: string): Promise<void> {
  // One row per key (an upsert may not touch a row twice): deltas of the same key merge here first.
  const byKey = new Map<string, { delta: Delta; dimensionsKey: string; state: AggregateStateJson }>();
  for (const d of deltas) {
    const key = dimensionsKey(d.dimensions);
    const k = `${d.customerId}|${d.metric}|${new Date(d.bucketStart).toISOString()}|${key}`;
    const known = byKey.get(k);
    byKey.set(k, {
      delta: d,
      dimensionsKey: key,
      state: known ? stateToJson(mergeStates(stateFromJson(known.state), stateFromJson(d.state)), d.aggregation) : d.state,
    });
  }
  await tx.manager.query(
    `INSERT INTO usage_totals (platform_id, customer_id, metric, bucket_start, dimensions_key, dimensions, meter_id, aggregation, state, updated_at)
     SELECT $1, r.customer_id, r.metric, r.bucket_start, r.dimensions_key, r.dimensions, r.meter_id, r.aggregation, r.state, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(customer_id uuid, metric text, bucket_start timestamptz, dimensions_key text, dimensions jsonb,
            meter_id uuid, aggregation text, state jsonb)
      ORDER BY r.customer_id, r.metric, r.bucket_start, r.dimensions_key COLLATE "C"
     ON CONFLICT (platform_id, customer_id, metric, bucket_start, dimensions_key)
     DO UPDATE SET state = usage_state_merge(usage_totals.state, EXCLUDED.state), updated_at = EXCLUDED.updated_at`,
    [
      platformId,
      JSON.stringify(
        [...byKey.values()].map(({ delta, dimensionsKey: key, state }) => ({
          customer_id: delta.customerId,
          metric: delta.metric,
          bucket_start: delta.bucketStart,
          dimensions_key: key,
          dimensions: delta.dimensions,
          meter_id: delta.meterId,
          aggregation: delta.aggregation,
          state,
        })),
      ),
      occurredAt,
    ],
  );
  // The drafts (and corrections, for hours of issued periods) of customers who are billed are recomputed once per
  // refresh, not per message; a customer without a subscription has nothing to refresh (a subscription arriving later
  // computes its periods from their start).
  const since = new Map<string, Date>();
  for (const d of deltas) {
    const at = new Date(d.bucketStart);
    const known = since.get(d.customerId);
    if (!known || at < known) since.set(d.customerId, at);
  }
  const billed = (await tx.manager.query(
    `SELECT DISTINCT customer_id FROM subscriptions WHERE platform_id = $1 AND customer_id = ANY($2::uuid[]) AND status <> 'DRAFT'`,
    [platformId, [...since.keys()]],
  )) as Array<{ customer_id: string }>;
  await requestDraftRefresh(
    tx,
    platformId,
    billed.map(({ customer_id }) => ({ customerId: customer_id, usageSince: since.get(customer_id)! })),
  );
}
