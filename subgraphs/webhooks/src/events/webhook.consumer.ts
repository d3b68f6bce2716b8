import type { EventType } from '@meterline/contracts';
import type { EventHandler, Transaction } from '@meterline/kit';
import { sourceEventTypes, webhookBodyFor, type WebhookBody } from '../domain/event-types';
import { endpointReceives } from '../domain/endpoint';

/** `msg_` + the message's id: the webhook-id header, the same on every attempt of that message. */
export const webhookIdOf = (messageId: string) => `msg_${messageId}`;

/**
 * Stores one message and queues it for each given endpoint, due at once; returns the message id. The body is
 * serialised here once and sent byte for byte on every attempt.
 */
export async function queueMessage(
  tx: Transaction,
  platformId: string,
  body: WebhookBody,
  sourceEventId: string | null,
  endpointIds: readonly string[],
  now: Date,
): Promise<string | null> {
  const [message] = (await tx.manager.query(
    `INSERT INTO webhook_messages (platform_id, event_type, source_event_id, body, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (platform_id, source_event_id) WHERE source_event_id IS NOT NULL DO NOTHING RETURNING id`,
    [platformId, body.type, sourceEventId, JSON.stringify(body), now],
  )) as Array<{ id: string }>;
  if (!message) return null; // this event was queued already
  if (endpointIds.length > 0)
    await tx.manager.query(
      `INSERT INTO webhook_deliveries (platform_id, message_id, endpoint_id, status, next_attempt_at, created_at, updated_at)
       SELECT $1, $2, unnest($3::uuid[]), 'PENDING', $4, $4, $4`,
      [platformId, message.id, endpointIds, now],
    );
  return message.id;
}

/**
 * An internal event that a webhook type comes from → one message, and one pending delivery for every ENABLED endpoint
 * of its platform that subscribes to that type, in the inbox's transaction: once the message is acked, the deliveries
 * exist (nothing is lost while receivers or this service are down).
 */
export const onSourceEvent: EventHandler = async (tx, event) => {
  const body = webhookBodyFor(event);
  if (!body) return;
  const endpoints = (await tx.manager.query(
    `SELECT id, event_types FROM webhook_endpoints WHERE platform_id = $1 AND status = 'ENABLED' ORDER BY created_at, id`,
    [event.platformId],
  )) as Array<{ id: string; event_types: string[] }>;
  const receiving = endpoints.filter((e) => endpointReceives(e.event_types, body.type)).map((e) => e.id);
  if (receiving.length === 0) return; // nobody listens: nothing kept
  // Stamped (and due) at the instant the event happened, on the producer's business clock: already due when it arrives.
  await queueMessage(tx, event.platformId, body, event.id, receiving, new Date(event.occurredAt));
};

/** The handlers of one producer's stream: every source event of WEBHOOK_SOURCES it publishes. */
export function sourceHandlers(producer: string): Partial<Record<EventType, EventHandler>> {
  return Object.fromEntries(sourceEventTypes(producer).map((type) => [type, onSourceEvent]));
}
