import { request, type ClientRequest } from 'node:http';
import {
  AppError,
  ErrorCode,
  sendRestError,
  signTenantHeaders,
  systemClock,
  transientFailureKind,
  type Logger,
  type Tenant,
} from '@meterline/kit';
import type { RequestHandler, Response } from 'express';

export interface RestProxyTimeouts {
  /** Longest wait for the TCP connection to the subgraph (REST_PROXY_CONNECT_TIMEOUT_MS): then 504. */
  connectMs: number;
  /** Longest silence of the upstream connection, both ways, while the request runs (REST_PROXY_IDLE_TIMEOUT_MS). */
  idleMs: number;
}

/** Why an upstream call failed, as the client is told: 503 unreachable, 504 no answer in time, 502 a broken answer. */
export type UpstreamFailure = 'unreachable' | 'timeout' | 'bad-answer';

const FAILURE_ANSWERS: Record<UpstreamFailure, { code: ErrorCode; message: string; retryAfterSeconds?: number }> = {
  unreachable: { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The service is unavailable, retry later', retryAfterSeconds: 1 },
  timeout: { code: ErrorCode.GATEWAY_TIMEOUT, message: 'The service did not answer in time' },
  'bad-answer': { code: ErrorCode.BAD_GATEWAY, message: 'The service gave no valid answer' },
};

/**
 * What an upstream error means for the client: refused or unresolvable before any byte was sent → unreachable; our
 * own timers → timeout; anything else (a reset or a broken HTTP answer once connected) → a bad answer.
 */
export function upstreamFailureOf(error: unknown, connected: boolean): UpstreamFailure {
  if (error instanceof UpstreamTimeout) return 'timeout';
  if (!connected && transientFailureKind(error)) return 'unreachable';
  return 'bad-answer';
}

class UpstreamTimeout extends Error {
  constructor(readonly phase: 'connect' | 'idle') {
    super(`upstream ${phase} timeout`);
    this.name = 'UpstreamTimeout';
  }
}

function answerFailure(res: Response, failure: UpstreamFailure): void {
  const { code, message, retryAfterSeconds } = FAILURE_ANSWERS[failure];
  sendRestError(res, new AppError(code, message, undefined, retryAfterSeconds ? { retryAfterSeconds } : {}));
}

/**
 * Forwards a REST request to a subgraph's /v1 route with the signed tenant headers, streaming the body both ways:
 * the gateway never parses a bulk upload. Connect and idle timeouts bound every call; a client that goes away
 * cancels the upstream call; an upstream failure before the answer started is a coded JSON error (502/503/504),
 * after it started the client's connection is ended (a truncated body is never passed off as complete).
 */
export function proxyToSubgraph(target: string, secret: string, log: Logger, timeouts: RestProxyTimeouts): RequestHandler {
  const base = new URL(target);
  return (req, res) => {
    const tenant = res.locals.tenant as Tenant;
    let connected = false;
    let finished = false;
    const upstream: ClientRequest = request({
      hostname: base.hostname,
      port: base.port,
      method: req.method,
      path: req.originalUrl,
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/json',
        ...(req.headers['content-length'] ? { 'content-length': req.headers['content-length'] } : {}),
        ...(req.headers['x-meterline-mapping'] ? { 'x-meterline-mapping': req.headers['x-meterline-mapping'] } : {}),
        // A payment provider's webhook signature (invoicing verifies it on the raw body, which is streamed unchanged).
        ...(req.headers['stripe-signature'] ? { 'stripe-signature': req.headers['stripe-signature'] } : {}),
        ...(req.headers['if-none-match'] ? { 'if-none-match': req.headers['if-none-match'] } : {}),
        'x-request-id': String(req.headers['x-request-id'] ?? ''),
        ...signTenantHeaders(secret, tenant, systemClock), // transport security: real time, never the test clock
      },
    });
    const connectTimer = setTimeout(() => upstream.destroy(new UpstreamTimeout('connect')), timeouts.connectMs);
    upstream.on('socket', (socket) => {
      if (!socket.connecting) {
        connected = true;
        clearTimeout(connectTimer);
      }
      socket.once('connect', () => {
        connected = true;
        clearTimeout(connectTimer);
      });
    });
    upstream.setTimeout(timeouts.idleMs, () => upstream.destroy(new UpstreamTimeout('idle')));

    upstream.on('response', (answer) => {
      res.status(answer.statusCode ?? 502);
      res.setHeader('content-type', answer.headers['content-type'] ?? 'application/json');
      // Documents (PDFs) come with their file name, validator and caching; the rest needs none of these.
      for (const header of ['retry-after', 'location', 'content-disposition', 'content-length', 'etag', 'cache-control'] as const) {
        const value = answer.headers[header];
        if (value !== undefined) res.setHeader(header, value);
      }
      answer.on('end', () => {
        finished = true;
      });
      answer.on('error', () => undefined); // reported through the upstream request's 'error' or 'close'
      answer.on('close', () => {
        // The subgraph's answer stopped before its end (crash, reset): end the client's connection, don't leave it waiting.
        if (!answer.complete) {
          log.warn({ path: req.path }, 'REST proxy: the subgraph stopped mid-answer; ending the client connection');
          res.destroy();
        }
      });
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      clearTimeout(connectTimer);
      if (res.destroyed || res.writableEnded) return; // the client went away first: nothing to tell
      const failure = upstreamFailureOf(error, connected);
      log.warn({ err: error, path: req.path, failure }, 'REST proxy: subgraph call failed');
      if (!res.headersSent) answerFailure(res, failure);
      else res.destroy();
    });
    upstream.on('close', () => clearTimeout(connectTimer));
    // The client went away (or its upload broke) before the answer was complete: cancel the upstream call.
    res.on('close', () => {
      if (!finished && !upstream.destroyed) upstream.destroy();
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  };
}
