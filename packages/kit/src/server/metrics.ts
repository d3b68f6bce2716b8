import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { NextFunction, Request, Response } from 'express';

/** One Prometheus registry per service, served at /metrics. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsPublished: Counter;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.eventsPublished = new Counter({
      name: 'outbox_events_written_total',
      help: 'Events written to the outbox',
      registers: [this.registry],
    });
  }

  /** A gauge whose value is read when Prometheus scrapes (outbox backlog, consumer lag). */
  gaugeFrom(name: string, help: string, read: () => Promise<Array<{ labels?: Record<string, string>; value: number }>>): void {
    new Gauge({
      name,
      help,
      labelNames: ['stream'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const sample of await read().catch(() => [])) this.set(sample.labels ?? {}, sample.value);
      },
    });
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const stop = this.requestDuration.startTimer({ method: req.method, route: req.path });
      res.on('finish', () => stop({ status: String(res.statusCode) }));
      next();
    };
  }
}
