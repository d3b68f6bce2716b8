import type { SubgraphServices } from '@meterline/kit';
import { smtpFailureOf, type MailTransport } from '../billing/email-transport';
import {
  documentMail,
  failureReason,
  isPermanentFailure,
  nextAttemptAt,
  type DocumentKind,
  type DocumentMail,
} from '../domain/email-delivery';
import { claimDueDeliveries, recordAttempt } from '../store/email-deliveries.repository';

/** A document ready to go: what the message says of it, its PDF, and the sender (the billing entity's, if it has one). */
export interface RenderedDocument {
  mail: DocumentMail;
  pdf: Buffer;
  from: string | null;
}

/** Renders the document a delivery carries (the same PDF the API serves). */
export type DocumentRenderer = (
  services: SubgraphServices,
  platformId: string,
  kind: DocumentKind,
  id: string,
) => Promise<RenderedDocument>;

/**
 * One round of the e-mail sender: claims up to `perRound` due messages (SKIP LOCKED: replicas split them), renders and
 * sends each outside any transaction, then records the attempt — SENT; or, on failure, QUEUED again on the retry
 * schedule, or FAILED when the server refused for good (5xx) or no attempt is left. A sender that dies mid-send
 * leaves the claim to lapse and another takes it (at least once; the Message-ID is the same every time). A claim past
 * the last attempt is recorded FAILED.
 */
export async function sendDueEmails(
  services: SubgraphServices,
  transport: MailTransport,
  render: DocumentRenderer,
  defaultFrom: string,
  perRound = 20,
): Promise<number> {
  const claimed = await services.db.transact((tx) => claimDueDeliveries(tx, services.clock.now(), perRound));
  for (const delivery of claimed) {
    let outcome: { sent: true } | { sent: false; error: string; retryAt: Date | null };
    try {
      const document = await render(services, delivery.platformId, delivery.documentKind, delivery.documentId);
      const content = documentMail(document.mail);
      await transport.send({
        from: document.from ?? defaultFrom,
        to: delivery.recipient ?? '',
        subject: content.subject,
        text: content.text,
        messageId: delivery.messageId,
        attachment: { filename: content.filename, content: document.pdf },
      });
      outcome = { sent: true };
    } catch (error) {
      // The mail server down or refusing, or our database away while rendering: the attempt counts, the schedule retries.
      const failure = smtpFailureOf(error);
      const retryAt = isPermanentFailure(failure) ? null : nextAttemptAt(delivery.attempts, services.clock.now());
      services.log.warn(
        { err: error, delivery: delivery.id, attempt: delivery.attempts, retryAt },
        'e-mail sender: a message was not sent',
      );
      outcome = { sent: false, error: failureReason(failure), retryAt };
    }
    await services.db.transact((tx) => recordAttempt(tx, delivery, outcome, services.clock.now()));
  }
  return claimed.length;
}
