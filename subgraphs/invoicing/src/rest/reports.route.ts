import { randomUUID } from 'node:crypto';
import { clockOfPlatform, Loaders, notFound, requireReportRole, type SubgraphServices, type Tenant } from '@meterline/kit';
import type { Request, Response, Router } from 'express';
import { openReportCsv } from '../billing/report-csv';
import { isReportName, reportFiltersOf } from '../billing/reports';

/**
 * `GET /v1/reports/:name` (invoices, invoice-lines, tax-summary, credit-notes, payments, usage): the report as CSV,
 * streamed. Rows are read in keyset batches and written through csv-stringify with the response's backpressure
 * (`pipeline`): memory stays flat whatever the row count. Filters, an unknown report and an unknown customer or plan
 * are coded errors before any byte of CSV; the first batch is read before the answer starts, so a database outage is
 * a 503 too. A failure later cuts the connection: a truncated file is never passed off as complete.
 */
export function reportsRoute(router: Router, services: SubgraphServices): void {
  router.get('/reports/:name', requireReportRole, async (req: Request, res: Response) => {
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
    const csv = await openReportCsv(ctx, name, filters);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csv.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await csv.writeTo(res);
    } catch (error) {
      // Headers (and maybe rows) are out: the only honest answer left is to cut the connection.
      log.warn({ err: error }, 'report stream ended early');
      res.destroy();
    }
  });
}
