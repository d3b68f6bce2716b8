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

  private readonly samplers: BackgroundSampler[] = [];

  /**
   * A gauge read from a dependency (outbox backlog, consumer lag) in the background every `everyMs`, never while
   * Prometheus scrapes: /metrics answers at once whatever the dependency does, with the last value read. Beside it,
   * `<name>_age_seconds` says how old that value is and `<name>_stale` is 1 while the last read failed or overran its
   * interval (the value shown is then the last known one).
   */
  gaugeFrom(
    name: string,
    help: string,
    read: () => Promise<Array<{ labels?: Record<string, string>; value: number }>>,
    everyMs = 5_000,
  ): void {
    const sampler = new BackgroundSampler(read, everyMs);
    this.samplers.push(sampler);
    new Gauge({
      name,
      help: `${help} (read in the background; see ${name}_age_seconds and ${name}_stale)`,
      labelNames: ['stream'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const sample of sampler.samples) this.set(sample.labels ?? {}, sample.value);
      },
    });
    new Gauge({
      name: `${name}_age_seconds`,
      help: `Seconds since ${name} was last read successfully (-1: never)`,
      registers: [this.registry],
      collect() {
        this.set(sampler.ageSeconds());
      },
    });
    new Gauge({
      name: `${name}_stale`,
      help: `1 when ${name} shows an old value: its last read failed or has not finished`,
      registers: [this.registry],
      collect() {
        this.set(sampler.stale() ? 1 : 0);
      },
    });
    sampler.start();
  }

  /** Stops the background reads (at shutdown, before the connections they use are closed). */
  stop(): void {
    for (const sampler of this.samplers) sampler.stop();
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const stop = this.requestDuration.startTimer({ method: req.method, route: req.path });
      res.on('finish', () => stop({ status: String(res.statusCode) }));
      next();
    };
  }
}

type Samples = Array<{ labels?: Record<string, string>; value: number }>;

/** Reads a gauge's samples every `everyMs`, one read at a time, and keeps the last successful one. */
class BackgroundSampler {
  samples: Samples = [];
  private readAt?: number;
  private failing = false;
  private inFlightSince?: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly read: () => Promise<Samples>,
    private readonly everyMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  ageSeconds(): number {
    return this.readAt === undefined ? -1 : (this.now() - this.readAt) / 1000;
  }

  stale(): boolean {
    const overran = this.inFlightSince !== undefined && this.now() - this.inFlightSince > this.everyMs;
    return this.readAt === undefined || this.failing || overran;
  }

  private async sample(): Promise<void> {
    if (this.inFlightSince !== undefined) return; // the previous read still waits on its dependency
    this.inFlightSince = this.now();
    try {
      this.samples = await this.read();
      this.readAt = this.now();
      this.failing = false;
    } catch {
      this.failing = true;
    } finally {
      this.inFlightSince = undefined;
    }
  }
}
