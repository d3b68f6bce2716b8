import { createHash } from 'node:crypto';
import {
  buildCreditNoteDocument,
  buildInvoiceDocument,
  renderDocumentPdf,
  type DocumentModel,
  type InvoiceDocumentInput,
} from '@meterline/documents';
import { Decimal, type RequestContext } from '@meterline/kit';
import { buyersOfInvoices, sellersOfInvoices } from '../store/invoice-documents';
import { lineFromJson } from '../store/invoice-lines';
import type { CreditNoteEntity, InvoiceEntity } from '../store/invoice.entity';
import { PaymentRepository } from '../store/payment.repository';
import { currentInvoices } from './current-drafts';

/** Where an invoice's PDF is on the gateway (GET with the API key): `Invoice.pdfUrl`, served by the documents route. */
export const invoicePdfPath = (id: string) => `/v1/invoices/${encodeURIComponent(id)}/pdf`;
/** Where a credit note's PDF is on the gateway: `CreditNote.pdfUrl`. */
export const creditNotePdfPath = (id: string) => `/v1/credit-notes/${encodeURIComponent(id)}/pdf`;

/** A rendered document: its bytes, the file name (its number), an ETag of the bytes, and the model it was drawn from. */
export interface RenderedDocument {
  pdf: Buffer;
  model: DocumentModel;
  fileName: string;
  etag: string;
  draft: boolean;
}

async function rendered(model: DocumentModel): Promise<RenderedDocument> {
  const pdf = await renderDocumentPdf(model);
  return {
    pdf,
    model,
    fileName: `${model.fileName}.pdf`,
    etag: `"${createHash('sha256').update(pdf).digest('base64url')}"`,
    draft: model.draft,
  };
}

function invoiceInput(
  invoice: InvoiceEntity,
  notes: CreditNoteEntity[],
  payments: Awaited<ReturnType<PaymentRepository['paymentsOf']>>,
): InvoiceDocumentInput {
  return {
    kind: invoice.kind,
    status: invoice.status,
    number: invoice.number,
    currency: invoice.currency.trim(),
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    issuesAt: invoice.issuesAt,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    lines: invoice.lines.map(lineFromJson),
    taxRate: invoice.taxRate,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    deductions: invoice.deductions,
    credited: invoice.credited,
    amountPaid: invoice.amountPaid,
    amountDue: invoice.amountDue,
    voidedAt: invoice.voidedAt,
    voidReason: invoice.voidReason,
    creditNotes: notes.map((n) => ({ number: n.number, createdAt: n.createdAt, total: n.total })),
    payments: payments.map((p) => ({ paidAt: p.paidAt, amount: p.amount, method: p.method, reference: p.reference })),
  };
}

/**
 * The PDF of an invoice of the caller's platform, or null (missing, or another platform's). Issued invoices show the
 * buyer they were issued with; a draft is recomputed first (as every read is) and stamped DRAFT on every page, a void invoice VOID. The
 * document shows the payments and credit notes so far: the same state gives the same bytes.
 */
export async function invoiceDocument(ctx: RequestContext, id: string): Promise<RenderedDocument | null> {
  const invoices = currentInvoices(ctx);
  const invoice = await invoices.byId(id);
  if (!invoice) return null;
  const [notes, payments, buyers, sellers] = await Promise.all([
    invoices.creditNotesOf(invoice.id),
    new PaymentRepository(ctx).paymentsOf(invoice.id),
    buyersOfInvoices(ctx.db.ds.manager, ctx.platformId, [invoice]),
    sellersOfInvoices(ctx.db.ds.manager, ctx.platformId, [invoice.id]),
  ]);
  return rendered(buildInvoiceDocument(invoiceInput(invoice, notes, payments), sellers.get(invoice.id)!, buyers.get(invoice.id)!));
}

/** The PDF of a credit note of the caller's platform, or null: written by the seller of its invoice, to its buyer. */
export async function creditNoteDocument(ctx: RequestContext, id: string): Promise<RenderedDocument | null> {
  const invoices = currentInvoices(ctx);
  const note = await invoices.creditNoteById(id);
  if (!note) return null;
  const invoice = await invoices.byId(note.invoiceId);
  if (!invoice) return null;
  const [refunds, buyers, sellers] = await Promise.all([
    new PaymentRepository(ctx).refundsOf(note.id),
    buyersOfInvoices(ctx.db.ds.manager, ctx.platformId, [invoice]),
    sellersOfInvoices(ctx.db.ds.manager, ctx.platformId, [invoice.id]),
  ]);
  const model = buildCreditNoteDocument(
    {
      number: note.number,
      reason: note.reason,
      currency: note.currency.trim(),
      createdAt: note.createdAt,
      invoice: { number: invoice.number ?? '', periodStart: invoice.periodStart, periodEnd: invoice.periodEnd, taxRate: invoice.taxRate },
      lines: note.lines.map((l) => ({ description: l.description, amount: new Decimal(l.amount) })),
      subtotal: note.subtotal,
      tax: note.tax,
      total: note.total,
      refunds: refunds.map((r) => ({ refundedAt: r.refundedAt, amount: r.amount, method: r.method, reference: r.reference })),
    },
    sellers.get(invoice.id)!,
    buyers.get(invoice.id)!,
  );
  return rendered(model);
}
