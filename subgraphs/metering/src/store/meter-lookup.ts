import type { EntityManager } from 'typeorm';
import type { MeterStatus, MeterValueDefinition, MetricDefinition } from '../domain/meter';
import type { MeterForDeltas } from '../domain/usage-deltas';

export interface MeterForIngestion extends MeterForDeltas {
  status: MeterStatus;
  values: MeterValueDefinition[];
}

export interface MatchingContext {
  meters: MeterForIngestion[];
  /** Customer id by reference, from the projection of subscriptions' customers. */
  customers: Map<string, string>;
}

/**
 * Serialises ingestion against the arrival of new customers of one platform: ingestion takes this lock shared (many
 * batches at once), the customer projection exclusively (briefly). An event is then either stored after the customer
 * is visible, or before the projection's reprocessing looks for it — never lost between the two.
 */
export async function lockCustomersShared(manager: EntityManager, platformId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext('customers:' || $1))`, [platformId]);
}

export async function lockCustomersExclusive(manager: EntityManager, platformId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('customers:' || $1))`, [platformId]);
}

/** The meters (with metrics) and customers a batch refers to, in one round trip. */
export async function loadMatchingContext(
  manager: EntityManager,
  platformId: string,
  meterReferences: string[],
  customerReferences: string[],
): Promise<MatchingContext> {
  const [row] = (await manager.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object(
                 'id', m.id, 'reference', m.reference, 'status', m.status, 'values', m."values", 'properties', m.properties,
                 'metrics', (SELECT coalesce(json_agg(json_build_object('reference', x.reference, 'aggregation', x.aggregation,
                                     'valueReference', x.value_reference, 'property', x.property, 'filters', x.filters)), '[]')
                               FROM meter_metrics x WHERE x.meter_id = m.id))), '[]')
          FROM meters m WHERE m.platform_id = $1 AND m.reference = ANY($2::text[])) AS meters,
       (SELECT coalesce(json_agg(json_build_array(c.reference, c.id)), '[]')
          FROM customers c WHERE c.platform_id = $1 AND c.reference = ANY($3::text[])) AS customers`,
    [platformId, meterReferences, customerReferences],
  )) as Array<{ meters: Array<MeterForIngestion & { metrics: MetricDefinition[] }>; customers: Array<[string, string]> }>;
  return { meters: row.meters, customers: new Map(row.customers) };
}
