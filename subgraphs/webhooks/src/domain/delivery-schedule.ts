/**
 * When a message is tried (after the previous attempt failed), the Standard Webhooks / Svix-like schedule: at once,
 * then 5 s, 5 min, 30 min, 2 h, 5 h, and 10 h seven times: 13 attempts over about 3 days 5.5 hours. Delays count from
 * the end of the failed attempt, on the service clock.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  ...Array<number>(7).fill(10 * HOUR),
];

/** Attempts a message gets before it is FAILED (the first one and every retry). */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When to try again after `attemptsMade` failed attempts, the last one ending at `failedAt`; null: the schedule is exhausted. */
export function nextAttemptAt(attemptsMade: number, failedAt: Date): Date | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) throw new RangeError('attemptsMade must be a positive integer');
  const delay = RETRY_DELAYS_MS[attemptsMade - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay);
}

/** A receiver answered with success: any 2xx status. Everything else (3xx included: redirects are not followed) is a failure. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** The most of a receiver's response body kept on an attempt. */
export const RESPONSE_BODY_LIMIT = 1024;

/** A response body as kept on an attempt: at most RESPONSE_BODY_LIMIT characters, marked when cut. */
export function truncatedResponseBody(body: string): string {
  return body.length <= RESPONSE_BODY_LIMIT ? body : `${body.slice(0, RESPONSE_BODY_LIMIT)}…`;
}

/**
 * Automatic disabling: an endpoint is disabled when `limit` messages in a row have exhausted their whole schedule
 * (about 3 days each) with no successful delivery in between; any success resets the count. Returns the new count and,
 * when the endpoint is to be disabled, the reason shown to the platform.
 */
export function afterExhaustedMessage(
  consecutiveFailed: number,
  limit: number,
  lastError: string,
): { consecutiveFailed: number; disableReason: string | null } {
  const count = consecutiveFailed + 1;
  return {
    consecutiveFailed: count,
    disableReason:
      count >= limit
        ? `Disabled automatically: ${count} message${count === 1 ? '' : 's'} in a row failed every attempt for about 3 days (last: ${lastError})`
        : null,
  };
}
