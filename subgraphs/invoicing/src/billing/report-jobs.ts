import { badInput, isUuid, loadById, type RequestContext } from '@meterline/kit';
import { ReportJobEntity, type ReportJobFiltersJson } from '../store/report-job.entity';
import { insertReportJob } from '../store/report-jobs.repository';
import { reportFiltersOf, reportNameOfEnum, reportScopeOf, type ReportFilters, type ReportName } from './reports';

/** The filters of `createReport` as GraphQL takes them (the REST query's, by field). */
export interface ReportFiltersRequest {
  from?: string | null;
  to?: string | null;
  statuses?: string[] | null;
  customer?: string | null;
  plan?: string | null;
}

const inFilters = (parameter: string) => `filters.${parameter === 'status' ? 'statuses' : parameter}`;

/** The request in the REST query's shape, for `reportFiltersOf` (one parser for both doors). */
function asQuery(given: ReportFiltersRequest | null | undefined): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (given?.from != null) query.from = given.from;
  if (given?.to != null) query.to = given.to;
  if (given?.statuses != null) query.status = given.statuses;
  if (given?.customer != null) query.customer = given.customer;
  if (given?.plan != null) query.plan = given.plan;
  return query;
}

/** Filters as a job keeps them: checked, instants normalised, statuses spelled out; read again by `storedFilters`. */
const storable = (filters: ReportFilters): ReportJobFiltersJson => ({
  from: filters.from?.toISOString() ?? null,
  to: filters.to?.toISOString() ?? null,
  status: [...filters.statuses],
  customer: filters.customer,
  plan: filters.plan,
});

/** A job's stored filters, parsed as a REST query would be (so its file equals that download). */
export function storedFilters(json: ReportJobFiltersJson): ReportFilters {
  return reportFiltersOf(asQuery({ from: json.from, to: json.to, statuses: json.status, customer: json.customer, plan: json.plan }));
}

/**
 * Queues a report: the name and filters are checked now, with the REST route's rules (BAD_USER_INPUT naming
 * `report` or `filters.<field>`; an unknown customer or plan too), and the job written QUEUED; the report worker
 * writes its file.
 */
export async function createReportJob(
  ctx: RequestContext,
  report: string,
  given: ReportFiltersRequest | null | undefined,
): Promise<ReportJobEntity> {
  const name: ReportName | null = reportNameOfEnum(report);
  if (!name) throw badInput('report', `unknown report ${report}`);
  const filters = reportFiltersOf(asQuery(given), inFilters);
  await reportScopeOf(ctx.db.ds, ctx.platformId, filters, inFilters);
  return insertReportJob(ctx.db.ds, ctx.platformId, name, storable(filters), ctx.clock.now());
}

/** A job of the caller's platform (null: none, or another platform's, or not an id). */
export function reportJobById(ctx: RequestContext, id: string): Promise<ReportJobEntity | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return loadById(ctx.loaders, 'reportJobById', (ids) => reportJobs(ctx).andWhere('j.id IN (:...ids)', { ids }).getMany(), id);
}

/** The caller's platform's jobs, as a query to page. */
export const reportJobs = (ctx: RequestContext) =>
  ctx.db.ds.getRepository(ReportJobEntity).createQueryBuilder('j').where('j.platformId = :platformId', { platformId: ctx.platformId });
