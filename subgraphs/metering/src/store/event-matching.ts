import type { EntityManager } from 'typeorm';
import type { MeterStatus, MeterValueDefinition, MetricDefinition } from '../domain/meter';
import type { MeterForItems } from '../domain/usage-items';
import { unmatchedReason, type ParsedUsageEvent, type SubscriptionForMatching, type UnmatchedReason } from '../domain/usage-event';

export interface MeterForIngestion extends MeterForItems {
  status: MeterStatus;
  values: MeterValueDefinition[];
}

export interface MatchingContext {
  meters: MeterForIngestion[];
  /** Customer id by reference, from the projection of subscriptions' customers. */
  customers: Map<string, string>;
  /** Subscriptions by id, from the projection of subscriptions' subscriptions. */
  subscriptions: Map<string, SubscriptionForMatching>;
}

/** What matching reads of an event, fresh (ingestion) or stored (reprocessing). */
export type EventToMatch = Pick<ParsedUsageEvent, 'meterReference' | 'customerReference' | 'subscriptionId' | 'values'>;

export interface EventMatch {
  meterId: string | null;
  customerId: string | null;
  reason: UnmatchedReason | null;
}

/**
 * Serialises ingestion against the arrival of new customers and subscriptions of one platform: ingestion takes this
 * lock shared (many batches at once), the projections exclusively (briefly). An event is then either stored after the
 * customer or subscription is visible, or before the projection's reprocessing looks for it — never lost between the two.
 */
export async function lockMatchingShared(manager: EntityManager, platformId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext('customers:' || $1))`, [platformId]);
}

export async function lockMatchingExclusive(manager: EntityManager, platformId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('customers:' || $1))`, [platformId]);
}

/** The meters (with metrics), customers and subscriptions a batch refers to, in one round trip. */
async function loadMatchingContext(
  manager: EntityManager,
  platformId: string,
  meterReferences: string[],
  customerReferences: string[],
  subscriptionIds: string[],
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
          FROM customers c WHERE c.platform_id = $1 AND c.reference = ANY($3::text[])) AS customers,
       (SELECT coalesce(json_agg(json_build_array(s.id, json_build_object('customerId', s.customer_id, 'status', s.status))), '[]')
          FROM subscriptions s WHERE s.platform_id = $1 AND s.id = ANY($4::uuid[])) AS subscriptions`,
    [platformId, meterReferences, customerReferences, subscriptionIds],
  )) as Array<{
    meters: Array<MeterForIngestion & { metrics: MetricDefinition[] }>;
    customers: Array<[string, string]>;
    subscriptions: Array<[string, SubscriptionForMatching]>;
  }>;
  return { meters: row.meters, customers: new Map(row.customers), subscriptions: new Map(row.subscriptions) };
}

/**
 * The one matching step of ingestion and reprocessing: under the shared lock, what the events refer to is loaded once
 * and each event gets its meter, customer and reason (null when it matches). Returns the meters for the usage items.
 */
export async function matchEvents(
  manager: EntityManager,
  platformId: string,
  events: EventToMatch[],
): Promise<{ matches: EventMatch[]; meters: MeterForIngestion[] }> {
  await lockMatchingShared(manager, platformId);
  const context = await loadMatchingContext(
    manager,
    platformId,
    [...new Set(events.map((e) => e.meterReference))],
    [...new Set(events.map((e) => e.customerReference))],
    [...new Set(events.flatMap((e) => (e.subscriptionId ? [e.subscriptionId] : [])))],
  );
  const meterByReference = new Map(context.meters.map((m) => [m.reference, m]));
  const matches = events.map((event): EventMatch => {
    const meter = meterByReference.get(event.meterReference);
    const customerId = context.customers.get(event.customerReference) ?? null;
    const subscription = event.subscriptionId ? context.subscriptions.get(event.subscriptionId) : undefined;
    return { meterId: meter?.id ?? null, customerId, reason: unmatchedReason(event, meter, customerId, subscription) };
  });
  return { matches, meters: context.meters };
}
