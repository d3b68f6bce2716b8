import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { ServiceDb, Transaction } from '../store/transaction';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Bus } from './connection';
import type { EventType } from '@meterline/contracts';
import { eventContracts, type EventEnvelope, type EventOf } from './envelope';

/** Applies one event to the consumer's own tables (and may emit events), inside the transaction that records it in the inbox. */
export type EventHandler<T extends EventType = EventType> = (tx: Transaction, event: EventOf<T>) => Promise<void>;

/** Applies a run of events of one type at once (e.g. merging many usage deltas into one write). */
export type BatchEventHandler<T extends EventType = EventType> = (tx: Transaction, events: EventOf<T>[]) => Promise<void>;

/** What the consumer calls: the inbox has checked each event against the schema of its type, so the handler's types hold. */
type CheckedEventsHandler = (tx: Transaction, events: EventEnvelope[]) => Promise<void>;
type CheckedEventHandler = (tx: Transaction, event: EventEnvelope) => Promise<void>;

export interface InboxConsumerOptions {
  /** The consuming service, e.g. `metering`; also the durable consumer's name. */
  service: string;
  /** The producing subgraph whose stream is read, e.g. `subscriptions`. */
  producer: string;
  handlers: { [T in EventType]?: EventHandler<T> };
  /** For types listed here, consecutive events of a batch go to this handler together instead of one by one. */
  batchHandlers?: { [T in EventType]?: BatchEventHandler<T> };
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
        await this.handle(queue.splice(0, maxBatch));
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
    if (!this.handlerOf(event.type) && !this.batchHandlerOf(event.type)) {
      message.ack();
      return null;
    }
    return event;
  }

  /**
   * Messages in one transaction, acked once it commits. When a batch of several fails, each is handled on its own; when
   * a single one fails, it is redelivered after a back-off that grows with its deliveries.
   */
  private async handle(messages: JsMsg[]): Promise<void> {
    const understood = messages.flatMap((message) => {
      const event = this.understood(message);
      return event ? [{ message, event }] : [];
    });
    if (understood.length === 0) return;
    await this.settle(understood);
  }

  private async settle(items: Array<{ message: JsMsg; event: EventEnvelope }>): Promise<void> {
    try {
      await this.db.transact((tx) =>
        this.apply(
          tx,
          items.map((item) => item.event),
        ),
      );
    } catch (error) {
      if (items.length > 1) {
        this.log.warn({ err: error, messages: items.length }, 'inbox: batch failed; handling its messages one by one');
        for (const item of items) await this.settle([item]);
        return;
      }
      const [{ message, event }] = items;
      const redeliveries = message.info.deliveryCount;
      const delay = Math.min(30_000, 200 * 2 ** Math.min(redeliveries, 8));
      this.log.warn({ err: error, type: event.type, id: event.id, redeliveries, retryInMs: delay }, 'inbox: handler failed, will retry');
      message.nak(delay);
      return;
    }
    for (const { message } of items) message.ack();
  }

  /** Records the events in the inbox and applies those not seen before, in order, runs of one type to its batch handler. */
  private async apply(tx: Transaction, events: EventEnvelope[]): Promise<void> {
    const inserted = (await tx.manager.query(
      `INSERT INTO inbox (message_id, platform_id, type, stream, received_at)
       SELECT m.id, m.platform_id, m.type, $4, $5 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS m(id, platform_id, type)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [events.map((e) => e.id), events.map((e) => e.platformId), events.map((e) => e.type), this.stream, this.clock.now()],
    )) as Array<{ message_id: string }>;
    const fresh = new Set(inserted.map((r) => r.message_id));
    // A message delivered twice in one batch counts once.
    const applied = events.filter((e) => fresh.delete(e.id));
    for (let start = 0; start < applied.length;) {
      let end = start + 1;
      while (end < applied.length && applied[end].type === applied[start].type) end += 1;
      const run = applied.slice(start, end);
      const batchHandler = this.batchHandlerOf(run[0].type);
      if (batchHandler) await batchHandler(tx, run);
      else for (const event of run) await this.handlerOf(event.type)!(tx, event);
      start = end;
    }
  }

  private handlerOf(type: string): CheckedEventHandler | undefined {
    return this.options.handlers[type as EventType] as CheckedEventHandler | undefined;
  }

  private batchHandlerOf(type: string): CheckedEventsHandler | undefined {
    return this.options.batchHandlers?.[type as EventType] as CheckedEventsHandler | undefined;
  }
}
