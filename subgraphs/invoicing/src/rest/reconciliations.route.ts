import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { badInput, ErrorCode, isUuid, notFound, requireReportRole, type SubgraphServices, type Tenant } from '@meterline/kit';
import { stringify } from 'csv-stringify';
import express, { type Request, type Response, type Router } from 'express';
import { MAX_FILE_BYTES, uploadReconciliationFile } from '../billing/reconciliations';
import { decimalCell, instantCell, textCell, type Cell } from '../domain/report-cells';
import { lineBatches, ReconciliationRunEntity } from '../store/reconciliations.repository';

const LINE_COLUMNS = [
  'customer_reference',
  'customer_id',
  'period_start',
  'period_end',
  'item',
  'currency',
  'theirs',
  'ours',
  'delta',
  'outcome',
  'row_numbers',
  'invoice_ids',
  'invoice_line_ids',
  'note',
  'reviewed',
] as const;

/**
 * Reconciliation with the old billing system over REST: `POST /v1/reconciliation-files` (admin keys) takes the old
 * system's invoice lines as a CSV body, or a JSON array of objects (`Content-Type: application/json` or `?format=json`;
 * `?name=` names it) and answers the file's id, columns and first rows for the
 * mapping step; `GET /v1/reconciliations/:id/lines.csv` (admin and read keys) streams a run's compared lines as CSV.
 */
export function reconciliationsRoute(router: Router, services: SubgraphServices): void {
  router.post(
    '/reconciliation-files',
    (_req: Request, res: Response, next) => {
      if ((res.locals.tenant as Tenant).role === 'admin') return next();
      res
        .status(403)
        .json({ errors: [{ message: 'Only admin keys upload reconciliation files', extensions: { code: ErrorCode.FORBIDDEN } }] });
    },
    express.text({ type: () => true, limit: MAX_FILE_BYTES }),
    async (req: Request, res: Response) => {
      const tenant = res.locals.tenant as Tenant;
      const name = typeof req.query.name === 'string' ? req.query.name : 'reconciliation.csv';
      const text = typeof req.body === 'string' ? req.body : '';
      const given = typeof req.query.format === 'string' ? req.query.format.toLowerCase() : null;
      if (given !== null && given !== 'csv' && given !== 'json') throw badInput('format', 'format must be csv or json');
      const json = given === 'json' || (given === null && /^application\/json\b/i.test(req.headers['content-type'] ?? ''));
      const { file, preview } = await uploadReconciliationFile(
        services.db,
        tenant.platformId,
        name,
        text,
        services.clock.now(),
        json ? 'json' : 'csv',
      );
      res
        .status(201)
        .json({ id: file.id, name: file.name, columns: file.columns, rowCount: file.rowCount, createdAt: file.createdAt, preview });
    },
  );

  router.get('/reconciliations/:id/lines.csv', requireReportRole, async (req: Request, res: Response) => {
    const tenant = res.locals.tenant as Tenant;
    const id = String(req.params.id);
    const run = isUuid(id)
      ? await services.db.ds.getRepository(ReconciliationRunEntity).findOneBy({ platformId: tenant.platformId, id })
      : null;
    if (!run) throw notFound('Reconciliation', 'id');
    async function* rows(): AsyncGenerator<Cell[]> {
      for await (const batch of lineBatches(services.db.ds, tenant.platformId, run!.id))
        for (const l of batch)
          yield [
            textCell(l.customerReference),
            textCell(l.customerId),
            instantCell(l.periodStart),
            instantCell(l.periodEnd),
            textCell(l.item),
            textCell(l.currency?.trim() ?? null),
            decimalCell(l.theirs),
            decimalCell(l.ours),
            decimalCell(l.delta),
            textCell(l.outcome),
            textCell(l.rowNumbers.join(' ')),
            textCell(l.invoiceIds.join(' ')),
            textCell(l.lineIds.join(' ')),
            textCell(l.note),
            textCell(l.reviewed),
          ];
    }
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="reconciliation-${run.id}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(Readable.from(rows()), stringify({ header: true, columns: [...LINE_COLUMNS] }), res);
    } catch (error) {
      services.log.warn({ err: error, reconciliation: run.id }, 'reconciliation download ended early');
      res.destroy();
    }
  });
}
