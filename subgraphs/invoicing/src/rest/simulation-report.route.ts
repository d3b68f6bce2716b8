import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { badInput, conflict, Decimal, isUuid, notFound, requireDocumentRole, type SubgraphServices, type Tenant } from '@meterline/kit';
import { stringify } from 'csv-stringify';
import type { Request, Response, Router } from 'express';
import { decimalCell, instantCell, textCell, type Cell } from '../domain/report-cells';
import { simulatedPeriods, simulationsByIds } from '../store/pricing-simulations.repository';
import type { Reader } from '../store/usage.repository';

export const SIMULATION_COLUMNS = [
  'simulation_id',
  'customer_id',
  'customer_reference',
  'subscription_id',
  'invoice_id',
  'invoice_status',
  'period_start',
  'period_end',
  'currency',
  'line_kind',
  'product_item_id',
  'description',
  'current_quantity',
  'current_amount',
  'simulated_quantity',
  'simulated_amount',
  'difference',
  'period_current_total',
  'period_simulated_total',
  'period_difference',
] as const;

const PERIOD_BATCH = 500;
const dec = (text: string | null) => decimalCell(text === null ? null : new Decimal(text));

/** A run's compared lines in position order, a batch of periods at a time. */
async function* simulationRows(reader: Reader, platformId: string, simulationId: string): AsyncGenerator<Cell[]> {
  let after: number | null = null;
  for (;;) {
    const periods = await simulatedPeriods(reader, platformId, simulationId, {
      customerId: null,
      afterPosition: after,
      limit: PERIOD_BATCH,
    });
    for (const p of periods) {
      const difference = new Decimal(p.simulated_total).minus(p.current_total);
      for (const l of p.lines)
        yield [
          simulationId,
          p.customer_id,
          textCell(p.customer_reference),
          p.subscription_id,
          p.invoice_id,
          p.invoice_status,
          instantCell(p.period_start),
          instantCell(p.period_end),
          p.currency.trim(),
          l.kind,
          textCell(l.productItemId),
          l.description,
          dec(l.currentQuantity),
          dec(l.currentAmount),
          dec(l.simulatedQuantity),
          dec(l.simulatedAmount),
          dec(l.difference),
          dec(p.current_total),
          dec(p.simulated_total),
          decimalCell(difference),
        ];
    }
    if (periods.length < PERIOD_BATCH) return;
    after = periods[periods.length - 1].position;
  }
}

/**
 * `GET /v1/reports/simulation?run=<id>`: a completed pricing simulation as CSV, one row per compared line (current and
 * simulated quantity and amount, the difference, the period's totals), streamed with backpressure like the other
 * reports. Same keys as the reports (admin, read); a run of another tenant is not found; one still running is a CONFLICT.
 */
export function simulationReportRoute(router: Router, services: SubgraphServices): void {
  router.get('/reports/simulation', requireDocumentRole, async (req: Request, res: Response) => {
    for (const key of Object.keys(req.query)) if (key !== 'run') throw badInput(key, `unknown parameter ${key} (known: run)`);
    const run = req.query.run;
    if (typeof run !== 'string' || !isUuid(run)) throw badInput('run', 'run must be the id of a pricing simulation');
    const tenant = res.locals.tenant as Tenant;
    const reader = services.db.ds;
    const [simulation] = await simulationsByIds(reader, tenant.platformId, [run]);
    if (!simulation) throw notFound('Pricing simulation', 'run');
    if (simulation.status !== 'COMPLETED') throw conflict('run', `the simulation is ${simulation.status}: its CSV is ready once COMPLETED`);
    const log = services.log.child({ requestId: String(req.headers['x-request-id'] || randomUUID()), platformId: tenant.platformId });
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pricing-simulation-${run}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(
        Readable.from(simulationRows(reader, tenant.platformId, run)),
        stringify({ header: true, columns: [...SIMULATION_COLUMNS] }),
        res,
      );
    } catch (error) {
      log.warn({ err: error }, 'simulation report stream ended early');
      res.destroy();
    }
  });
}
