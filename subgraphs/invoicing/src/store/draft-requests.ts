import type { Transaction } from '@meterline/kit';

/**
 * Everything that writes a customer's invoices (refresher, issuer, mutations) holds this lock for the transaction, so
 * two replicas never recompute or issue the same customer at once. `wait: false` answers false when someone else has it.
 */
export async function lockCustomerInvoices(tx: Transaction, platformId: string, customerId: string, wait = true): Promise<boolean> {
  const [row] = (await tx.manager.query(
    wait
      ? `SELECT pg_advisory_xact_lock(hashtext('invoices:' || $1 || ':' || $2)) IS NOT NULL AS locked`
      : `SELECT pg_try_advisory_xact_lock(hashtext('invoices:' || $1 || ':' || $2)) AS locked`,
    [platformId, customerId],
  )) as Array<{ locked: boolean }>;
  return row.locked;
}

/** `lockCustomerInvoices` without waiting, for many customers in one statement; returns the customers locked. */
export async function tryLockCustomersInvoices(tx: Transaction, platformId: string, customerIds: string[]): Promise<string[]> {
  const rows = (await tx.manager.query(
    `SELECT c::text AS id FROM unnest($2::uuid[]) AS c WHERE pg_try_advisory_xact_lock(hashtext('invoices:' || $1 || ':' || c))`,
    [platformId, [...customerIds].sort()],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/**
 * Asks for customers' drafts to be recomputed, with the earliest usage hour that changed (null: recompute the open
 * drafts and current periods only). Many asks before the next refresh make one row per customer (coalescing).
 */
export async function requestDraftRefresh(
  tx: Transaction,
  platformId: string,
  requests: ReadonlyArray<{ customerId: string; usageSince: Date | null }>,
): Promise<void> {
  if (requests.length === 0) return;
  const sorted = [...requests].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  await tx.manager.query(
    `INSERT INTO draft_refresh_requests (platform_id, customer_id, usage_since, requested_at)
     SELECT $1, r.customer_id, min(r.usage_since), clock_timestamp()
       FROM unnest($2::uuid[], $3::timestamptz[]) AS r(customer_id, usage_since) GROUP BY r.customer_id
     ON CONFLICT (platform_id, customer_id) DO UPDATE
       SET usage_since = LEAST(draft_refresh_requests.usage_since, EXCLUDED.usage_since)`,
    [platformId, sorted.map((r) => r.customerId), sorted.map((r) => r.usageSince)],
  );
}

/** Takes up to `limit` refresh requests (oldest first), skipping those another replica holds; the caller deletes what it does. */
export async function takeDraftRequests(
  tx: Transaction,
  limit: number,
): Promise<Array<{ platform_id: string; customer_id: string; usage_since: Date | null }>> {
  return (await tx.manager.query(
    `SELECT platform_id, customer_id, usage_since FROM draft_refresh_requests ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  )) as Array<{ platform_id: string; customer_id: string; usage_since: Date | null }>;
}

/** The requests being served: gone once their customers' drafts are recomputed in the same transaction. */
export async function deleteDraftRequests(tx: Transaction, platformId: string, customerIds: string[]): Promise<void> {
  await tx.manager.query(`DELETE FROM draft_refresh_requests WHERE platform_id = $1 AND customer_id = ANY($2::uuid[])`, [
    platformId,
    customerIds,
  ]);
}

/** Asks for a refresh of every running subscription whose current period has no invoice yet: drafts exist from a period's start. */
export async function requestPeriodOpenings(
  db: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  now: Date,
): Promise<number> {
  const rows = (await db.query(
    `INSERT INTO draft_refresh_requests (platform_id, customer_id, usage_since, requested_at)
     SELECT DISTINCT s.platform_id, s.customer_id, NULL::timestamptz, clock_timestamp() FROM subscriptions s
      WHERE s.status <> 'DRAFT' AND s.start_at <= $1 AND (s.end_at IS NULL OR s.end_at > $1)
        AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.platform_id = s.platform_id AND i.subscription_id = s.id
                           AND i.kind = 'SUBSCRIPTION' AND i.period_end > $1)
     ON CONFLICT (platform_id, customer_id) DO NOTHING
     RETURNING customer_id`,
    [now],
  )) as unknown[];
  return rows.length;
}
