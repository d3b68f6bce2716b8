import 'reflect-metadata';
import { deadLetterResolver, PollingWorker, type SubgraphDefinition } from '@meterline/kit';
import { sourceProducers } from './domain/event-types';
import { sourceHandlers } from './events/webhook.consumer';
import {
  resolveWebhookEndpointReference,
  resolveWebhookMessageReference,
  WebhookEndpointResolver,
  WebhookMessageResolver,
} from './graph/webhook.resolver';
import { sendDueWebhooks } from './jobs/webhook-sender';
import { bindWebhookOptions, webhookOptionsFromEnv, type WebhookOptions } from './jobs/webhook-options';
import { Webhooks1763700001100 } from './store/migrations/1763700001100-webhooks';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity, WebhookMessageEntity } from './store/webhook.entity';

export { webhookOptionsFromEnv, type WebhookOptions } from './jobs/webhook-options';
export { WEBHOOK_SOURCES, webhookEventTypes } from './domain/event-types';

/**
 * The webhooks subgraph: endpoints per platform, messages fed from the invoicing and subscriptions streams (inbox
 * transaction: nothing lost while a receiver or this service is down), signed per Standard Webhooks and delivered at
 * least once by a polling worker with a ~3-day retry schedule, a delivery log, replay and automatic disabling.
 */
export function createWebhooksSubgraph(options: Partial<WebhookOptions> = {}): SubgraphDefinition {
  return {
    name: 'webhooks',
    defaultPort: 4005,
    entities: [WebhookEndpointEntity, WebhookMessageEntity, WebhookDeliveryEntity, WebhookAttemptEntity],
    migrations: [Webhooks1763700001100],
    graph: {
      resolvers: [WebhookEndpointResolver, WebhookMessageResolver, deadLetterResolver('webhooks')],
      references: { WebhookEndpoint: resolveWebhookEndpointReference, WebhookMessage: resolveWebhookMessageReference },
    },
    workers: (services) => {
      // Read when the service starts (a bad WEBHOOK_* variable stops it there, named), not when this module loads.
      const resolved: WebhookOptions = { ...webhookOptionsFromEnv(), ...options };
      bindWebhookOptions(services.db, resolved);
      if (process.env.NODE_ENV === 'production' && !process.env.WEBHOOK_SECRETS_KEY)
        services.log.warn('WEBHOOK_SECRETS_KEY is not set: endpoint secrets are sealed with the development key; set it');
      return [new PollingWorker('webhook deliveries', () => sendDueWebhooks(services, resolved), resolved.intervalMs, services.log)];
    },
    // Every stream a webhook type comes from (today INVOICING and SUBSCRIPTIONS), a handler per source event.
    consumes: sourceProducers().map((producer) => ({ producer, handlers: sourceHandlers(producer) })),
  };
}

/** With the environment's options, read at start (tests and the service itself). */
export const webhooksSubgraph = createWebhooksSubgraph();
