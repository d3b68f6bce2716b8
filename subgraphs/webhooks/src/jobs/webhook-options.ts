import { ConfigError, loadConfig, type ConfigSpec, type ServiceDb } from '@meterline/kit';
import { SecretBox } from '../store/secret-box';

/** WEBHOOK_* environment variables, validated at start with messages naming the variable. */
export const webhookConfigSpec = {
  WEBHOOK_SECRETS_KEY: {
    kind: 'string',
    description: 'key material sealing endpoint signing secrets at rest (AES-256-GCM); set it in production',
    default: 'meterline-development-webhook-secrets-key',
  },
  WEBHOOK_BLOCK_PRIVATE_ADDRESSES: {
    kind: 'choice',
    choices: ['auto', 'on', 'off'] as string[],
    description: 'on: refuse endpoint URLs and resolved addresses that are loopback/private/link-local; auto: on when NODE_ENV=production',
    default: 'auto',
  },
  WEBHOOK_TIMEOUT_MS: { kind: 'duration-ms', description: 'longest wait for a receiver to answer an attempt', default: '15000' },
  WEBHOOK_DELIVERY_INTERVAL_MS: { kind: 'duration-ms', description: 'idle poll of the delivery worker', default: '500' },
  WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: {
    kind: 'int',
    description: 'messages in a row that exhaust their ~3-day schedule before an endpoint is disabled (at least 1)',
    default: '3',
  },
} as const satisfies ConfigSpec;

export interface WebhookOptions {
  secrets: SecretBox;
  blockPrivateAddresses: boolean;
  timeoutMs: number;
  intervalMs: number;
  disableAfterFailedMessages: number;
  /** Deliveries one round claims and sends at once. */
  perRound: number;
}

export function webhookOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookOptions {
  const config = loadConfig(webhookConfigSpec, env);
  if (config.WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES < 1)
    throw new ConfigError([
      `WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES must be at least 1; got ${config.WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES}`,
    ]);
  return {
    secrets: new SecretBox(config.WEBHOOK_SECRETS_KEY),
    blockPrivateAddresses:
      config.WEBHOOK_BLOCK_PRIVATE_ADDRESSES === 'auto' ? env.NODE_ENV === 'production' : config.WEBHOOK_BLOCK_PRIVATE_ADDRESSES === 'on',
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    intervalMs: config.WEBHOOK_DELIVERY_INTERVAL_MS,
    disableAfterFailedMessages: config.WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES,
    perRound: 10,
  };
}

// Resolvers reach the options of the service they run in through its database handle (tests may run two in a process).
const optionsByDb = new WeakMap<ServiceDb, WebhookOptions>();

export function bindWebhookOptions(db: ServiceDb, options: WebhookOptions): void {
  optionsByDb.set(db, options);
}

export function webhookOptionsOf(db: ServiceDb): WebhookOptions {
  const options = optionsByDb.get(db);
  if (!options) throw new Error('webhook options are bound when the service starts its workers');
  return options;
}
