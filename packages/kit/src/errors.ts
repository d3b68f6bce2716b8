import { GraphQLError, type GraphQLFormattedError } from 'graphql';

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
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
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
export function formatPublicError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const cause = original instanceof GraphQLError ? original.originalError : undefined;
  if (cause instanceof AppError || (PUBLIC_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR && !isUnexpected(cause))) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
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
  return cause instanceof Error && !(cause instanceof GraphQLError);
}

/** formatPublicError that also logs what it hides: a masked error is a bug someone must be able to find. */
export function formatPublicErrorLogged(log: { error: (obj: object, msg: string) => void }) {
  return (formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    const out = formatPublicError(formatted, original);
    if (out.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR)
      log.error({ err: (original as GraphQLError)?.originalError ?? original, path: formatted.path }, 'unexpected error');
    return out;
  };
}
