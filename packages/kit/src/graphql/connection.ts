import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors';

@ObjectType({ description: 'Relay page information' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page' })
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  totalCount: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClassOf<T> = new (...args: any[]) => T;

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T>(node: ClassOf<T>, name: string): ClassOf<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: Array<Edge<T>>;

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionClass;
}

interface KeysetCursor {
  createdAt: string;
  id: string;
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ createdAt: row.createdAt.toISOString(), id: row.id })).toString('base64url');
}

function decodeCursor(cursor: string): KeysetCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as KeysetCursor;
    if (typeof parsed.id === 'string' && !Number.isNaN(Date.parse(parsed.createdAt))) return parsed;
  } catch {
    // fall through
  }
  throw badInput('after', 'Malformed cursor');
}

/**
 * Keyset pagination over (created_at, id), oldest first (or newest first with `order: 'DESC'`): stable while rows are
 * added. `query` must already be filtered by platform; `alias` is its main alias.
 */
export async function paginate<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  args: PageArgs,
  order: 'ASC' | 'DESC' = 'ASC',
): Promise<Connection<T>> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100');
  const totalCount = await query.clone().getCount();
  const page = query
    .clone()
    .orderBy(`${alias}.createdAt`, order)
    .addOrderBy(`${alias}.id`, order)
    .take(first + 1);
  if (args.after) {
    const cursor = decodeCursor(args.after);
    page.andWhere(`(${alias}.createdAt, ${alias}.id) ${order === 'ASC' ? '>' : '<'} (:cursorCreatedAt, :cursorId)`, {
      cursorCreatedAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
  const rows = await page.getMany();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
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
