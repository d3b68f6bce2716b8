import { Decimal, isUuid, type Transaction } from '@meterline/kit';
import type { MatchedEvent } from '../domain/usage-items';
import type { UnmatchedReason } from '../domain/usage-event';
import { emitUsageRecorded } from '../events/usage.events';
import { lockMatchingExclusive, lockMatchingShared, matchEvents } from './event-matching';

export interface UnmatchedFilter {
  ids?: string[] | null;
  reason?: UnmatchedReason | null;
  customerReference?: string | null;
  meterReference?: string | null;
  /** Events naming this subscription (a UUID). */
  subscriptionId?: string | null;
}

export interface ReprocessOutcome {
  examined: number;
  matched: number;
  stillUnmatched: number;
}

const CHUNK = 1000;

interface UnmatchedRow {
  id: string;
  meter_reference: string;
  customer_reference: string;
  subscription_id: string | null;
  timestamp: Date;
  values: Record<string, string>;
  value_currencies: Record<string, string>;
  properties: Record<string, string | number | boolean>;
  backfill: boolean;
}

/**
 * Matches unmatched events again against the meters, customers and subscriptions known now, in chunks inside the caller's
 * transaction; newly matched events produce usage items like fresh ones. Idempotent: a matched event is no longer
 * unmatched, so a second run finds nothing to do.
 */
export async function reprocessUnmatched(tx: Transaction, platformId: string, filter: UnmatchedFilter): Promise<ReprocessOutcome> {
  const outcome: ReprocessOutcome = { examined: 0, matched: 0, stillUnmatched: 0 };
  // Before the rows are locked: a projection holds this lock exclusively while it locks the same rows.
  await lockMatchingShared(tx.manager, platformId);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await tx.manager.query(
      `SELECT id, meter_reference, customer_reference, subscription_id, "timestamp", "values", value_currencies, properties, backfill
         FROM usage_events
        WHERE platform_id = $1 AND status = 'UNMATCHED' AND id > $2
          AND ($3::uuid[] IS NULL OR id = ANY($3)) AND ($4::text IS NULL OR unmatched_reason = $4)
          AND ($5::text IS NULL OR customer_reference = $5) AND ($6::text IS NULL OR meter_reference = $6)
          AND ($7::uuid IS NULL OR subscription_id = $7)
        ORDER BY id LIMIT $8 FOR UPDATE`,
      [
        platformId,
        after,
        // A malformed id matches nothing (it could not be an event's id).
        filter.ids ? filter.ids.filter(isUuid) : null,
        filter.reason ?? null,
        filter.customerReference ?? null,
        filter.meterReference ?? null,
        filter.subscriptionId ?? null,
        CHUNK,
      ],
    )) as UnmatchedRow[];
    if (rows.length === 0) return outcome;
    after = rows[rows.length - 1].id;
    outcome.examined += rows.length;

    const events = rows.map((row) => ({
      row,
      meterReference: row.meter_reference,
      customerReference: row.customer_reference,
      subscriptionId: row.subscription_id,
      values: Object.entries(row.values).map(([reference, quantity]) => ({
        reference,
        quantity: new Decimal(quantity),
        currency: row.value_currencies[reference] ?? null,
      })),
    }));
    const { matches, meters } = await matchEvents(tx.manager, platformId, events);
    const updates = events.map((event, i) => ({ ...event, ...matches[i] }));
    await tx.manager.query(
      `UPDATE usage_events e SET status = u.status, unmatched_reason = u.reason, meter_id = u.meter_id, customer_id = u.customer_id
         FROM jsonb_to_recordset($2::jsonb) AS u(id uuid, status text, reason text, meter_id uuid, customer_id uuid)
        WHERE e.platform_id = $1 AND e.id = u.id`,
      [
        platformId,
        JSON.stringify(
          updates.map((u) => ({
            id: u.row.id,
            status: u.reason ? 'UNMATCHED' : 'MATCHED',
            reason: u.reason,
            meter_id: u.meterId,
            customer_id: u.customerId,
          })),
        ),
      ],
    );
    const newlyMatched = updates.filter((u) => u.reason === null);
    // A backfilled event counts in usage once matched, but never reaches invoicing.
    const matched: MatchedEvent[] = newlyMatched
      .filter((u) => !u.row.backfill)
      .map((u) => ({
        id: u.row.id,
        customerId: u.customerId!,
        meterId: u.meterId!,
        subscriptionId: u.subscriptionId,
        timestamp: new Date(u.row.timestamp),
        values: Object.fromEntries(u.values.map((v) => [v.reference, v.quantity])),
        properties: u.row.properties,
      }));
    outcome.matched += newlyMatched.length;
    outcome.stillUnmatched += rows.length - newlyMatched.length;
    if (matched.length > 0) await emitUsageRecorded(tx, platformId, new Map(meters.map((m) => [m.id, m])), matched);
  }
}

/**
 * A projection's update, then the unmatched events it may match, under the exclusive matching lock: an event is stored
 * either after the update is visible or before this reprocessing looks for it. Runs in the inbox transaction.
 */
export async function projectAndRematch(
  tx: Transaction,
  platformId: string,
  update: () => Promise<unknown>,
  waiting: UnmatchedFilter,
): Promise<void> {
  await lockMatchingExclusive(tx.manager, platformId);
  await update();
  await reprocessUnmatched(tx, platformId, waiting);
}
