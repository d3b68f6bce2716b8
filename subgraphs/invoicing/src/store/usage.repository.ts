import { Decimal, type Transaction } from '@meterline/kit';
import { stateFromJson, type AggregateState, type AggregateStateJson, type Aggregation } from '@meterline/usage';
import type { UsageRow } from '../domain/period-usage';
import type { Interval, UsageQuery } from '../domain/usage-windows';

/** Where usage naming no subscription is kept (a key column cannot be null). */
export const NO_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** Where read models are read from: a transaction, or the DataSource for a request's reads. */
export type Reader = Pick<Transaction, 'manager'>;

interface Range {
  idx: number;
  customer_id: string;
  metric: string;
  subs: string[];
  from_at: Date;
  to_at: Date;
}

const ranges = (param: number) =>
  `jsonb_to_recordset($${param}::jsonb) AS r(idx int, customer_id uuid, metric text, subs uuid[], from_at timestamptz, to_at timestamptz)`;

/** One merged state per (query, dimension values), merged in SQL the way @meterline/usage's mergeStates merges. */
interface MergedRow {
  idx: number;
  aggregation: Aggregation;
  dimensions: Record<string, string | null>;
  count: string;
  sum: string;
  max: string | null;
  min: string | null;
  latest: { value: string; at: string; id: string } | null;
  distincts: string[][] | null;
}

function mergedState(row: MergedRow): AggregateState {
  return {
    count: Number(row.count),
    sum: new Decimal(row.sum),
    max: row.max === null ? null : new Decimal(row.max),
    min: row.min === null ? null : new Decimal(row.min),
    latest: row.latest ? { ...row.latest, value: new Decimal(row.latest.value) } : null,
    distinct: row.distincts ? [...new Set(row.distincts.flat())].sort() : [],
  };
}

/**
 * The usage of many queries in two statements, in the order asked. Without transactions, a query's window is read from
 * usage_totals alone, merged in SQL into one state per dimension values (count and sum add; max and min keep the
 * extreme; latest keeps the later by instant, then id; distinct values unite): totals are split at every boundary a
 * window can have (`boundariesWithin`), so the buckets starting in [start, end) hold exactly the usage of [start, end),
 * and a refresh reads a few rows per query whatever the volume. With transactions (percentage prices), every event of
 * the window comes back on its own from usage_items, with its instant and id.
 */
export async function usageOfQueries(tx: Reader, platformId: string, queries: readonly UsageQuery[]): Promise<UsageRow[][]> {
  const out: UsageRow[][] = queries.map(() => []);
  const totals: Range[] = [];
  const transactions: Range[] = [];
  queries.forEach((q, idx) => {
    if (q.start >= q.end) return;
    const range: Range = {
      idx,
      customer_id: q.customerId,
      metric: q.metric,
      subs: q.subscriptionIds.map((id) => id ?? NO_SUBSCRIPTION),
      from_at: q.start,
      to_at: q.end,
    };
    (q.transactions ? transactions : totals).push(range);
  });
  if (totals.length > 0) {
    const rows = (await tx.manager.query(
      `SELECT r.idx, min(t.aggregation) AS aggregation, (array_agg(t.dimensions))[1] AS dimensions,
              sum((t.state->>'count')::bigint)::text AS count, sum((t.state->>'sum')::numeric)::text AS sum,
              max((t.state->>'max')::numeric)::text AS max, min((t.state->>'min')::numeric)::text AS min,
              (array_agg(t.state->'latest' ORDER BY (t.state->'latest'->>'at') COLLATE "C" DESC, (t.state->'latest'->>'id') COLLATE "C" DESC)
                 FILTER (WHERE t.state ? 'latest'))[1] AS latest,
              jsonb_agg(t.state->'distinct') FILTER (WHERE t.state ? 'distinct') AS distincts
         FROM ${ranges(2)}
         JOIN usage_totals t ON t.platform_id = $1 AND t.customer_id = r.customer_id AND t.metric = r.metric
          AND t.subscription_id = ANY(r.subs) AND t.bucket_start >= r.from_at AND t.bucket_start < r.to_at
        GROUP BY r.idx, t.dimensions_key`,
      [platformId, JSON.stringify(totals)],
    )) as MergedRow[];
    for (const row of rows) out[row.idx].push({ aggregation: row.aggregation, dimensions: row.dimensions, state: mergedState(row) });
  }
  if (transactions.length > 0) {
    const rows = (await tx.manager.query(
      `SELECT r.idx, i.aggregation, i.dimensions, i.state, i.at, i.event_id::text AS event_id FROM ${ranges(2)}
         JOIN usage_items i ON i.platform_id = $1 AND i.customer_id = r.customer_id AND i.metric = r.metric
          AND i.subscription_id = ANY(r.subs) AND i.at >= r.from_at AND i.at < r.to_at`,
      [platformId, JSON.stringify(transactions)],
    )) as Array<{
      idx: number;
      aggregation: Aggregation;
      dimensions: Record<string, string | null>;
      state: AggregateStateJson;
      at: Date;
      event_id: string;
    }>;
    for (const row of rows)
      out[row.idx].push({
        aggregation: row.aggregation,
        dimensions: row.dimensions,
        state: stateFromJson(row.state),
        event: { at: row.at, id: row.event_id },
      });
  }
  return out;
}

