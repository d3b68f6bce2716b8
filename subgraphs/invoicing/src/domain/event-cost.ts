import { Decimal } from '@meterline/kit/domain';
import { periodContaining, type BillingPeriod, type IndexedPeriod } from '@meterline/periods';
import { parsePrice, price, pricesAmounts, type Price, type Usage } from '@meterline/pricing';
import type { Aggregation } from '@meterline/usage';
import type { PhaseForBilling, VersionForBilling } from './invoice-calculation';
import { periodUsage, type UsageTotal } from './period-usage';

const HOUR_MS = 3_600_000;
const ZERO = new Decimal(0);

/**
 * The billing period an instant's usage bills in: its UTC hour's (see `usageHours`). With an anchor at 10:30, usage at
 * 10:15 falls in the hour starting 10:00, which belongs to the period starting at 10:30 that day.
 */
export function periodOfUsageAt(anchor: Date, billingPeriod: BillingPeriod, instant: Date): IndexedPeriod {
  const hour = Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS;
  const offset = ((anchor.getTime() % HOUR_MS) + HOUR_MS) % HOUR_MS;
  return periodContaining(anchor, billingPeriod, new Date(Math.max(hour + offset, anchor.getTime())));
}

export interface EventForCost {
  /** What the event puts into each metric of its meter (metering's `UsageEvent.metricValues`). */
  contributions: Array<{ metric: string; value: Decimal }>;
  properties: Record<string, unknown>;
}

/** The price of each usage item billed in a period: the phase in effect at its end decides (as on the invoice). */
function usagePrices(phases: PhaseForBilling[], versions: Map<string, VersionForBilling>, periodEnd: Date): Map<string, Price[]> {
  const last = [...phases].filter((p) => p.startsAt < periodEnd).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0];
  const version = last && versions.get(last.planVersionId);
  const byMetric = new Map<string, Price[]>();
  for (const item of version?.prices ?? []) {
    if (item.chargeType !== 'USAGE' || !item.metricReference) continue;
    const list = byMetric.get(item.metricReference) ?? [];
    list.push(parsePrice(last.overrides[item.productItemId] ?? item.price));
    byMetric.set(item.metricReference, list);
  }
  return byMetric;
}

const ADDITIVE: ReadonlySet<Aggregation> = new Set(['SUM', 'COUNT']);

/**
 * An estimate of what one event costs in its period under the customer's pricing (the seed's event cost allocation):
 * - SUM and COUNT metrics: the marginal cost, the period's price with the event minus without it, so tiers, packages and
 *   percentage fees apply as they do on the invoice;
 * - MAX, MIN, LATEST, AVERAGE and UNIQUE_COUNT: no single event has a marginal cost, so the item's amount is split
 *   evenly over the period's events.
 * Exact (not rounded): the invoice rounds per line, so event costs need not add up to it. Null when nothing prices it.
 */
export function estimateEventCost(
  event: EventForCost,
  phases: PhaseForBilling[],
  versions: Map<string, VersionForBilling>,
  periodEnd: Date,
  totals: UsageTotal[],
): Decimal | null {
  const prices = usagePrices(phases, versions, periodEnd);
  const properties = Object.fromEntries(
    Object.entries(event.properties).map(([key, value]) => [key, value === null || value === undefined ? null : String(value)]),
  );
  let cost: Decimal | null = null;
  for (const { metric, value } of event.contributions) {
    const metricPrices = prices.get(metric);
    if (!metricPrices) continue;
    const rows = totals.filter((t) => t.metric === metric);
    const aggregation: Aggregation = rows[0]?.aggregation ?? 'SUM';
    const count = rows.reduce((sum, t) => sum + t.state.count, 0);
    for (const itemPrice of metricPrices) {
      const amountOf = (list: UsageTotal[]) => {
        const none: Usage = pricesAmounts(itemPrice.config) ? { kind: 'amounts', amounts: [] } : { kind: 'quantity', quantity: ZERO };
        return price(itemPrice, periodUsage(list)(metric, itemPrice) ?? none).amount;
      };
      let part: Decimal;
      if (ADDITIVE.has(aggregation)) {
        // The event is in the totals once metering's delta has arrived; until then, add it to see its cost.
        const sign = count >= 1 ? -1 : 1;
        const one: UsageTotal = {
          metric,
          aggregation,
          dimensions: properties,
          state: { count: sign, sum: value.times(sign), max: null, min: null, latest: null, distinct: [] },
        };
        const other = amountOf([...rows, one]);
        part = sign === -1 ? amountOf(rows).minus(other) : other.minus(amountOf(rows));
      } else {
        part = count === 0 ? ZERO : amountOf(rows).dividedBy(count);
      }
      cost = (cost ?? ZERO).plus(part);
    }
  }
  return cost;
}
