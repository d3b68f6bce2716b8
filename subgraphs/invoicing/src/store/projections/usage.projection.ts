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
 * metering.usage.recorded → usage_totals: each delta merges into its (customer, metric, hour, dimensions) total.
 * One lock per platform (not per customer: a message spans up to a thousand) so two replicas merging into the same
 * total never lose an update; the inbox makes a redelivered message a no-op.
 */
export async function onUsageRecorded(tx: Transaction, event: EventEnvelope): Promise<void> {
  const deltas = (event.data as { deltas: Delta[] }).deltas;
  const customers = [...new Set(deltas.map((d) => d.customerId))].sort();
  await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('usage:' || $1 || ':' || c)) FROM unnest($2::text[]) AS c`, [
    event.platformId,
    customers,
  ]);
  const keyed = deltas.map((d) => ({ ...d, key: dimensionsKey(d.dimensions) }));
  const existing = (await tx.manager.query(
    `SELECT t.customer_id, t.metric, t.bucket_start, t.dimensions_key, t.state
       FROM usage_totals t JOIN jsonb_to_recordset($2::jsonb) AS k(customer_id uuid, metric text, bucket_start timestamptz, dimensions_key text)
         ON t.customer_id = k.customer_id AND t.metric = k.metric AND t.bucket_start = k.bucket_start AND t.dimensions_key = k.dimensions_key
      WHERE t.platform_id = $1`,
    [
      event.platformId,
      JSON.stringify(
        keyed.map((d) => ({ customer_id: d.customerId, metric: d.metric, bucket_start: d.bucketStart, dimensions_key: d.key })),
      ),
    ],
  )) as Array<{ customer_id: string; metric: string; bucket_start: Date; dimensions_key: string; state: AggregateStateJson }>;
  const totalKey = (customerId: string, metric: string, bucket: string, key: string) =>
    `${customerId}|${metric}|${new Date(bucket).toISOString()}|${key}`;
  const current = new Map(
    existing.map((e) => [totalKey(e.customer_id, e.metric, e.bucket_start.toISOString(), e.dimensions_key), stateFromJson(e.state)]),
  );
  const merged = new Map<string, { delta: (typeof keyed)[number]; state: ReturnType<typeof stateFromJson> }>();
  for (const d of keyed) {
    const k = totalKey(d.customerId, d.metric, d.bucketStart, d.key);
    const base = merged.get(k)?.state ?? current.get(k);
    const state = base ? mergeStates(base, stateFromJson(d.state)) : stateFromJson(d.state);
    merged.set(k, { delta: d, state });
  }
  await tx.manager.query(
    `INSERT INTO usage_totals (platform_id, customer_id, metric, bucket_start, dimensions_key, dimensions, meter_id, aggregation, state, updated_at)
     SELECT $1, r.customer_id, r.metric, r.bucket_start, r.dimensions_key, r.dimensions, r.meter_id, r.aggregation, r.state, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(customer_id uuid, metric text, bucket_start timestamptz, dimensions_key text, dimensions jsonb,
            meter_id uuid, aggregation text, state jsonb)
     ON CONFLICT (platform_id, customer_id, metric, bucket_start, dimensions_key) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
    [
      event.platformId,
      JSON.stringify(
        [...merged.values()].map(({ delta, state }) => ({
          customer_id: delta.customerId,
          metric: delta.metric,
          bucket_start: delta.bucketStart,
          dimensions_key: delta.key,
          dimensions: delta.dimensions,
          meter_id: delta.meterId,
          aggregation: delta.aggregation,
          state: stateToJson(state, delta.aggregation),
        })),
      ),
      event.occurredAt,
    ],
  );
  // The customers' drafts (and corrections, for hours of issued periods) are recomputed once per refresh, not per message.
  const since = new Map<string, Date>();
  for (const d of deltas) {
    const at = new Date(d.bucketStart);
    const known = since.get(d.customerId);
    if (!known || at < known) since.set(d.customerId, at);
  }
  await requestDraftRefresh(
    tx,
    event.platformId,
    [...since.entries()].map(([customerId, usageSince]) => ({ customerId, usageSince })),
  );
}
