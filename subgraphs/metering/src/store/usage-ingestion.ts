import { badInput, type Clock, type ServiceDb } from '@meterline/kit';
import { GRAPHQL_NAMES, parseUsageEvent, type ParsedUsageEvent, type RawUsageEvent } from '../domain/usage-event';
import { emitUsageRecorded } from '../events/usage.events';
import { storeUsageEvents, type IngestStatus } from './usage-event.repository';

export const MAX_EVENTS_PER_CALL = 1000;

export interface EventResult {
  index: number;
  reference: string | null;
  status: IngestStatus | 'REJECTED';
  eventId: string | null;
  reason: string | null;
  field: string | null;
}

export interface IngestSummary {
  accepted: number;
  unmatched: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
  results: EventResult[];
}

/** What ingestion needs: a request context, or a background worker's equivalent (file imports). */
export interface IngestContext {
  platformId: string;
  db: ServiceDb;
  clock: Clock;
}

export interface IngestOptions {
  /** Wire names used in rejections (`meterReference` for GraphQL, `meter_reference` for REST and files). */
  names?: Record<keyof RawUsageEvent, string>;
  maxEvents?: number;
  /** Historical usage (a backfill import): stored and counted in usage, never sent to invoicing, so never billed. */
  backfill?: boolean;
}

/** The one ingestion pipeline behind every door: validate each event, store the valid ones, report per event in input order. */
export async function ingestUsageEvents(ctx: IngestContext, raw: RawUsageEvent[], options: IngestOptions = {}): Promise<IngestSummary> {
  const maxEvents = options.maxEvents ?? MAX_EVENTS_PER_CALL;
  if (raw.length > maxEvents) throw badInput('events', `At most ${maxEvents} events per call; got ${raw.length}`);
  const results: EventResult[] = new Array(raw.length);
  const valid: Array<{ index: number; event: ParsedUsageEvent }> = [];
  raw.forEach((item, index) => {
    const parsed = parseUsageEvent(item, options.names ?? GRAPHQL_NAMES);
    if ('rejected' in parsed) {
      const reference = typeof item.reference === 'string' ? item.reference : null;
      results[index] = {
        index,
        reference,
        status: 'REJECTED',
        eventId: null,
        reason: parsed.rejected.reason,
        field: parsed.rejected.field,
      };
    } else {
      valid.push({ index, event: parsed.event });
    }
  });
  const stored = await ctx.db.transact(async (tx) => {
    const batch = await storeUsageEvents(
      tx.manager,
      ctx.platformId,
      valid.map((v) => v.event),
      ctx.clock,
      options.backfill ?? false,
    );
    if (batch.matched.length > 0 && !options.backfill) await emitUsageRecorded(tx, ctx.platformId, batch.meters, batch.matched);
    return batch.outcomes;
  });
  valid.forEach(({ index, event }, i) => {
    const outcome = stored[i];
    results[index] = {
      index,
      reference: event.reference,
      status: outcome.status,
      eventId: outcome.eventId,
      reason: outcome.reason,
      field: null,
    };
  });
  return summarize(results);
}

/** Counts per status, and the per-event results in input order. */
export function summarize(results: EventResult[]): IngestSummary {
  const count = (status: EventResult['status']) => results.filter((r) => r.status === status).length;
  return {
    accepted: count('ACCEPTED'),
    unmatched: count('UNMATCHED'),
    duplicates: count('DUPLICATE'),
    conflicts: count('CONFLICT'),
    rejected: count('REJECTED'),
    results,
  };
}
