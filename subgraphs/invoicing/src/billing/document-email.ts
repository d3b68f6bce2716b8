import { Loaders, type RequestContext, type SubgraphServices } from '@meterline/kit';
import type { DocumentModel } from '@meterline/documents';
import type { DocumentKind, DocumentMail } from '../domain/email-delivery';
import type { DocumentRenderer } from '../jobs/email-sender';
import { billingEntityVersionsOfInvoices } from '../store/billing-entities.repository';
import { creditNoteDocument, invoiceDocument } from './invoice-documents';

/** What the message says of a document, read off the same model its PDF is drawn from (the seller's locale). */
export function mailOfDocument(kind: DocumentKind, model: DocumentModel): DocumentMail {
  const field = (label: string) => model.header.find((f) => f.label === label)?.value ?? null;
  const total = model.totals.find((f) => f.label === 'Total')?.value ?? model.amountDue.value;
  return {
    kind,
    number: model.fileName,
    sellerName: model.sellerNotice ? 'Meterline' : (model.seller[0] ?? 'Meterline'),
    customerName: model.buyer[0] ?? 'customer',
    total,
    dueDate: kind === 'INVOICE' ? field('Due date') : null,
  };
}

/**
 * Renders the document a delivery carries exactly as `GET /v1/invoices/{id}/pdf` (or the credit note's) serves it,
 * as the platform's admin would see it, and the sender its billing entity names (`emailFrom`), if any.
 */
export const renderDocumentForEmail: DocumentRenderer = async (services: SubgraphServices, platformId: string, kind, id) => {
  const ctx: RequestContext = {
    platformId,
    role: 'admin',
    requestId: `email-${id}`,
    log: services.log,
    db: services.db,
    clock: services.clock,
    loaders: new Loaders(),
  };
  const document = kind === 'INVOICE' ? await invoiceDocument(ctx, id) : await creditNoteDocument(ctx, id);
  if (!document) throw new Error(`${kind === 'INVOICE' ? 'invoice' : 'credit note'} ${id} is gone`);
  const [invoice] =
    kind === 'INVOICE'
      ? [{ invoice_id: id }]
      : ((await services.db.query(`SELECT invoice_id FROM credit_notes WHERE platform_id = $1 AND id = $2`, [platformId, id])) as Array<{
          invoice_id: string;
        }>);
  const sellers = await billingEntityVersionsOfInvoices(services.db.ds.manager, platformId, [invoice.invoice_id]);
  return { mail: mailOfDocument(kind, document.model), pdf: document.pdf, from: sellers.get(invoice.invoice_id)?.emailFrom ?? null };
};
