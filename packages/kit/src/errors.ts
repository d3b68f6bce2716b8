import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { InputValueError, withRequestErrorDetails } from './request-errors';
import { isRetryableFailure } from './outage-log';
import { DEPENDENCY_RETRY_AFTER_SECONDS } from './server/http-status';

/** The one error catalogue (DESIGN §5). Every error a client sees carries one of these codes. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_STATUS_TRANSITION: 'INVALID_STATUS_TRANSITION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  PERSISTED_OPERATION_REQUIRED: 'PERSISTED_OPERATION_REQUIRED',
  /** The gateway's worst-case cost of an operation is above GRAPHQL_MAX_COST (HTTP 400). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A subgraph resolved more than GRAPHQL_MAX_FIELDS fields (or a list load more rows) for one request (HTTP 400). */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** A dependency (Postgres, NATS, a subgraph) is down: retry after `Retry-After` / `extensions.retryAfterSeconds`. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The REST proxy got no usable answer from a subgraph (502) or none in time (504). */
  BAD_GATEWAY: 'BAD_GATEWAY',
  GATEWAY_TIMEOUT: 'GATEWAY_TIMEOUT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...(field ? { field } : {}), ...extra } });
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string) => new AppError(ErrorCode.BAD_USER_INPUT, message, field);
export const notFound = (entity: string, field = 'id') => new AppError(ErrorCode.NOT_FOUND, `${entity} not found`, field);
export const conflict = (field: string, message: string) => new AppError(ErrorCode.CONFLICT, message, field);
export const invalidTransition = (entity: string, from: string, to: string) =>
  new AppError(ErrorCode.INVALID_STATUS_TRANSITION, `${entity} cannot go from ${from} to ${to}`, 'status', { from, to });
export const unauthenticated = (message = 'A valid API key is required') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'Not allowed for this API key') => new AppError(ErrorCode.FORBIDDEN, message);
export const serviceUnavailable = (message = 'A service this request needs is unavailable; retry later') =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, message, undefined, { retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS });

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  // produced by graphql-js / Apollo for malformed requests; safe to show
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`: catalogue errors pass through; anything else (a bug, a driver error with SQL in it)
 * becomes INTERNAL_SERVER_ERROR with a generic message. Never a stack trace.
 */
export function formatPublicError(given: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const formatted = withRequestErrorDetails(given, original);
  const code = String(formatted.extensions?.code ?? '');
  const cause = original instanceof GraphQLError ? original.originalError : original;
  if (cause instanceof AppError || (PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR && !isUnexpected(cause))) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isRetryableFailure(cause)) {
    // Postgres or NATS is down or restarting, or contention outlasted the retries: not a bug, the same request succeeds later.
    const unavailable = serviceUnavailable();
    return { message: unavailable.message, locations: formatted.locations, path: formatted.path, extensions: unavailable.extensions };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function isUnexpected(cause: unknown): boolean {
  // A GraphQLError thrown by graphql-js itself (validation, coercion) has no cause; any other Error is a bug.
  return cause instanceof Error && !(cause instanceof GraphQLError) && !(cause instanceof InputValueError);
}

/** formatPublicError that also logs what it hides: a masked error is a bug someone must be able to find. */
export function formatPublicErrorLogged(log: { error: (obj: object, msg: string) => void; debug?: (obj: object, msg: string) => void }) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    const out = formatPublicError(formatted, original);
    if (
      out.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE &&
      !(original instanceof GraphQLError && original.originalError instanceof AppError)
    )
      log.debug?.({ err: (original as GraphQLError)?.originalError ?? original, path: formatted.path }, 'dependency unavailable');
    if (out.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR)
      log.error({ err: (original as GraphQLError)?.originalError ?? original, path: formatted.path }, 'unexpected error');
    return out;
  };
}
