import { badInput, Decimal, derivedId, type Connection, type PageArgs, type ServiceDb, type Transaction } from '@meterline/kit';
import type { Period } from '@meterline/periods';
import type { ComparedLine, OurInvoice, ReconciliationOutcome } from '../domain/reconciliation';
import type { RowRejection } from '../domain/reconciliation-file';
import { lineFromJson, type StoredLineJson } from './invoice-lines';
import { ReconciliationFileEntity, ReconciliationLineEntity, ReconciliationRunEntity } from './reconciliation.entity';
import type { Reader } from './usage.repository';

/** Rejected rows kept on a run (all are counted). */
export const REJECTIONS_KEPT = 1_000;

/** A run taken by the job, with what it needs of its file. */
export interface ClaimedRun {
  run: ReconciliationRunEntity;
  content: string;
}

/** How long a RUNNING run may go without finishing before another replica takes it again (its runner died). */
const STALE_RUN_MS = 10 * 60_000;

/** Takes the oldest queued run (or a stale running one) and marks it RUNNING; null when there is none. */
export async function claimRun(db: ServiceDb, now: Date): Promise<ClaimedRun | null> {
  return db.transact(async (tx) => {
    const [row] = (await tx.manager.query(
      `SELECT r.id, f.content FROM reconciliation_runs r JOIN reconciliation_files f ON f.id = r.file_id AND f.platform_id = r.platform_id
        WHERE r.status = 'QUEUED' OR (r.status = 'RUNNING' AND r.started_at < $1)
        ORDER BY r.created_at LIMIT 1 FOR UPDATE OF r SKIP LOCKED`,
      [new Date(now.getTime() - STALE_RUN_MS)],
    )) as Array<{ id: string; content: string }>;
    if (!row) return null;
    await tx.manager.query(`UPDATE reconciliation_runs SET status = 'RUNNING', started_at = $2 WHERE id = $1`, [row.id, now]);
    const run = await tx.manager.getRepository(ReconciliationRunEntity).findOneByOrFail({ id: row.id });
    return { run, content: row.content };
  });
}

/** Stores a run's result lines (replacing any of an earlier attempt) and marks it COMPLETED. */
export async function completeRun(
  tx: Transaction,
  run: ReconciliationRunEntity,
  lines: ComparedLine[],
  rejections: RowRejection[],
  span: Period | null,
  now: Date,
): Promise<void> {
  await tx.manager.query(`DELETE FROM reconciliation_lines WHERE platform_id = $1 AND run_id = $2`, [run.platformId, run.id]);
  const BATCH = 1_000;
  for (let from = 0; from < lines.length; from += BATCH) {
    const rows = lines.slice(from, from + BATCH).map((l, i) => ({
      position: from + i,
      id: derivedId(`reconciliation-line:${run.id}:${from + i}`),
      customer_reference: l.customerReference,
      customer_id: l.customerId,
      period_start: l.period.start.toISOString(),
      period_end: l.period.end.toISOString(),
      item: l.item,
      currency: l.currency,
      theirs: l.theirs?.toFixed() ?? null,
      ours: l.ours?.toFixed() ?? null,
      delta: l.delta.toFixed(),
      outcome: l.outcome,
      invoice_ids: l.invoiceIds,
      line_ids: l.lineIds,
      row_numbers: l.rowNumbers,
      note: l.note,
    }));
    await tx.manager.query(
      `INSERT INTO reconciliation_lines (platform_id, run_id, position, id, customer_reference, customer_id, period_start, period_end,
                                         item, currency, theirs, ours, delta, outcome, invoice_ids, line_ids, row_numbers, note)
       SELECT $1, $2, r.position, r.id, r.customer_reference, r.customer_id, r.period_start, r.period_end, r.item, r.currency,
              r.theirs, r.ours, r.delta, r.outcome,
              ARRAY(SELECT jsonb_array_elements_text(r.invoice_ids))::uuid[], r.line_ids,
              ARRAY(SELECT jsonb_array_elements_text(r.row_numbers))::integer[], r.note
         FROM jsonb_to_recordset($3::jsonb) AS r(position integer, id uuid, customer_reference text, customer_id uuid,
              period_start timestamptz, period_end timestamptz, item text, currency text, theirs numeric, ours numeric,
              delta numeric, outcome text, invoice_ids jsonb, line_ids jsonb, row_numbers jsonb, note text)`,
      [run.platformId, run.id, JSON.stringify(rows)],
    );
  }
  await tx.manager.query(
    `UPDATE reconciliation_runs SET status = 'COMPLETED', completed_at = $3, rejections = $4::jsonb, rejected_rows = $5,
            period_start = $6, period_end = $7, error = NULL
      WHERE platform_id = $1 AND id = $2`,
    [
      run.platformId,
      run.id,
      now,
      JSON.stringify(rejections.slice(0, REJECTIONS_KEPT)),
      rejections.length,
      span?.start ?? null,
      span?.end ?? null,
    ],
  );
}

