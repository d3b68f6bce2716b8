import type { EventEnvelope, Transaction } from '@meterline/kit';

interface SubscriptionState {
  id: string;
  status: string;
  customer: { id: string };
  billingPeriod: string;
  anchor: string;
  startAt: string;
  endAt: string | null;
  trialEnd: string | null;
  phases: unknown[];
}

/** subscriptions.subscription.* → the whole subscription with its phases; an older event never overwrites a newer state. */
export async function onSubscription(tx: Transaction, event: EventEnvelope): Promise<void> {
  const s = event.data as unknown as SubscriptionState;
  await tx.manager.query(
    `INSERT INTO subscriptions (platform_id, id, customer_id, status, billing_period, anchor, start_at, end_at, trial_end, phases, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (platform_id, id) DO UPDATE SET status = EXCLUDED.status, end_at = EXCLUDED.end_at, trial_end = EXCLUDED.trial_end,
       phases = EXCLUDED.phases, updated_at = EXCLUDED.updated_at
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
    ],
  );
}

/** catalog.plan_version.* → the version with its prices, newest state wins. */
export async function onPlanVersion(tx: Transaction, event: EventEnvelope): Promise<void> {
  const v = event.data as { id: string; status: string; currency: string; billingPeriod: string };
  await tx.manager.query(
    `INSERT INTO plan_versions (platform_id, id, status, currency, billing_period, snapshot, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (platform_id, id) DO UPDATE SET status = EXCLUDED.status, snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at
     WHERE plan_versions.updated_at <= EXCLUDED.updated_at`,
    [event.platformId, v.id, v.status, v.currency, v.billingPeriod, JSON.stringify(v), event.occurredAt],
  );
}
