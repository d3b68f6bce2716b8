import { ConfigError, loadConfig } from '@meterline/kit';

/** How this deployment sends documents by e-mail: no SMTP server configured, no e-mail (and platforms cannot turn it on). */
export interface EmailOptions {
  /** nodemailer's SMTP connection URL (`smtp://user:pass@host:587`, `smtps://…:465`), or null: e-mail is off. */
  smtpUrl: string | null;
  /** The sender of every message (`Name <address>`), unless the billing entity has its own. */
  from: string;
  /** How often the sender job looks for queued messages when idle. */
  sendIntervalMs: number;
}

export const noEmail: EmailOptions = { smtpUrl: null, from: 'Meterline <invoices@meterline.localhost>', sendIntervalMs: 1000 };

/** SMTP_URL, EMAIL_FROM, EMAIL_SEND_INTERVAL_MS, validated at start with messages naming the variable. */
export const emailConfigSpec = {
  SMTP_URL: {
    kind: 'string',
    description: 'SMTP server documents are e-mailed through, e.g. smtp://user:pass@mail.example.com:587 (empty: no e-mail)',
    default: '',
  },
  EMAIL_FROM: {
    kind: 'string',
    description: 'sender of invoice e-mails, e.g. "Acme Billing <billing@acme.example>"',
    default: noEmail.from,
  },
  EMAIL_SEND_INTERVAL_MS: { kind: 'duration-ms', description: 'idle poll of the e-mail sender', default: String(noEmail.sendIntervalMs) },
} as const;

export function emailOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmailOptions {
  const config = loadConfig(emailConfigSpec, env);
  const problems: string[] = [];
  if (config.SMTP_URL !== '') {
    let protocol = '';
    try {
      protocol = new URL(config.SMTP_URL).protocol;
    } catch {
      problems.push(`SMTP_URL must be a URL like smtp://host:587; got "${config.SMTP_URL}"`);
    }
    if (protocol && protocol !== 'smtp:' && protocol !== 'smtps:') problems.push(`SMTP_URL must use smtp: or smtps:; got "${protocol}"`);
  }
  if (!/<[^\s@<>]+@[^\s@<>]+>\s*$|^[^\s@<>]+@[^\s@<>]+$/.test(config.EMAIL_FROM))
    problems.push(`EMAIL_FROM must be an address or "Name <address>"; got "${config.EMAIL_FROM}"`);
  if (problems.length > 0) throw new ConfigError(problems);
  return { smtpUrl: config.SMTP_URL || null, from: config.EMAIL_FROM, sendIntervalMs: config.EMAIL_SEND_INTERVAL_MS };
}

// Resolvers reach the e-mail options of the service they run in through its database handle (as billing options).
const optionsByDb = new WeakMap<object, EmailOptions>();

export function bindEmailOptions(db: object, options: EmailOptions): void {
  optionsByDb.set(db, options);
}

export function emailOptionsOf(db: object): EmailOptions {
  return optionsByDb.get(db) ?? noEmail;
}