/** A run that could not be done at all (a file that does not parse): FAILED with the reason. */
export async function failRun(db: ServiceDb, run: ReconciliationRunEntity, error: string, now: Date): Promise<void> {
  await db.query(`UPDATE reconciliation_runs SET status = 'FAILED', error = $3, completed_at = $4 WHERE platform_id = $1 AND id = $2`, [
    run.platformId,
    run.id,
    error,
    now,
  ]);
}

/** The platform's customers with these references: reference → id. */
export async function customerIdsByReference(reader: Reader, platformId: string, references: string[]): Promise<Map<string, string>> {
  if (references.length === 0) return new Map();
  const rows = (await reader.manager.query(`SELECT id, reference FROM customers WHERE platform_id = $1 AND reference = ANY($2::text[])`, [
    platformId,
    references,
  ])) as Array<{ id: string; reference: string }>;
  return new Map(rows.map((r) => [r.reference, r.id]));
}

/** The platform's invoices (drafts and issued, not void) whose period overlaps `span`, with their customers' references. */
export async function invoicesOverlapping(
  reader: Reader,
  platformId: string,
  span: Period,
): Promise<Array<Omit<OurInvoice, 'lines'> & { lines: Array<ReturnType<typeof lineFromJson>> }>> {
  const rows = (await reader.manager.query(
    `SELECT i.id, i.customer_id, c.reference, i.period_start, i.period_end, trim(i.currency) AS currency, i.lines
       FROM invoices i JOIN customers c ON c.platform_id = i.platform_id AND c.id = i.customer_id
      WHERE i.platform_id = $1 AND i.status <> 'VOID' AND i.period_start < $3 AND i.period_end > $2
      ORDER BY i.period_start, i.kind DESC, i.id`,
    [platformId, span.start, span.end],
  )) as Array<{
    id: string;
    customer_id: string;
    reference: string;
    period_start: Date;
    period_end: Date;
    currency: string;
    lines: StoredLineJson[];
  }>;
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    customerReference: r.reference,
    period: { start: r.period_start, end: r.period_end },
    currency: r.currency,
    lines: r.lines.map(lineFromJson),
  }));
}

/** The filters of a run's lines. */
export interface LineFilter {
  outcome?: ReconciliationOutcome | null;
  customer?: string | null;
}

const lineQuery = (reader: Reader, platformId: string, runId: string, filter: LineFilter) => {
  const query = reader.manager
    .getRepository(ReconciliationLineEntity)
    .createQueryBuilder('l')
    .where('l.platformId = :platformId AND l.runId = :runId', { platformId, runId });
  if (filter.outcome) query.andWhere('l.outcome = :outcome', { outcome: filter.outcome });
  if (filter.customer) query.andWhere('l.customerReference = :customer', { customer: filter.customer });
  return query;
};

function positionOf(cursor: string): number {
  const position = Number(
    Buffer.from(cursor, 'base64url')
      .toString('utf8')
      .replace(/^line:/, ''),
  );
  if (!Number.isInteger(position) || position < 0) throw badInput('after', 'Malformed cursor');
  return position;
}

const cursorOf = (line: ReconciliationLineEntity) => Buffer.from(`line:${line.position}`).toString('base64url');

