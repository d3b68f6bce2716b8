import { loadConfig, type ServiceDb } from '@meterline/kit';
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
  INVOICE_ISSUE_INTERVAL_MS: { kind: 'duration-ms', description: 'poll of the issuing job', default: '1000' },
} as const;

export function billingOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BillingOptions {
  const config = loadConfig(billingConfigSpec, env);
  return {
    graceMs: config.INVOICE_GRACE_PERIOD_MS,
    invoiceNumberPrefix: config.INVOICE_NUMBER_PREFIX,
    creditNoteNumberPrefix: config.CREDIT_NOTE_NUMBER_PREFIX,
    refreshIntervalMs: config.INVOICE_REFRESH_INTERVAL_MS,
    refreshers: config.INVOICE_REFRESHERS,
    issueIntervalMs: config.INVOICE_ISSUE_INTERVAL_MS,
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
