import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { ServiceMetrics } from './metrics';

export interface HealthChecks {
  /** Everything this process depends on answers (database, NATS) and it is not shutting down. */
  ready: () => Promise<boolean>;
}

/** The express app every process starts from: /healthz, /readyz and /metrics, plus request timing. */
export function createHttpApp(metrics: ServiceMetrics, health: HealthChecks): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(metrics.middleware());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await health.ready().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return app;
}

export function createHttpServer(app: Express): Server {
  return createServer(app);
}

/** Listens and returns the port (a free one when `port` is 0). */
export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** JSON errors for REST routes in the GraphQL error shape: catalogue errors as they are, anything else generic. */
export function restErrors(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof AppError) {
      res
        .status(error.code === 'NOT_FOUND' ? 404 : error.code === 'FORBIDDEN' ? 403 : 400)
        .json({ errors: [{ message: error.message, extensions: error.extensions }] });
      return;
    }
    const status = (error as { status?: number }).status;
    if (status === 413 || status === 400) {
      // body-parser: too large, or unreadable
      res.status(status).json({ errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT', field: 'body' } }] });
      return;
    }
    log.error({ err: error, path: req.path }, 'REST request failed');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  };
}
