import { matchingRule, pricesAmounts, type DimensionalUsage, type Price, type PriceConfig, type Usage } from '@meterline/pricing';
import { emptyState, finalValue, mergeStates, type AggregateState, type Aggregation } from '@meterline/usage';
import type { Decimal } from '@meterline/kit/domain';

/**
 * Usage of a metric read for a stretch: an hour's total (usage_totals) or one event's own state (usage_items, which
 * then carries its instant and event id: the order of transactions).
 */
export interface UsageRow {
  aggregation: Aggregation;
  dimensions: Record<string, string | null>;
  state: AggregateState;
  event?: { at: Date; id: string };
}

/** Whether a price needs each transaction (percentage models, also as a dimension rule's), not only totals. */
export function needsTransactions(price: Price): boolean {
  return pricesAmounts(price.config) || price.dimensions.some((d) => pricesAmounts(d.config));
}

/** Events in order: by timestamp, then by event id (how "the first N transactions" is decided). */
export function inOrder(rows: readonly UsageRow[]): UsageRow[] {
  return [...rows].sort((a, b) => {
    const at = (a.event?.at.getTime() ?? 0) - (b.event?.at.getTime() ?? 0);
    if (at !== 0) return at;
    const x = a.event?.id ?? '';
    const y = b.event?.id ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function usageOf(rows: readonly UsageRow[], config: PriceConfig): Usage {
  if (pricesAmounts(config)) {
    if (rows.some((r) => !r.event)) throw new Error('a percentage price needs the events themselves, not hourly totals');
    return { kind: 'amounts', amounts: inOrder(rows).map((r) => r.state.sum) };
  }
  return { kind: 'quantity', quantity: quantityOfRows(rows) };
}

/** The metric's value over rows (hourly totals or events): their states merged, then read by their aggregation. */
export function quantityOfRows(rows: readonly UsageRow[]): Decimal {
  const state = rows.reduce<AggregateState>((s, r) => mergeStates(s, r.state), emptyState());
  const aggregation = rows[0]?.aggregation ?? 'SUM';
  return finalValue({ aggregation, valueReference: null, property: null, filters: {} }, state);
}

function textProperties(dimensions: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(dimensions).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Rows grouped by the dimension rule of the price they fall under (-1: the default), in first-seen order. */
export function ruleGroups(
  rows: readonly UsageRow[],
  price: Price,
): Array<{ properties: Record<string, string>; rows: UsageRow[]; config: PriceConfig }> {
  const groups = new Map<number, { properties: Record<string, string>; rows: UsageRow[]; config: PriceConfig }>();
  for (const row of rows) {
    const properties = textProperties(row.dimensions);
    const rule = price.dimensions.length === 0 ? -1 : matchingRule(price.dimensions, properties);
    const group = groups.get(rule);
    if (group) group.rows.push(row);
    else groups.set(rule, { properties, rows: [row], config: rule === -1 ? price.config : price.dimensions[rule].config });
  }
  return [...groups.values()];
}

/**
 * A stretch's usage of one metric shaped for its price: the rows merge into one value (or one per dimension rule of
 * the price, since MAX, UNIQUE_COUNT, AVERAGE and LATEST do not add up across groups); percentage models get the
 * transactions themselves, in order. No rows: undefined (the caller prices zero usage).
 */
export function stretchUsage(rows: readonly UsageRow[], price: Price): Usage | DimensionalUsage[] | undefined {
  if (rows.length === 0) return undefined;
  if (price.dimensions.length === 0) return usageOf(rows, price.config);
  return ruleGroups(rows, price).map((group) => ({ properties: group.properties, usage: usageOf(group.rows, group.config) }));
}
