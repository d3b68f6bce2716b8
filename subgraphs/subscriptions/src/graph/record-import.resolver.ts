import { badInput, PageArgs, type Connection, type RequestContext } from '@meterline/kit';
import { rowCursor, rowOfCursor } from '@meterline/kit/file-import';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { RecordImportRepository, type RecordImportRow } from '../store/record-import.repository';
import { RecordImport, RecordImportReportedRow, RecordImportReportedRowConnection } from './record-import.type';

@Resolver(() => RecordImport)
export class RecordImportResolver {
  @Query(() => RecordImport, { nullable: true, description: 'A customer or subscription import of this platform, with its progress' })
  recordImport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RecordImportRow | null> {
    return new RecordImportRepository(ctx.db, ctx.clock).byId(ctx.platformId, id);
  }

  @FieldResolver(() => RecordImportReportedRowConnection, { description: 'Rejected and conflicting rows, in file order' })
  async reportedRows(
    @Root() parent: RecordImportRow,
    @Ctx() ctx: RequestContext,
    @Args() args: PageArgs,
  ): Promise<Connection<RecordImportReportedRow>> {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100');
    const after = args.after ? rowOfCursor(args.after) : 0;
    const rows = await new RecordImportRepository(ctx.db, ctx.clock).reportedRows(ctx.platformId, parent.id, after, first + 1);
    const edges = rows.slice(0, first).map((node) => ({ cursor: rowCursor(node.rowNumber), node }));
    return {
      edges,
      totalCount: parent.conflicts + parent.rejected,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: after > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }
}
