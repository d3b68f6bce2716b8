import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { conflict, Loaders, notFound, requireReportRole, type SubgraphServices, type Tenant } from '@meterline/kit';
import type { Request, Response, Router } from 'express';
import { reportJobById } from '../billing/report-jobs';
import { reportFileChunks } from '../store/report-jobs.repository';

/**
 * `GET /v1/reports/jobs/:id/csv`: a report job's file, as it was written (chunk by chunk from the database: memory
 * stays flat), with its length. Admin and read keys, as the report downloads. Another platform's job and an unknown
 * id are the same 404; a job not finished (or failed) is a 409, an expired file too (create the report again).
 */
export function reportJobsRoute(router: Router, services: SubgraphServices): void {
  router.get('/reports/jobs/:id/csv', requireReportRole, async (req: Request, res: Response) => {
    const tenant = res.locals.tenant as Tenant;
    const requestId = String(req.headers['x-request-id'] || randomUUID());
    const log = services.log.child({ requestId, platformId: tenant.platformId });
    const ctx = { ...tenant, requestId, log, db: services.db, clock: services.clock, loaders: new Loaders() };
    const job = await reportJobById(ctx, String(req.params.id));
    if (!job) throw notFound('report job');
    if (job.status === 'EXPIRED') throw conflict('id', 'this report’s file has expired; create the report again');
    if (job.status !== 'SUCCEEDED') throw conflict('id', `this report is ${job.status}: its file is downloadable once it SUCCEEDED`);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${job.fileName ?? `${job.report}.csv`}"`);
    res.setHeader('Content-Length', String(job.bytes));
    res.setHeader('Cache-Control', 'private, no-cache');
    try {
      await pipeline(Readable.from(reportFileChunks(services.db.ds, job.platformId, job.id, job.attempt, job.chunks)), res);
    } catch (error) {
      log.warn({ err: error }, 'report file stream ended early');
      res.destroy();
    }
  });
}
