import type { EntityManager } from 'typeorm';
import type { MeterStatus, MeterValueDefinition, MetricDefinition } from '../domain/meter';
import type { MeterForDeltas } from '../domain/usage-deltas';

export interface MeterForIngestion extends MeterForDeltas {
  status: MeterStatus;
  values: MeterValueDefinition[];
}

/** Meters of a platform by reference or id, with their metrics: one query each, whatever the batch size. */
export async function loadMeters(
  manager: EntityManager,
  platformId: string,
  by: { references?: string[]; ids?: string[] },
): Promise<MeterForIngestion[]> {
  const meters = (await manager.query(
    `SELECT id, reference, status, "values", properties FROM meters
      WHERE platform_id = $1 AND (reference = ANY($2::text[]) OR id = ANY($3::uuid[]))`,
    [platformId, by.references ?? [], by.ids ?? []],
  )) as Array<Omit<MeterForIngestion, 'metrics'>>;
  if (meters.length === 0) return [];
  const metrics = (await manager.query(
    `SELECT meter_id, reference, aggregation, value_reference, property, filters FROM meter_metrics WHERE meter_id = ANY($1::uuid[])`,
    [meters.map((m) => m.id)],
  )) as Array<{
    meter_id: string;
    reference: string;
    aggregation: MetricDefinition['aggregation'];
    value_reference: string | null;
    property: string | null;
    filters: Record<string, string[]>;
  }>;
  return meters.map((meter) => ({
    ...meter,
    metrics: metrics
      .filter((m) => m.meter_id === meter.id)
      .map((m) => ({
        reference: m.reference,
        aggregation: m.aggregation,
        valueReference: m.value_reference,
        property: m.property,
        filters: m.filters,
      })),
  }));
}
