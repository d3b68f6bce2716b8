import { badInput, isUuid, notFound, PageArgs, paginate, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { startReconciliation } from '../billing/reconciliations';
import {
  customerTotalsOf,
  linesPage,
  markLinesReviewed,
  outcomeCounts,
  ReconciliationFileEntity,
  ReconciliationLineEntity,
  ReconciliationRunEntity,
} from '../store/reconciliations.repository';
import { Customer } from './refs/customer.type';
import {
  MarkReconciliationLinesReviewedInput,
  Reconciliation,
  ReconciliationConnection,
  ReconciliationCounts,
  ReconciliationCustomerTotal,
  ReconciliationFile,
  ReconciliationLine,
  ReconciliationLineArgs,
  ReconciliationLineConnection,
  ReconciliationMappingView,
  StartReconciliationInput,
} from './reconciliation.type';

const runs = (ctx: RequestContext) =>
  ctx.db.ds
    .getRepository(ReconciliationRunEntity)
    .createQueryBuilder('r')
    .where('r.platformId = :platformId', { platformId: ctx.platformId });

async function runById(ctx: RequestContext, id: string): Promise<ReconciliationRunEntity | null> {
  if (!isUuid(id)) return null;
  return runs(ctx).andWhere('r.id = :id', { id }).getOne();
}

const MAX_REVIEWED = 500;

@Resolver(() => Reconciliation)
export class ReconciliationResolver {
  @Query(() => Reconciliation, { nullable: true, description: 'A reconciliation with the old billing system' })
  reconciliation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ReconciliationRunEntity | null> {
    return runById(ctx, id);
  }

  @Query(() => ReconciliationConnection, { description: 'Reconciliations, newest first' })
  reconciliations(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(runs(ctx), 'r', page, 'DESC');
  }

  @Mutation(() => Reconciliation, {
    description:
      'Compares an uploaded file (POST /v1/reconciliation-files) with Meterline’s invoices and drafts: queued, then run by a job',
  })
  startReconciliation(@Ctx() ctx: RequestContext, @Arg('input') input: StartReconciliationInput): Promise<ReconciliationRunEntity> {
    if (!isUuid(input.fileId)) throw notFound('Reconciliation file', 'input.fileId');
    return startReconciliation(ctx, input);
  }

  @Mutation(() => [ReconciliationLine], { description: 'Marks lines of a reconciliation as reviewed (or not): the lines changed' })
  async markReconciliationLinesReviewed(
    @Ctx() ctx: RequestContext,
    @Arg('input') input: MarkReconciliationLinesReviewedInput,
  ): Promise<ReconciliationLineEntity[]> {
    const run = await runById(ctx, input.reconciliationId);
    if (!run) throw notFound('Reconciliation', 'input.reconciliationId');
    if (input.lineIds.length > MAX_REVIEWED) throw badInput('input.lineIds', `input.lineIds: at most ${MAX_REVIEWED} lines at once`);
    const bad = input.lineIds.findIndex((id) => !isUuid(id));
    if (bad >= 0) throw badInput(`input.lineIds.${bad}`, `input.lineIds.${bad}: not a reconciliation line id`);
    return markLinesReviewed(ctx.db, ctx.platformId, run.id, input.lineIds, input.reviewed);
  }

  @FieldResolver(() => ReconciliationFile)
  async file(@Root() run: ReconciliationRunEntity, @Ctx() ctx: RequestContext): Promise<ReconciliationFileEntity> {
    const file = await ctx.db.ds.getRepository(ReconciliationFileEntity).findOneBy({ platformId: ctx.platformId, id: run.fileId });
    if (!file) throw notFound('Reconciliation file');
    return file;
  }

  @FieldResolver(() => ReconciliationMappingView)
  mapping(@Root() run: ReconciliationRunEntity): ReconciliationMappingView {
    const m = run.mapping;
    return {
      customerReference: m.customerReference,
      item: m.item,
      amount: m.amount,
      periodLabel: m.periodLabel ?? null,
      periodStart: m.periodStart ?? null,
      periodEnd: m.periodEnd ?? null,
      currency: m.currency ?? null,
    };
  }

  @FieldResolver(() => ReconciliationCounts, { description: 'Lines per outcome (zero until COMPLETED)' })
  async counts(@Root() run: ReconciliationRunEntity, @Ctx() ctx: RequestContext): Promise<ReconciliationCounts> {
    const counts = await outcomeCounts(ctx.db.ds, ctx.platformId, run.id);
    const n = (o: Parameters<typeof counts.get>[0]) => counts.get(o) ?? 0;
    return {
      matched: n('MATCHED'),
      differs: n('DIFFERS'),
      missingInMeterline: n('MISSING_IN_METERLINE'),
      missingInFile: n('MISSING_IN_FILE'),
      total: [...counts.values()].reduce((a, b) => a + b, 0),
    };
  }

  @FieldResolver(() => ReconciliationLineConnection, { description: 'The compared lines in result order; filter by outcome or customer' })
  lines(@Root() run: ReconciliationRunEntity, @Ctx() ctx: RequestContext, @Args() { outcome, customer, ...page }: ReconciliationLineArgs) {
    return linesPage(ctx.db.ds, ctx.platformId, run.id, { outcome, customer }, page);
  }

  @FieldResolver(() => [ReconciliationCustomerTotal], { description: 'Totals per customer reference (theirs, ours, delta)' })
  async customerTotals(
    @Root() run: ReconciliationRunEntity,
    @Ctx() ctx: RequestContext,
    @Arg('customer', () => String, { nullable: true }) customer: string | null,
  ): Promise<ReconciliationCustomerTotal[]> {
    const totals = await customerTotalsOf(ctx.db.ds, ctx.platformId, run.id, customer ?? null);
    return totals.map(({ customerId, ...t }) => ({ ...t, customer: customerId ? { id: customerId } : null }));
  }

  @FieldResolver(() => String, { description: 'Where to download the lines as CSV (GET, admin and read keys)' })
  downloadPath(@Root() run: ReconciliationRunEntity): string {
    return `/v1/reconciliations/${run.id}/lines.csv`;
  }
}

@Resolver(() => ReconciliationLine)
export class ReconciliationLineResolver {
  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() line: ReconciliationLineEntity): Customer | null {
    return line.customerId ? { id: line.customerId } : null;
  }

  @FieldResolver(() => [ID])
  invoiceLineIds(@Root() line: ReconciliationLineEntity): string[] {
    return line.lineIds;
  }
}
