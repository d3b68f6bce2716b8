import { randomUUID } from 'node:crypto';
import { badInput, Loaders, notFound, type RequestContext, type ServiceDb, type SubgraphServices, clockOfPlatform } from '@meterline/kit';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { invoicesInScope, reconcile, fileSpan, type ItemAliases, type OurInvoice } from '../domain/reconciliation';
import {
  isRejection,
  mappingProblem,
  mapRow,
  MAPPING_FIELDS,
  type ReconciliationMapping,
  type RowRejection,
  type TheirLine,
} from '../domain/reconciliation-file';
import { itemsByIds } from '../store/reports.repository';
import {
  claimRun,
  completeRun,
  customerIdsByReference,
  failRun,
  invoicesOverlapping,
  ReconciliationFileEntity,
  ReconciliationRunEntity,
  type ClaimedRun,
} from '../store/reconciliations.repository';
import { freshenCustomers } from './current-drafts';

/**
 * Most data rows a reconciliation file may have. The job compares a file in memory: 50,000 rows take ~80 MiB of heap
 * at their peak, 100,000 ~165 MiB, and 200,000 exhaust the services' 384 MiB heap (`node bench/reconciliation.js`);
 * a larger book is reconciled in several files (one per period or per group of customers).
 */
export const MAX_FILE_ROWS = 50_000;
/** Most bytes of a file (the REST route refuses a larger body before reading it): 50,000 rows of ~160 bytes. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const PREVIEW_ROWS = 10;
const MAX_ALIASES = 1_000;

/** A file's rows as CSV records: the header, then the data rows; a file that does not parse is BAD_USER_INPUT on `file`. */
function csvRecords(text: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw badInput('file', `the file is not CSV as expected: ${(error as Error).message.slice(0, 300)}`);
  }
}

/**
 * A JSON array of flat objects as CSV records: the header is every key in the order first seen; each value must be a
 * string (amounts too: a JSON number would already have lost its exact digits) or absent (an empty cell).
 */
function jsonRecords(text: string): string[][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw badInput('file', `the file is not JSON as expected: ${(error as Error).message.slice(0, 300)}`);
  }
  if (!Array.isArray(parsed)) throw badInput('file', 'a JSON file must be an array of objects, one per line of the old system');
  const columns: string[] = [];
  parsed.forEach((row: unknown, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw badInput('file', `element ${i + 1} is not an object`);
    for (const [key, value] of Object.entries(row)) {
      if (value !== null && typeof value !== 'string')
        throw badInput('file', `element ${i + 1}, "${key.slice(0, 100)}": values must be strings (write amounts as "12.50")`);
      if (!columns.includes(key)) columns.push(key);
    }
  });
  return [columns, ...parsed.map((row: Record<string, string | null>) => columns.map((c) => row[c] ?? ''))];
}

export type ReconciliationFileFormat = 'csv' | 'json';

/** An uploaded file as stored, with its first rows for the mapping step. */
export interface UploadedFile {
  file: ReconciliationFileEntity;
  preview: Array<Record<string, string>>;
}

/**
 * Keeps an uploaded file of the old system's invoice lines — a CSV with a header row of unique, non-empty column names,
 * or a JSON array of objects (kept as the same CSV) — of at most MAX_FILE_ROWS rows. Returns it with its first rows,
 * keyed by column, for the mapping step.
 */
export async function uploadReconciliationFile(
  db: ServiceDb,
  platformId: string,
  name: string,
  text: string,
  now: Date,
  format: ReconciliationFileFormat = 'csv',
): Promise<UploadedFile> {
  const records = format === 'json' ? jsonRecords(text) : csvRecords(text);
  const [header, ...rows] = records;
  if (!header || rows.length === 0) throw badInput('file', 'the file needs a header row and at least one data row');
  const columns = header.map((c) => c.trim());
  const blank = columns.findIndex((c) => c === '');
  if (blank >= 0) throw badInput('file', `column ${blank + 1} of the header has no name`);
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) throw badInput('file', `the header names column "${twice}" twice`);
  if (rows.length > MAX_FILE_ROWS) throw badInput('file', `a file may have at most ${MAX_FILE_ROWS} rows; this one has ${rows.length}`);
  const file = await db.ds.getRepository(ReconciliationFileEntity).save({
    platformId,
    name: name.slice(0, 255) || 'reconciliation.csv',
    columns,
    rowCount: rows.length,
    content: format === 'json' ? stringify(records) : text,
    createdAt: now,
  });
  const preview = rows.slice(0, PREVIEW_ROWS).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? ''])));
  return { file: { ...file, content: '' }, preview };
}

export interface StartReconciliationInput {
  fileId: string;
  mapping: ReconciliationMapping;
  itemAliases?: ItemAliases | null;
}

