import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { deadLetterCursor, type DeadLetter } from '../bus/dead-letters';
import { forbidden, notFound } from '../errors';
import { isUuid } from '../reference';
import type { RequestContext } from '../server/context';
import { ConnectionType, PageArgs, type Connection } from './connection';

function deskOf(ctx: RequestContext) {
  if (ctx.role !== 'admin') throw forbidden('Dead letters are for admin keys');
  if (!ctx.deadLetters) throw new Error('dead letters are not wired into this service');
  return ctx.deadLetters;
}

/**
 * `<service>DeadLetters(first, after)` and `replay<Service>DeadLetter(id)` for one subgraph (admin keys, this
 * platform's dead letters only). Types are named per service (`InvoicingDeadLetter`) so subgraphs compose.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function deadLetterResolver(service: string): Function {
  // type-graphql's metadata is global: one set of types per service name, however many times a subgraph is defined.
  let resolver = resolvers.get(service);
  if (!resolver) {
    resolver = defineDeadLetterResolver(service);
    resolvers.set(service, resolver);
  }
  return resolver;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers = new Map<string, Function>();

function defineDeadLetterResolver(service: string) {
  const Service = service.charAt(0).toUpperCase() + service.slice(1);

  @ObjectType(`${Service}DeadLetter`, {
    description: `A message the ${service} service gave up on after its last delivery failed; replay it once the cause is fixed`,
  })
  class DeadLetterType {
    @Field(() => ID, { description: 'The message (event) id' })
    id: string;

    @Field({ description: 'Event type, e.g. metering.usage.recorded' })
    type: string;

    @Field({ description: 'NATS subject it arrived on' })
    subject: string;

    @Field({ description: 'The stream it was read from' })
    stream: string;

    @Field(() => GraphQLJSONObject, { description: 'The whole event envelope as received' })
    payload: object;

    @Field({ description: 'The last error of its handler' })
    error: string;

    @Field(() => Int, { description: 'Failed deliveries and replays' })
    attempts: number;

    @Field()
    firstFailedAt: Date;

    @Field()
    lastFailedAt: Date;
  }

  const DeadLetterConnection = ConnectionType(DeadLetterType, `${Service}DeadLetter`);

  @ObjectType(`${Service}DeadLetterReplay`)
  class DeadLetterReplayType {
    @Field({ description: 'True when the message was applied and its dead letter removed' })
    replayed: boolean;

    @Field(() => DeadLetterType, { nullable: true, description: 'When it failed again: the dead letter with its new error' })
    deadLetter: DeadLetter | null;
  }

  @Resolver()
  class DeadLetterResolver {
    @Query(() => DeadLetterConnection, {
      name: `${service}DeadLetters`,
      description: `Messages the ${service} service gave up on, oldest failure first (admin keys)`,
    })
    async deadLetters(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<Connection<DeadLetter>> {
      const { items, hasNextPage, totalCount } = await deskOf(ctx).store.page(ctx.platformId, page.first ?? 20, page.after);
      const edges = items.map((node) => ({ cursor: deadLetterCursor(node), node }));
      return {
        edges,
        totalCount,
        pageInfo: {
          hasNextPage,
          hasPreviousPage: Boolean(page.after),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    }

    @Mutation(() => DeadLetterReplayType, {
      name: `replay${Service}DeadLetter`,
      description: 'Applies a dead letter again through the same handler: success removes it, failure records the new error',
    })
    async replay(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<DeadLetterReplayType> {
      const desk = deskOf(ctx);
      const result = isUuid(id) ? await desk.replay(ctx.platformId, id) : null;
      if (!result) throw notFound('Dead letter');
      return result.replayed ? { replayed: true, deadLetter: null } : { replayed: false, deadLetter: result.deadLetter };
    }
  }

  return DeadLetterResolver;
}
