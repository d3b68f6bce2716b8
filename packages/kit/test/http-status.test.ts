import { GraphQLError } from 'graphql';
import { ErrorCode, formatPublicError, HTTP_STATUS_OF_CODE, httpStatusFor, mostSignificantStatus } from '../src';

describe('the status table', () => {
  it('gives every catalogue code a status, and each the one the README promises', () => {
    for (const code of Object.values(ErrorCode)) expect(HTTP_STATUS_OF_CODE[code]).toBeDefined();
    expect(
      Object.fromEntries(
        [
          'BAD_USER_INPUT',
          'GRAPHQL_PARSE_FAILED',
          'GRAPHQL_VALIDATION_FAILED',
          'UNAUTHENTICATED',
          'FORBIDDEN',
          'NOT_FOUND',
          'CONFLICT',
          'INVALID_STATUS_TRANSITION',
          'RATE_LIMITED',
          'SERVICE_UNAVAILABLE',
          'INTERNAL_SERVER_ERROR',
        ].map((c) => [c, httpStatusFor(c)]),
      ),
    ).toEqual({
      BAD_USER_INPUT: 400,
      GRAPHQL_PARSE_FAILED: 400,
      GRAPHQL_VALIDATION_FAILED: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      INVALID_STATUS_TRANSITION: 409,
      RATE_LIMITED: 429,
      SERVICE_UNAVAILABLE: 503,
      INTERNAL_SERVER_ERROR: 500,
    });
  });

  it('answers 500 for a code it does not know, or none', () => {
    expect(httpStatusFor('SOMETHING_NEW')).toBe(500);
    expect(httpStatusFor(undefined)).toBe(500);
    expect(httpStatusFor('constructor')).toBe(500);
  });

  it('picks the most significant of several: a server failure first, then identity, rights, pace, shape, state', () => {
    expect(mostSignificantStatus([])).toBeUndefined();
    expect(mostSignificantStatus(['NOT_FOUND', 'BAD_USER_INPUT'])).toBe(400);
    expect(mostSignificantStatus(['CONFLICT', 'NOT_FOUND'])).toBe(409);
    expect(mostSignificantStatus(['BAD_USER_INPUT', 'FORBIDDEN'])).toBe(403);
    expect(mostSignificantStatus(['FORBIDDEN', 'UNAUTHENTICATED'])).toBe(401);
    expect(mostSignificantStatus(['BAD_USER_INPUT', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'])).toBe(503);
    expect(mostSignificantStatus(['NOT_FOUND', 'INTERNAL_SERVER_ERROR'])).toBe(500);
  });
});

describe('formatPublicError of a dependency outage', () => {
  const asThrown = (error: Error) => new GraphQLError(error.message, { path: ['meters'], originalError: error });

  it('answers SERVICE_UNAVAILABLE with retryAfterSeconds for Postgres going away, INTERNAL_SERVER_ERROR for a bug', () => {
    const outage = asThrown(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    expect(formatPublicError({ ...outage.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, outage)).toEqual({
      message: expect.stringMatching(/unavailable/),
      path: ['meters'],
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 },
    });
    const bug = asThrown(new TypeError('x is undefined'));
    expect(formatPublicError({ ...bug.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, bug).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});
