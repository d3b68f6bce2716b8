/**
 * E-mail delivery of invoice documents: when a queued message is tried again, when it is given up, and what its
 * subject and text say. Pure: the sender job (jobs/email-sender.ts) does the I/O.
 */

export type DeliveryStatus = 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED';
export type DocumentKind = 'INVOICE' | 'CREDIT_NOTE';

/**
 * Pauses before the 2nd, 3rd, … attempt: 1 min, 5 min, 30 min, 2 h, 6 h — six attempts over about 8.6 hours, then the
 * delivery is FAILED (a person can resend it). A mail server that is down for a short while loses nothing.
 */
export const RETRY_PAUSES_MS: readonly number[] = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];
export const MAX_ATTEMPTS = RETRY_PAUSES_MS.length + 1;

/** How long a claimed message may be in the sender's hands before another sender may take it (a crash mid-send). */
export const SENDING_LEASE_MS = 120_000;

/** When the attempt after `attempts` failed ones is due, or null when none is left. */
export function nextAttemptAt(attempts: number, failedAt: Date): Date | null {
  if (attempts < 1 || attempts >= MAX_ATTEMPTS) return null;
  return new Date(failedAt.getTime() + RETRY_PAUSES_MS[attempts - 1]);
}

/** What the SMTP conversation said of a failure, as nodemailer reports it. */
export interface SmtpFailure {
  responseCode?: number;
  code?: string;
  message: string;
}

/**
 * A 5xx reply (RFC 5321: a permanent negative completion — mailbox unknown, message refused) will not change on a
 * retry: the delivery fails at once. Anything else (4xx, a connection refused or timed out) is tried again.
 */
export function isPermanentFailure(failure: SmtpFailure): boolean {
  return failure.responseCode !== undefined && failure.responseCode >= 500 && failure.responseCode < 600;
}

/** The short reason kept on the delivery log: the server's reply or the transport's error, at most 500 characters. */
export function failureReason(failure: SmtpFailure): string {
  const text = [failure.responseCode ? String(failure.responseCode) : failure.code, failure.message].filter(Boolean).join(' ');
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

export interface DocumentMail {
  kind: DocumentKind;
  number: string;
  sellerName: string;
  customerName: string;
  /** Already formatted for the reader (the document's locale), e.g. "€1,234.50". */
  total: string;
  /** Formatted due date of an invoice; null for credit notes and invoices due on receipt. */
  dueDate: string | null;
}

export interface MailContent {
  subject: string;
  text: string;
  /** The attachment's file name, e.g. `INV-000042.pdf`. */
  filename: string;
}

/** Subject, plain text and attachment name of the message that carries a document. */
export function documentMail(mail: DocumentMail): MailContent {
  const what = mail.kind === 'INVOICE' ? 'Invoice' : 'Credit note';
  const lines = [
    `Hello ${mail.customerName},`,
    '',
    mail.kind === 'INVOICE'
      ? `please find attached invoice ${mail.number} from ${mail.sellerName} for ${mail.total}${mail.dueDate ? `, due on ${mail.dueDate}` : ''}.`
      : `please find attached credit note ${mail.number} from ${mail.sellerName} for ${mail.total}.`,
    '',
    mail.sellerName,
  ];
  return {
    subject: `${what} ${mail.number} from ${mail.sellerName}`,
    text: `${lines.join('\n')}\n`,
    filename: `${safeFileName(mail.number)}.pdf`,
  };
}

function safeFileName(number: string): string {
  return number.replace(/[^A-Za-z0-9._-]/g, '_');
}
