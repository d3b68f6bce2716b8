import type { UsageRecordedPayload } from '@meterline/contracts';
import type { EventOf, Transaction } from '@meterline/kit';
import { mergeStates, stateFromJson, stateToJson, type AggregateStateJson } from '@meterline/usage';
import { requestDraftRefresh } from '../draft-requests';
import { NO_SUBSCRIPTION } from '../usage.repository';

/** One item of metering.usage.recorded v2: one event's usage of one metric. */
type UsageItem = UsageRecordedPayload['items'][number];

const HOUR_MS = 3_600_000;

/** A stable key for dimension values, whatever the order of their properties. */
function dimensionsKey(dimensions: Record<string, string | null>): string {
  return JSON.stringify(
    Object.keys(dimensions)
      .sort()
      .map((k) => [k, dimensions[k]]),
  );
}

/**
 * metering.usage.recorded → usage_items and usage_totals, for what arrived while the last transaction ran (a lone
 * message is a batch of one). Items are inserted once per (event, metric): a redelivered or re-emitted item is
 * skipped, and only the items actually inserted merge into the hourly totals, so totals are always the sum of their
 * items. Totals are written once per key in one upsert, `usage_state_merge` doing in SQL what mergeStates does (atomic
 * per row, so two replicas never lose an update; rows go in key order, so two batches never deadlock).
 */
export async function onUsageRecordedBatch(tx: Transaction, events: EventOf<'metering.usage.recorded'>[]): Promise<void> {
  const byPlatform = new Map<string, { items: UsageItem[]; occurredAt: string }>();
  for (const event of events) {
    const entry = byPlatform.get(event.platformId) ?? { items: [], occurredAt: event.occurredAt };
    entry.items.push(...event.data.items);
    if (event.occurredAt > entry.occurredAt) entry.occurredAt = event.occurredAt;
    byPlatform.set(event.platformId, entry);
  }
  for (const [platformId, { items, occurredAt }] of [...byPlatform.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    await recordUsage(tx, platformId, items, occurredAt);
}

async function recordUsage(tx: Transaction, platformId: string, items: UsageItem[], occurredAt: string): Promise<void> {
  const unique = new Map<string, UsageItem>();
  for (const item of items) unique.set(`${item.eventId}|${item.metric}`, item);
  const inserted = (await tx.manager.query(
    `INSERT INTO usage_items (platform_id, event_id, metric, customer_id, subscription_id, at, dimensions_key, dimensions, meter_id, aggregation, state)
     SELECT $1, r.event_id, r.metric, r.customer_id, r.subscription_id, r.at, r.dimensions_key, r.dimensions, r.meter_id, r.aggregation, r.state
       FROM jsonb_to_recordset($2::jsonb) AS r(event_id uuid, metric text, customer_id uuid, subscription_id uuid, at timestamptz,
            dimensions_key text, dimensions jsonb, meter_id uuid, aggregation text, state jsonb)
      ORDER BY r.event_id, r.metric COLLATE "C"
     ON CONFLICT (platform_id, event_id, metric) DO NOTHING
     RETURNING event_id::text AS event_id, metric`,
    [
      platformId,
      JSON.stringify(
        [...unique.values()].map((i) => ({
          event_id: i.eventId,
          metric: i.metric,
          customer_id: i.customerId,
          subscription_id: i.subscriptionId ?? NO_SUBSCRIPTION,
          at: i.at,
          dimensions_key: dimensionsKey(i.dimensions),
          dimensions: i.dimensions,
          meter_id: i.meterId,
          aggregation: i.aggregation,
          state: i.state,
        })),
      ),
    ],
  )) as Array<{ event_id: string; metric: string }>;
  const fresh = inserted.map((r) => unique.get(`${r.event_id}|${r.metric}`)!);
  if (fresh.length === 0) return;
  // One row per key (an upsert may not touch a row twice): items of the same hour and key merge here first.
  const byKey = new Map<string, { item: UsageItem; bucketStart: string; dimensionsKey: string; state: AggregateStateJson }>();
  for (const item of fresh) {
    const key = dimensionsKey(item.dimensions);
    const bucketStart = new Date(Math.floor(Date.parse(item.at) / HOUR_MS) * HOUR_MS).toISOString();
    const k = `${item.customerId}|${item.metric}|${item.subscriptionId ?? ''}|${bucketStart}|${key}`;
    const known = byKey.get(k);
    byKey.set(k, {
      item,
      bucketStart,
      dimensionsKey: key,
      state: known ? stateToJson(mergeStates(stateFromJson(known.state), stateFromJson(item.state)), item.aggregation) : item.state,
    });
  }
  await tx.manager.query(
    `INSERT INTO usage_totals (platform_id, customer_id, metric, subscription_id, bucket_start, dimensions_key, dimensions, meter_id, aggregation, state, updated_at)
     SELECT $1, r.customer_id, r.metric, r.subscription_id, r.bucket_start, r.dimensions_key, r.dimensions, r.meter_id, r.aggregation, r.state, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(customer_id uuid, metric text, subscription_id uuid, bucket_start timestamptz,
            dimensions_key text, dimensions jsonb, meter_id uuid, aggregation text, state jsonb)
      ORDER BY r.customer_id, r.metric, r.subscription_id, r.bucket_start, r.dimensions_key COLLATE "C"
     ON CONFLICT (platform_id, customer_id, metric, subscription_id, bucket_start, dimensions_key)
     DO UPDATE SET state = usage_state_merge(usage_totals.state, EXCLUDED.state), updated_at = EXCLUDED.updated_at`,
    [
      platformId,
      JSON.stringify(
        [...byKey.values()].map(({ item, bucketStart, dimensionsKey: key, state }) => ({
          customer_id: item.customerId,
          metric: item.metric,
          subscription_id: item.subscriptionId ?? NO_SUBSCRIPTION,
          bucket_start: bucketStart,
          dimensions_key: key,
          dimensions: item.dimensions,
          meter_id: item.meterId,
          aggregation: item.aggregation,
          state,
        })),
      ),
      occurredAt,
    ],
  );
  // The drafts (and corrections, for issued periods) of customers who are billed are recomputed once per refresh, not
  // per message; a customer without a subscription has nothing to refresh (a subscription arriving later computes its
  // periods from their start).
  const since = new Map<string, Date>();
  for (const item of fresh) {
    const at = new Date(item.at);
    const known = since.get(item.customerId);
    if (!known || at < known) since.set(item.customerId, at);
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
