import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
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
