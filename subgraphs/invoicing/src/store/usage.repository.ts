import { stateFromJson, type AggregateStateJson, type Aggregation } from '@meterline/usage';
import type { Transaction } from '@meterline/kit';
import type { UsageRow } from '../domain/period-usage';
import { splitAtHours, type Interval, type UsageQuery } from '../domain/usage-windows';

/** Where usage naming no subscription is kept (a key column cannot be null). */
export const NO_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** Where read models are read from: a transaction, or the DataSource for a request's reads. */
export type Reader = Pick<Transaction, 'manager'>;

interface Range {
  idx: number;
  customer_id: string;
  metric: string;
  sub: string;
  from_at: Date;
  to_at: Date;
}

type Row = { idx: number; aggregation: Aggregation; dimensions: Record<string, string | null>; state: AggregateStateJson };

const RANGES = `jsonb_to_recordset($2::jsonb) AS r(idx int, customer_id uuid, metric text, sub uuid, from_at timestamptz, to_at timestamptz)`;

/**
 * The usage rows of many queries in two statements (whole hours from usage_totals, the rest from usage_items); the
 * answer is in the order asked. Rows of one query merge to its usage (`stretchUsage`).
 */
export async function usageOfQueries(tx: Reader, platformId: string, queries: readonly UsageQuery[]): Promise<UsageRow[][]> {
  const out: UsageRow[][] = queries.map(() => []);
  const hours: Range[] = [];
  const events: Range[] = [];
  queries.forEach((q, idx) => {
    const range = (i: Interval): Range => ({
      idx,
      customer_id: q.customerId,
      metric: q.metric,
      sub: q.subscriptionId ?? NO_SUBSCRIPTION,
      from_at: i.start,
      to_at: i.end,
    });
    if (q.start >= q.end) return;
    if (q.transactions) {
      events.push(range(q));
      return;
    }
    const split = splitAtHours(q);
    if (split.hours) hours.push(range(split.hours));
    events.push(...split.edges.map(range));
  });
  if (hours.length > 0) {
    const rows = (await tx.manager.query(
      `SELECT r.idx, t.aggregation, t.dimensions, t.state FROM ${RANGES}
         JOIN usage_totals t ON t.platform_id = $1 AND t.customer_id = r.customer_id AND t.metric = r.metric
          AND t.subscription_id = r.sub AND t.bucket_start >= r.from_at AND t.bucket_start < r.to_at`,
      [platformId, JSON.stringify(hours)],
    )) as Row[];
    for (const row of rows)
      out[row.idx].push({ aggregation: row.aggregation, dimensions: row.dimensions, state: stateFromJson(row.state) });
  }
  if (events.length > 0) {
    const rows = (await tx.manager.query(
      `SELECT r.idx, i.aggregation, i.dimensions, i.state, i.at, i.event_id::text AS event_id FROM ${RANGES}
         JOIN usage_items i ON i.platform_id = $1 AND i.customer_id = r.customer_id AND i.metric = r.metric
          AND i.subscription_id = r.sub AND i.at >= r.from_at AND i.at < r.to_at`,
      [platformId, JSON.stringify(events)],
    )) as Array<Row & { at: Date; event_id: string }>;
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
