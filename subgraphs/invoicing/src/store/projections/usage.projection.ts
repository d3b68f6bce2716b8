import { createHash } from 'node:crypto';
import type { UsageRecordedPayload } from '@meterline/contracts';
import { groupBy, type EventOf, type Transaction } from '@meterline/kit';
import { mergeStates, stateFromJson, stateToJson } from '@meterline/usage';
import { requestDraftRefresh } from '../draft-requests';
import { customersWithSpendAlerts, evaluateUsageAlerts } from '../../billing/alert-evaluation';
import { subscriptionsOfCustomers } from '../../billing/read-models';
import { alertsWatching } from '../alert.repository';
import { boundariesWithin, bucketStartOf, hourOf, type Interval } from '../../domain/usage-windows';
import { lockCustomersUsage, mergeIntoTotals, NO_SUBSCRIPTION, type TotalDelta } from '../usage.repository';

/** One item of metering.usage.recorded v2: one event's usage of one metric. */
type UsageItem = UsageRecordedPayload['items'][number];

/**
 * A stable key for dimension values, whatever the order of their properties: the SHA-256 of their canonical JSON, so
 * the key of usage_totals' primary key stays 64 characters however long the values (kept whole in `dimensions`).
 */
export function dimensionsKey(dimensions: Record<string, string | null>): string {
  const canonical = JSON.stringify(
    Object.keys(dimensions)
      .sort()
      .map((k) => [k, dimensions[k]]),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * metering.usage.recorded → usage_items and usage_totals, for what arrived while the last transaction ran (a lone
 * message is a batch of one). Items are inserted once per (event, metric): a redelivered or re-emitted item is
 * skipped, and only the items actually inserted merge into the totals, so totals are always the sum of their items.
 * Totals are per UTC hour, split at every instant inside it where one of the customer's billing windows may begin or
 * end (`boundariesWithin`), so any window is read from totals alone.
 */
export function usageRecordedBatchHandler(
  refreshDelayMs: number,
): (tx: Transaction, events: EventOf<'metering.usage.recorded'>[]) => Promise<void> {
  return (tx, events) => onUsageRecordedBatch(tx, events, refreshDelayMs);
}

/** `usageRecordedBatchHandler`'s work: the drafts of the customers billed are asked for from `refreshDelayMs` on. */
export async function onUsageRecordedBatch(
  tx: Transaction,
  events: EventOf<'metering.usage.recorded'>[],
  refreshDelayMs = 0,
): Promise<void> {
  const byPlatform = new Map<string, { items: UsageItem[]; occurredAt: string }>();
  for (const event of events) {
    const entry = byPlatform.get(event.platformId) ?? { items: [], occurredAt: event.occurredAt };
    entry.items.push(...event.data.items);
    if (event.occurredAt > entry.occurredAt) entry.occurredAt = event.occurredAt;
    byPlatform.set(event.platformId, entry);
  }
  for (const [platformId, { items, occurredAt }] of [...byPlatform.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    await recordUsage(tx, platformId, items, occurredAt, refreshDelayMs);
}

async function recordUsage(
  tx: Transaction,
  platformId: string,
  items: UsageItem[],
  occurredAt: string,
  refreshDelayMs: number,
): Promise<void> {
  const unique = new Map<string, UsageItem>();
  for (const item of items) unique.set(`${item.eventId}|${item.metric}`, item);
  const customerIds = [...new Set([...unique.values()].map((i) => i.customerId))];
  // Buckets follow the boundaries of the subscriptions committed now; a subscription's re-split waits for us (and we for it).
  await lockCustomersUsage(tx, platformId, customerIds);
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
  const subscriptions = await subscriptionsOfCustomers(tx, platformId, customerIds);
  const subscriptionsOf = groupBy(subscriptions, (s) => s.customerId);
  const boundaries = new Map<string, Date[]>();
  const boundariesOf = (customerId: string, hour: Interval) => {
    const key = `${customerId}|${hour.start.getTime()}`;
    let known = boundaries.get(key);
    if (!known) {
      known = boundariesWithin(subscriptionsOf.get(customerId) ?? [], hour);
      boundaries.set(key, known);
    }
    return known;
  };
  // One row per key (an upsert may not touch a row twice): items of the same bucket and key merge here first.
  const byKey = new Map<string, TotalDelta>();
  for (const item of fresh) {
    const at = new Date(item.at);
    const hour = hourOf(at);
    const bucketStart = bucketStartOf(at, hour, boundariesOf(item.customerId, hour));
    const key = dimensionsKey(item.dimensions);
    const k = `${item.customerId}|${item.metric}|${item.subscriptionId ?? ''}|${bucketStart.getTime()}|${key}`;
    const known = byKey.get(k);
    byKey.set(k, {
      customerId: item.customerId,
      metric: item.metric,
      subscriptionId: item.subscriptionId,
      bucketStart,
      dimensionsKey: key,
      dimensions: item.dimensions,
      meterId: item.meterId,
      aggregation: item.aggregation,
      state: known ? stateToJson(mergeStates(stateFromJson(known.state), stateFromJson(item.state)), item.aggregation) : item.state,
    });
  }
  await mergeIntoTotals(tx, platformId, [...byKey.values()], occurredAt);
  // Alerts (issue 15): one indexed lookup per batch; usage alerts read the totals just merged, before this commits.
  const alerts = await alertsWatching(tx, platformId, [...new Set(fresh.map((i) => i.customerId))]);
  if (alerts.length > 0)
    await evaluateUsageAlerts(
      tx,
      platformId,
      alerts,
      fresh.map((i) => ({ customerId: i.customerId, metric: i.metric, at: new Date(i.at) })),
      subscriptionsOf,
      tx.now(platformId),
    );
  // The drafts (and corrections, for issued periods) of customers who are billed are recomputed once per refresh, not
  // per message, in the background once the delay has passed (readers apply the requests at once); a customer without a subscription has nothing to refresh (a subscription arriving later computes its
  // periods from their start).
  const since = new Map<string, Date>();
  for (const item of fresh) {
    const at = new Date(item.at);
    const known = since.get(item.customerId);
    if (!known || at < known) since.set(item.customerId, at);
  }
  const billed = [...since.entries()]
    .filter(([customerId]) => subscriptionsOf.has(customerId))
    .map(([customerId, usageSince]) => ({ customerId, usageSince }));
  // A customer with a spend alert has its drafts priced at the refresher's next poll: the alert fires as usage arrives.
  const spendWatched = customersWithSpendAlerts(alerts);
  await requestDraftRefresh(
    tx,
    platformId,
    billed.filter((r) => !spendWatched.has(r.customerId)),
    refreshDelayMs,
  );
  await requestDraftRefresh(
    tx,
    platformId,
    billed.filter((r) => spendWatched.has(r.customerId)),
    0,
  );
}
