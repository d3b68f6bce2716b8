import { Decimal, notFound, type RequestContext } from '@meterline/kit';

export interface UsageWindow {
  metric: string;
  from: Date;
  to: Date;
}

/** Aggregates of a metric over [from, to) per customer, batched: one query per (metric, window) per request. */
export class UsageRepository {
  constructor(private readonly ctx: RequestContext) {}

  async total(customerId: string, window: UsageWindow): Promise<Decimal> {
    const key = `usage:${window.metric}:${window.from.toISOString()}:${window.to.toISOString()}`;
    const loader = this.ctx.loaders.get<string, Decimal>(key, async (customerIds) => {
      const [metric] = (await this.ctx.db.query(
        `SELECT meter_id, aggregation, value_reference FROM meter_metrics WHERE platform_id = $1 AND reference = $2`,
        [this.ctx.platformId, window.metric],
      )) as Array<{ meter_id: string; aggregation: string; value_reference: string }>;
      if (!metric) return customerIds.map(() => notFound('Metric', 'metric'));
      const rows = (await this.ctx.db.query(
        `SELECT customer_id, sum(("values" ->> $3)::numeric)::text AS total
           FROM usage_events
          WHERE platform_id = $1 AND meter_id = $2 AND status = 'MATCHED' AND customer_id = ANY($4::uuid[])
            AND "timestamp" >= $5 AND "timestamp" < $6 AND "values" ? $3
          GROUP BY customer_id`,
        [this.ctx.platformId, metric.meter_id, metric.value_reference, customerIds, window.from, window.to],
      )) as Array<{ customer_id: string; total: string }>;
      const totals = new Map(rows.map((r) => [r.customer_id, new Decimal(r.total)]));
      return customerIds.map((id) => totals.get(id) ?? new Decimal(0));
    });
    return loader.load(customerId);
  }
}
