import { ConfigError, loadConfig, type ServiceDb } from '@meterline/kit';
import { parseRetryScheduleDays } from '../domain/collection';
import { MAX_PAYMENT_TERMS_DAYS } from '../domain/payments';
import { DEV_PAYMENT_SECRETS_KEY } from './payment-secrets';
import { defaultBillingOptions, type BillingOptions } from './invoice-issuing';

/** INVOICE_* environment variables, validated at start with messages naming the variable. */
export const billingConfigSpec = {
  INVOICE_GRACE_PERIOD_MS: {
    kind: 'duration-ms',
    description: 'how long after a period ends its draft stays open for late usage before it is issued',
    default: '3600000',
  },
  INVOICE_NUMBER_PREFIX: { kind: 'string', description: 'prefix of invoice numbers (gapless per platform)', default: 'INV-' },
  CREDIT_NOTE_NUMBER_PREFIX: { kind: 'string', description: 'prefix of credit note numbers', default: 'CN-' },
  INVOICE_REFRESH_INTERVAL_MS: { kind: 'duration-ms', description: 'idle poll of the draft refresher', default: '100' },
  INVOICE_REFRESHERS: {
    kind: 'int',
    description: 'draft refresh rounds run at once per process, each on its own connection (0: drafts refresh only when read or issued)',
    default: '2',
  },
  INVOICE_REFRESH_BUSY_PERCENT: {
    kind: 'int',
    description:
      'the most of its time each background refresher spends refreshing, 1 to 100: below 100 it rests after each round in proportion (reads and issuing refresh what they need themselves)',
    default: '100',
  },
  INVOICE_REFRESH_DELAY_MS: {
    kind: 'duration-ms',
    description: 'how long after usage arrives the background refresher recomputes its drafts (reads and issuing never wait for it)',
    default: '10000',
  },
  INVOICE_ISSUE_INTERVAL_MS: { kind: 'duration-ms', description: 'poll of the issuing job and of the overdue job', default: '1000' },
  INVOICE_PAYMENT_TERMS_DAYS: {
    kind: 'int',
    description: 'days from issue to the payment due date, 0 to 365, for platforms that have not set their own (0: due on issue)',
    default: '30',
  },
  PAYMENT_RETRY_SCHEDULE_DAYS: {
    kind: 'string',
    description:
      'dunning: days after each failed payment collection attempt before the next one, comma-separated (3,5,7: four attempts at most); "none" for no retries',
    default: '3,5,7',
  },
  PAYMENT_COLLECTION_LEASE_MS: {
    kind: 'duration-ms',
    description:
      'how long a collection attempt sent to the provider may stay unanswered before it is sent again with the same idempotency key',
    default: '60000',
  },
  STRIPE_API_URL: {
    kind: 'url',
    description: 'where the Stripe SDK sends its calls (a local fake in tests)',
    default: 'https://api.stripe.com',
  },
  PAYMENT_SECRETS_KEY: {
    kind: 'string',
    description:
      'encrypts the payment providers’ secret keys and webhook secrets at rest (AES-256-GCM); changing it makes stored secrets unreadable',
    default: DEV_PAYMENT_SECRETS_KEY,
  },
  REPORT_RETENTION_MS: {
    kind: 'duration-ms',
    description: 'how long a report job’s CSV file stays downloadable after it is written (then it is deleted: EXPIRED)',
    default: '604800000',
  },
  REPORT_JOB_LEASE_MS: {
    kind: 'duration-ms',
    description: 'how long a running report job may go without its worker’s heartbeat before another worker restarts it',
    default: '60000',
  },
  REPORT_JOB_INTERVAL_MS: { kind: 'duration-ms', description: 'idle poll of the report job worker', default: '1000' },
} as const;

export function billingOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BillingOptions {
  const config = loadConfig(billingConfigSpec, env);
  if (config.INVOICE_PAYMENT_TERMS_DAYS > MAX_PAYMENT_TERMS_DAYS)
    throw new ConfigError([
      `INVOICE_PAYMENT_TERMS_DAYS must be 0 to ${MAX_PAYMENT_TERMS_DAYS} days; got ${config.INVOICE_PAYMENT_TERMS_DAYS}`,
    ]);
  if (config.INVOICE_REFRESH_BUSY_PERCENT < 1 || config.INVOICE_REFRESH_BUSY_PERCENT > 100)
    throw new ConfigError([`INVOICE_REFRESH_BUSY_PERCENT must be 1 to 100; got ${config.INVOICE_REFRESH_BUSY_PERCENT}`]);
  const schedule = parseRetryScheduleDays(config.PAYMENT_RETRY_SCHEDULE_DAYS);
  if (!Array.isArray(schedule)) throw new ConfigError([`PAYMENT_RETRY_SCHEDULE_DAYS: ${schedule.reason}`]);
  return {
    graceMs: config.INVOICE_GRACE_PERIOD_MS,
    invoiceNumberPrefix: config.INVOICE_NUMBER_PREFIX,
    creditNoteNumberPrefix: config.CREDIT_NOTE_NUMBER_PREFIX,
    refreshIntervalMs: config.INVOICE_REFRESH_INTERVAL_MS,
    refreshers: config.INVOICE_REFRESHERS,
    refreshDelayMs: config.INVOICE_REFRESH_DELAY_MS,
    refreshRestRatio: (100 - config.INVOICE_REFRESH_BUSY_PERCENT) / config.INVOICE_REFRESH_BUSY_PERCENT,
    issueIntervalMs: config.INVOICE_ISSUE_INTERVAL_MS,
    paymentTermsDays: config.INVOICE_PAYMENT_TERMS_DAYS,
    retryScheduleDays: schedule,
    collectionLeaseMs: config.PAYMENT_COLLECTION_LEASE_MS,
    stripeApiUrl: config.STRIPE_API_URL,
    paymentSecretsKey: config.PAYMENT_SECRETS_KEY,
    reportRetentionMs: config.REPORT_RETENTION_MS,
    reportLeaseMs: config.REPORT_JOB_LEASE_MS,
    reportIntervalMs: config.REPORT_JOB_INTERVAL_MS,
    reportChunkBytes: defaultBillingOptions.reportChunkBytes,
  };
}

// Resolvers reach the options of the service they run in through its database handle (several services may share a
// process in tests: two invoicing replicas with their own options).
const optionsByDb = new WeakMap<ServiceDb, BillingOptions>();

export function bindBillingOptions(db: ServiceDb, options: BillingOptions): void {
  optionsByDb.set(db, options);
}

export function billingOptionsOf(db: ServiceDb): BillingOptions {
  return optionsByDb.get(db) ?? defaultBillingOptions;
}
