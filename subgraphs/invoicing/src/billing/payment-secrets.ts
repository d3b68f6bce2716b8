import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** The development default of PAYMENT_SECRETS_KEY (like TENANT_SIGNING_SECRET's): set your own in production. */
export const DEV_PAYMENT_SECRETS_KEY = 'meterline-dev-payment-secrets-change-me';

const VERSION = 'v1';

function keyOf(secretsKey: string): Buffer {
  return createHash('sha256').update(secretsKey).digest();
}

/**
 * A provider secret as stored: AES-256-GCM under a key derived (SHA-256) from PAYMENT_SECRETS_KEY, a fresh 12-byte IV
 * each time, `v1:<iv>:<tag>:<ciphertext>` in base64. The database alone never reveals a Stripe key.
 */
export function sealSecret(secretsKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretsKey), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

/** The plaintext of sealSecret's output; throws when the key is not the one it was sealed with (or it was altered). */
export function openSecret(secretsKey: string, stored: string): string {
  const [version, iv, tag, sealed] = stored.split(':');
  if (version !== VERSION || !iv || !tag || sealed === undefined) throw new Error('Not a sealed payment secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretsKey), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}
