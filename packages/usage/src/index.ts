import { Decimal } from '@meterline/money';

/** How a metric aggregates one value of a meter's events over a period (DESIGN §3). */
export const Aggregations = ['SUM', 'COUNT', 'MAX', 'MIN', 'AVERAGE', 'UNIQUE_COUNT', 'LATEST'] as const;
export type Aggregation = (typeof Aggregations)[number];

export type PropertyValue = string | number | boolean;

export interface MetricDefinition {
  aggregation: Aggregation;
  /** The meter value aggregated; null for COUNT and UNIQUE_COUNT. */
  valueReference: string | null;
  /** UNIQUE_COUNT: the property whose distinct values are counted. */
  property: string | null;
  /** Only events whose property is one of the listed values count (all filters must hold). */
  filters: Record<string, string[]>;
}

export interface AggregatableEvent {
  /** Tie-breaker for LATEST when two events share a timestamp. */
  id: string;
  timestamp: Date;
  values: Record<string, Decimal>;
  properties: Record<string, PropertyValue>;
}

/**
 * A partial aggregate that merges associatively and commutatively, so metering can send per-batch deltas and
 * invoicing can add them up in any order and get what aggregating all events at once gives:
 * SUM/COUNT/AVERAGE carry sum and count; MAX/MIN carry the extreme; LATEST carries the value with its timestamp
 * and event id; UNIQUE_COUNT carries the distinct values themselves (a count could not be merged).
 */
export interface AggregateState {
  count: number;
  sum: Decimal;
  max: Decimal | null;
  min: Decimal | null;
  latest: { value: Decimal; at: string; id: string } | null;
  distinct: string[];
}

export function emptyState(): AggregateState {
  return { count: 0, sum: new Decimal(0), max: null, min: null, latest: null, distinct: [] };
}

/** The string form of a property value: what filters, dimensions and UNIQUE_COUNT compare. */
export function propertyText(value: PropertyValue | undefined): string | null {
  return value === undefined ? null : String(value);
}

/** Whether an event counts for a metric: it passes every filter and carries what the aggregation reads. */
export function metricApplies(metric: MetricDefinition, event: AggregatableEvent): boolean {
  for (const [property, allowed] of Object.entries(metric.filters)) {
    const value = propertyText(event.properties[property]);
    if (value === null || !allowed.includes(value)) return false;
  }
  if (metric.aggregation === 'UNIQUE_COUNT') return metric.property !== null && event.properties[metric.property] !== undefined;
  if (metric.aggregation === 'COUNT') return true;
  return metric.valueReference !== null && event.values[metric.valueReference] !== undefined;
}

function laterThan(a: { at: string; id: string }, b: { at: string; id: string }): boolean {
  return a.at > b.at || (a.at === b.at && a.id > b.id);
}

/**
 * What one event puts into a metric: 1 for COUNT and UNIQUE_COUNT (one event, one value), the metric's value for the
 * others; null when the metric does not count the event (filters, missing value). Event cost estimates start here.
 */
export function eventContribution(metric: MetricDefinition, event: AggregatableEvent): Decimal | null {
  if (!metricApplies(metric, event)) return null;
  if (metric.aggregation === 'COUNT' || metric.aggregation === 'UNIQUE_COUNT') return new Decimal(1);
  return event.values[metric.valueReference as string];
}

/** Adds one event (which must satisfy metricApplies) and returns a new state. */
export function addEvent(state: AggregateState, metric: MetricDefinition, event: AggregatableEvent): AggregateState {
  return accumulate({ ...state, distinct: [...state.distinct] }, metric, event);
}

