import type { Request, Response } from 'express';
import { rateLimiter } from '../src';

/** Drives the limiter like Express would, on a clock the test moves. */
function harness(rate: number, burst: number) {
  let now = 0;
  const limiter = rateLimiter(rate, burst, () => now);
  const call = (key = 'ml_abcdefgh_secret', platformId = 'p1') => {
    const headers: Record<string, string> = {};
    let status = 200;
    let passed = false;
    const res = {
      locals: { tenant: { platformId, role: 'admin' } },
      setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
      status(code: number) {
        status = code;
        return this;
      },
      json: () => undefined,
    } as unknown as Response;
    limiter({ headers: { authorization: `Bearer ${key}` } } as Request, res, () => (passed = true));
    return { passed, status, retryAfter: headers['retry-after'] ?? null };
  };
  return { call, advance: (ms: number) => (now += ms) };
}

describe('rateLimiter', () => {
  it('lets a burst through, then refills at the rate, and says when to retry', () => {
    const { call, advance } = harness(2, 3);
    expect([call(), call(), call()].map((r) => r.passed)).toEqual([true, true, true]);
    expect(call()).toEqual({ passed: false, status: 429, retryAfter: '1' });
    advance(500); // one token back at 2 per second
    expect(call().passed).toBe(true);
    expect(call().passed).toBe(false);
    advance(10_000); // never more than the burst
    expect([call(), call(), call(), call()].map((r) => r.passed)).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key: another key of the same platform is not slowed down', () => {
    const { call } = harness(1, 1);
    expect(call('ml_aaaaaaaa_x').passed).toBe(true);
    expect(call('ml_aaaaaaaa_x').passed).toBe(false);
    expect(call('ml_bbbbbbbb_y').passed).toBe(true);
  });
});
