import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, GraphQLString, Kind, type GraphQLSchema } from 'graphql';
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { AppError, ErrorCode } from '../errors';
import type { RequestContext } from './context';

export const IDEMPOTENCY_ARGUMENT = 'idempotencyKey';
/** Keys are kept at least this long (DESIGN: at least 24 hours). */
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/** Adds an optional `idempotencyKey` argument to every mutation of a schema (resolvers never see it). */
export function withIdempotencyKeys(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.MUTATION_ROOT_FIELD]: (field) => ({
      ...field,
      args: {
        ...field.args,
        [IDEMPOTENCY_ARGUMENT]: {
          type: GraphQLString,
          description: `A key of your choice: a retry with the same key and input returns the first result without doing the work again; the same key with other input is a CONFLICT. Kept ${IDEMPOTENCY_RETENTION_HOURS} hours per platform.`,
        },
      },
    }),
  });
}

/** A refusal answered in place of running the operation (throwing from this hook would read as an internal error). */
function refused(code: ErrorCode, message: string) {
  const error = new AppError(code, message, IDEMPOTENCY_ARGUMENT);
  return {
    http: { headers: new HeaderMap(), status: undefined },
    body: { kind: 'single' as const, singleResult: { errors: [{ message: error.message, extensions: error.extensions }] } },
  };
}

/** What the plugin keeps between its hooks for one request. */
interface Claim {
  key: string;
}

/**
 * Idempotent mutations: a mutation field called with `idempotencyKey` claims the key for its platform (one row, in
 * its own statement, so a concurrent retry sees it); the response is stored when sent and replayed to every retry with
 * the same input; the same key with other input, or while the first is still running, is a CONFLICT. A response that
 * ended in an internal error releases the key, so the retry runs again.
 */
export function idempotencyPlugin(): ApolloServerPlugin<RequestContext> {
  let lastCleanup = 0;
  return {
    async requestDidStart() {
      let claim: Claim | undefined;
      return {
        async responseForOperation({ operation, contextValue, request, schema }) {
          if (operation.operation !== 'mutation') return null;
          const mutationType = schema.getMutationType()!;
          const keyed = operation.selectionSet.selections.flatMap((selection) => {
            if (selection.kind !== Kind.FIELD) return [];
            const field = mutationType.getFields()[selection.name.value];
            if (!field) return [];
            const args = getArgumentValues(field, selection, request.variables ?? {});
            const key = args[IDEMPOTENCY_ARGUMENT];
            if (typeof key !== 'string') return [];
            const { [IDEMPOTENCY_ARGUMENT]: _key, ...input } = args;
            return [{ key, field: field.name, input }];
          });
          if (keyed.length === 0) return null;
          if (keyed.length > 1) return refused(ErrorCode.BAD_USER_INPUT, 'One idempotent mutation per request');
          const [{ key, field, input }] = keyed;
          if (key.length === 0 || key.length > 255) return refused(ErrorCode.BAD_USER_INPUT, 'idempotencyKey must be 1 to 255 characters');
          const fingerprint = createHash('sha256')
            .update(JSON.stringify([field, input]))
            .digest('hex');
          const { db, platformId } = contextValue;
          if (Date.now() - lastCleanup > 3_600_000) {
            lastCleanup = Date.now();
            await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${IDEMPOTENCY_RETENTION_HOURS} hours'`);
          }
          const claimed = await db.query(
            `INSERT INTO idempotency_keys (platform_id, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
            [platformId, key, fingerprint],
          );
          if (claimed.length > 0) {
            claim = { key };
            return null;
          }
          const [first] = await db.query<{ fingerprint: string; response: Record<string, unknown> | null }>(
            `SELECT fingerprint, response FROM idempotency_keys WHERE platform_id = $1 AND key = $2`,
            [platformId, key],
          );
          if (!first) return refused(ErrorCode.CONFLICT, 'This idempotency key is being released; retry');
          if (first.fingerprint !== fingerprint) return refused(ErrorCode.CONFLICT, 'This idempotency key was used with other input');
          if (first.response === null)
            return refused(ErrorCode.CONFLICT, 'A request with this idempotency key is still running; retry later');
          return { http: { headers: new HeaderMap(), status: undefined }, body: { kind: 'single', singleResult: first.response } };
        },
        async willSendResponse({ response, contextValue }) {
          if (!claim || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const failed = result.errors?.some((e) => e.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR);
          if (failed) {
            await contextValue.db.query(`DELETE FROM idempotency_keys WHERE platform_id = $1 AND key = $2`, [
              contextValue.platformId,
              claim.key,
            ]);
            return;
          }
          await contextValue.db.query(`UPDATE idempotency_keys SET response = $3 WHERE platform_id = $1 AND key = $2`, [
            contextValue.platformId,
            claim.key,
            JSON.stringify({ data: result.data, ...(result.errors ? { errors: result.errors } : {}) }),
          ]);
        },
      };
    },
  };
}
