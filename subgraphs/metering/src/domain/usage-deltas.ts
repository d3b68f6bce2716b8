import type { Decimal } from '@meterline/kit/domain';
import {
  accumulate,
  emptyState,
  metricApplies,
  propertyText,
  stateToJson,
  type AggregateState,
  type AggregateStateJson,
} from '@meterline/usage';
import type { MetricDefinition } from './meter';

/** A stored, attributed event, as the delta computation needs it. */
export interface MatchedEvent {
  id: string;
  customerId: string;
  meterId: string;
  /** The subscription the event names (matched: known, the customer's, not a draft), or null. */
  subscriptionId: string | null;
  timestamp: Date;
  values: Record<string, Decimal>;
  properties: Record<string, string | number | boolean>;
}

export interface MeterForDeltas {
  id: string;
  reference: string;
  /** Declared properties: their values are the dimensions a price can be keyed by. */
  properties: string[];
  metrics: MetricDefinition[];
}

/**
 * One partial aggregate per (customer, metric, hour, dimension values): what `metering.usage.recorded` carries.
 * Hours are the billing-relevant bucket (every period boundary of a subscription falls on one, anchors included);
 * states merge associatively, so invoicing adds deltas from any number of batches in any order.
 */
export interface UsageDelta {
  customerId: string;
  meterId: string;
  meterReference: string;
  metric: string;
  aggregation: MetricDefinition['aggregation'];
  bucketStart: string;
  dimensions: Record<string, string | null>;
  state: AggregateStateJson;
}

const HOUR_MS = 3_600_000;

export function usageDeltas(meters: Map<string, MeterForDeltas>, events: MatchedEvent[]): UsageDelta[] {
  const groups = new Map<string, { delta: Omit<UsageDelta, 'state'>; state: AggregateState }>();
  const hours = new Map<number, string>();
  for (const event of events) {
    const meter = meters.get(event.meterId);
    if (!meter) continue;
    const dimensions = Object.fromEntries(meter.properties.map((p) => [p, propertyText(event.properties[p])]));
    const hour = Math.floor(event.timestamp.getTime() / HOUR_MS);
    let bucketStart = hours.get(hour);
    if (bucketStart === undefined) hours.set(hour, (bucketStart = new Date(hour * HOUR_MS).toISOString()));
    for (const metric of meter.metrics) {
      if (!metricApplies(metric, event)) continue;
      const key = JSON.stringify([event.customerId, metric.reference, bucketStart, dimensions]);
      const group = groups.get(key) ?? {
        delta: {
          customerId: event.customerId,
          meterId: meter.id,
          meterReference: meter.reference,
          metric: metric.reference,
          aggregation: metric.aggregation,
          bucketStart,
          dimensions,
        },
        state: emptyState(),
      };
      accumulate(group.state, metric, event);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ delta, state }) => ({ ...delta, state: stateToJson(state, delta.aggregation) }));
}
