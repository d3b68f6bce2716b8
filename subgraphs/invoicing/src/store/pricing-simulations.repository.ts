import { groupBy, type Transaction } from '@meterline/kit';
import type { SimulationScope } from '../domain/pricing-simulation';
import type { StoredLineJson } from './invoice-lines';
import type { Reader } from './usage.repository';

export type SimulationStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** A simulation run as stored: the request, its progress and where the next chunk of customers starts. */
export interface SimulationRow {
  id: string;
  platform_id: string;
  status: SimulationStatus;
  scope: SimulationScope;
  customer_id: string | null;
  plan_id: string | null;
  plan_version_id: string;
  from_at: Date;
  to_at: Date;
  customers_total: number | null;
  customers_done: number;
  next_customer: string | null;
  periods: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** One compared line as stored in `pricing_simulation_periods.lines` (decimals as exact strings). */
export interface SimulatedLineJson {
  kind: string;
  productItemId: string | null;
  description: string;
  currentQuantity: string | null;
  currentAmount: string | null;
  simulatedQuantity: string | null;
  simulatedAmount: string | null;
  difference: string;
}

/** One (subscription, period) compared, as stored (numeric columns read back as text). */
export interface SimulatedPeriodRow {
  position: number;
  customer_id: string;
  customer_reference: string | null;
  subscription_id: string;
  invoice_id: string;
  invoice_status: string;
  currency: string;
  period_start: Date;
  period_end: Date;
  current_subtotal: string;
  current_total: string;
  simulated_subtotal: string;
  simulated_total: string;
  lines: SimulatedLineJson[];
}

export type NewSimulatedPeriod = Omit<SimulatedPeriodRow, 'customer_reference'>;

const RUN_COLUMNS = `id, platform_id, status, scope, customer_id, plan_id, plan_version_id, from_at, to_at, customers_total, customers_done,
  next_customer, periods, error, created_at, started_at, finished_at`;

export async function insertSimulation(
  tx: Transaction,
  run: Pick<
    SimulationRow,
    'id' | 'platform_id' | 'scope' | 'customer_id' | 'plan_id' | 'plan_version_id' | 'from_at' | 'to_at' | 'created_at'
  > & {
    idempotencyKey: string | null;
  },
): Promise<SimulationRow> {
  const [row] = (await tx.manager.query(
    `INSERT INTO pricing_simulations (id, platform_id, status, scope, customer_id, plan_id, plan_version_id, from_at, to_at, idempotency_key, created_at)
     VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (platform_id, idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
     RETURNING ${RUN_COLUMNS}`,
    [
      run.id,
      run.platform_id,
      run.scope,
      run.customer_id,
      run.plan_id,
      run.plan_version_id,
      run.from_at,
      run.to_at,
      run.idempotencyKey,
      run.created_at,
    ],
  )) as SimulationRow[];
  return row;
}

export async function simulationsByIds(reader: Reader, platformId: string, ids: readonly string[]): Promise<SimulationRow[]> {
  return (await reader.manager.query(`SELECT ${RUN_COLUMNS} FROM pricing_simulations WHERE platform_id = $1 AND id = ANY($2::uuid[])`, [
    platformId,
    ids,
  ])) as SimulationRow[];
}

/** The oldest run still to do, locked for this transaction; a run another worker holds is skipped. */
export async function lockNextSimulation(tx: Transaction): Promise<SimulationRow | null> {
  const [row] = (await tx.manager.query(
    `SELECT ${RUN_COLUMNS} FROM pricing_simulations WHERE status IN ('PENDING', 'RUNNING') ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  )) as SimulationRow[];
  return row ?? null;
}

/** Customers of the run's scope in id order after `after`, at most `limit` (and how many in all, when asked). */
export async function scopeCustomers(
  reader: Reader,
  run: SimulationRow,
  planVersionIds: readonly string[] | null,
  after: string | null,
  limit: number | null,
): Promise<string[]> {
  const rows = (await reader.manager.query(
    `SELECT DISTINCT s.customer_id::text AS id FROM subscriptions s
      WHERE s.platform_id = $1 AND s.status <> 'DRAFT' AND ($2::uuid IS NULL OR s.customer_id = $2) AND ($3::uuid IS NULL OR s.customer_id > $3)
        AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(s.phases) ph WHERE ph->>'planVersionId' = ANY($4::text[])))
      ORDER BY 1 ${limit === null ? '' : `LIMIT ${Number(limit)}`}`,
    [run.platform_id, run.customer_id, after, planVersionIds],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/** A subscription invoice as a simulation compares it: its period, totals and lines. */
export interface ComparedInvoiceRow {
  id: string;
  status: string;
  customer_id: string;
  subscription_id: string;
  currency: string;
  period_start: Date;
  period_end: Date;
  subtotal: string;
  total: string;
  lines: StoredLineJson[];
  /** The period's corrections (issued or draft, not void), oldest first. */
  corrections: Array<{ subtotal: string; total: string; lines: StoredLineJson[] }>;
}

/**
 * The customers' subscription invoices (drafts included, void ones not) whose period overlaps [from, to), each with
 * the corrections of its subscription and period.
 */
export async function invoicesToCompare(
  reader: Reader,
  platformId: string,
  customerIds: readonly string[],
  from: Date,
  to: Date,
): Promise<ComparedInvoiceRow[]> {
  const rows = (await reader.manager.query(
    `SELECT id, status, customer_id, subscription_id, currency, period_start, period_end, subtotal::text AS subtotal, total::text AS total, lines
       FROM invoices
      WHERE platform_id = $1 AND customer_id = ANY($2::uuid[]) AND kind = 'SUBSCRIPTION' AND status <> 'VOID'
        AND period_start < $4 AND period_end > $3
      ORDER BY customer_id, period_start, subscription_id`,
    [platformId, customerIds, from, to],
  )) as Array<Omit<ComparedInvoiceRow, 'corrections'>>;
  const corrections = (await reader.manager.query(
    `SELECT subscription_id, period_start, subtotal::text AS subtotal, total::text AS total, lines
       FROM invoices
      WHERE platform_id = $1 AND customer_id = ANY($2::uuid[]) AND kind = 'CORRECTION' AND status <> 'VOID'
        AND period_start < $4 AND period_end > $3
      ORDER BY created_at, id`,
    [platformId, customerIds, from, to],
  )) as Array<{ subscription_id: string; period_start: Date; subtotal: string; total: string; lines: StoredLineJson[] }>;
  const keyOf = (r: { subscription_id: string; period_start: Date }) => `${r.subscription_id}|${r.period_start.getTime()}`;
  const byPeriod = groupBy(corrections, keyOf);
  return rows.map((row) => ({
    ...row,
    corrections: (byPeriod.get(keyOf(row)) ?? []).map(({ subtotal, total, lines }) => ({ subtotal, total, lines })),
  }));
}

/** Writes a chunk's compared periods and moves the run on (its progress, the next customer, done when `last`). */
export async function writeSimulationChunk(
  tx: Transaction,
  run: SimulationRow,
  chunk: { periods: NewSimulatedPeriod[]; customers: number; customersTotal: number; nextCustomer: string | null; now: Date },
): Promise<void> {
  if (chunk.periods.length > 0)
    await tx.manager.query(
      `INSERT INTO pricing_simulation_periods (platform_id, simulation_id, position, customer_id, subscription_id, invoice_id, invoice_status,
         currency, period_start, period_end, current_subtotal, current_total, simulated_subtotal, simulated_total, lines)
       SELECT $1, $2, p.position, p.customer_id, p.subscription_id, p.invoice_id, p.invoice_status, p.currency, p.period_start, p.period_end,
              p.current_subtotal, p.current_total, p.simulated_subtotal, p.simulated_total, p.lines
         FROM jsonb_to_recordset($3::jsonb) AS p(position int, customer_id uuid, subscription_id uuid, invoice_id uuid, invoice_status text,
              currency text, period_start timestamptz, period_end timestamptz, current_subtotal numeric, current_total numeric,
              simulated_subtotal numeric, simulated_total numeric, lines jsonb)`,
      [run.platform_id, run.id, JSON.stringify(chunk.periods)],
    );
  await tx.manager.query(
    `UPDATE pricing_simulations SET status = $3, customers_total = $4, customers_done = customers_done + $5, next_customer = $6,
       periods = periods + $7, started_at = coalesce(started_at, $8), finished_at = $9
     WHERE platform_id = $1 AND id = $2`,
    [
      run.platform_id,
      run.id,
      chunk.nextCustomer === null ? 'COMPLETED' : 'RUNNING',
      chunk.customersTotal,
      chunk.customers,
      chunk.nextCustomer,
      chunk.periods.length,
      chunk.now,
      chunk.nextCustomer === null ? chunk.now : null,
    ],
  );
}

export async function failSimulation(tx: Transaction, run: SimulationRow, error: string, now: Date): Promise<void> {
  await tx.manager.query(
    `UPDATE pricing_simulations SET status = 'FAILED', error = $3, finished_at = $4 WHERE platform_id = $1 AND id = $2`,
    [run.platform_id, run.id, error, now],
  );
}

/** A page of a run's compared periods in position order, optionally of one customer; `limit` + 1 rows tell if more follow. */
export async function simulatedPeriods(
  reader: Reader,
  platformId: string,
  simulationId: string,
  options: { customerId: string | null; afterPosition: number | null; limit: number },
): Promise<SimulatedPeriodRow[]> {
  return (await reader.manager.query(
    `SELECT p.position, p.customer_id, c.reference AS customer_reference, p.subscription_id, p.invoice_id, p.invoice_status, p.currency,
            p.period_start, p.period_end, p.current_subtotal::text AS current_subtotal, p.current_total::text AS current_total,
            p.simulated_subtotal::text AS simulated_subtotal, p.simulated_total::text AS simulated_total, p.lines
       FROM pricing_simulation_periods p LEFT JOIN customers c ON c.platform_id = p.platform_id AND c.id = p.customer_id
      WHERE p.platform_id = $1 AND p.simulation_id = $2 AND ($3::uuid IS NULL OR p.customer_id = $3) AND ($4::int IS NULL OR p.position > $4)
      ORDER BY p.position LIMIT $5`,
    [platformId, simulationId, options.customerId, options.afterPosition, options.limit],
  )) as SimulatedPeriodRow[];
}

export async function countSimulatedPeriods(
  reader: Reader,
  platformId: string,
  simulationId: string,
  customerId: string | null,
): Promise<number> {
  const [row] = (await reader.manager.query(
    `SELECT count(*)::int AS n FROM pricing_simulation_periods WHERE platform_id = $1 AND simulation_id = $2 AND ($3::uuid IS NULL OR customer_id = $3)`,
    [platformId, simulationId, customerId],
  )) as Array<{ n: number }>;
  return row.n;
}

/** Sums of a run's periods in one currency, of one customer or of all (`customer_id` null). */
export interface SimulationTotalRow {
  customer_id: string | null;
  customer_reference: string | null;
  currency: string;
  periods: number;
  current: string;
  simulated: string;
}

/** Totals of a run per customer and currency (customer id order), or overall per currency (`byCustomer` false). */
export async function simulationTotals(
  reader: Reader,
  platformId: string,
  simulationId: string,
  byCustomer: boolean,
): Promise<SimulationTotalRow[]> {
  const group = byCustomer ? 'p.customer_id, c.reference, p.currency' : 'p.currency';
  return (await reader.manager.query(
    `SELECT ${byCustomer ? 'p.customer_id, c.reference AS customer_reference' : 'NULL AS customer_id, NULL AS customer_reference'}, p.currency,
            count(*)::int AS periods, sum(p.current_total)::text AS current, sum(p.simulated_total)::text AS simulated
       FROM pricing_simulation_periods p LEFT JOIN customers c ON c.platform_id = p.platform_id AND c.id = p.customer_id
      WHERE p.platform_id = $1 AND p.simulation_id = $2
      GROUP BY ${group} ORDER BY ${byCustomer ? 'p.customer_id, ' : ''}p.currency`,
    [platformId, simulationId],
  )) as SimulationTotalRow[];
}
