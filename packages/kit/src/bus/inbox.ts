import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { ServiceDb, Transaction } from '../store/transaction';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Bus } from './connection';
import { eventContracts, type EventEnvelope } from './envelope';

/** Applies one event to the consumer's own tables (and may emit events), inside the transaction that records it in the inbox. */
export type EventHandler = (tx: Transaction, event: EventEnvelope) => Promise<void>;

export interface InboxConsumerOptions {
  /** The consuming service, e.g. `metering`; also the durable consumer's name. */
  service: string;
  /** The producing subgraph whose stream is read, e.g. `subscriptions`. */
  producer: string;
  handlers: Record<string, EventHandler>;
}

/**
 * A durable pull consumer on one producer's stream. Each message is handled exactly once in effect:
 * the inbox row (unique message id) and the handler's writes commit together, then the message is acked,
 * so a redelivery finds the inbox row and is only acked again.
 */
export class InboxConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stream = '';

  constructor(
    private readonly db: ServiceDb,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: InboxConsumerOptions,
  ) {}

  get durableName(): string {
    return this.options.service;
  }

  get streamName(): string {
    return this.stream;
  }

  async start(): Promise<void> {
    this.stream = await this.bus.ensureStream(this.options.producer);
    const config = {
      durable_name: this.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.bus.subjectOf(`${this.options.producer}.>`),
      ack_wait: nanos(30_000),
      max_deliver: -1,
      max_ack_pending: 1_000,
    };
    try {
      await this.bus.jsm.consumers.add(this.stream, config);
    } catch (error) {
      await this.bus.jsm.consumers.info(this.stream, this.durableName).catch(() => {
        throw error;
      });
    }
    const consumer = await this.bus.js.consumers.get(this.stream, this.durableName);
    this.messages = await consumer.consume({ max_messages: 200 });
    const messages = this.messages;
    this.loop = (async () => {
      for await (const message of messages) await this.handle(message);
    })().catch((error) => this.log.error({ err: error, stream: this.stream }, 'inbox consumer stopped'));
  }

  /** Messages of this stream not yet delivered to this consumer (consumer lag). */
  async lag(): Promise<number> {
    const info = await this.bus.jsm.consumers.info(this.stream, this.durableName);
    return info.num_pending + info.num_ack_pending;
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }

  private async handle(message: JsMsg): Promise<void> {
    let event: EventEnvelope;
    try {
      event = eventContracts().check(JSON.parse(message.string()));
    } catch (error) {
      // A message that can never be understood would block nothing but would be redelivered forever: log it loudly.
      this.log.error({ err: error, subject: message.subject, seq: message.seq }, 'inbox: message breaks the event contract; terminated');
      // No reason argument: nats-server 2.9 ignores `+TERM <reason>` and would redeliver the message forever.
      message.term();
      return;
    }
    const handler = this.options.handlers[event.type];
    if (!handler) {
      message.ack();
      return;
    }
    try {
      await this.db.transact(async (tx) => {
        const inserted = (await tx.manager.query(
          `INSERT INTO inbox (message_id, platform_id, type, stream, received_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
          [event.id, event.platformId, event.type, this.stream, this.clock.now()],
        )) as unknown[];
        if (inserted.length === 0) return;
        await handler(tx, event);
      });
      message.ack();
    } catch (error) {
      const redeliveries = message.info.deliveryCount;
      const delay = Math.min(30_000, 200 * 2 ** Math.min(redeliveries, 8));
      this.log.warn({ err: error, type: event.type, id: event.id, redeliveries, retryInMs: delay }, 'inbox: handler failed, will retry');
      message.nak(delay);
    }
  }
}
