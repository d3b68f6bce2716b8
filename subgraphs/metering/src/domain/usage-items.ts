import type { UsageRecordedPayload } from '@meterline/contracts';
import type { Decimal } from '@meterline/kit/domain';
import { accumulate, emptyState, metricApplies, propertyText, stateToJson } from '@meterline/usage';
import type { MetricDefinition } from './meter';

/** A stored, attributed event, as the usage items need it. */
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

export interface MeterForItems {
  id: string;
  reference: string;
  /** Declared properties: their values are the dimensions a price can be keyed by. */
  properties: string[];
  metrics: MetricDefinition[];
}

/**
 * One item per (event, metric the event counts in): what `metering.usage.recorded` (v2) carries. The state is the
 * event's own mergeable aggregate state, so invoicing can merge items into totals of any window it bills (to the
 * millisecond, per subscription and phase) and price percentage models on the real transactions.
 */
export type UsageItem = UsageRecordedPayload['items'][number];

export function usageItems(meters: Map<string, MeterForItems>, events: MatchedEvent[]): UsageItem[] {
  const items: UsageItem[] = [];
  for (const event of events) {
    const meter = meters.get(event.meterId);
    if (!meter) continue;
    const dimensions = Object.fromEntries(meter.properties.map((p) => [p, propertyText(event.properties[p])]));
    const at = event.timestamp.toISOString();
    for (const metric of meter.metrics) {
      if (!metricApplies(metric, event)) continue;
      items.push({
        eventId: event.id,
        customerId: event.customerId,
        subscriptionId: event.subscriptionId,
        meterId: meter.id,
        metric: metric.reference,
        aggregation: metric.aggregation,
        at,
        dimensions,
        state: stateToJson(accumulate(emptyState(), metric, event), metric.aggregation),
      });
    }
  }
  return items;
}
