import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import gql from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { Decimal } from '../money';
import { DateTimeScalar, DecimalScalar, inputLayerScalars } from './scalars';
import type { RequestContext } from '../server/context';
import { withIdempotencyKeys } from '../server/idempotency';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/** `__resolveReference` per entity type; it bypasses type-graphql, so it must check the tenant and batch itself. */
export type ReferenceResolvers = Record<string, (reference: { id: string }, ctx: RequestContext) => unknown>;

export interface SubgraphGraph {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
}

export interface BuiltSubgraphSchema {
  schema: GraphQLSchema;
  /** The federation-2 SDL that composition reads (the subgraph's contract). */
  sdl: string;
}

/** type-graphql → federation-2 SDL → `buildSubgraphSchema`: one way for every subgraph. */
export async function buildFederatedSchema(graph: SubgraphGraph): Promise<BuiltSubgraphSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: graph.resolvers,
    orphanedTypes: graph.orphanedTypes,
    skipCheck: true,
    validate: false,
    scalarsMap: [
      { type: Date, scalar: DateTimeScalar },
      { type: Decimal, scalar: DecimalScalar },
    ],
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(withIdempotencyKeys(typeGraphQLSchema))}\n`;
  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<RequestContext>;
  // One input layer (kit/input-values): the schema's Decimal, DateTime and JSONObject are the kit's, whatever instance a
  // subgraph's type declared (e.g. graphql-scalars' JSONObject).
  for (const [name, scalar] of Object.entries(inputLayerScalars)) if (typeGraphQLSchema.getType(name)) resolvers[name] = scalar;
  for (const [typeName, resolveReference] of Object.entries(graph.references ?? {})) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: resolveReference,
    } as GraphQLResolverMap<RequestContext>[string];
  }
  const schema = buildSubgraphSchema({ typeDefs: gql(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> });
  return { schema, sdl };
}
