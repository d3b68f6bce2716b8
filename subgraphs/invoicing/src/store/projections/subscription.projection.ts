import type { EntityEventType, EventOf, Transaction } from '@meterline/kit';
import { subscriptionsOfCustomers } from '../../billing/read-models';
import { changedSince, type BillingTerms } from '../../domain/subscription-changes';
import { hoursToSplit } from '../../domain/usage-windows';
import { requestDraftRefresh } from '../draft-requests';
import { hoursWithUsage, latestUsageAt, lockCustomersUsage, rebuildHourTotals } from '../usage.repository';

type SubscriptionEvent = EventOf<EntityEventType<'subscriptions.subscription'>>;
type SubscriptionState = SubscriptionEvent['data'];

function termsOf(s: Pick<SubscriptionState, 'startAt' | 'endAt' | 'trialEnd' | 'phases'>): BillingTerms {
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return {
    startAt: new Date(s.startAt),
    endAt: date(s.endAt),
    trialEnd: date(s.trialEnd),
    phases: s.phases.map((p) => ({ ...p, startsAt: new Date(p.startsAt), endsAt: date(p.endsAt) })),
  };
}

/**
 * subscriptions.subscription.* → the whole subscription with its phases; an older event never overwrites a newer state.
 * What changed decides what is recomputed: from the earliest instant that bills differently (a backdated change into
 * an issued period gets a correction, as late usage does).
 */
export async function onSubscription(tx: Transaction, event: SubscriptionEvent): Promise<void> {
  const s = event.data;
  // Usage totals are split at the boundaries of the customer's subscriptions: the usage consumer waits while they move.
  await lockCustomersUsage(tx, event.platformId, [s.customer.id]);
  const before = await subscriptionsOfCustomers(tx, event.platformId, [s.customer.id]);
  const [known] = (await tx.manager.query(
    `SELECT start_at AS "startAt", end_at AS "endAt", trial_end AS "trialEnd", phases, updated_at FROM subscriptions
      WHERE platform_id = $1 AND id = $2 FOR UPDATE`,
    [event.platformId, s.id],
  )) as Array<Pick<SubscriptionState, 'startAt' | 'endAt' | 'trialEnd' | 'phases'> & { updated_at: Date }>;
  if (known && known.updated_at > new Date(event.occurredAt)) return;
  await tx.manager.query(
    `INSERT INTO subscriptions (platform_id, id, customer_id, status, billing_period, anchor, start_at, end_at, trial_end, phases, updated_at, cutover_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (platform_id, id) DO UPDATE SET status = EXCLUDED.status, end_at = EXCLUDED.end_at, trial_end = EXCLUDED.trial_end,
       phases = EXCLUDED.phases, updated_at = EXCLUDED.updated_at, cutover_at = EXCLUDED.cutover_at
     WHERE subscriptions.updated_at <= EXCLUDED.updated_at`,
    [
      event.platformId,
      s.id,
      s.customer.id,
      s.status,
      s.billingPeriod,
      s.anchor,
      s.startAt,
      s.endAt,
      s.trialEnd,
      JSON.stringify(s.phases),
      event.occurredAt,
      s.cutoverAt ?? null, // absent in v1 events: no cutover
    ],
  );
  // The customer's own events keep its row current; this only makes sure it exists when they arrive later.
  await tx.manager.query(
    `INSERT INTO customers (platform_id, id, reference, currency, tax_rate, archived, updated_at) VALUES ($1, $2, $3, $4, $5, false, '-infinity')
     ON CONFLICT (platform_id, id) DO NOTHING`,
    [event.platformId, s.customer.id, s.customer.reference, s.customer.currency, s.customer.taxRate],
  );
  await splitUsageAtNewBoundaries(tx, event.platformId, s.customer.id, before, event.occurredAt);
  const since = changedSince(known ? termsOf(known) : null, termsOf(s));
  await requestDraftRefresh(tx, event.platformId, [{ customerId: s.customer.id, usageSince: since }]);
}

/** Rebuilds the hours of the customer's usage that a boundary of the subscriptions as they are now falls inside. */
async function splitUsageAtNewBoundaries(
  tx: Transaction,
  platformId: string,
  customerId: string,
  before: Awaited<ReturnType<typeof subscriptionsOfCustomers>>,
  updatedAt: string,
): Promise<void> {
  const after = await subscriptionsOfCustomers(tx, platformId, [customerId]);
  const horizon = await latestUsageAt(tx, platformId, customerId);
  if (!horizon) return;
  const splits = hoursToSplit(before, after, horizon);
  if (splits.length === 0) return;
  const withUsage = new Set(
    (
      await hoursWithUsage(
        tx,
        platformId,
        customerId,
        splits.map((x) => x.hour.start),
      )
    ).map((h) => h.getTime()),
  );
  for (const { hour, boundaries } of splits)
    if (withUsage.has(hour.start.getTime())) await rebuildHourTotals(tx, platformId, customerId, hour, boundaries, updatedAt);
}

/** catalog.plan_version.* → the version with its prices, newest state wins. */
export async function onPlanVersion(tx: Transaction, event: EventOf<EntityEventType<'catalog.plan_version'>>): Promise<void> {
  const v = event.data;
  await tx.manager.query(
    `INSERT INTO plan_versions (platform_id, id, status, currency, billing_period, snapshot, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (platform_id, id) DO UPDATE SET status = EXCLUDED.status, snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
     WHERE plan_versions.updated_at <= EXCLUDED.updated_at`,
    [event.platformId, v.id, v.status, v.currency, v.billingPeriod, JSON.stringify(v), event.occurredAt],
  );
  // Each product item as the newest version naming it says (reports look items up by id).
  await tx.manager.query(
    `INSERT INTO product_items (platform_id, id, name, charge_type, metric, updated_at)
     SELECT $1, p->>'productItemId', p->>'productItemName', p->>'chargeType', p->>'metricReference', $3
       FROM jsonb_array_elements($2::jsonb) p WHERE p->>'productItemId' IS NOT NULL
     ON CONFLICT (platform_id, id) DO UPDATE SET name = EXCLUDED.name, charge_type = EXCLUDED.charge_type,
       metric = EXCLUDED.metric, updated_at = EXCLUDED.updated_at
     WHERE product_items.updated_at <= EXCLUDED.updated_at`,
    [event.platformId, JSON.stringify(v.prices), event.occurredAt],
  );
  // Subscriptions that arrived before their version could not be billed yet: now they can.
  const waiting = (await tx.manager.query(`SELECT DISTINCT customer_id FROM subscriptions WHERE platform_id = $1 AND phases @> $2::jsonb`, [
    event.platformId,
    JSON.stringify([{ planVersionId: v.id }]),
  ])) as Array<{ customer_id: string }>;
  await requestDraftRefresh(
    tx,
    event.platformId,
    waiting.map((w) => ({ customerId: w.customer_id, usageSince: null })),
  );
}
