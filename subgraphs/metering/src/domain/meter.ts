import {
  applyLifecycle,
  badInput,
  checkReference,
  exactName,
  isCurrencyCode,
  type LifecycleAction,
  type LifecycleStatus,
} from '@meterline/kit/domain';
import type { Aggregation, MetricDefinition as UsageMetricDefinition } from '@meterline/usage';

export type MeterStatus = LifecycleStatus;
export type { Aggregation };

export const MeterValueTypes = ['NUMBER', 'AMOUNT'] as const;
export type MeterValueType = (typeof MeterValueTypes)[number];

export interface MeterValueDefinition {
  reference: string;
  type: MeterValueType;
  /** Only for AMOUNT values. */
  currency: string | null;
}

export interface MetricDefinition extends UsageMetricDefinition {
  reference: string;
}

export interface NewMeter {
  reference: string;
  name: string;
  values: Array<Omit<MeterValueDefinition, 'currency'> & { currency?: string | null }>;
  properties?: string[] | null;
  metrics: Array<{
    reference: string;
    aggregation: Aggregation;
    valueReference?: string | null;
    property?: string | null;
    filters?: Array<{ property: string; values: string[] }> | null;
  }>;
}

export interface ValidMeter {
  reference: string;
  name: string;
  values: MeterValueDefinition[];
  properties: string[];
  metrics: MetricDefinition[];
}

const VALUE_AGGREGATIONS: Aggregation[] = ['SUM', 'MAX', 'MIN', 'AVERAGE', 'LATEST'];

/** Validates a meter definition; throws BAD_USER_INPUT naming the offending field (with its index). */
export function validateNewMeter(input: NewMeter): ValidMeter {
  const reference = checkReference('reference', input.reference);
  const name = exactName('name', input.name);
  const values = input.values.map((value, i) => {
    const ref = checkReference(`values[${i}].reference`, value.reference);
    if (value.type === 'AMOUNT' && !(value.currency && isCurrencyCode(value.currency))) {
      throw badInput(`values[${i}].currency`, 'An AMOUNT value needs an ISO 4217 currency');
    }
    if (value.type === 'NUMBER' && (value.currency || value.currency === ''))
      throw badInput(`values[${i}].currency`, 'A NUMBER value has no currency (leave it out)');
    return { reference: ref, type: value.type, currency: value.type === 'AMOUNT' ? (value.currency ?? null) : null };
  });
  const valueRefs = new Set<string>();
  values.forEach((v, i) => {
    if (valueRefs.has(v.reference)) throw badInput(`values[${i}].reference`, `Value "${v.reference}" is defined twice`);
    valueRefs.add(v.reference);
  });
  const properties = (input.properties ?? []).map((p, i) => checkReference(`properties[${i}]`, p));
  properties.forEach((p, i) => {
    if (properties.indexOf(p) !== i) throw badInput(`properties[${i}]`, `Property "${p}" is listed twice`);
  });
  const metricRefs = new Set<string>();
  const metrics = input.metrics.map((metric, i): MetricDefinition => {
    const field = `metrics[${i}]`;
    const ref = checkReference(`${field}.reference`, metric.reference);
    if (metricRefs.has(ref)) throw badInput(`${field}.reference`, `Metric "${ref}" is defined twice`);
    metricRefs.add(ref);
    const readsValue = VALUE_AGGREGATIONS.includes(metric.aggregation);
    if (readsValue && !metric.valueReference)
      throw badInput(`${field}.valueReference`, `${metric.aggregation} aggregates a value: name one of the meter's values`);
    if (readsValue && !valueRefs.has(metric.valueReference!)) {
      throw badInput(
        `${field}.valueReference`,
        `Metric "${ref}" aggregates "${metric.valueReference}", which is not a value of this meter`,
      );
    }
    if (!readsValue && metric.valueReference) throw badInput(`${field}.valueReference`, `${metric.aggregation} reads no value`);
    if (metric.aggregation === 'UNIQUE_COUNT' && !(metric.property && properties.includes(metric.property))) {
      throw badInput(`${field}.property`, 'UNIQUE_COUNT counts the distinct values of one of the meter’s properties');
    }
    if (metric.aggregation !== 'UNIQUE_COUNT' && metric.property) throw badInput(`${field}.property`, 'Only UNIQUE_COUNT takes a property');
    const filters: Record<string, string[]> = {};
    (metric.filters ?? []).forEach((filter, j) => {
      if (!properties.includes(filter.property))
        throw badInput(`${field}.filters[${j}].property`, `"${filter.property}" is not a property of this meter`);
      if (filter.values.length === 0) throw badInput(`${field}.filters[${j}].values`, 'A filter lists at least one value');
      if (filters[filter.property]) throw badInput(`${field}.filters[${j}].property`, `"${filter.property}" is filtered twice`);
      filters[filter.property] = [...new Set(filter.values)];
    });
    return {
      reference: ref,
      aggregation: metric.aggregation,
      valueReference: readsValue ? metric.valueReference! : null,
      property: metric.property ?? null,
      filters,
    };
  });
  return { reference, name, values, properties, metrics };
}

/** Status changes use the shared lifecycle; a meter is activated only with at least one value and one metric. */
export function checkMeterTransition(
  meter: { status: MeterStatus; previousStatus?: MeterStatus | null; values: unknown[]; metricCount: number },
  action: LifecycleAction,
): { status: MeterStatus; previousStatus: MeterStatus | null } {
  const next = applyLifecycle('Meter', { status: meter.status, previousStatus: meter.previousStatus ?? null }, action);
  if (next.status === 'ACTIVE' && meter.status === 'DRAFT' && (meter.values.length === 0 || meter.metricCount === 0)) {
    throw badInput('values', 'A meter needs at least one value and one metric before it can be activated');
  }
  return next;
}

/** An active meter's definition never changes in place (usage already aggregated with it); drafts are editable. */
export function checkMeterEditable(status: MeterStatus): void {
  if (status !== 'DRAFT') throw badInput('meter', `A ${status} meter cannot be changed; create a new meter`);
}