/** A page of a run's lines in result order (keyset on position). */
export async function linesPage(
  reader: Reader,
  platformId: string,
  runId: string,
  filter: LineFilter,
  args: PageArgs,
): Promise<Connection<ReconciliationLineEntity>> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100');
  const query = lineQuery(reader, platformId, runId, filter);
  const totalCount = await query.clone().getCount();
  const page = query
    .clone()
    .orderBy('l.position', 'ASC')
    .take(first + 1);
  if (args.after) page.andWhere('l.position > :after', { after: positionOf(args.after) });
  const rows = await page.getMany();
  const edges = rows.slice(0, first).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Every line of a run in result order, in batches (the CSV download). */
export async function* lineBatches(
  reader: Reader,
  platformId: string,
  runId: string,
  size = 1_000,
): AsyncGenerator<ReconciliationLineEntity[]> {
  let after = -1;
  for (;;) {
    const rows = await lineQuery(reader, platformId, runId, {})
      .andWhere('l.position > :after', { after })
      .orderBy('l.position', 'ASC')
      .take(size)
      .getMany();
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.position;
  }
}

/** How many lines of a run have each outcome. */
export async function outcomeCounts(reader: Reader, platformId: string, runId: string): Promise<Map<ReconciliationOutcome, number>> {
  const rows = (await reader.manager.query(
    `SELECT outcome, count(*)::int AS n FROM reconciliation_lines WHERE platform_id = $1 AND run_id = $2 GROUP BY outcome`,
    [platformId, runId],
  )) as Array<{ outcome: ReconciliationOutcome; n: number }>;
  return new Map(rows.map((r) => [r.outcome, r.n]));
}

/** A customer's totals in a run. */
export interface CustomerTotalRow {
  customerReference: string;
  customerId: string | null;
  theirs: Decimal;
  ours: Decimal;
  delta: Decimal;
  open: number;
  lines: number;
}

/** Totals per customer of a run, by customer reference; `open` counts lines not MATCHED and not reviewed. */
export async function customerTotalsOf(
  reader: Reader,
  platformId: string,
  runId: string,
  customer: string | null,
): Promise<CustomerTotalRow[]> {
  const rows = (await reader.manager.query(
    `SELECT customer_reference, (array_agg(customer_id) FILTER (WHERE customer_id IS NOT NULL))[1] AS customer_id,
            coalesce(sum(theirs), 0)::text AS theirs, coalesce(sum(ours), 0)::text AS ours,
            count(*) FILTER (WHERE outcome <> 'MATCHED' AND NOT reviewed)::int AS open, count(*)::int AS lines
       FROM reconciliation_lines WHERE platform_id = $1 AND run_id = $2 AND ($3::text IS NULL OR customer_reference = $3)
      GROUP BY customer_reference ORDER BY customer_reference`,
    [platformId, runId, customer],
  )) as Array<{ customer_reference: string; customer_id: string | null; theirs: string; ours: string; open: number; lines: number }>;
  return rows.map((r) => ({
    customerReference: r.customer_reference,
    customerId: r.customer_id,
    theirs: new Decimal(r.theirs),
    ours: new Decimal(r.ours),
    delta: new Decimal(r.ours).minus(r.theirs),
    open: r.open,
    lines: r.lines,
  }));
}

/** Marks lines of a run reviewed (or not); returns the lines changed. Ids of other runs or platforms change nothing. */
export async function markLinesReviewed(
  db: ServiceDb,
  platformId: string,
  runId: string,
  lineIds: string[],
  reviewed: boolean,
): Promise<ReconciliationLineEntity[]> {
  if (lineIds.length === 0) return [];
  await db.query(`UPDATE reconciliation_lines SET reviewed = $4 WHERE platform_id = $1 AND run_id = $2 AND id = ANY($3::uuid[])`, [
    platformId,
    runId,
    lineIds,
    reviewed,
  ]);
  return db.ds
    .getRepository(ReconciliationLineEntity)
    .createQueryBuilder('l')
    .where('l.platformId = :platformId AND l.runId = :runId AND l.id IN (:...lineIds)', { platformId, runId, lineIds })
    .orderBy('l.position')
    .getMany();
}

export { ReconciliationFileEntity, ReconciliationLineEntity, ReconciliationRunEntity };
