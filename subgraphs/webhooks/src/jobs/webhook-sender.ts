import { returnedRows, systemClock, type SubgraphServices, type Transaction } from '@meterline/kit';
import { afterExhaustedMessage, isSuccessStatus, nextAttemptAt, truncatedResponseBody } from '../domain/delivery-schedule';
import { signWebhook } from '../domain/signature';
import { webhookIdOf } from '../events/webhook.consumer';
import { postWebhook, type PostOutcome } from './http-post';
import type { WebhookOptions } from './webhook-options';

interface DueDelivery {
  id: string;
  platform_id: string;
  message_id: string;
  endpoint_id: string;
  attempt_count: number;
  body: string;
  url: string;
  secret_sealed: string;
}

/**
 * One round of the delivery worker: claims up to `perRound` due deliveries of ENABLED endpoints (FOR UPDATE SKIP
 * LOCKED: replicas split the work, and a process killed mid-round leaves its rows to the next one, since its
 * transaction dies with it), POSTs them at once, and records each attempt in the same transaction: success (2xx) →
 * SUCCEEDED; failure → the next time of the schedule, or FAILED once it is exhausted (which may disable the endpoint).
 * Returns how many were attempted.
 */
export async function sendDueWebhooks(services: SubgraphServices, options: WebhookOptions): Promise<number> {
  return services.db.transact(async (tx) => {
    const due = returnedRows<DueDelivery>(
      await tx.manager.query(
        `SELECT d.id, d.platform_id, d.message_id, d.endpoint_id, d.attempt_count, m.body, e.url, e.secret_sealed
           FROM webhook_deliveries d
           JOIN webhook_messages m ON m.id = d.message_id AND m.platform_id = d.platform_id
           JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.platform_id = d.platform_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1 AND e.status = 'ENABLED'
          ORDER BY d.next_attempt_at, d.id
          LIMIT $2
          FOR UPDATE OF d SKIP LOCKED`,
        [services.clock.now(), options.perRound],
      ),
    );
    const attempts = await Promise.all(
      due.map(async (delivery) => {
        const attemptedAt = services.clock.now();
        // The signature's timestamp is transport security, on real time like tenant signatures: receivers check it
        // against their own clock, so moving the business clock in tests must not make it stale.
        let secret: string;
        try {
          secret = options.secrets.open(delivery.secret_sealed);
        } catch {
          // Not this round's other messages' problem: a failed attempt of its own, retried like any other.
          const error = "the endpoint's secret cannot be opened (WEBHOOK_SECRETS_KEY changed?): rotate it";
          return { delivery, attemptedAt, outcome: { statusCode: null, body: null, error, durationMs: 0 } };
        }
        const headers = signWebhook(secret, webhookIdOf(delivery.message_id), systemClock.now(), delivery.body);
        let outcome: PostOutcome;
        try {
          outcome = await postWebhook(delivery.url, { ...headers }, delivery.body, options);
        } catch (error) {
          // postWebhook answers outcomes; anything thrown is still this message's failed attempt, not the round's.
          outcome = { statusCode: null, body: null, error: `could not send: ${(error as Error).message}`, durationMs: 0 };
        }
        return { delivery, attemptedAt, outcome };
      }),
    );
    for (const { delivery, attemptedAt, outcome } of attempts) await recordAttempt(tx, services, options, delivery, attemptedAt, outcome);
    return due.length;
  });
}

async function recordAttempt(
  tx: Transaction,
  services: SubgraphServices,
  options: WebhookOptions,
  delivery: DueDelivery,
  attemptedAt: Date,
  outcome: PostOutcome,
): Promise<void> {
  const now = services.clock.now();
  const succeeded = outcome.statusCode !== null && isSuccessStatus(outcome.statusCode);
  const error = succeeded ? null : (outcome.error ?? `HTTP ${outcome.statusCode}`);
  await tx.manager.query(
    `INSERT INTO webhook_attempts (platform_id, delivery_id, attempted_at, status_code, response_body, duration_ms, error, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      delivery.platform_id,
      delivery.id,
      attemptedAt,
      outcome.statusCode,
      outcome.body === null ? null : truncatedResponseBody(outcome.body),
      outcome.durationMs,
      outcome.error,
      now,
    ],
  );
  const attemptsMade = delivery.attempt_count + 1;
  const next = succeeded ? null : nextAttemptAt(attemptsMade, now);
  const status = succeeded ? 'SUCCEEDED' : next ? 'PENDING' : 'FAILED';
  await tx.manager.query(
    `UPDATE webhook_deliveries SET status = $3, attempt_count = $4, next_attempt_at = $5, last_status_code = $6, updated_at = $7
      WHERE platform_id = $1 AND id = $2`,
    [delivery.platform_id, delivery.id, status, attemptsMade, next, outcome.statusCode, now],
  );
  if (succeeded) {
    await tx.manager.query(
      `UPDATE webhook_endpoints SET consecutive_failed = 0 WHERE platform_id = $1 AND id = $2 AND consecutive_failed <> 0`,
      [delivery.platform_id, delivery.endpoint_id],
    );
  } else if (status === 'FAILED') {
    const [endpoint] = returnedRows<{ consecutive_failed: number }>(
      await tx.manager.query(`SELECT consecutive_failed FROM webhook_endpoints WHERE platform_id = $1 AND id = $2 FOR UPDATE`, [
        delivery.platform_id,
        delivery.endpoint_id,
      ]),
    );
    const verdict = afterExhaustedMessage(endpoint.consecutive_failed, options.disableAfterFailedMessages, error ?? 'failed');
    await tx.manager.query(
      `UPDATE webhook_endpoints SET consecutive_failed = $3,
              status = CASE WHEN $4::text IS NULL THEN status ELSE 'DISABLED' END,
              disabled_reason = COALESCE($4::text, disabled_reason),
              disabled_at = CASE WHEN $4::text IS NULL THEN disabled_at ELSE $5::timestamptz END,
              updated_at = $5
        WHERE platform_id = $1 AND id = $2`,
      [delivery.platform_id, delivery.endpoint_id, verdict.consecutiveFailed, verdict.disableReason, now],
    );
    if (verdict.disableReason)
      services.log.warn({ platformId: delivery.platform_id, endpointId: delivery.endpoint_id }, verdict.disableReason);
  }
}
