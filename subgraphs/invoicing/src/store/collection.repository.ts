import {
  isUuid,
  loadChildren,
  returnedRows,
  scopeCondition,
  scopeParameters,
  type RequestContext,
  type TimeScope,
  type Transaction,
} from '@meterline/kit';
import type { PaymentProviderName } from '../domain/collection';

type Runner = Pick<Transaction['manager'], 'query'>;

/** A platform's provider settings as stored: the secrets sealed (billing/payment-secrets.ts), their last 4 in clear. */
export interface ProviderSettingsRow {
  platform_id: string;
  provider: PaymentProviderName;
  secret_key: string;
  secret_key_last4: string;
  webhook_secret: string;
  webhook_secret_last4: string;
  enabled: boolean;
  updated_at: Date;
}

export interface PaymentCustomerRow {
  platform_id: string;
  customer_id: string;
  provider: PaymentProviderName;
  payment_method: string;
  provider_customer_id: string | null;
  updated_at: Date;
}

export type CollectionStatus = 'SCHEDULED' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
export type AttemptStatus = 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED';

export interface CollectionRow {
  id: string;
  platform_id: string;
  invoice_id: string;
  customer_id: string;
  provider: PaymentProviderName;
  status: CollectionStatus;
  attempts: number;
  next_attempt_at: Date | null;
  lease_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow {
  id: string;
  platform_id: string;
  collection_id: string;
  invoice_id: string;
  number: number;
  status: AttemptStatus;
  amount: string;
  currency: string;
  idempotency_key: string;
  provider_customer_id: string | null;
  provider_intent_id: string | null;
  error_code: string | null;
  error_message: string | null;
  payment_id: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export async function providerSettings(
  runner: Runner,
  platformId: string,
  provider: PaymentProviderName,
): Promise<ProviderSettingsRow | null> {
  const [row] = (await runner.query(`SELECT * FROM payment_provider_settings WHERE platform_id = $1 AND provider = $2`, [
    platformId,
    provider,
  ])) as ProviderSettingsRow[];
  return row ?? null;
}

export async function saveProviderSettings(runner: Runner, row: ProviderSettingsRow): Promise<void> {
  await runner.query(
    `INSERT INTO payment_provider_settings (platform_id, provider, secret_key, secret_key_last4, webhook_secret, webhook_secret_last4, enabled, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (platform_id, provider) DO UPDATE SET secret_key = excluded.secret_key, secret_key_last4 = excluded.secret_key_last4,
       webhook_secret = excluded.webhook_secret, webhook_secret_last4 = excluded.webhook_secret_last4, enabled = excluded.enabled,
       updated_at = excluded.updated_at`,
    [
      row.platform_id,
      row.provider,
      row.secret_key,
      row.secret_key_last4,
      row.webhook_secret,
      row.webhook_secret_last4,
      row.enabled,
      row.updated_at,
    ],
  );
}

export async function paymentCustomer(runner: Runner, platformId: string, customerId: string): Promise<PaymentCustomerRow | null> {
  const [row] = (await runner.query(`SELECT * FROM payment_customers WHERE platform_id = $1 AND customer_id = $2`, [
    platformId,
    customerId,
  ])) as PaymentCustomerRow[];
  return row ?? null;
}

/** Sets (or with null removes) a customer's saved payment method; the provider customer id stays for the same provider. */
export async function savePaymentMethod(
  runner: Runner,
  platformId: string,
  customerId: string,
  provider: PaymentProviderName,
  paymentMethod: string | null,
  now: Date,
): Promise<void> {
  if (paymentMethod === null) {
    await runner.query(`DELETE FROM payment_customers WHERE platform_id = $1 AND customer_id = $2`, [platformId, customerId]);
    return;
  }
  await runner.query(
    `INSERT INTO payment_customers (platform_id, customer_id, provider, payment_method, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (platform_id, customer_id) DO UPDATE SET payment_method = excluded.payment_method, updated_at = excluded.updated_at,
       provider_customer_id = CASE WHEN payment_customers.provider = excluded.provider THEN payment_customers.provider_customer_id END,
       provider = excluded.provider`,
    [platformId, customerId, provider, paymentMethod, now],
  );
}

/** The provider's customer id, once created; a concurrent round that created one first keeps its own. */
export async function saveProviderCustomerId(
  runner: Runner,
  platformId: string,
  customerId: string,
  providerCustomerId: string,
): Promise<void> {
  await runner.query(
    `UPDATE payment_customers SET provider_customer_id = $3 WHERE platform_id = $1 AND customer_id = $2 AND provider_customer_id IS NULL`,
    [platformId, customerId, providerCustomerId],
  );
}

/**
 * Opens a collection (SCHEDULED now) for every open invoice with something due whose customer has a payment method
 * with a provider the platform has enabled, and no collection yet. Returns how many were opened.
 */
export async function openCollections(runner: Runner, scope: TimeScope, limit: number): Promise<number> {
  const rows = returnedRows<{ id: string }>(
    await runner.query(
      `INSERT INTO payment_collections (platform_id, invoice_id, customer_id, provider, status, next_attempt_at, created_at, updated_at)
       SELECT i.platform_id, i.id, i.customer_id, pc.provider, 'SCHEDULED', $1, $1, $1
         FROM payment_customers pc
         JOIN payment_provider_settings s ON s.platform_id = pc.platform_id AND s.provider = pc.provider AND s.enabled
         JOIN invoices i ON i.platform_id = pc.platform_id AND i.customer_id = pc.customer_id
        WHERE i.status IN ('ISSUED', 'OVERDUE') AND i.amount_due > 0 AND ${scopeCondition('i.platform_id', 3, 4)}
          AND NOT EXISTS (SELECT 1 FROM payment_collections c WHERE c.platform_id = i.platform_id AND c.invoice_id = i.id)
        ORDER BY i.issued_at
        LIMIT $2
       ON CONFLICT (platform_id, invoice_id) DO NOTHING
       RETURNING id`,
      [scope.now, limit, ...scopeParameters(scope)],
    ),
  );
  return rows.length;
}

/**
 * Collections whose next attempt is due, or whose attempt in flight was never answered within its lease, locked for the
 * caller's transaction; rows another replica holds are skipped (SKIP LOCKED) and taken by it.
 */
export async function dueCollections(runner: Runner, scope: TimeScope, limit: number): Promise<CollectionRow[]> {
  return (await runner.query(
    `SELECT * FROM payment_collections
      WHERE ((status = 'SCHEDULED' AND next_attempt_at <= $1) OR (status = 'PROCESSING' AND lease_until <= $1))
        AND ${scopeCondition('platform_id', 3, 4)}
      ORDER BY coalesce(next_attempt_at, lease_until) LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [scope.now, limit, ...scopeParameters(scope)],
  )) as CollectionRow[];
}

export async function lockedCollection(runner: Runner, platformId: string, id: string): Promise<CollectionRow | null> {
  const [row] = (await runner.query(`SELECT * FROM payment_collections WHERE platform_id = $1 AND id = $2 FOR UPDATE`, [
    platformId,
    id,
  ])) as CollectionRow[];
  return row ?? null;
}

export async function updateCollection(
  runner: Runner,
  row: Pick<CollectionRow, 'id' | 'status' | 'attempts' | 'next_attempt_at' | 'lease_until'>,
  now: Date,
): Promise<void> {
  await runner.query(
    `UPDATE payment_collections SET status = $2, attempts = $3, next_attempt_at = $4, lease_until = $5, updated_at = $6 WHERE id = $1`,
    [row.id, row.status, row.attempts, row.next_attempt_at, row.lease_until, now],
  );
}

export async function attemptByNumber(runner: Runner, collectionId: string, number: number): Promise<AttemptRow | null> {
  const [row] = (await runner.query(`SELECT * FROM payment_attempts WHERE collection_id = $1 AND number = $2`, [
    collectionId,
    number,
  ])) as AttemptRow[];
  return row ?? null;
}

export async function attemptById(runner: Runner, platformId: string, id: string): Promise<AttemptRow | null> {
  const [row] = (await runner.query(`SELECT * FROM payment_attempts WHERE platform_id = $1 AND id = $2`, [platformId, id])) as AttemptRow[];
  return row ?? null;
}

/** The attempt a provider's webhook speaks of: by its payment intent, else by the metadata Meterline sent with it. */
export async function attemptOfIntent(
  runner: Runner,
  platformId: string,
  intentId: string,
  metadata: { invoiceId?: string; attempt?: string },
): Promise<AttemptRow | null> {
  const [byIntent] = (await runner.query(`SELECT * FROM payment_attempts WHERE platform_id = $1 AND provider_intent_id = $2`, [
    platformId,
    intentId,
  ])) as AttemptRow[];
  if (byIntent) return byIntent;
  if (!metadata.invoiceId || !isUuid(metadata.invoiceId) || !metadata.attempt || !/^\d{1,9}$/.test(metadata.attempt)) return null;
  const [byMetadata] = (await runner.query(
    `SELECT * FROM payment_attempts WHERE platform_id = $1 AND invoice_id = $2 AND number = $3 AND provider_intent_id IS NULL`,
    [platformId, metadata.invoiceId, Number(metadata.attempt)],
  )) as AttemptRow[];
  return byMetadata ?? null;
}

export async function insertAttempt(
  runner: Runner,
  row: Pick<AttemptRow, 'platform_id' | 'collection_id' | 'invoice_id' | 'number' | 'amount' | 'currency' | 'idempotency_key'>,
  now: Date,
): Promise<AttemptRow> {
  const [inserted] = returnedRows<AttemptRow>(
    await runner.query(
      `INSERT INTO payment_attempts (platform_id, collection_id, invoice_id, number, status, amount, currency, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7, $8, $8) RETURNING *`,
      [row.platform_id, row.collection_id, row.invoice_id, row.number, row.amount, row.currency, row.idempotency_key, now],
    ),
  );
  return inserted;
}

export async function updateAttempt(
  runner: Runner,
  id: string,
  change: Partial<
    Pick<
      AttemptRow,
      'status' | 'provider_customer_id' | 'provider_intent_id' | 'error_code' | 'error_message' | 'payment_id' | 'next_attempt_at'
    >
  >,
  now: Date,
): Promise<void> {
  const columns = Object.keys(change) as Array<keyof typeof change>;
  const sets = columns.map((column, i) => `${column} = $${i + 3}`);
  await runner.query(`UPDATE payment_attempts SET updated_at = $2${sets.map((s) => `, ${s}`).join('')} WHERE id = $1`, [
    id,
    now,
    ...columns.map((column) => change[column]),
  ]);
}

/** Reads of a request: the collection of invoices and the payment method of customers, one query per request each. */
export class CollectionRepository {
  constructor(private readonly ctx: RequestContext) {}

  collectionOf(invoiceId: string): Promise<CollectionRow | null> {
    return this.oneBy<CollectionRow>('payment_collections', 'invoice_id', invoiceId);
  }

  attemptsOf(collectionId: string): Promise<AttemptRow[]> {
    return loadChildren(
      this.ctx.loaders,
      'paymentAttemptsByCollection',
      'payment attempts',
      async (ids, take) => {
        const uuids = ids.filter(isUuid);
        if (uuids.length === 0) return [];
        return (await this.ctx.db.query(
          `SELECT * FROM payment_attempts WHERE platform_id = $1 AND collection_id = ANY($2::uuid[]) ORDER BY number LIMIT $3`,
          [this.ctx.platformId, uuids, take],
        )) as AttemptRow[];
      },
      (row) => row.collection_id,
      collectionId,
    );
  }

  paymentCustomerOf(customerId: string): Promise<PaymentCustomerRow | null> {
    return this.oneBy<PaymentCustomerRow>('payment_customers', 'customer_id', customerId);
  }

  /** The platform's row of `table` whose `column` (a uuid, unique per platform) is `key`, batched per request. */
  private oneBy<T extends object>(
    table: 'payment_collections' | 'payment_customers',
    column: 'invoice_id' | 'customer_id',
    key: string,
  ): Promise<T | null> {
    return this.ctx.loaders
      .get<string, T | null>(`${table}.${column}`, async (keys) => {
        const uuids = keys.filter(isUuid);
        const rows = uuids.length
          ? ((await this.ctx.db.query(`SELECT * FROM ${table} WHERE platform_id = $1 AND ${column} = ANY($2::uuid[])`, [
              this.ctx.platformId,
              uuids,
            ])) as T[])
          : [];
        const byKey = new Map(rows.map((row) => [(row as Record<string, unknown>)[column] as string, row]));
        return keys.map((k) => byKey.get(k) ?? null);
      })
      .load(key);
  }
}
