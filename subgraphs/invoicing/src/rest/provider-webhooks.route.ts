import type { SubgraphServices, Tenant } from '@meterline/kit';
import express, { type Router } from 'express';
import { WebhookSignatureError } from '../domain/collection';
import { attemptOfIntent } from '../store/collection.repository';
import { platformProvider, recordIntentOutcome, type CollectionOptions } from '../billing/collection';

/** The path of a platform's Stripe webhook endpoint, under /v1 (the gateway serves it without an API key). */
export const stripeWebhookPath = (platformId: string) => `/v1/providers/stripe/webhooks/${platformId}`;

function answer(res: express.Response, status: number, body: object): void {
  res.status(status).json(body);
}

/**
 * `POST /v1/providers/stripe/webhooks/:platformId`: a Stripe event, verified with the platform's webhook signing
 * secret by the SDK on the raw body (400 when it does not verify). payment_intent.succeeded / .payment_failed of an
 * attempt Meterline made record its outcome (idempotent: the same event twice is one payment); other events and intents
 * Meterline did not create are acknowledged (200) and ignored. The gateway signs the path's platform as the tenant.
 */
export function mountProviderWebhooks(router: Router, services: SubgraphServices, options: CollectionOptions): void {
  router.post('/providers/stripe/webhooks/:platformId', express.raw({ type: () => true, limit: '1mb' }), async (req, res, next) => {
    try {
      const { platformId } = res.locals.tenant as Tenant;
      if (req.params.platformId !== platformId) return answer(res, 404, { error: 'No such webhook endpoint' });
      const found = await platformProvider(services, options, platformId, 'stripe', { enabledOnly: false });
      if (!found) return answer(res, 404, { error: 'Stripe is not set up for this platform' });
      const signature = req.headers['stripe-signature'];
      if (typeof signature !== 'string' || !Buffer.isBuffer(req.body))
        return answer(res, 400, { error: 'A Stripe-Signature header and a body are required' });
      let event;
      try {
        event = found.provider.parseWebhook(req.body, signature, found.webhookSecret);
      } catch (error) {
        if (error instanceof WebhookSignatureError) return answer(res, 400, { error: `Signature verification failed: ${error.message}` });
        throw error;
      }
      if (event.kind === 'ignored') return answer(res, 200, { received: true, ignored: event.type });
      const intent = event.intent;
      const intentId = intent.id;
      if (!intentId) return answer(res, 400, { error: 'The event carries no payment intent id' });
      const handled = await services.db.transact(async (tx) => {
        const attempt = await attemptOfIntent(tx.manager, platformId, intentId, event.metadata);
        if (!attempt) return false;
        await recordIntentOutcome(tx, services.clock, options, platformId, attempt.id, intent);
        return true;
      });
      services.log.info({ platformId, event: event.eventId, intent: intent.id, kind: event.kind, handled }, 'Stripe webhook');
      answer(res, 200, handled ? { received: true } : { received: true, ignored: 'not a payment intent of Meterline' });
    } catch (error) {
      next(error);
    }
  });
}
