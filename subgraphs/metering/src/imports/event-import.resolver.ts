import { isUuid, badInput, PageArgs, paginate, type Connection, type RequestContext } from '@meterline/kit';
import { rowCursor, rowOfCursor } from '@meterline/kit/file-import';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { EventImportEntity, EventImportRejectionEntity } from './event-import.entity';
import { EventImport, EventImportConnection, EventImportRejection, EventImportRejectionConnection } from './event-import.type';

function importsOf(ctx: RequestContext) {
  return ctx.db.ds
    .getRepository(EventImportEntity)
    .createQueryBuilder('i')
    .where('i.platformId = :platformId', { platformId: ctx.platformId });
}

@Resolver(() => EventImport)
export class EventImportResolver {
  @Query(() => EventImport, { nullable: true, description: 'A file import of this platform, with its progress' })
  async eventImport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<EventImportEntity | null> {
    if (!isUuid(id)) return null;
    return importsOf(ctx).andWhere('i.id = :id', { id }).getOne();
  }

  @Query(() => EventImportConnection, { description: 'File imports of this platform, oldest first (newest first when asked)' })
  async eventImports(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('newestFirst', () => Boolean, { defaultValue: false, description: 'The latest upload first' }) newestFirst: boolean,
  ): Promise<Connection<EventImportEntity>> {
    return paginate(importsOf(ctx), 'i', page, newestFirst ? 'DESC' : 'ASC');
  }

  @FieldResolver(() => EventImportRejectionConnection, { description: 'Rows that did not become events, in file order' })
  async rejectedRows(
    @Root() parent: EventImportEntity,
    @Ctx() ctx: RequestContext,
    @Args() args: PageArgs,
  ): Promise<Connection<EventImportRejection>> {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100');
    const after = args.after ? rowOfCursor(args.after) : 0;
    // keyset over row_number; filtered by platform as every query is, though the parent already was
    const query = ctx.db.ds
      .getRepository(EventImportRejectionEntity)
      .createQueryBuilder('r')
      .where('r.platformId = :platformId AND r.importId = :importId', { platformId: ctx.platformId, importId: parent.id });
    const totalCount = await query.clone().getCount();
    const rows = await query
      .clone()
      .andWhere('r.rowNumber > :after', { after })
      .orderBy('r.rowNumber', 'ASC')
      .take(first + 1)
      .getMany();
    const edges = rows.slice(0, first).map((r) => ({
      cursor: rowCursor(r.rowNumber),
      node: { rowNumber: r.rowNumber, field: r.field, reason: r.reason },
    }));
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: after > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }
}
