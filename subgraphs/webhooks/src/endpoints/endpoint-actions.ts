import { conflict, exactOptionalText, valueOrBadInput, type RequestContext } from '@meterline/kit';
import { checkEndpointUrl, checkEventTypes } from '../domain/endpoint';
import { TEST_WEBHOOK_TYPE } from '../domain/event-types';
import { newEndpointSecret } from '../domain/signature';
import { queueMessage } from '../events/webhook.consumer';
import { webhookOptionsOf } from '../jobs/webhook-options';
import type { WebhookEndpointEntity } from '../store/webhook.entity';
import { DeliveryRepository, EndpointRepository } from '../store/webhook.repository';

interface EndpointInput {
  url?: string | null;
  eventTypes?: string[] | null;
  description?: string | null;
}

function checkedUrl(ctx: RequestContext, url: string): string {
  return valueOrBadInput('input.url', checkEndpointUrl(url, webhookOptionsOf(ctx.db).blockPrivateAddresses));
}

const checkedEventTypes = (eventTypes: string[] | null | undefined) =>
  valueOrBadInput('input.eventTypes', checkEventTypes(eventTypes ?? []));

/** A new ENABLED endpoint with a fresh secret, returned once in clear. */
export async function createEndpoint(
  ctx: RequestContext,
  input: EndpointInput & { url: string },
): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
  const url = checkedUrl(ctx, input.url);
  const eventTypes = checkedEventTypes(input.eventTypes);
  const description = exactOptionalText('input.description', input.description ?? null) || null;
  const secret = newEndpointSecret();
  const endpoint = await new EndpointRepository(ctx).insert({
    url,
    eventTypes,
    description,
    secretSealed: webhookOptionsOf(ctx.db).secrets.seal(secret),
  });
  return { endpoint, secret };
}

/** Changes URL, event types or description; what is not given stays (messages already queued keep their endpoint). */
export async function updateEndpoint(ctx: RequestContext, id: string, input: EndpointInput): Promise<WebhookEndpointEntity> {
  const repo = new EndpointRepository(ctx);
  await repo.get(id);
  const changes: Partial<WebhookEndpointEntity> = {};
  if (input.url !== undefined && input.url !== null) changes.url = checkedUrl(ctx, input.url);
  if (input.eventTypes !== undefined && input.eventTypes !== null) changes.eventTypes = checkedEventTypes(input.eventTypes);
  if (input.description !== undefined) changes.description = exactOptionalText('input.description', input.description) || null;
  return repo.update(id, changes);
}

/** A new secret, effective for every attempt from now on (the old one stops working at once); returned once in clear. */
export async function rotateSecret(ctx: RequestContext, id: string): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
  const secret = newEndpointSecret();
  const endpoint = await new EndpointRepository(ctx).update(id, { secretSealed: webhookOptionsOf(ctx.db).secrets.seal(secret) });
  return { endpoint, secret };
}

/** ENABLED again with the failure count reset; its pending messages go out when due. */
export function enableEndpoint(ctx: RequestContext, id: string): Promise<WebhookEndpointEntity> {
  return new EndpointRepository(ctx).update(id, { status: 'ENABLED', disabledReason: null, disabledAt: null, consecutiveFailed: 0 });
}

/** DISABLED by hand: nothing new is queued for it, pending messages wait until it is enabled. */
export function disableEndpoint(ctx: RequestContext, id: string): Promise<WebhookEndpointEntity> {
  const now = ctx.clock.now();
  return new EndpointRepository(ctx).update(id, { status: 'DISABLED', disabledReason: 'Disabled by hand', disabledAt: now });
}

/** A `webhook.test` message to this endpoint only, due at once; refused (CONFLICT) when the endpoint is disabled. */
export async function sendTestWebhook(ctx: RequestContext, endpointId: string) {
  const endpoint = await new EndpointRepository(ctx).get(endpointId, 'endpoint');
  if (endpoint.status !== 'ENABLED') throw conflict('endpoint', 'The endpoint is disabled; enable it before sending a test');
  const now = ctx.clock.now();
  const body = {
    type: TEST_WEBHOOK_TYPE,
    timestamp: now.toISOString(),
    data: { endpointId: endpoint.id, message: 'A test from Meterline' },
  };
  const messageId = await ctx.db.transact((tx) => queueMessage(tx, ctx.platformId, body, null, [endpoint.id], now));
  const [delivery] = (await ctx.db.query(`SELECT id FROM webhook_deliveries WHERE platform_id = $1 AND message_id = $2`, [
    ctx.platformId,
    messageId,
  ])) as Array<{ id: string }>;
  return new DeliveryRepository(ctx).get(delivery.id);
}
