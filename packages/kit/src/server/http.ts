import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import { AppError, ErrorCode, serviceUnavailable } from '../errors';
import { isTransientFailure } from '../outage-log';
import { httpStatusFor } from './http-status';
import type { Logger } from '../logger';
import type { ServiceMetrics } from './metrics';

export interface HealthChecks {
  /** One check per dependency (`postgres`, `nats`): resolves when it answers, rejects when it does not. */
  dependencies: Record<string, () => Promise<unknown>>;
  /** True once the process is shutting down: then it is not ready, whatever its dependencies say. */
  stopping?: () => boolean;
  /** A check that takes longer counts as down (default 1 s): /readyz answers fast whatever a dependency does. */
  timeoutMs?: number;
}

export interface Readiness {
  status: 'ready' | 'not ready';
  /** Each dependency, `up` or `down`. */
  dependencies: Record<string, 'up' | 'down'>;
  /** The names of the dependencies that are down (empty when ready, or when only stopping). */
  down: string[];
  stopping?: true;
}

/** Runs every dependency check at once, each bounded by `timeoutMs`. */
export async function readiness(health: HealthChecks): Promise<Readiness> {
  const timeoutMs = health.timeoutMs ?? 1_000;
  const entries = await Promise.all(
    Object.entries(health.dependencies).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} check timed out`)), timeoutMs);
      });
      const up = await Promise.race([Promise.resolve().then(check), timeout]).then(
        () => true,
        () => false,
      );
      clearTimeout(timer);
      return [name, up ? 'up' : 'down'] as const;
    }),
  );
  const dependencies = Object.fromEntries(entries);
  const down = entries.filter(([, state]) => state === 'down').map(([name]) => name);
  const stopping = health.stopping?.() ?? false;
  return {
    status: down.length === 0 && !stopping ? 'ready' : 'not ready',
    dependencies,
    down,
    ...(stopping ? { stopping: true as const } : {}),
  };
}

/**
 * The express app every process starts from: /healthz (the process runs), /readyz (503 naming what is down when a
 * dependency is, or while shutting down) and /metrics (never waits on a dependency, see ServiceMetrics), plus timing.
 */
export function createHttpApp(metrics: ServiceMetrics, health: HealthChecks): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(metrics.middleware());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const state = await readiness(health);
    res.status(state.status === 'ready' ? 200 : 503).json(state);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return app;
}

/**
 * Idle keep-alive connections stay open longer than any client here keeps them: the gateway's fetch (make-fetch-happen)
 * reuses a free socket for up to 15 s, and a server closing it first (Node's default is 5 s) races the next request on
 * it, which the gateway then answers as a failed subgraph ("socket hang up", INTERNAL_SERVER_ERROR).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function createHttpServer(app: Express): Server {
  const server = createServer(app);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node's own rule: the headers timeout must exceed the keep-alive timeout, or a reused socket can be cut mid-request.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}

/** Listens and returns the port (a free one when `port` is 0). */
export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Sends one coded error the REST way: the status of its code (httpStatusFor), Retry-After when a dependency is down. */
export function sendRestError(res: Response, error: AppError, status = httpStatusFor(error.code)): void {
  const retryAfter = error.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
  res.status(status).json({ errors: [{ message: error.message, extensions: error.extensions }] });
}

/** JSON errors for REST routes in the GraphQL error shape: catalogue errors as they are, anything else generic. */
export function restErrors(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof AppError) return sendRestError(res, error);
    const status = (error as { status?: number }).status;
    if (status === 413 || status === 400) {
      // body-parser: too large (413 tells size from shape), or unreadable
      return sendRestError(res, new AppError(ErrorCode.BAD_USER_INPUT, (error as Error).message, 'body'), status);
    }
    if (isTransientFailure(error)) {
      log.debug({ err: error, path: req.path }, 'REST request: dependency unavailable');
      return sendRestError(res, serviceUnavailable());
    }
    log.error({ err: error, path: req.path }, 'REST request failed');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}
