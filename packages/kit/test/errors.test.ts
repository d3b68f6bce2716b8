import { GraphQLError, buildSchema, graphql, parse, validate, type GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, badInput, conflict, formatPublicError, invalidTransition, notFound } from '../src/errors';

/** What Apollo Server hands to formatError: the formatted error (with a stacktrace in dev) and the original. */
function asApolloWould(original: GraphQLError, code?: string): GraphQLFormattedError {
  const formatted = original.toJSON();
  return {
    ...formatted,
    extensions: { ...formatted.extensions, ...(code ? { code } : {}), stacktrace: ['Error: boom', '    at resolver (/app/src/x.ts:1:1)'] },
  };
}

/** A resolver error as graphql-js delivers it: wrapped in a located GraphQLError whose originalError is what was thrown. */
function thrownByResolver(error: Error): GraphQLError {
  return new GraphQLError(error.message, { path: ['customer'], originalError: error });
}

describe('formatPublicError', () => {
  it('keeps an AppError thrown by a resolver with its code and field, without the stacktrace', () => {
    const original = thrownByResolver(badInput('currency', 'currency must be an ISO 4217 code'));
    const result = formatPublicError(asApolloWould(original), original);
    expect(result).toEqual({
      message: 'currency must be an ISO 4217 code',
      path: ['customer'],
      extensions: { code: 'BAD_USER_INPUT', field: 'currency' },
    });
  });

  it('keeps the extra extensions of a refused status transition', () => {
    const original = thrownByResolver(invalidTransition('Meter', 'ARCHIVED', 'DRAFT'));
    const result = formatPublicError(asApolloWould(original), original);
    expect(result.extensions).toEqual({ code: ErrorCode.INVALID_STATUS_TRANSITION, field: 'status', from: 'ARCHIVED', to: 'DRAFT' });
    expect(result.message).toBe('Meter cannot go from ARCHIVED to DRAFT');
  });

  it.each([
    ['notFound', notFound('Customer', 'reference'), 'NOT_FOUND', 'reference'],
    ['conflict', conflict('reference', 'already used'), 'CONFLICT', 'reference'],
  ])('keeps %s errors', (_name, error, code, field) => {
    const original = thrownByResolver(error);
    expect(formatPublicError(asApolloWould(original), original).extensions).toEqual({ code, field });
  });

  it('keeps an AppError passed unwrapped (e.g. thrown while building the context)', () => {
    const original = new AppError(ErrorCode.UNAUTHENTICATED, 'A valid API key is required');
    const result = formatPublicError(asApolloWould(original), original);
    expect(result).toEqual({ message: 'A valid API key is required', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('turns an unexpected error with SQL in its message into a generic INTERNAL_SERVER_ERROR', () => {
    const sqlError = new Error(
      'duplicate key value violates unique constraint "customer_pkey" in INSERT INTO subscriptions.customer (id) VALUES ($1)',
    );
    const original = thrownByResolver(sqlError);
    const result = formatPublicError(asApolloWould(original, 'INTERNAL_SERVER_ERROR'), original);
    expect(result).toEqual({
      message: 'Internal server error',
      path: ['customer'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result)).not.toMatch(/INSERT|constraint|stacktrace/);
  });

  it('does not let an unexpected error borrow a public code', () => {
    const original = thrownByResolver(
      Object.assign(new Error('relation "outbox" does not exist'), { extensions: { code: 'BAD_USER_INPUT' } }),
    );
    const result = formatPublicError(asApolloWould(original, 'BAD_USER_INPUT'), original);
    expect(result.message).toBe('Internal server error');
    expect(result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('hides an error whose code is not in the catalogue', () => {
    const original = new GraphQLError('something internal', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
    expect(formatPublicError(asApolloWould(original), original)).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps graphql-js validation errors as they are, minus the stacktrace', () => {
    const schema = buildSchema('type Query { hello: String }');
    const [original] = validate(schema, parse('{ goodbye }'));
    expect(original).toBeInstanceOf(GraphQLError);
    const formatted = asApolloWould(original, 'GRAPHQL_VALIDATION_FAILED');
    const result = formatPublicError(formatted, original);
    expect(result).toEqual({
      message: 'Cannot query field "goodbye" on type "Query".',
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('keeps an AppError thrown by a real resolver during execution', async () => {
    const schema = buildSchema('type Query { customer: String }');
    const response = await graphql({
      schema,
      source: '{ customer }',
      rootValue: {
        customer: () => {
          throw notFound('Customer');
        },
      },
    });
    const [original] = response.errors ?? [];
    const result = formatPublicError(asApolloWould(original), original);
    expect(result).toEqual({
      message: 'Customer not found',
      locations: [{ line: 1, column: 3 }],
      path: ['customer'],
      extensions: { code: 'NOT_FOUND', field: 'id' },
    });
  });
});
