/**
 * The one table of HTTP statuses for error codes (README "Errors and HTTP statuses"): the gateway's GraphQL answers,
 * the REST doors and the subgraphs' REST routes all answer by it.
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PERSISTED_OPERATION_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATUS_TRANSITION: 409,
  QUERY_TOO_COMPLEX: 400,
  RESPONSE_TOO_LARGE: 400,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
};

/** The HTTP status of an error code; a code missing from the table is a bug of ours: 500. */
export function httpStatusFor(code: unknown): number {
  // 413 has no code of its own: a body too large is BAD_USER_INPUT with field `body`, answered 413 by the door that read it.
  return typeof code === 'string' && Object.hasOwn(HTTP_STATUS_OF_CODE, code) ? HTTP_STATUS_OF_CODE[code] : 500;
}

/**
 * Which status wins when one response carries several errors: what the client must do first. A server-side failure
 * (retry later) before the caller's identity, its rights, its pace, the size and shape of the request, and last the
 * state of the data (conflict, not found).
 */
const PRECEDENCE = [503, 504, 502, 500, 401, 403, 429, 413, 400, 409, 404];

export function mostSignificantStatus(codes: readonly unknown[]): number | undefined {
  const statuses = codes.map(httpStatusFor);
  if (statuses.length === 0) return undefined;
  return statuses.reduce((best, status) => (rank(status) < rank(best) ? status : best));
}

function rank(status: number): number {
  const index = PRECEDENCE.indexOf(status);
  return index === -1 ? PRECEDENCE.length : index;
}

/** Seconds a client should wait before retrying a request refused because a dependency is down. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 1;
