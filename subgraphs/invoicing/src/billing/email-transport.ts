import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpFailure } from '../domain/email-delivery';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Our own Message-ID, the same on every attempt of one delivery, so a mailbox can tell a repeat. */
  messageId: string;
  attachment: { filename: string; content: Buffer };
}

/** Where e-mail leaves the platform: SMTP through nodemailer. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP from a connection URL (`smtp://user:pass@host:587`: STARTTLS when the server offers it; `smtps://…:465`: TLS
 * from the start), with short connection and reply timeouts: a mail server that hangs costs one attempt, not the job.
 */
export function smtpTransport(url: string): MailTransport {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const transporter: Transporter = createTransport({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        attachments: [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'application/pdf' }],
      });
    },
    close: () => transporter.close(),
  };
}

/** What nodemailer's error says of the SMTP conversation. */
export function smtpFailureOf(error: unknown): SmtpFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; message?: unknown };
  return {
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : String(error),
  };
}
