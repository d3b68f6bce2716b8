import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, getNullableType, GraphQLError, isListType, isObjectType, type GraphQLSchema } from 'graphql';
import type { ConfigSpec } from '../config';
import { AppError, ErrorCode } from '../errors';

/** Per-request ceilings of a subgraph; optional tunables, read besides the deployment's variables (like the gateway's limits). */
export const subgraphLimitsSpec = {
  GRAPHQL_MAX_FIELDS: {
    kind: 'int',
    description:
      'fields and list items a subgraph resolves for one request before it stops with RESPONSE_TOO_LARGE; also the most rows one batched list load reads',
    default: '100000',
  },
} satisfies ConfigSpec;

/** A batched list load that would read more than `maxRows` rows for one request: refused before the rows are read. */
export function tooManyRows(what: string, maxRows: number): AppError {
  return new AppError(
    ErrorCode.RESPONSE_TOO_LARGE,
    `The response is too large: more than ${maxRows} ${what} for one request; ask for fewer objects or fewer levels`,
    undefined,
    { maxRows },
  );
}

interface RequestCount {
  fields: number;
  error?: GraphQLError;
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/**
 * Counts the fields a request resolves and the items of the lists they return while it executes; past `maxFields` every further field fails at once with one
 * RESPONSE_TOO_LARGE error, so execution stops growing the response (memory stays bounded before anything is built)
 * and the request answers that one error with no data (HTTP 200 with a GraphQL error: the gateway passes the code on).
 * `instrument` wraps the schema's resolvers (once, before the server starts); `plugin` keeps the count per request.
 */
export class ResponseCeiling {
  private readonly requests = new WeakMap<object, RequestCount>();

  constructor(readonly maxFields: number) {}

  /** Wraps every field resolver of `schema` in place (as Apollo's own instrumentation does); returns the schema. */
  instrument(schema: GraphQLSchema): GraphQLSchema {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const resolve = field.resolve ?? defaultFieldResolver;
        const isList = isListType(getNullableType(field.type));
        field.resolve = (source, args, context, info) => {
          const count = context && typeof context === 'object' ? this.requests.get(context) : undefined;
          if (!count) return resolve(source, args, context, info);
          // A rejected promise, never a synchronous throw: graphql-js abandons the promises of a list's earlier items
          // when a later item throws synchronously, and their rejections would go unhandled.
          if (this.spend(count, 1)) return Promise.reject(count.error);
          const result = resolve(source, args, context, info);
          if (!isList) return result;
          // A list's items count too, before graphql-js completes them: one field can return thousands of objects (a
          // DataLoader hands the same cached rows to every parent), and completing them is what fills the heap.
          return isPromiseLike(result) ? Promise.resolve(result).then((items) => this.items(count, items)) : this.items(count, result);
        };
      }
    }
    return schema;
  }

  /** Adds `n` to the request's count; true (with the error set) once it is over the ceiling. */
  private spend(count: RequestCount, n: number): boolean {
    if (count.error) return true;
    count.fields += n;
    if (count.fields > this.maxFields) count.error = this.tooLarge();
    return count.error !== undefined;
  }

  private items(count: RequestCount, items: unknown): unknown {
    return Array.isArray(items) && this.spend(count, items.length) ? Promise.reject(count.error) : items;
  }

  plugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    const requests = this.requests;
    return {
      async requestDidStart({ contextValue }) {
        const count: RequestCount = { fields: 0 };
        requests.set(contextValue, count);
        return {
          async didEncounterErrors({ errors }) {
            // Apollo formats the array it passes here: one entry instead of one per aborted field.
            if (count.error && errors.includes(count.error)) (errors as GraphQLError[]).splice(0, errors.length, count.error);
          },
          async willSendResponse({ response }) {
            if (count.error && response.body.kind === 'single') response.body.singleResult.data = null;
            requests.delete(contextValue);
          },
        };
      },
    };
  }

  private tooLarge(): GraphQLError {
    // One error for the whole request, with a path: graphql-js passes a located error on as it is instead of wrapping
    // it anew at every field it aborts, so the errors it collects are references to this one object.
    return new GraphQLError(
      `The response is too large: more than ${this.maxFields} fields and list items for one request; ask for fewer fields, smaller pages or fewer levels`,
      { path: [], extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, maxFields: this.maxFields } },
    );
  }
}
