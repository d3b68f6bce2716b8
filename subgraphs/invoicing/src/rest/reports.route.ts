import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { clockOfPlatform, Loaders, notFound, requireDocumentRole, type SubgraphServices, type Tenant } from '@meterline/kit';
import { stringify } from 'csv-stringify';
import type { Request, Response, Router } from 'express';
import { freshenReportDrafts, isReportName, REPORTS, reportFiltersOf, reportScopeOf } from '../billing/reports';
import { reportFileName, type Cell } from '../domain/report-cells';

/**
 * `GET /v1/reports/:name` (invoices, invoice-lines, tax-summary, credit-notes, payments, usage): the report as CSV,
 * streamed. Rows are read in keyset batches and written through csv-stringify with the response's backpressure
 * (`pipeline`): memory stays flat whatever the row count. Filters, an unknown report and an unknown customer or plan
 * are coded errors before any byte of CSV; the first batch is read before the answer starts, so a database outage is
 * a 503 too. A failure later cuts the connection: a truncated file is never passed off as complete.
 */
export function reportsRoute(router: Router, services: SubgraphServices): void {
  router.get('/reports/:name', requireDocumentRole, async (req: Request, res: Response) => {
    const name = String(req.params.name);
    if (!isReportName(name)) throw notFound('report', 'name');
    const filters = reportFiltersOf(req.query as Record<string, unknown>);
    const tenant = res.locals.tenant as Tenant;
    const requestId = String(req.headers['x-request-id'] || randomUUID());
    const log = services.log.child({ requestId, platformId: tenant.platformId, report: name });
    const ctx = {
      ...tenant,
      requestId,
      log,
      db: services.db,
      clock: clockOfPlatform(services.clock, tenant.platformId),
      loaders: new Loaders(),
    };
    const reader = services.db.ds;
    const scope = await reportScopeOf(reader, tenant.platformId, filters);
    await freshenReportDrafts(ctx, scope);
    const report = REPORTS[name];
    const batches = report.batches(reader, scope);
    const first = await batches.next();
    async function* rows(): AsyncGenerator<Cell[]> {
      if (first.done) return;
      yield* first.value;
      for await (const batch of batches) yield* batch;
    }
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(name, scope.from, scope.to)}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(Readable.from(rows()), stringify({ header: true, columns: [...report.columns] }), res);
    } catch (error) {
      // Headers (and maybe rows) are out: the only honest answer left is to cut the connection.
      log.warn({ err: error }, 'report stream ended early');
      res.destroy();
    }
  });
}
