import { badInput, conflict, forbidden, isEmailAddress, notFound, exactOptionalText, type RequestContext } from '@meterline/kit';
import type { DocumentKind } from '../domain/email-delivery';
import { customerEmail, queueEmailDelivery, saveEmailDeliveryEnabled, type EmailDeliveryRow } from '../store/email-deliveries.repository';
import { InvoiceRepository } from '../store/invoice.repository';
import { emailOptionsOf } from './email-options';
import { currentInvoices } from './current-drafts';

function requireEmail(ctx: RequestContext, field: string): void {
  if (ctx.role !== 'admin') throw forbidden('E-mail delivery is for admin keys');
  if (!emailOptionsOf(ctx.db).smtpUrl)
    throw badInput(field, 'This deployment has no SMTP server to send e-mail through (set SMTP_URL on the invoicing service)');
}

/** Turns e-mail delivery of issued invoices and credit notes on or off for the caller's platform. */
export async function setEmailDelivery(ctx: RequestContext, enabled: boolean): Promise<void> {
  if (enabled) requireEmail(ctx, 'input.enabled');
  else if (ctx.role !== 'admin') throw forbidden('E-mail delivery is for admin keys');
  await saveEmailDeliveryEnabled(ctx.db.ds, ctx.platformId, enabled, ctx.clock.now());
}

/**
 * Queues the document's e-mail again (to `to`, else the customer's billing e-mail) — after a failure, or to another
 * address. Only issued documents: a draft has no document to send.
 */
export async function resendDocumentEmail(
  ctx: RequestContext,
  kind: DocumentKind,
  id: string,
  to: string | null | undefined,
): Promise<EmailDeliveryRow> {
  const field = kind === 'INVOICE' ? 'invoice' : 'creditNote';
  if (ctx.role !== 'admin') throw forbidden('E-mail delivery is for admin keys');
  const recipient = exactOptionalText('to', to ?? null, 'name') ?? null;
  if (recipient !== null && !isEmailAddress(recipient)) throw badInput('to', 'to must be an e-mail address');
  let customerId: string;
  if (kind === 'INVOICE') {
    const invoice = await currentInvoices(ctx).byId(id);
    if (!invoice) throw notFound('Invoice', field);
    if (invoice.status === 'DRAFT') throw conflict(field, 'A draft invoice has no document to send yet: issue it first');
    customerId = invoice.customerId;
  } else {
    const note = await new InvoiceRepository(ctx).creditNoteById(id);
    const invoice = note && (await currentInvoices(ctx).byId(note.invoiceId));
    if (!note || !invoice) throw notFound('CreditNote', field);
    customerId = invoice.customerId;
  }
  requireEmail(ctx, field);
  return ctx.db.transact(async (tx) => {
    const address = recipient ?? (await customerEmail(tx.manager, ctx.platformId, customerId));
    if (!address) throw badInput('to', 'The customer has no billing e-mail: give one in to');
    return queueEmailDelivery(
      tx,
      { platformId: ctx.platformId, kind, documentId: id, recipient: address, requestedBy: 'RESEND' },
      ctx.clock.now(),
    );
  });
}
