import { isUuid, loadChildren, returnedRows, type RequestContext, type Transaction } from '@meterline/kit';
import { MAX_ATTEMPTS, SENDING_LEASE_MS, type DeliveryStatus, type DocumentKind } from '../domain/email-delivery';

type Runner = Pick<Transaction['manager'], 'query'>;

export interface EmailDeliveryRow {
  id: string;
  platformId: string;
  documentKind: DocumentKind;
  documentId: string;
  recipient: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  messageId: string;
  requestedBy: 'ISSUE' | 'RESEND';
  queuedAt: Date;
  sentAt: Date | null;
}

export interface EmailAttemptRow {
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  outcome: 'SENT' | 'FAILED';
  error: string | null;
}

const COLUMNS = `id, platform_id AS "platformId", document_kind AS "documentKind", document_id AS "documentId", recipient, status,
  attempts, next_attempt_at AS "nextAttemptAt", last_error AS "lastError", message_id AS "messageId",
  requested_by AS "requestedBy", queued_at AS "queuedAt", sent_at AS "sentAt"`;

/** Whether the platform sends its documents by e-mail (off until it says so). */
export async function emailDeliveryEnabled(runner: Runner, platformId: string): Promise<boolean> {
  const [row] = (await runner.query(`SELECT email_delivery FROM invoicing_settings WHERE platform_id = $1`, [platformId])) as Array<{
    email_delivery: boolean | null;
  }>;
  return row?.email_delivery ?? false;
}

export async function saveEmailDeliveryEnabled(runner: Runner, platformId: string, enabled: boolean, now: Date): Promise<void> {
  await runner.query(
    `INSERT INTO invoicing_settings (platform_id, email_delivery, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (platform_id) DO UPDATE SET email_delivery = excluded.email_delivery, updated_at = excluded.updated_at`,
    [platformId, enabled, now],
  );
}

/** The billing e-mail invoicing knows for a customer (its projection of subscriptions' customers), or null. */
export async function customerEmail(runner: Runner, platformId: string, customerId: string): Promise<string | null> {
  const [row] = (await runner.query(`SELECT email FROM customers WHERE platform_id = $1 AND id = $2`, [platformId, customerId])) as Array<{
    email: string | null;
  }>;
  return row?.email ?? null;
}

/**
 * Queues a message carrying a document, due at once. Without a recipient it is recorded as FAILED with the reason,
 * so the delivery log says why nothing was sent.
 */
export async function queueEmailDelivery(
  tx: Transaction,
  delivery: { platformId: string; kind: DocumentKind; documentId: string; recipient: string | null; requestedBy: 'ISSUE' | 'RESEND' },
  now: Date,
): Promise<EmailDeliveryRow> {
  const [row] = (await tx.manager.query(
    `INSERT INTO email_deliveries (platform_id, document_kind, document_id, recipient, status, next_attempt_at, last_error,
                                   message_id, requested_by, queued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '<' || gen_random_uuid() || '@meterline>', $8, $9)
     RETURNING ${COLUMNS}`,
    [
      delivery.platformId,
      delivery.kind,
      delivery.documentId,
      delivery.recipient,
      delivery.recipient ? 'QUEUED' : 'FAILED',
      delivery.recipient ? now : null,
      delivery.recipient ? null : 'The customer has no billing e-mail',
      delivery.requestedBy,
      now,
    ],
  )) as EmailDeliveryRow[];
  return row;
}

/**
 * Takes up to `limit` messages due now (queued and due, or sending with a lapsed lease: a sender that died mid-send)
 * for one attempt each: SENDING with a lease, the attempt counted. Rows another sender holds are skipped.
 */
export async function claimDueDeliveries(tx: Transaction, now: Date, limit: number): Promise<EmailDeliveryRow[]> {
  return returnedRows<EmailDeliveryRow>(
    await tx.manager.query(
      `UPDATE email_deliveries SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = $2
        WHERE id IN (SELECT id FROM email_deliveries WHERE status IN ('QUEUED', 'SENDING') AND next_attempt_at <= $1
                      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [now, new Date(now.getTime() + SENDING_LEASE_MS), limit],
    ),
  );
}

/**
 * The outcome of one claimed attempt: SENT, or FAILED for good (`retryAt` null), or QUEUED again for `retryAt`. Only
 * the attempt that holds the claim records (status SENDING with that attempt number), so a sender whose lease lapsed
 * and was taken over cannot overwrite the newer attempt.
 */
export async function recordAttempt(
  tx: Transaction,
  delivery: Pick<EmailDeliveryRow, 'id' | 'platformId' | 'attempts'>,
  outcome: { sent: true } | { sent: false; error: string; retryAt: Date | null },
  now: Date,
): Promise<boolean> {
  const [status, next, error] = outcome.sent
    ? ['SENT', null, null]
    : [outcome.retryAt && delivery.attempts < MAX_ATTEMPTS ? 'QUEUED' : 'FAILED', outcome.retryAt, outcome.error];
  const updated = returnedRows<{ id: string }>(
    await tx.manager.query(
      `UPDATE email_deliveries SET status = $3, next_attempt_at = $4, last_error = $5, sent_at = CASE WHEN $3 = 'SENT' THEN $6::timestamptz END
        WHERE id = $1 AND attempts = $2 AND status = 'SENDING' RETURNING id`,
      [delivery.id, delivery.attempts, status, status === 'QUEUED' ? next : null, error, now],
    ),
  );
  if (updated.length === 0) return false;
  await tx.manager.query(
    `INSERT INTO email_delivery_attempts (platform_id, delivery_id, attempt, attempted_at, outcome, error) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING`,
    [delivery.platformId, delivery.id, delivery.attempts, now, outcome.sent ? 'SENT' : 'FAILED', error],
  );
  return true;
}

/** The delivery log of documents and of deliveries, for the API: one query per list per request, scoped by platform. */
export class EmailDeliveryRepository {
  constructor(private readonly ctx: RequestContext) {}

  /** The messages that carried a document, newest first. */
  deliveriesOf(documentId: string): Promise<EmailDeliveryRow[]> {
    return loadChildren(
      this.ctx.loaders,
      'emailDeliveriesByDocument',
      'e-mail deliveries',
      async (ids, take) =>
        (await this.ctx.db.query(
          `SELECT ${COLUMNS} FROM email_deliveries WHERE platform_id = $1 AND document_id = ANY($2::uuid[])
            ORDER BY queued_at DESC, id LIMIT $3`,
          [this.ctx.platformId, ids.filter(isUuid), take],
        )) as EmailDeliveryRow[],
      (row) => row.documentId,
      documentId,
    );
  }

  /** The attempts of a delivery, oldest first. */
  attemptsOf(deliveryId: string): Promise<EmailAttemptRow[]> {
    return loadChildren(
      this.ctx.loaders,
      'emailAttemptsByDelivery',
      'e-mail delivery attempts',
      async (ids, take) =>
        (await this.ctx.db.query(
          `SELECT delivery_id AS "deliveryId", attempt, attempted_at AS "attemptedAt", outcome, error
             FROM email_delivery_attempts WHERE platform_id = $1 AND delivery_id = ANY($2::uuid[])
            ORDER BY delivery_id, attempt LIMIT $3`,
          [this.ctx.platformId, ids.filter(isUuid), take],
        )) as EmailAttemptRow[],
      (row) => row.deliveryId,
      deliveryId,
    );
  }
}
