import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { ServiceDb, Transaction } from '../store/transaction';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Bus } from './connection';
import { eventContracts, type EventEnvelope } from './envelope';

/** Applies one event to the consumer's own tables (and may emit events), inside the transaction that records it in the inbox. */
export type EventHandler = (tx: Transaction, event: EventEnvelope) => Promise<void>;

/** Applies a run of events of one type at once (e.g. merging many usage deltas into one write). */
export type BatchEventHandler = (tx: Transaction, events: EventEnvelope[]) => Promise<void>;

export interface InboxConsumerOptions {
  /** The consuming service, e.g. `metering`; also the durable consumer's name. */
  service: string;
  /** The producing subgraph whose stream is read, e.g. `subscriptions`. */
  producer: string;
  handlers: Record<string, EventHandler>;
  /** For types listed here, consecutive events of a batch go to this handler together instead of one by one. */
  batchHandlers?: Record<string, BatchEventHandler>;
  /** At most this many messages per transaction (default 50). */
  maxBatch?: number;
}

/**
 * A durable pull consumer on one producer's stream. Each message is handled exactly once in effect:
 * the inbox row (unique message id) and the handler's writes commit together, then the message is acked,
 * so a redelivery finds the inbox row and is only acked again. Messages that arrived while the previous transaction
 * ran are handled together in one transaction (in order), so a busy stream costs a commit per batch, not per message;
 * if a batch fails, its messages are retried one by one, so one bad message never holds back the others.
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
    // The pump queues what arrives; the loop takes everything queued (up to maxBatch) per transaction. The server
    // delivers at most max_ack_pending unacked messages, which bounds the queue.
    const queue: JsMsg[] = [];
    let ended = false;
    let wake: (() => void) | undefined;
    const pump = (async () => {
      for await (const message of messages) {
        queue.push(message);
        wake?.();
      }
    })().finally(() => {
      ended = true;
      wake?.();
    });
    const maxBatch = this.options.maxBatch ?? 50;
    this.loop = (async () => {
      for (;;) {
        if (queue.length === 0) {
          if (ended) break;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const batch = queue.splice(0, maxBatch);
        if (batch.length === 1) await this.handle(batch[0]);
        else await this.handleBatch(batch);
      }
      await pump;
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

  /** The message's event when it keeps its contract and this consumer handles its type; otherwise settles it (null). */
  private understood(message: JsMsg): EventEnvelope | null {
    let event: EventEnvelope;
    try {
      event = eventContracts().check(JSON.parse(message.string()));
    } catch (error) {
      // A message that can never be understood would block nothing but would be redelivered forever: log it loudly.
      this.log.error({ err: error, subject: message.subject, seq: message.seq }, 'inbox: message breaks the event contract; terminated');
      // No reason argument: nats-server 2.9 ignores `+TERM <reason>` and would redeliver the message forever.
      message.term();
      return null;
    }
    if (!this.options.handlers[event.type] && !this.options.batchHandlers?.[event.type]) {
      message.ack();
      return null;
    }
    return event;
  }

  /** Several messages in one transaction; on failure, each on its own (with its own retry and back-off). */
  private async handleBatch(messages: JsMsg[]): Promise<void> {
    const understood = messages.flatMap((message) => {
      const event = this.understood(message);
      return event ? [{ message, event }] : [];
    });
    if (understood.length === 0) return;
    try {
      await this.db.transact(async (tx) => {
        const now = this.clock.now();
        const inserted = (await tx.manager.query(
          `INSERT INTO inbox (message_id, platform_id, type, stream, received_at)
           SELECT m.id, m.platform_id, m.type, $4, $5 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS m(id, platform_id, type)
           ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
          [
            understood.map((u) => u.event.id),
            understood.map((u) => u.event.platformId),
            understood.map((u) => u.event.type),
            this.stream,
            now,
          ],
        )) as Array<{ message_id: string }>;
        const fresh = new Set(inserted.map((r) => r.message_id));
        // In order; a message delivered twice in one batch counts once.
        const events = understood.map((u) => u.event).filter((e) => fresh.delete(e.id));
        for (let start = 0; start < events.length;) {
          let end = start + 1;
          while (end < events.length && events[end].type === events[start].type) end += 1;
          const run = events.slice(start, end);
          const batchHandler = this.options.batchHandlers?.[run[0].type];
          if (batchHandler) await batchHandler(tx, run);
          else for (const event of run) await this.options.handlers[event.type](tx, event);
          start = end;
        }
      });
    } catch (error) {
      this.log.warn({ err: error, messages: understood.length }, 'inbox: batch failed; handling its messages one by one');
      for (const { message } of understood) await this.handle(message);
      return;
    }
    for (const { message } of understood) message.ack();
  }

  private async handle(message: JsMsg): Promise<void> {
    const event = this.understood(message);
    if (!event) return;
    const batchHandler = this.options.batchHandlers?.[event.type];
    const handler = batchHandler ? (tx: Transaction, e: EventEnvelope) => batchHandler(tx, [e]) : this.options.handlers[event.type];
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
