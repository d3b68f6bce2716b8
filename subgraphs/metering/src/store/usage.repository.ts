import { badInput, checkListSize, Decimal, notFound, valueOrBadInput, type RequestContext } from '@meterline/kit';
import { finalValue, type AggregateState, type MetricDefinition } from '@meterline/usage';
import type { Aggregation } from '../domain/meter';

/** Properties one usage query may group by (each adds a dimension to every bucket). */
export const MAX_USAGE_GROUP_BY = 16;

export type Granularity = 'NONE' | 'HOUR' | 'DAY' | 'MONTH';

export interface UsageQuery {
  metric: string;
  from: Date;
  to: Date;
  groupBy: string[];
  granularity: Granularity;
}

export interface UsageBucketRow {
  start: Date;
  end: Date;
  dimensions: Record<string, string | null>;
  value: Decimal;
}

export interface UsageResult {
  metric: string;
  aggregation: Aggregation;
  from: Date;
  to: Date;
  value: Decimal;
  buckets: UsageBucketRow[];
}

const STEP: Record<Exclude<Granularity, 'NONE'>, string> = { HOUR: 'hour', DAY: 'day', MONTH: 'month' };

interface AggregateRow {
  customer_id: string;
  is_total: boolean;
  bucket: Date | null;
  [group: `g${number}`]: string | null;
  count: number;
  sum: string | null;
  max: string | null;
  min: string | null;
  latest: string | null;
  distinct_count: number;
}

/** The partial state a SQL row carries, so SQL results and @meterline/usage agree on every aggregation. */
function stateOf(row: AggregateRow): AggregateState {
  return {
    count: row.count,
    sum: new Decimal(row.sum ?? 0),
    max: row.max === null ? null : new Decimal(row.max),
    min: row.min === null ? null : new Decimal(row.min),
    latest: row.latest === null ? null : { value: new Decimal(row.latest), at: '', id: '' },
    distinct: Array.from({ length: row.distinct_count }, (_, i) => String(i)),
  };
}

function addStep(start: Date, granularity: Exclude<Granularity, 'NONE'>): Date {
  const end = new Date(start.getTime());
  if (granularity === 'HOUR') end.setUTCHours(end.getUTCHours() + 1);
  if (granularity === 'DAY') end.setUTCDate(end.getUTCDate() + 1);
  if (granularity === 'MONTH') end.setUTCMonth(end.getUTCMonth() + 1);
  return end;
}

/**
 * Usage of a metric per customer over [from, to): total plus buckets (granularity × groupBy) in one SQL statement
 * (GROUPING SETS), batched across the customers of a request.
 */
export class UsageRepository {
  constructor(private readonly ctx: RequestContext) {}

  async forCustomer(customerId: string, query: UsageQuery): Promise<UsageResult> {
    if (query.to <= query.from) throw badInput('to', 'to must be after from');
    valueOrBadInput('groupBy', checkListSize(query.groupBy, MAX_USAGE_GROUP_BY));
    const key = `usage:${JSON.stringify(query)}`;
    return this.ctx.loaders.get<string, UsageResult>(key, (ids) => this.load(ids, query)).load(customerId);
  }

  private async load(customerIds: readonly string[], query: UsageQuery): Promise<Array<UsageResult | Error>> {
    const [metricRow] = (await this.ctx.db.query(
      `SELECT m.meter_id, m.aggregation, m.value_reference, m.property, m.filters, mt.properties
         FROM meter_metrics m JOIN meters mt ON mt.id = m.meter_id
        WHERE m.platform_id = $1 AND m.reference = $2`,
      [this.ctx.platformId, query.metric],
    )) as Array<{
      meter_id: string;
      aggregation: Aggregation;
      value_reference: string | null;
      property: string | null;
      filters: Record<string, string[]>;
      properties: string[];
    }>;
    if (!metricRow) return customerIds.map(() => notFound('Metric', 'metric'));
    const metric: MetricDefinition = {
      aggregation: metricRow.aggregation,
      valueReference: metricRow.value_reference,
      property: metricRow.property,
      filters: metricRow.filters,
    };

    const params: unknown[] = [this.ctx.platformId, metricRow.meter_id, customerIds, query.from, query.to];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions: string[] = [];
    if (metric.valueReference) conditions.push(`"values" ? ${param(metric.valueReference)}`);
    if (metric.property) conditions.push(`properties ? ${param(metric.property)}`);
    for (const [property, allowed] of Object.entries(metric.filters))
      conditions.push(`properties ->> ${param(property)} = ANY(${param(allowed)}::text[])`);
    const value = metric.valueReference ? `("values" ->> ${param(metric.valueReference)})::numeric` : 'NULL::numeric';
    const distinct = metric.property ? `properties ->> ${param(metric.property)}` : 'NULL';
    const groups = query.groupBy.map((property, i) => `properties ->> ${param(property)} AS g${i}`);
    const bucket = query.granularity === 'NONE' ? 'NULL::timestamptz' : `date_trunc(${param(STEP[query.granularity])}, "timestamp", 'UTC')`;
    const detail = query.granularity !== 'NONE' || query.groupBy.length > 0;
    const detailKeys = ['customer_id', 'bucket', ...query.groupBy.map((_, i) => `g${i}`)].join(', ');

    const rows = (await this.ctx.db.query(
      `SELECT customer_id, ${detail ? `GROUPING(bucket) = 1 AS is_total, bucket${query.groupBy.map((_, i) => `, g${i}`).join('')}` : 'true AS is_total'},
              count(*)::int AS count, sum(v)::text AS sum, max(v)::text AS max, min(v)::text AS min,
              (array_agg(v::text ORDER BY "timestamp" DESC, id DESC))[1] AS latest, count(DISTINCT d)::int AS distinct_count
         FROM (SELECT customer_id, id, "timestamp", ${value} AS v, ${distinct} AS d, ${bucket} AS bucket${groups.map((g) => `, ${g}`).join('')}
                 FROM usage_events
                WHERE platform_id = $1 AND meter_id = $2 AND customer_id = ANY($3::uuid[]) AND status = 'MATCHED'
                  AND "timestamp" >= $4 AND "timestamp" < $5${conditions.map((c) => ` AND ${c}`).join('')}) e
        GROUP BY GROUPING SETS ((customer_id)${detail ? `, (${detailKeys})` : ''})`,
      params,
    )) as AggregateRow[];

    return customerIds.map((customerId) => {
      const mine = rows.filter((r) => r.customer_id === customerId);
      const total = mine.find((r) => r.is_total);
      const buckets = mine
        .filter((r) => !r.is_total)
        .map((r) => {
          const start = r.bucket && r.bucket > query.from ? new Date(r.bucket) : query.from;
          const next = r.bucket && query.granularity !== 'NONE' ? addStep(new Date(r.bucket), query.granularity) : query.to;
          return {
            start,
            end: next < query.to ? next : query.to,
            dimensions: Object.fromEntries(query.groupBy.map((p, i) => [p, r[`g${i}`] ?? null])),
            value: finalValue(metric, stateOf(r)),
          };
        })
        .sort((a, b) => a.start.getTime() - b.start.getTime() || JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions)));
      return {
        metric: query.metric,
        aggregation: metric.aggregation,
        from: query.from,
        to: query.to,
        value: total ? finalValue(metric, stateOf(total)) : new Decimal(0),
        buckets,
      };
    });
  }
}
