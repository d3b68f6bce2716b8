import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Chart, type ChartPoint } from '../Chart';
import { ErrorMessage } from '../errors';
import { period as periodText } from '../format';
import { CustomerUsageDocument, type CustomerUsageQuery, type SubscriptionFieldsFragment } from '../generated';

const DAY_MS = 86_400_000;

interface UsageWindow {
  key: string;
  label: string;
  from: string;
  to: string;
}

/** The windows the usage charts offer: the current billing period (when there is one), this month, the last 30 days, last month. */
function usageWindows(now: Date, billingPeriod: { start: string; end: string } | null): UsageWindow[] {
  const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  const iso = (ms: number) => new Date(ms).toISOString();
  const windows: UsageWindow[] = [
    { key: 'month', label: 'This month', from: iso(Date.UTC(y, m, 1)), to: iso(Date.UTC(y, m + 1, 1)) },
    { key: 'last30', label: 'Last 30 days', from: iso(Date.UTC(y, m, d - 29)), to: iso(Date.UTC(y, m, d + 1)) },
    { key: 'lastMonth', label: 'Last month', from: iso(Date.UTC(y, m - 1, 1)), to: iso(Date.UTC(y, m, 1)) },
  ];
  if (!billingPeriod) return windows;
  const label = `Current billing period (${periodText(billingPeriod.start, billingPeriod.end)})`;
  return [{ key: 'period', label, from: billingPeriod.start, to: billingPeriod.end }, ...windows];
}

/** One bar per UTC day of [from, to): the day's bucket, or 0 on a day without usage. */
function dailyPoints(usage: CustomerUsageQuery['usage']): ChartPoint[] {
  const byDay = new Map(usage.buckets.map((b) => [b.start.slice(0, 10), b.value]));
  const first = new Date(usage.from);
  const points: ChartPoint[] = [];
  const end = new Date(usage.to).getTime();
  for (let t = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()); t < end; t += DAY_MS) {
    const key = new Date(t).toISOString().slice(0, 10);
    points.push({ label: key.slice(5), value: byDay.get(key) ?? '0' });
  }
  return points;
}

interface UsageMetric {
  metric: string;
  name: string;
  unit: string | null;
}

/** The metrics the customer's running (ACTIVE or CANCELED, not ended) subscriptions bill through USAGE prices. */
export function usageMetrics(subscriptions: SubscriptionFieldsFragment[]): UsageMetric[] {
  const metrics = new Map<string, UsageMetric>();
  for (const s of subscriptions) {
    if (s.status !== 'ACTIVE' && s.status !== 'CANCELED') continue;
    for (const { productItem: item } of s.planVersion.prices) {
      if (item.chargeType === 'USAGE' && item.metricReference && !metrics.has(item.metricReference))
        metrics.set(item.metricReference, { metric: item.metricReference, name: item.name, unit: item.unitLabel });
    }
  }
  return [...metrics.values()];
}

/** The customer's usage per day of each metric its subscriptions bill, over a window to choose. */
export function CustomerUsage({ customerId, subscriptions }: { customerId: string; subscriptions: SubscriptionFieldsFragment[] }) {
  const metrics = usageMetrics(subscriptions);
  const running = subscriptions.find((s) => (s.status === 'ACTIVE' || s.status === 'CANCELED') && s.currentPeriod);
  const start = running?.currentPeriod?.start;
  const end = running?.currentPeriod?.end;
  const windows = useMemo(() => usageWindows(new Date(), start && end ? { start, end } : null), [start, end]);
  const [key, setKey] = useState(windows[0].key);
  const selected = windows.find((w) => w.key === key) ?? windows[0];
  return (
    <section aria-label="Usage">
      <div className="screen-head">
        <h3>Usage</h3>
        {metrics.length > 0 && (
          <label className="inline">
            Window
            <select value={selected.key} onChange={(e) => setKey(e.target.value)}>
              {windows.map((w) => (
                <option key={w.key} value={w.key}>
                  {w.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {metrics.length === 0 ? (
        <p className="state empty">No usage-priced metric on this customer’s running subscriptions.</p>
      ) : (
        <div className="usage-charts">
          {metrics.map((m) => (
            <MetricUsage key={m.metric} customer={customerId} metric={m} range={selected} />
          ))}
        </div>
      )}
    </section>
  );
}

function MetricUsage({ customer, metric, range }: { customer: string; metric: UsageMetric; range: UsageWindow }) {
  const { data, loading, error } = useQuery(CustomerUsageDocument, {
    variables: { customer, metric: metric.metric, from: range.from, to: range.to },
    fetchPolicy: 'cache-and-network',
  });
  const usage = data?.usage;
  const unit = metric.unit ?? undefined;
  return (
    <div className="usage-metric">
      <h4>
        {metric.name} <code>{metric.metric}</code>
      </h4>
      <ErrorMessage error={error} />
      {!usage && loading && <p className="state">Loading usage…</p>}
      {usage && (
        <>
          <p>
            Total: <strong data-testid={`usage-total-${metric.metric}`}>{usage.value}</strong>
            {unit && ` ${unit}`} <span className="muted">({usage.aggregation})</span>
          </p>
          {usage.buckets.length === 0 ? (
            <p className="state empty">No usage in this window.</p>
          ) : (
            <Chart kind="bar" points={dailyPoints(usage)} title={`${metric.metric} per day`} unit={unit} />
          )}
        </>
      )}
    </div>
  );
}
