import type { Logger } from './logger';

/** Socket errors of a dependency that is down or restarting: the same call succeeds again once it is back. */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * Postgres SQLSTATEs of an outage, not of a bug: class 08 (connection exception), 57P01 admin shutdown, 57P02 crash
 * shutdown, 57P03 cannot connect now (starting up, in recovery), 53300 too many connections.
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** The NATS client's errors of a server that is away (v3 names): timeouts, disconnected, no JetStream answering. */
const TRANSIENT_NATS_NAMES = new Set(['TimeoutError', 'ConnectionError', 'RequestError', 'NoResponders', 'ClosedConnectionError']);

/**
 * What pg, pg-pool and TypeORM say when a connection drops, cannot be made in time (pg's own connect timer: "timeout
 * expired") or is being closed (they set no code). TypeORM's Postgres query runner releases itself when its connection
 * fails, so the next statement of that transaction fails with "already released" (QueryRunnerProviderAlreadyReleasedError).
 */
const TRANSIENT_MESSAGES =
  /Connection terminated|connection provided by a query runner was already released|connection timeout|timeout exceeded when trying to connect|^timeout expired$|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|Driver not Connected|Cannot use a pool after calling end/i;

/** Postgres SQLSTATEs of contention, not of an outage: serialization failure, deadlock, lock not available. */
const CONTENTION_SQLSTATES = new Set(['40001', '40P01', '55P03']);

/** The error and what it wraps: TypeORM's `driverError`, GraphQL's `originalError`, `cause` chains, AggregateErrors. */
function* errorChain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  const e = error as Record<string, unknown>;
  yield e;
  for (const inner of [e.driverError, e.originalError, e.cause, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])])
    yield* errorChain(inner, depth + 1);
}

/**
 * The kind of transient failure `error` is (`postgres`, `nats`, `network`), or null when it is not one: the one
 * place that tells "a dependency is down, retry later" from a bug. Looks through TypeORM's `driverError`, GraphQL's
 * `originalError`, `cause` chains and AggregateErrors (Node's connection attempts to several addresses).
 */
export function transientFailureKind(error: unknown): 'postgres' | 'nats' | 'network' | null {
  for (const e of errorChain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (TRANSIENT_SQLSTATE.test(code)) return 'postgres';
    if (TRANSIENT_SOCKET_CODES.has(code)) return 'network';
    if (typeof e.name === 'string' && TRANSIENT_NATS_NAMES.has(e.name)) return 'nats';
    if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return 'postgres';
  }
  return null;
}

export function isTransientFailure(error: unknown): boolean {
  return transientFailureKind(error) !== null;
}

/**
 * Whether the same work may succeed when simply tried again: a transient failure (a dependency down) or contention
 * (serialization failure, deadlock, lock timeout). What the inbox never dead-letters and file imports never blame a row for.
 */
export function isRetryableFailure(error: unknown): boolean {
  return isTransientFailure(error) || isContention(error);
}

/** Whether Postgres refused the work for contention (serialization failure, deadlock, lock not available): try it again. */
export function isContention(error: unknown): boolean {
  for (const e of errorChain(error)) if (typeof e.code === 'string' && CONTENTION_SQLSTATES.has(e.code)) return true;
  return false;
}

/**
 * Logs a recurring task's failures once per outage instead of once per attempt: the first transient failure of a
 * kind is a `warn`, repeats are `debug`, the first success afterwards an `info` with how long it lasted. A failure
 * that is not transient (a bug) is an `error` every time.
 */
export class OutageLog {
  /** Start of each ongoing outage, by kind. */
  private readonly outages = new Map<string, { since: number; failures: number }>();

  constructor(
    private readonly log: Logger,
    /** What fails, e.g. `outbox relay` (the start of every message). */
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  get down(): boolean {
    return this.outages.size > 0;
  }

  failed(error: unknown, context: Record<string, unknown> = {}): void {
    const kind = transientFailureKind(error);
    if (!kind) {
      this.log.error({ err: error, ...context }, `${this.what} failed`);
      return;
    }
    const outage = this.outages.get(kind);
    if (outage) {
      outage.failures += 1;
      this.log.debug({ err: error, dependency: kind, failures: outage.failures, ...context }, `${this.what}: ${kind} still unavailable`);
      return;
    }
    this.outages.set(kind, { since: this.now(), failures: 1 });
    this.log.warn({ err: error, dependency: kind, ...context }, `${this.what}: ${kind} unavailable; retrying quietly until it is back`);
  }

  succeeded(): void {
    if (this.outages.size === 0) return;
    for (const [kind, { since, failures }] of this.outages) {
      this.log.info({ dependency: kind, durationMs: this.now() - since, failures }, `${this.what}: ${kind} is back`);
    }
    this.outages.clear();
  }
}
