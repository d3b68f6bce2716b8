import { graphqlAnswerStatus } from '../src';

const error = (code: string, path?: string[], extra: Record<string, unknown> = {}) => ({
  message: code,
  ...(path ? { path } : {}),
  extensions: { code, ...extra },
});

describe('graphqlAnswerStatus', () => {
  it('has nothing to say without errors', () => {
    expect(graphqlAnswerStatus({ meters: { totalCount: 1 } }, undefined)).toBeUndefined();
    expect(graphqlAnswerStatus({ meters: { totalCount: 1 } }, [])).toBeUndefined();
  });

  it('takes the status of the code when nothing came back', () => {
    expect(graphqlAnswerStatus(undefined, [error('GRAPHQL_PARSE_FAILED')])).toEqual({ status: 400 });
    expect(graphqlAnswerStatus(null, [error('FORBIDDEN')])).toEqual({ status: 403 });
    expect(graphqlAnswerStatus({ createMeter: null }, [error('CONFLICT', ['createMeter'])])).toEqual({ status: 409 });
    expect(graphqlAnswerStatus({ customer: null }, [error('NOT_FOUND', ['customer'])])).toEqual({ status: 404 });
    // an error about the whole request (no path), e.g. a subgraph's ceiling: the null roots are its doing
    expect(graphqlAnswerStatus({ customer: null }, [error('RESPONSE_TOO_LARGE')])).toEqual({ status: 400 });
  });

  it('picks the most significant of several errors, with Retry-After for 503 and 429', () => {
    expect(graphqlAnswerStatus({ a: null, b: null }, [error('NOT_FOUND', ['a']), error('BAD_USER_INPUT', ['b'])])).toEqual({ status: 400 });
    expect(
      graphqlAnswerStatus({ a: null, b: null }, [
        error('BAD_USER_INPUT', ['a']),
        error('SERVICE_UNAVAILABLE', ['b'], { retryAfterSeconds: 3 }),
      ]),
    ).toEqual({ status: 503, retryAfter: 3 });
    expect(graphqlAnswerStatus(null, [error('SERVICE_UNAVAILABLE')])).toEqual({ status: 503, retryAfter: 1 });
  });

  it('answers 200 for a partial success: some data came back', () => {
    expect(graphqlAnswerStatus({ a: { id: '1' }, b: null }, [error('NOT_FOUND', ['b'])])).toEqual({ status: 200 });
    // a root field that is null without an error of its own is an answer, not a failure
    expect(graphqlAnswerStatus({ a: null, b: null }, [error('NOT_FOUND', ['b'])])).toEqual({ status: 200 });
    expect(graphqlAnswerStatus({ invoice: { customer: null } }, [error('SERVICE_UNAVAILABLE', ['invoice', 'customer'])])).toEqual({
      status: 200,
    });
  });
});
