import { returnedRows, scopeCondition, scopeParameters, type TimeScope, type Transaction } from '@meterline/kit';

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

/** `lockCustomerInvoices` (waiting) for several customers in one statement, in customer order. */
export async function lockCustomersInvoices(tx: Transaction, platformId: string, customerIds: string[]): Promise<void> {
  await tx.manager.query(
    `SELECT pg_advisory_xact_lock(hashtext('invoices:' || $1 || ':' || c)) FROM unnest($2::uuid[]) AS c ORDER BY c::text`,
    [platformId, customerIds],
  );
}

/**
 * Asks for customers' drafts to be recomputed, with the earliest usage instant that changed (null: recompute the open
 * drafts and current periods only). An append-only queue: asking never waits for a refresh in progress; the rows of a
 * customer asked for before the next refresh make one refresh, from the earliest instant among them. The background
 * refresher takes a request from `delayMs` after it was asked (usage: INVOICE_REFRESH_DELAY_MS, so a customer whose
 * usage keeps arriving is recomputed once per delay); readers and the issuer take a customer's requests at once.
 */
export async function requestDraftRefresh(
  tx: Transaction,
  platformId: string,
  requests: ReadonlyArray<{ customerId: string; usageSince: Date | null }>,
  delayMs = 0,
): Promise<void> {
  if (requests.length === 0) return;
  await tx.manager.query(
    `INSERT INTO draft_refresh_requests (platform_id, customer_id, usage_since, requested_at, not_before)
     SELECT $1, r.customer_id, min(r.usage_since), clock_timestamp(), clock_timestamp() + make_interval(secs => $4::float8 / 1000)
       FROM unnest($2::uuid[], $3::timestamptz[]) AS r(customer_id, usage_since) GROUP BY r.customer_id`,
    [platformId, requests.map((r) => r.customerId), requests.map((r) => r.usageSince), delayMs],
  );
}

/**
 * One refresh round's work in one statement: the customers of the `limit` requests due longest (`not_before` passed)
 * that no other refresher holds, of those the ones whose invoice lock we get (`lockCustomerInvoices` without waiting:
 * a customer being issued is left to the issuer, which applies its requests itself), and every committed request of
 * those customers, due or not, taken. Per platform and customer the earliest usage instant asked for (null when every
 * ask was null), as `takeCustomerRequests` answers it.
 */
export async function takeDueRequests(tx: Transaction, limit: number): Promise<Map<string, Map<string, Date | null>>> {
  const rows = (await tx.manager.query(
    `WITH due AS (SELECT DISTINCT platform_id, customer_id FROM
                    (SELECT platform_id, customer_id FROM draft_refresh_requests WHERE not_before <= clock_timestamp()
                      ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED) AS o),
          locked AS (SELECT platform_id, customer_id FROM due
                      WHERE pg_try_advisory_xact_lock(hashtext('invoices:' || platform_id || ':' || customer_id))),
          taken AS (DELETE FROM draft_refresh_requests WHERE id IN
                      (SELECT q.id FROM draft_refresh_requests q JOIN locked l ON l.platform_id = q.platform_id AND l.customer_id = q.customer_id
                          FOR UPDATE OF q SKIP LOCKED)
                    RETURNING platform_id, customer_id, usage_since)
     SELECT platform_id, customer_id, min(usage_since) AS usage_since FROM taken GROUP BY platform_id, customer_id`,
    [limit],
  )) as Array<{ platform_id: string; customer_id: string; usage_since: Date | null }>;
  const out = new Map<string, Map<string, Date | null>>();
  for (const r of rows) {
    const ofPlatform = out.get(r.platform_id) ?? new Map<string, Date | null>();
    ofPlatform.set(r.customer_id, r.usage_since);
    out.set(r.platform_id, ofPlatform);
  }
  return out;
}

/** Which of these customers have refresh requests waiting (a plain read: nothing is taken). */
export async function customersWithRequests(
  db: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  platformId: string,
  customerIds: string[],
): Promise<string[]> {
  const rows = (await db.query(
    `SELECT DISTINCT customer_id::text AS id FROM draft_refresh_requests WHERE platform_id = $1 AND customer_id = ANY($2::uuid[])`,
    [platformId, customerIds],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/**
 * Takes every committed request of these customers (the caller recomputes them in this transaction): their usage is
 * committed with them, so the reads that follow see it. Per customer the earliest instant asked for (null when every
 * ask was null); a customer with no request is absent. Waits for requests a refresh round in progress holds.
 */
export async function takeCustomerRequests(tx: Transaction, platformId: string, customerIds: string[]): Promise<Map<string, Date | null>> {
  const rows = returnedRows<{ customer_id: string; usage_since: Date | null }>(
    await tx.manager.query(
      `DELETE FROM draft_refresh_requests WHERE id IN
         (SELECT id FROM draft_refresh_requests WHERE platform_id = $1 AND customer_id = ANY($2::uuid[])
           FOR UPDATE)
       RETURNING customer_id, usage_since`,
      [platformId, customerIds],
    ),
  );
  const out = new Map<string, Date | null>();
  for (const r of rows) {
    const known = out.get(r.customer_id) ?? null;
    out.set(r.customer_id, known === null || (r.usage_since !== null && r.usage_since < known) ? r.usage_since : known);
  }
  return out;
}

/**
 * Asks for a refresh of every running subscription whose current period has no invoice yet: drafts exist from a
 * period's start. Covers the platforms of `scope`, at its now (a sandbox at its own time).
 */
export async function requestPeriodOpenings(
  db: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  scope: TimeScope,
): Promise<number> {
  const rows = (await db.query(
    `INSERT INTO draft_refresh_requests (platform_id, customer_id, usage_since, requested_at, not_before)
     SELECT DISTINCT s.platform_id, s.customer_id, NULL::timestamptz, clock_timestamp(), clock_timestamp() FROM subscriptions s
      WHERE s.status <> 'DRAFT' AND s.start_at <= $1 AND (s.end_at IS NULL OR s.end_at > $1)
        AND ${scopeCondition('s.platform_id', 2, 3)}
        AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.platform_id = s.platform_id AND i.subscription_id = s.id
                           AND i.kind = 'SUBSCRIPTION' AND i.period_end > $1)
        AND NOT EXISTS (SELECT 1 FROM draft_refresh_requests q WHERE q.platform_id = s.platform_id AND q.customer_id = s.customer_id)
     RETURNING customer_id`,
    [scope.now, ...scopeParameters(scope)],
  )) as unknown[];
  return rows.length;
}
