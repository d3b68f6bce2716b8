import { PageArgs, paginate, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { createReportJob, reportJobById, reportJobs } from '../billing/report-jobs';
import { enumOfReportName, isReportName } from '../billing/reports';
import { reportJobDownloadPath } from '../domain/report-job-status';
import type { ReportJobEntity } from '../store/report-job.entity';
import type { InvoiceStatus } from './invoice.type';
import { ReportFilters, ReportFiltersInput, ReportJob, ReportJobConnection, ReportName } from './report-job.type';

@Resolver(() => ReportJob)
export class ReportJobResolver {
  @Query(() => ReportJob, { name: 'report', nullable: true, description: 'A report job of the caller’s platform' })
  reportJob(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ReportJobEntity | null> {
    return reportJobById(ctx, id);
  }

  @Query(() => ReportJobConnection, { description: 'Report jobs, newest first' })
  reports(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(reportJobs(ctx), 'j', page, 'DESC');
  }

  @Mutation(() => ReportJob, {
    description:
      'Queues a CSV report (the same file as GET /v1/reports/<name> with these filters); follow its progress with `report(id)`, download it from `downloadPath` when SUCCEEDED (admin keys)',
  })
  createReport(
    @Ctx() ctx: RequestContext,
    @Arg('report', () => ReportName) report: ReportName,
    @Arg('filters', () => ReportFiltersInput, { nullable: true }) filters?: ReportFiltersInput | null,
  ): Promise<ReportJobEntity> {
    return createReportJob(ctx, report, {
      from: filters?.from?.toISOString(),
      to: filters?.to?.toISOString(),
      statuses: filters?.statuses,
      customer: filters?.customer,
      plan: filters?.plan,
    });
  }

  @FieldResolver(() => ReportName)
  report(@Root() job: ReportJobEntity): string {
    return isReportName(job.report) ? enumOfReportName(job.report) : job.report;
  }

  @FieldResolver(() => ReportFilters)
  filters(@Root() job: ReportJobEntity): ReportFilters {
    const f = job.filters;
    return {
      from: f.from ? new Date(f.from) : null,
      to: f.to ? new Date(f.to) : null,
      statuses: (f.status ?? []) as InvoiceStatus[],
      customer: f.customer,
      plan: f.plan,
    };
  }

  @FieldResolver(() => String, { nullable: true })
  downloadPath(@Root() job: ReportJobEntity): string | null {
    return reportJobDownloadPath(job);
  }
}
