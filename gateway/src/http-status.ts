import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DEPENDENCY_RETRY_AFTER_SECONDS, mostSignificantStatus } from '@meterline/kit';
import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLAnswerStatus {
  status: number;
  /** Seconds, when the client should retry later (503, 429). */
  retryAfter?: number;
}

/**
 * The HTTP status of a GraphQL answer with errors, by the README's table (httpStatusFor): when nothing came back
 * (no data, or every root field null with an error of its own) the most significant error's status; when some data
 * came back it is a partial success, 200, and the errors say what is missing.
 */
export function graphqlAnswerStatus(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[] | undefined,
): GraphQLAnswerStatus | undefined {
  if (!errors?.length) return undefined;
  const failedRoots = new Set(errors.map((e) => e.path?.[0]).filter((k) => k !== undefined));
  // An error without a path is about the whole request (e.g. a subgraph's RESPONSE_TOO_LARGE): a null root is its failure.
  const requestLevel = errors.some((e) => !e.path?.length);
  const partial = !!data && Object.entries(data).some(([key, value]) => value !== null || (!requestLevel && !failedRoots.has(key)));
  if (partial) return { status: 200 };
  const status = mostSignificantStatus(errors.map((e) => e.extensions?.code))!;
  if (status !== 503 && status !== 429) return { status };
  const asked = errors.map((e) => e.extensions?.retryAfterSeconds).filter((s): s is number => typeof s === 'number');
  return { status, retryAfter: Math.max(DEPENDENCY_RETRY_AFTER_SECONDS, ...asked) };
}

/** Sets every GraphQL answer's HTTP status by graphqlAnswerStatus, with Retry-After when the client should come back. */
export function httpStatusPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const answer = graphqlAnswerStatus(data, errors);
          if (!answer) return;
          response.http.status = answer.status;
          if (answer.retryAfter !== undefined) response.http.headers.set('retry-after', String(answer.retryAfter));
        },
      };
    },
  };
}
