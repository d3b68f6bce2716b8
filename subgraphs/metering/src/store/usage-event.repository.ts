import { timeOrderedUuids, type Clock } from '@meterline/kit';
import type { EntityManager } from 'typeorm';
import type { MatchedEvent } from '../domain/usage-items';
import type { ParsedUsageEvent, UnmatchedReason } from '../domain/usage-event';
import { matchEvents, type MeterForIngestion } from './event-matching';

export type IngestStatus = 'ACCEPTED' | 'UNMATCHED' | 'DUPLICATE' | 'CONFLICT';

export interface StoredOutcome {
  status: IngestStatus;
  eventId: string;
  reason: UnmatchedReason | null;
}

export interface StoredBatch {
  outcomes: StoredOutcome[];
  /** Events of this batch newly attributed to a customer: what usage items are made of. */
  matched: MatchedEvent[];
  meters: Map<string, MeterForIngestion>;
}

/**
 * Stores a batch of valid events for one platform in one transaction and tells, per event, what happened.
 * Idempotent: the unique (platform, meter reference, reference) index decides; a repeat is never counted twice.
 */
export async function storeUsageEvents(
  manager: EntityManager,
  platformId: string,
  events: ParsedUsageEvent[],
  clock: Clock,
  backfill = false,
): Promise<StoredBatch> {
  if (events.length === 0) return { outcomes: [], matched: [], meters: new Map() };
  const receivedAt = clock.now(platformId);
  const { matches, meters } = await matchEvents(manager, platformId, events);
  const rows = events.map((event, i) => ({ event, ...matches[i] }));

  let ids: string[] | undefined;
  const inserted = (await manager.query(
    `INSERT INTO usage_events (id, platform_id, meter_reference, customer_reference, reference, "timestamp", "values", value_currencies,
                               properties, content_hash, meter_id, customer_id, subscription_id, status, unmatched_reason, received_at, backfill)
     SELECT r.id, $1, r.meter_reference, r.customer_reference, r.reference, r.ts, r.vals, r.currencies, r.props, r.content_hash,
            r.meter_id, r.customer_id, r.subscription_id, r.status, r.reason, $2, $4
       FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, meter_reference text, customer_reference text, reference text, ts timestamptz,
            vals jsonb, currencies jsonb, props jsonb, content_hash text, meter_id uuid, customer_id uuid, subscription_id uuid,
            status text, reason text)
      -- One key order for every batch: two concurrent batches with the same events wait on each other, never deadlock.
      ORDER BY r.meter_reference, r.reference
     ON CONFLICT (platform_id, meter_reference, reference) DO NOTHING
     RETURNING id, meter_reference, reference, content_hash`,
    [
      platformId,
      receivedAt,
      JSON.stringify(
        firstOccurrences(rows).map(({ event, meterId, customerId, reason }, i, all) => ({
          // Time-ordered ids: each batch appends to the primary key's index instead of touching random pages.
          id: (ids ??= timeOrderedUuids(all.length, Date.now()))[i],
          meter_reference: event.meterReference,
          customer_reference: event.customerReference,
          reference: event.reference,
          ts: (event.timestamp ?? receivedAt).toISOString(),
          vals: Object.fromEntries(event.values.map((v) => [v.reference, v.quantity.toFixed()])),
          currencies: Object.fromEntries(event.values.filter((v) => v.currency).map((v) => [v.reference, v.currency])),
          props: event.properties,
          content_hash: event.contentHash,
          meter_id: meterId,
          customer_id: customerId,
          subscription_id: event.subscriptionId,
          status: reason ? 'UNMATCHED' : 'MATCHED',
          reason,
        })),
      ),
      backfill,
    ],
  )) as Array<{ id: string; meter_reference: string; reference: string; content_hash: string }>;

  const key = (meterRef: string, ref: string) => `${meterRef}\u0000${ref}`;
  const insertedByKey = new Map(inserted.map((r) => [key(r.meter_reference, r.reference), r]));
  const missing = rows.filter((r) => !insertedByKey.has(key(r.event.meterReference, r.event.reference)));
  const existingByKey = new Map<string, { id: string; content_hash: string }>();
  if (missing.length > 0) {
    const existing = (await manager.query(
      `SELECT e.id, e.meter_reference, e.reference, e.content_hash
         FROM usage_events e JOIN unnest($2::text[], $3::text[]) AS k(meter_reference, reference)
           ON e.meter_reference = k.meter_reference AND e.reference = k.reference
        WHERE e.platform_id = $1`,
      [platformId, missing.map((r) => r.event.meterReference), missing.map((r) => r.event.reference)],
    )) as Array<{ id: string; meter_reference: string; reference: string; content_hash: string }>;
    for (const row of existing) existingByKey.set(key(row.meter_reference, row.reference), row);
  }

  // The first occurrence of a key in the batch is the one stored; later ones are repeats of it.
  const claimed = new Set<string>();
  const matched: MatchedEvent[] = [];
  const outcomes = rows.map(({ event, reason, meterId, customerId }): StoredOutcome => {
    const k = key(event.meterReference, event.reference);
    const fresh = insertedByKey.get(k);
    if (fresh && !claimed.has(k)) {
      claimed.add(k);
      if (!reason) {
        matched.push({
          id: fresh.id,
          customerId: customerId!,
          meterId: meterId!,
          subscriptionId: event.subscriptionId,
          timestamp: event.timestamp ?? receivedAt,
          values: Object.fromEntries(event.values.map((v) => [v.reference, v.quantity])),
          properties: event.properties,
        });
      }
      return { status: reason ? 'UNMATCHED' : 'ACCEPTED', eventId: fresh.id, reason };
    }
    const stored = fresh ?? existingByKey.get(k)!;
    return { status: stored.content_hash === event.contentHash ? 'DUPLICATE' : 'CONFLICT', eventId: stored.id, reason: null };
  });
  return { outcomes, matched, meters: new Map(meters.map((m) => [m.id, m])) };
}

/** Only the first event of each (meter, reference) in a batch is inserted; later ones are reported against it. */
function firstOccurrences<T extends { event: ParsedUsageEvent }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter(({ event }) => {
    const key = `${event.meterReference}\u0000${event.reference}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