/**
 * Everything that writes a customer's usage totals (the usage consumer, a subscription's re-split) holds this lock for
 * the transaction, in customer order, so totals are always split at the boundaries of the subscriptions committed.
 */
export async function lockCustomersUsage(tx: Transaction, platformId: string, customerIds: string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.manager.query(
    `SELECT pg_advisory_xact_lock(hashtext('usage:' || $1 || ':' || c)) FROM unnest($2::uuid[]) AS c ORDER BY c::text`,
    [platformId, [...new Set(customerIds)].sort()],
  );
}

/** A bucket's worth of usage to merge into its total. */
export interface TotalDelta {
  customerId: string;
  metric: string;
  subscriptionId: string | null;
  bucketStart: Date;
  dimensionsKey: string;
  dimensions: Record<string, string | null>;
  meterId: string;
  aggregation: Aggregation;
  state: AggregateStateJson;
}

/**
 * Merges deltas into their totals in one upsert, `usage_state_merge` doing in SQL what mergeStates does (atomic per
 * row, so two replicas never lose an update; rows go in key order, so two batches never deadlock). One delta per key.
 */
export async function mergeIntoTotals(tx: Transaction, platformId: string, deltas: TotalDelta[], updatedAt: string): Promise<void> {
  if (deltas.length === 0) return;
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
        deltas.map((d) => ({
          customer_id: d.customerId,
          metric: d.metric,
          subscription_id: d.subscriptionId ?? NO_SUBSCRIPTION,
          bucket_start: d.bucketStart,
          dimensions_key: d.dimensionsKey,
          dimensions: d.dimensions,
          meter_id: d.meterId,
          aggregation: d.aggregation,
          state: d.state,
        })),
      ),
      updatedAt,
    ],
  );
}

/** The latest bucket a customer has usage in (null: none yet). */
export async function latestUsageAt(tx: Transaction, platformId: string, customerId: string): Promise<Date | null> {
  const [row] = (await tx.manager.query(
    `SELECT max(bucket_start) AS latest FROM usage_totals WHERE platform_id = $1 AND customer_id = $2`,
    [platformId, customerId],
  )) as Array<{ latest: Date | null }>;
  return row?.latest ? new Date(row.latest.getTime() + 3_600_000) : null;
}

/** The hours (of those given) in which a customer has usage totals. */
export async function hoursWithUsage(tx: Transaction, platformId: string, customerId: string, hours: Date[]): Promise<Date[]> {
  if (hours.length === 0) return [];
  const rows = (await tx.manager.query(
    `SELECT DISTINCT h AS hour FROM unnest($3::timestamptz[]) AS h
      WHERE EXISTS (SELECT 1 FROM usage_totals t WHERE t.platform_id = $1 AND t.customer_id = $2
                      AND t.bucket_start >= h AND t.bucket_start < h + interval '1 hour')`,
    [platformId, customerId, hours],
  )) as Array<{ hour: Date }>;
  return rows.map((r) => r.hour);
}

/** An hour's totals of a customer rebuilt from its items, split at `boundaries` (a new boundary fell inside it). */
export async function rebuildHourTotals(
  tx: Transaction,
  platformId: string,
  customerId: string,
  hour: Interval,
  boundaries: Date[],
  updatedAt: string,
): Promise<void> {
  const keys = (await tx.manager.query(
    `WITH deleted AS (DELETE FROM usage_totals WHERE platform_id = $1 AND customer_id = $2 AND bucket_start >= $3 AND bucket_start < $4
                      RETURNING metric, subscription_id)
     SELECT DISTINCT metric, subscription_id FROM deleted`,
    [platformId, customerId, hour.start, hour.end],
  )) as Array<{ metric: string; subscription_id: string }>;
  if (keys.length === 0) return;
  await tx.manager.query(
    `INSERT INTO usage_totals (platform_id, customer_id, metric, subscription_id, bucket_start, dimensions_key, dimensions, meter_id, aggregation, state, updated_at)
     SELECT $1, $2, i.metric, i.subscription_id, b.bucket_start, i.dimensions_key, (array_agg(i.dimensions))[1], (array_agg(i.meter_id))[1],
            min(i.aggregation), usage_state_agg(i.state), $7
       FROM unnest($5::text[], $6::uuid[]) AS k(metric, subscription_id)
       JOIN usage_items i ON i.platform_id = $1 AND i.customer_id = $2 AND i.metric = k.metric AND i.subscription_id = k.subscription_id
        AND i.at >= $3 AND i.at < $4
       CROSS JOIN LATERAL (SELECT coalesce((SELECT max(x) FROM unnest($8::timestamptz[]) AS x WHERE x <= i.at), $3::timestamptz) AS bucket_start) b
      GROUP BY i.metric, i.subscription_id, b.bucket_start, i.dimensions_key`,
    [platformId, customerId, hour.start, hour.end, keys.map((k) => k.metric), keys.map((k) => k.subscription_id), updatedAt, boundaries],
  );
}
