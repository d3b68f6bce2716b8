import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from '../logger';

export interface BusOptions {
  url: string;
  /** Connection name shown in NATS monitoring. */
  name: string;
  /**
   * Isolates a deployment on a shared NATS server (tests): subjects get a `<namespace>.` prefix and streams a
   * `_<NAMESPACE>` suffix. Empty in production.
   */
  namespace?: string;
  /** Maximum age of stream messages in ms (0 = keep forever); tests use a short one. */
  streamMaxAgeMs?: number;
  log: Logger;
}

/** A JetStream connection plus Meterline's naming rules: one stream per producing subgraph, subjects `<subgraph>.<entity>.<verb>`. */
export class Bus {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    private readonly options: BusOptions,
  ) {}

  static async connect(options: BusOptions): Promise<Bus> {
    const nc = await connect({
      servers: options.url,
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      waitOnFirstConnect: false,
    });
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnect') options.log.warn({ nats: status.type }, `NATS ${status.type}`);
      }
    })();
    const jsm = await jetstreamManager(nc, { timeout: 10_000 });
    return new Bus(nc, jetstream(nc, { timeout: 10_000 }), jsm, options);
  }

  get namespace(): string {
    return this.options.namespace ?? '';
  }

  subjectOf(eventType: string): string {
    return this.namespace ? `${this.namespace}.${eventType}` : eventType;
  }

  streamOf(producer: string): string {
    return this.namespace ? `${producer.toUpperCase()}_${this.namespace.toUpperCase()}` : producer.toUpperCase();
  }

  /** Creates (or updates) the stream of a producing subgraph; safe to call from every replica and every consumer. */
  async ensureStream(producer: string): Promise<string> {
    const name = this.streamOf(producer);
    const config = {
      name,
      subjects: [this.subjectOf(`${producer}.>`)],
      storage: StorageType.File,
      duplicate_window: nanos(2 * 60_000),
      max_age: nanos(this.options.streamMaxAgeMs ?? 0),
    };
    try {
      await this.jsm.streams.info(name);
      await this.jsm.streams.update(name, config);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await this.jsm.streams.add(config);
      } catch (addError) {
        // another replica created it first
        await this.jsm.streams.info(name).catch(() => {
          throw addError;
        });
      }
    }
    return name;
  }

  /** One round trip to the NATS server; rejects at once while disconnected (reconnecting) or closed. */
  async ping(): Promise<void> {
    await this.nc.rtt();
  }

  get connected(): boolean {
    return !this.nc.isClosed() && !this.nc.isDraining();
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

function isNotFound(error: unknown): boolean {
  const message = String((error as Error)?.message ?? '');
  return /not found/i.test(message) || (error as { name?: string })?.name === 'StreamNotFoundError';
}
