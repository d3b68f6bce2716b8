import {
  applyLifecycle,
  badInput,
  checkReference,
  isCurrencyCode,
  type LifecycleAction,
  type LifecycleStatus,
} from '@meterline/kit/domain';

export type MeterStatus = LifecycleStatus;

export const MeterValueTypes = ['NUMBER', 'AMOUNT'] as const;
export type MeterValueType = (typeof MeterValueTypes)[number];

/** Aggregations implemented so far; COUNT, MAX, MIN, AVERAGE, UNIQUE_COUNT and LATEST come with full metering. */
export const Aggregations = ['SUM'] as const;
export type Aggregation = (typeof Aggregations)[number];

export interface MeterValueDefinition {
  reference: string;
  type: MeterValueType;
  /** Only for AMOUNT values. */
  currency: string | null;
}

export interface MetricDefinition {
  reference: string;
  aggregation: Aggregation;
  valueReference: string;
}

export interface NewMeter {
  reference: string;
  name: string;
  values: Array<Omit<MeterValueDefinition, 'currency'> & { currency?: string | null }>;
  metrics: MetricDefinition[];
}

/** Validates a meter definition; throws BAD_USER_INPUT naming the offending field (with its index). */
export function validateNewMeter(input: NewMeter): NewMeter & { values: MeterValueDefinition[] } {
  const reference = checkReference('reference', input.reference);
  const name = input.name.trim();
  if (!name) throw badInput('name', 'name must not be empty');
  const values = input.values.map((value, i) => {
    const ref = checkReference(`values[${i}].reference`, value.reference);
    if (value.type === 'AMOUNT' && !(value.currency && isCurrencyCode(value.currency))) {
      throw badInput(`values[${i}].currency`, 'An AMOUNT value needs an ISO 4217 currency');
    }
    if (value.type === 'NUMBER' && value.currency) throw badInput(`values[${i}].currency`, 'A NUMBER value has no currency');
    return { reference: ref, type: value.type, currency: value.type === 'AMOUNT' ? (value.currency ?? null) : null };
  });
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v.reference)) throw badInput(`values[${i}].reference`, `Value "${v.reference}" is defined twice`);
    seen.add(v.reference);
  });
  const metricRefs = new Set<string>();
  const metrics = input.metrics.map((metric, i) => {
    const ref = checkReference(`metrics[${i}].reference`, metric.reference);
    if (metricRefs.has(ref)) throw badInput(`metrics[${i}].reference`, `Metric "${ref}" is defined twice`);
    metricRefs.add(ref);
    if (!seen.has(metric.valueReference)) {
      throw badInput(
        `metrics[${i}].valueReference`,
        `Metric "${ref}" aggregates "${metric.valueReference}", which is not a value of this meter`,
      );
    }
    return { reference: ref, aggregation: metric.aggregation, valueReference: metric.valueReference };
  });
  return { reference, name, values, metrics };
}

/** Checks a status change with the shared lifecycle; a meter is activated only with at least one value and one metric. */
export function checkMeterTransition(
  meter: { status: MeterStatus; values: unknown[]; metricCount: number },
  action: LifecycleAction,
): MeterStatus {
  const { status: to } = applyLifecycle('Meter', { status: meter.status, previousStatus: null }, action);
  if (to === 'ACTIVE' && (meter.values.length === 0 || meter.metricCount === 0)) {
    throw badInput('values', 'A meter needs at least one value and one metric before it can be activated');
  }
  return to;
}
