import { Decimal } from '@meterline/kit/domain';
import type { Period } from '@meterline/periods';
import { matchingRule, pricesAmounts, type DimensionalUsage, type Price, type Usage } from '@meterline/pricing';
import { emptyState, finalValue, mergeStates, type AggregateState, type Aggregation } from '@meterline/usage';
import type { UsageOfMetric } from './invoice-calculation';

const HOUR_MS = 3_600_000;

/** One hour's usage total of a metric for one combination of dimension values (invoicing's usage_totals row). */
export interface UsageTotal {
  metric: string;
  aggregation: Aggregation;
  dimensions: Record<string, string | null>;
  state: AggregateState;
}

/**
 * The hours whose usage a period bills. Metering sums usage per UTC hour, so usage is attributed in whole hours: the
 * hour holding a period's start belongs to that period. With a period boundary on the hour (the usual case) this is
 * exact; with an anchor at, say, 10:30, usage between 10:00 and 10:30 bills in the period starting at 10:30. Every
 * hour belongs to exactly one period, so nothing is billed twice or lost.
 */
export function usageHours(period: Period): { from: Date; to: Date } {
  const floor = (date: Date) => new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
  return { from: floor(period.start), to: floor(period.end) };
}

/**
 * A percentage price sees transactions, but deltas carry only their count and sum. `[sum, 0, 0, …]` (count
 * transactions) prices the same as the real transactions for a rate and a fixed fee per transaction; with per-transaction
 * minimums or maximums, free transactions or a free amount it is an estimate (documented in the README).
 */
function transactionsOf(state: AggregateState): Usage {
  if (state.count === 0) return { kind: 'amounts', amounts: [] };
  return { kind: 'amounts', amounts: [state.sum, ...Array.from({ length: state.count - 1 }, () => new Decimal(0))] };
}

function usageOf(aggregation: Aggregation, state: AggregateState, price: Price, config = price.config): Usage {
  if (pricesAmounts(config)) return transactionsOf(state);
  return { kind: 'quantity', quantity: finalValue({ aggregation, valueReference: null, property: null, filters: {} }, state) };
}

function textProperties(dimensions: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(dimensions).filter((entry): entry is [string, string] => entry[1] !== null));
}

/**
 * A period's usage shaped for each price: totals of a metric merge into one state (or one per dimension rule of the
 * price, since MAX, UNIQUE_COUNT, AVERAGE and LATEST do not add up across groups), then become the metric's value, or
 * transactions for percentage prices.
 */
export function periodUsage(totals: readonly UsageTotal[]): UsageOfMetric {
  const byMetric = new Map<string, UsageTotal[]>();
  for (const total of totals) {
    const list = byMetric.get(total.metric) ?? [];
    list.push(total);
    byMetric.set(total.metric, list);
  }
  return (metric: string, price: Price): Usage | DimensionalUsage[] | undefined => {
    const list = byMetric.get(metric);
    if (!list || list.length === 0) return undefined;
    const aggregation = list[0].aggregation;
    if (price.dimensions.length === 0) {
      return usageOf(
        aggregation,
        list.reduce((state, total) => mergeStates(state, total.state), emptyState()),
        price,
      );
    }
    const groups = new Map<number, { properties: Record<string, string>; state: AggregateState }>();
    for (const total of list) {
      const properties = textProperties(total.dimensions);
      const rule = matchingRule(price.dimensions, properties);
      const group = groups.get(rule);
      if (group) group.state = mergeStates(group.state, total.state);
      else groups.set(rule, { properties, state: total.state });
    }
    return [...groups.entries()].map(([rule, group]) => ({
      properties: group.properties,
      usage: usageOf(aggregation, group.state, price, rule === -1 ? price.config : price.dimensions[rule].config),
    }));
  };
}
