import { clockOfPlatform, Loaders, notFound, requireDocumentRole, type SubgraphServices, type Tenant } from '@meterline/kit';
import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { creditNoteDocument, invoiceDocument, type RenderedDocument } from '../billing/invoice-documents';

/**
 * `GET /v1/invoices/:id/pdf` and `GET /v1/credit-notes/:id/pdf`: the document as application/pdf, named by its
 * number, with a strong ETag of its bytes (If-None-Match → 304). Issued documents may be cached privately but are
 * revalidated (a payment or a credit note changes what is due on them); a draft's preview is never stored. Unknown
 * ids and other platforms' documents are the same 404 (Express 5 hands a rejected handler to the REST error handler).
 */
export function documentsRoute(router: Router, services: SubgraphServices): void {
  const serve = (what: 'invoice' | 'credit note', load: typeof invoiceDocument) => async (req: Request, res: Response) => {
    const tenant = res.locals.tenant as Tenant;
    const requestId = String(req.headers['x-request-id'] || randomUUID());
    const ctx = {
      ...tenant,
      requestId,
      log: services.log.child({ requestId, platformId: tenant.platformId }),
      db: services.db,
      clock: clockOfPlatform(services.clock, tenant.platformId),
      loaders: new Loaders(),
    };
    const document = await load(ctx, String(req.params.id));
    if (!document) throw notFound(what);
    send(req, res, document);
  };
  router.get('/invoices/:id/pdf', requireDocumentRole, serve('invoice', invoiceDocument));
  router.get('/credit-notes/:id/pdf', requireDocumentRole, serve('credit note', creditNoteDocument));
}

function send(req: Request, res: Response, document: RenderedDocument): void {
  res.setHeader('ETag', document.etag);
  res.setHeader('Cache-Control', document.draft ? 'no-store' : 'private, no-cache');
  if (!document.draft && req.headers['if-none-match'] === document.etag) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${document.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  res.setHeader('Content-Length', String(document.pdf.length));
  res.status(200).end(document.pdf);
}
