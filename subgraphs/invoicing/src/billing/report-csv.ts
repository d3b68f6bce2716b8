import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RequestContext } from '@meterline/kit';
import { stringify } from 'csv-stringify';
import { reportFileName, type Cell } from '../domain/report-cells';
import type { ReportScope } from '../store/reports.repository';
import { freshenReportDrafts, REPORTS, reportScopeOf, type ReportFilters, type ReportName } from './reports';

/** A report opened for writing: its first batch is read, the rest is read as `writeTo`'s sink takes the bytes. */
export interface ReportCsv {
  scope: ReportScope;
  fileName: string;
  /** Rows the CSV writer has taken so far. */
  readonly rowsWritten: number;
  /** Streams the CSV (header row first) into `sink` with its backpressure, and ends it; rejects if a batch fails. */
  writeTo(sink: Writable): Promise<void>;
}

/**
 * The one way a report becomes CSV, for the REST download and the report jobs alike (their bytes are the same): the
 * filters resolved (coded errors), drafts brought up to date, the first batch read (a database outage is an error
 * before any byte), then rows batch by batch through csv-stringify: memory stays flat whatever the row count.
 */
export async function openReportCsv(ctx: RequestContext, name: ReportName, filters: ReportFilters): Promise<ReportCsv> {
  const reader = ctx.db.ds;
  const scope = await reportScopeOf(reader, ctx.platformId, filters);
  await freshenReportDrafts(ctx, scope);
  const report = REPORTS[name];
  const batches = report.batches(reader, scope);
  const first = await batches.next();
  let rowsWritten = 0;
  async function* rows(): AsyncGenerator<Cell[]> {
    if (first.done) return;
    for (const row of first.value) {
      yield row;
      rowsWritten += 1;
    }
    for await (const batch of batches)
      for (const row of batch) {
        yield row;
        rowsWritten += 1;
      }
  }
  return {
    scope,
    fileName: reportFileName(name, scope.from, scope.to),
    get rowsWritten() {
      return rowsWritten;
    },
    writeTo: (sink) => pipeline(Readable.from(rows()), stringify({ header: true, columns: [...report.columns] }), sink),
  };
}
