import type { EventOf, Transaction } from '@meterline/kit';
import type { DocumentKind } from '../domain/email-delivery';
import { customerEmail, emailDeliveryEnabled, queueEmailDelivery } from '../store/email-deliveries.repository';

/**
 * invoicing.invoice.issued / invoicing.credit_note.created (invoicing's own stream) → the document's e-mail to the
 * customer's billing e-mail is queued, when the platform sends its documents. In the inbox transaction: a redelivered
 * event queues nothing twice.
 */
export async function onDocumentIssued(
  tx: Transaction,
  event: EventOf<'invoicing.invoice.issued' | 'invoicing.credit_note.created'>,
): Promise<void> {
  if (!(await emailDeliveryEnabled(tx.manager, event.platformId))) return;
  const kind: DocumentKind = event.type === 'invoicing.invoice.issued' ? 'INVOICE' : 'CREDIT_NOTE';
  const recipient = await customerEmail(tx.manager, event.platformId, event.data.customerId);
  await queueEmailDelivery(
    tx,
    { platformId: event.platformId, kind, documentId: event.data.id, recipient, requestedBy: 'ISSUE' },
    new Date(event.occurredAt),
  );
}
