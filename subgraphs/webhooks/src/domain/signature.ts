import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The three Standard Webhooks headers of one attempt. */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: `whsec_` + 32 random bytes in base64, the form the Standard Webhooks libraries take. */
export function newEndpointSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * Signs one attempt: webhook-id is the message's (the same on every retry, the receiver dedupes by it),
 * webhook-timestamp the attempt's time in seconds, webhook-signature `v1,<base64 HMAC-SHA256 of id.timestamp.body>`.
 */
export function signWebhook(secret: string, webhookId: string, at: Date, body: string): SignedHeaders {
  const signature = new Webhook(secret).sign(webhookId, at, body);
  return { 'webhook-id': webhookId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}