/** addEvent in place, for hot loops over a batch that own their state (no copy per event). */
export function accumulate(state: AggregateState, metric: MetricDefinition, event: AggregatableEvent): AggregateState {
  const value = metric.valueReference ? event.values[metric.valueReference] : undefined;
  state.count += 1;
  if (value !== undefined) {
    state.sum = state.sum.plus(value);
    if (state.max === null || value.greaterThan(state.max)) state.max = value;
    if (state.min === null || value.lessThan(state.min)) state.min = value;
    if (metric.aggregation === 'LATEST') {
      const candidate = { value, at: event.timestamp.toISOString(), id: event.id };
      if (state.latest === null || laterThan(candidate, state.latest)) state.latest = candidate;
    }
  }
  if (metric.property !== null) {
    const text = propertyText(event.properties[metric.property]);
    if (text !== null && !state.distinct.includes(text)) {
      state.distinct.push(text);
      state.distinct.sort();
    }
  }
  return state;
}

export function mergeStates(a: AggregateState, b: AggregateState): AggregateState {
  const pick = (x: Decimal | null, y: Decimal | null, better: (x: Decimal, y: Decimal) => boolean) =>
    x === null ? y : y === null ? x : better(y, x) ? y : x;
  return {
    count: a.count + b.count,
    sum: a.sum.plus(b.sum),
    max: pick(a.max, b.max, (y, x) => y.greaterThan(x)),
    min: pick(a.min, b.min, (y, x) => y.lessThan(x)),
    latest: a.latest === null ? b.latest : b.latest === null ? a.latest : laterThan(b.latest, a.latest) ? b.latest : a.latest,
    distinct: [...new Set([...a.distinct, ...b.distinct])].sort(),
  };
}

/** The metric's value from a state; no events → 0 for every aggregation. AVERAGE divides at 40 significant digits. */
export function finalValue(metric: MetricDefinition, state: AggregateState): Decimal {
  switch (metric.aggregation) {
    case 'SUM':
      return state.sum;
    case 'COUNT':
      return new Decimal(state.count);
    case 'MAX':
      return state.max ?? new Decimal(0);
    case 'MIN':
      return state.min ?? new Decimal(0);
    case 'AVERAGE':
      return state.count === 0 ? new Decimal(0) : state.sum.dividedBy(state.count);
    case 'UNIQUE_COUNT':
      return new Decimal(state.distinct.length);
    case 'LATEST':
      return state.latest?.value ?? new Decimal(0);
  }
}

/** Aggregates events at once (the reference semantics; metering's SQL and invoicing's deltas must agree with it). */
export function aggregate(metric: MetricDefinition, events: AggregatableEvent[]): Decimal {
  return finalValue(
    metric,
    events.filter((e) => metricApplies(metric, e)).reduce((state, e) => addEvent(state, metric, e), emptyState()),
  );
}

/**
 * JSON form of a state (decimal strings), as carried by `metering.usage.recorded`: count and sum always, the other
 * parts only when set (a SUM metric's delta carries no extremes, latest value or distinct values).
 */
export interface AggregateStateJson {
  count: number;
  sum: string;
  max?: string;
  min?: string;
  latest?: { value: string; at: string; id: string };
  distinct?: string[];
}

/** The state as JSON, with only what `aggregation` reads beyond count and sum. */
export function stateToJson(state: AggregateState, aggregation?: Aggregation): AggregateStateJson {
  const json: AggregateStateJson = { count: state.count, sum: state.sum.toFixed() };
  const wants = (a: Aggregation) => aggregation === undefined || aggregation === a;
  if (state.max !== null && wants('MAX')) json.max = state.max.toFixed();
  if (state.min !== null && wants('MIN')) json.min = state.min.toFixed();
  if (state.latest !== null && wants('LATEST')) json.latest = { ...state.latest, value: state.latest.value.toFixed() };
  if (state.distinct.length > 0 && wants('UNIQUE_COUNT')) json.distinct = state.distinct;
  return json;
}

export function stateFromJson(json: AggregateStateJson): AggregateState {
  return {
    count: json.count,
    sum: new Decimal(json.sum),
    max: json.max === undefined ? null : new Decimal(json.max),
    min: json.min === undefined ? null : new Decimal(json.min),
    latest: json.latest ? { ...json.latest, value: new Decimal(json.latest.value) } : null,
    distinct: json.distinct ?? [],
  };
}