/** Queues a comparison of an uploaded file with this mapping; the reconciliation job runs it. */
export async function startReconciliation(ctx: RequestContext, input: StartReconciliationInput): Promise<ReconciliationRunEntity> {
  const file = await ctx.db.ds.getRepository(ReconciliationFileEntity).findOneBy({ platformId: ctx.platformId, id: input.fileId });
  if (!file) throw notFound('Reconciliation file', 'input.fileId');
  const mapping = Object.fromEntries(MAPPING_FIELDS.map((f) => [f, input.mapping[f] ?? null])) as unknown as ReconciliationMapping;
  const problem = mappingProblem(mapping, file.columns);
  if (problem) throw badInput(`input.mapping.${problem.field}`, `input.mapping.${problem.message}`);
  const aliases = input.itemAliases ?? [];
  if (aliases.length > MAX_ALIASES) throw badInput('input.itemAliases', `input.itemAliases: at most ${MAX_ALIASES} item aliases`);
  aliases.forEach((a, i) => {
    if (!a.theirs.trim())
      throw badInput(`input.itemAliases.${i}.theirs`, `input.itemAliases.${i}.theirs: the old system’s item name must not be blank`);
    if (!a.ours.trim())
      throw badInput(`input.itemAliases.${i}.ours`, `input.itemAliases.${i}.ours: the Meterline item name must not be blank`);
  });
  return ctx.db.ds.getRepository(ReconciliationRunEntity).save({
    platformId: ctx.platformId,
    fileId: file.id,
    mapping,
    itemAliases: aliases.map((a) => ({ theirs: a.theirs, ours: a.ours })),
    status: 'QUEUED',
    error: null,
    rejections: [],
    rejectedRows: 0,
    periodStart: null,
    periodEnd: null,
    createdAt: ctx.clock.now(),
    startedAt: null,
    completedAt: null,
  });
}

/** The file's rows through the mapping: lines, and the rows rejected with their field. */
export function mappedRows(content: string, mapping: ReconciliationMapping): { lines: TheirLine[]; rejections: RowRejection[] } {
  const [header, ...rows] = csvRecords(content);
  const columns = header.map((c) => c.trim());
  const index = new Map(columns.map((c, i) => [c, i]));
  const lines: TheirLine[] = [];
  const rejections: RowRejection[] = [];
  rows.forEach((row, i) => {
    const mapped = mapRow(i + 1, (column) => row[index.get(column) ?? -1], mapping);
    if (isRejection(mapped)) rejections.push(mapped);
    else lines.push(mapped);
  });
  return { lines, rejections };
}

/**
 * Runs one claimed comparison: the file's rows mapped, the drafts of its customers brought up to date (as a read
 * would), our invoices overlapping the file's periods read with their item names, compared, stored.
 */
export async function runReconciliation(services: SubgraphServices, { run, content }: ClaimedRun): Promise<void> {
  const { lines, rejections } = mappedRows(content, run.mapping);
  const span = fileSpan(lines);
  const reader = services.db.ds;
  const references = [...new Set(lines.map((l) => l.customerReference))];
  const customers = await customerIdsByReference(reader, run.platformId, references);
  const ctx: RequestContext = {
    platformId: run.platformId,
    role: 'admin',
    requestId: randomUUID(),
    log: services.log.child({ reconciliation: run.id, platformId: run.platformId }),
    db: services.db,
    clock: clockOfPlatform(services.clock, run.platformId), // a sandbox's drafts are freshened at its own time
    loaders: new Loaders(),
  };
  await freshenCustomers(ctx, [...customers.values()]);
  const stored = span ? invoicesInScope(lines, await invoicesOverlapping(reader, run.platformId, span)) : [];
  const items = await itemsByIds(reader, run.platformId, [
    ...new Set(stored.flatMap((i) => i.lines.map((l) => l.productItemId).filter((id): id is string => id !== null))),
  ]);
  const invoices: OurInvoice[] = stored.map((i) => ({
    ...i,
    lines: i.lines.map((l) => ({
      lineId: l.id,
      itemName: l.productItemId ? (items.get(l.productItemId)?.name ?? null) : null,
      description: l.description,
      amount: l.amount,
    })),
  }));
  const compared = reconcile({ file: lines, invoices, aliases: run.itemAliases, customers });
  await services.db.transact((tx) => completeRun(tx, run, compared, rejections, span, services.clock.now()));
}

/** One round of the reconciliation job: takes a queued run and does it; returns how many it did (0 or 1). */
export async function runQueuedReconciliation(services: SubgraphServices): Promise<number> {
  const claimed = await claimRun(services.db, services.clock.now());
  if (!claimed) return 0;
  try {
    await runReconciliation(services, claimed);
  } catch (error) {
    services.log.warn({ err: error, reconciliation: claimed.run.id }, 'reconciliation failed');
    const message = error instanceof Error && 'extensions' in error ? error.message : 'the comparison failed; run it again';
    await failRun(services.db, claimed.run, message, services.clock.now());
  }
  return 1;
}
