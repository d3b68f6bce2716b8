import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { ServiceDb, Transaction } from '../store/transaction';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { isRetryableFailure, OutageLog } from '../outage-log';
import type { Bus } from './connection';
import type { EventType } from '@meterline/contracts';
import { eventContracts, type EventEnvelope, type EventOf } from './envelope';
import { deadLetterOfEvent, DeadLetterStore, unreadableLetter, type DeadLetter } from './dead-letters';

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
  /**
   * A message whose handler has failed this many times for real (not transiently) goes to the `dead_letters` table and
   * is acked, so it holds back nothing (INBOX_MAX_DELIVERIES, default 5). Deliveries that failed because a dependency
   * was down do not count.
   */
  maxDeliveries?: number;
}

/** What replaying a dead letter did: applied (and removed), or failed again (the entry with its new error). */
export type DeadLetterReplay = { replayed: true } | { replayed: false; deadLetter: DeadLetter };

export const DEFAULT_INBOX_MAX_DELIVERIES = 5;

/**
 * A durable pull consumer on one producer's stream. Each message is handled exactly once in effect:
 * the inbox row (unique message id) and the handler's writes commit together, then the message is acked,
 * so a redelivery finds the inbox row and is only acked again. Messages that arrived while the previous transaction
 * ran are handled together in one transaction (in order), so a busy stream costs a commit per batch, not per message;
 * if a batch fails, its messages are retried one by one, so one bad message never holds back the others. A message
 * that fails on its own is redelivered with a growing back-off; once its handler has failed `maxDeliveries` times for
 * real (counted in `inbox_failures`, not by JetStream, whose delivery count includes transient failures) it is
 * dead-lettered (kept with its error in `dead_letters`, visible in metrics, replayable) and acked. Transient failures
 * (database unreachable, connection reset, serialization failure) are never dead-lettered and never counted: the whole
 * batch is tried again later. A message that breaks the event contract is dead-lettered at once (it can never be
 * applied as it is), whatever it holds.
 */
export class InboxConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stream = '';
  readonly deadLetters: DeadLetterStore;
  private readonly outage: OutageLog;

  constructor(
    private readonly db: ServiceDb,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: InboxConsumerOptions,
  ) {
    this.deadLetters = new DeadLetterStore(db, clock);
    this.outage = new OutageLog(log, `inbox consumer ${options.service} ← ${options.producer}`);
  }

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

  /**
   * The message's event when it keeps its contract and this consumer handles its type; otherwise settles it (null): a
   * type this consumer does not handle is acked; a message that breaks the contract is dead-lettered, then acked.
   */
  private async understood(message: JsMsg): Promise<EventEnvelope | null> {
    let event: EventEnvelope;
    try {
      event = eventContracts().check(JSON.parse(message.string()));
    } catch (error) {
      await this.deadLetterBroken(message, error);
      return null;
    }
    if (!this.handles(event.type)) {
      message.ack();
      return null;
    }
    return event;
  }

  /** A message that can never be applied as it is: kept in the dead letters with why (replayable after a fix), then acked. */
  private async deadLetterBroken(message: JsMsg, error: unknown): Promise<void> {
    const letter = unreadableLetter(
      { data: message.data, subject: message.subject, seq: message.seq, msgId: message.headers?.get('Nats-Msg-Id') },
      this.stream,
      error,
    );
    try {
      await this.deadLetters.record(letter);
    } catch (recordError) {
      const delay = this.backoff(message.info.deliveryCount);
      this.outage.failed(recordError, {
        id: letter.id,
        seq: message.seq,
        retryInMs: delay,
        next: 'the broken message will be dead-lettered later',
      });
      message.nak(delay);
      return;
    }
    this.log.error(
      { err: error, subject: message.subject, seq: message.seq, id: letter.id, platformId: letter.platformId },
      'inbox: message breaks the event contract; dead-lettered',
    );
    message.ack();
  }

  /**
   * Messages in one transaction, acked once it commits. When a batch of several fails, each is handled on its own; when
   * a single one fails, it is redelivered after a back-off that grows with its deliveries.
   */
  private async handle(messages: JsMsg[]): Promise<void> {
    const understood: Array<{ message: JsMsg; event: EventEnvelope }> = [];
    for (const message of messages) {
      const event = await this.understood(message);
      if (event) understood.push({ message, event });
    }
    if (understood.length === 0) return;
    await this.settle(understood);
  }

  private async settle(items: Array<{ message: JsMsg; event: EventEnvelope }>): Promise<void> {
    // Only a redelivered message can have failures on record: they go with its success.
    const redelivered = items.filter((item) => item.message.info.deliveryCount > 1).map((item) => item.event.id);
    try {
      await this.db.transact(async (tx) => {
        await this.apply(
          tx,
          items.map((item) => item.event),
        );
        if (redelivered.length > 0) await tx.manager.query(`DELETE FROM inbox_failures WHERE message_id = ANY($1::uuid[])`, [redelivered]);
      });
    } catch (error) {
      if (isRetryableFailure(error)) {
        // Nothing is wrong with the messages: all of them again later, none dead-lettered.
        const delay = this.backoff(Math.max(...items.map((item) => item.message.info.deliveryCount)));
        this.outage.failed(error, { messages: items.length, retryInMs: delay, next: 'the batch will be retried' });
        for (const { message } of items) message.nak(delay);
        return;
      }
      if (items.length > 1) {
        this.outage.failed(error, { messages: items.length, next: 'handling the messages one by one' });
        for (const item of items) await this.settle([item]);
        return;
      }
      await this.failed(items[0], error);
      return;
    }
    this.outage.succeeded();
    for (const { message } of items) message.ack();
  }

  private backoff(deliveries: number): number {
    return Math.min(30_000, 200 * 2 ** Math.min(deliveries, 8));
  }

  /**
   * One message failed on its own, for real (transient failures never come here): its failure is counted; it is
   * redelivered later, or dead-lettered once it has failed `maxDeliveries` times (one transaction either way).
   */
  private async failed({ message, event }: { message: JsMsg; event: EventEnvelope }, error: unknown): Promise<void> {
    const deliveries = message.info.deliveryCount;
    const maxDeliveries = this.options.maxDeliveries ?? DEFAULT_INBOX_MAX_DELIVERIES;
    let failures: number | undefined;
    try {
      failures = await this.db.transact(async (tx) => {
        const now = this.clock.now();
        const [counted] = (await tx.manager.query(
          `INSERT INTO inbox_failures (message_id, stream, failures, first_failed_at, last_failed_at) VALUES ($1, $2, 1, $3, $3)
           ON CONFLICT (message_id) DO UPDATE SET failures = inbox_failures.failures + 1, last_failed_at = excluded.last_failed_at
           RETURNING failures`,
          [event.id, this.stream, now],
        )) as Array<{ failures: number }>;
        if (counted.failures < maxDeliveries) return counted.failures;
        const at = { subject: message.subject, stream: this.stream };
        await this.deadLetters.record(deadLetterOfEvent(event, at, error, counted.failures), tx.manager);
        await tx.manager.query(`DELETE FROM inbox_failures WHERE message_id = $1`, [event.id]);
        return counted.failures;
      });
    } catch (recordError) {
      this.log.warn({ err: recordError, id: event.id }, 'inbox: could not count a failure of a message; will retry it');
    }
    if (failures !== undefined && failures >= maxDeliveries) {
      this.log.error(
        { err: error, type: event.type, id: event.id, failures, deliveries },
        'inbox: message dead-lettered after its last failure',
      );
      message.ack();
      return;
    }
    const delay = this.backoff(deliveries);
    this.outage.failed(error, { type: event.type, id: event.id, failures, deliveries, retryInMs: delay });
    message.nak(delay);
  }

  /**
   * Applies a dead letter of this consumer's stream through the same handlers, as if delivered again: success records
   * it in the inbox and removes the dead letter (one transaction); failure keeps it with the new error.
   */
  async replay(platformId: string, id: string): Promise<DeadLetterReplay | null> {
    try {
      const found = await this.db.transact(async (tx) => {
        const [row] = (await tx.manager.query(
          `SELECT payload FROM dead_letters WHERE platform_id = $1 AND message_id = $2 AND stream = $3 FOR UPDATE`,
          [platformId, id, this.stream],
        )) as Array<{ payload: unknown }>;
        if (!row) return false;
        await this.apply(tx, [eventContracts().check(row.payload)]);
        await tx.manager.query(`DELETE FROM dead_letters WHERE message_id = $1`, [id]);
        return true;
      });
      return found ? { replayed: true } : null;
    } catch (error) {
      const deadLetter = await this.deadLetters.failedAgain(platformId, id, error);
      if (!deadLetter) throw error;
      this.log.warn({ err: error, id }, 'inbox: replay of a dead letter failed again');
      return { replayed: false, deadLetter };
    }
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
    // A message delivered twice in one batch counts once; a type without a handler (a replayed letter) is only recorded.
    const applied = events.filter((e) => fresh.delete(e.id) && this.handles(e.type));
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

  private handles(type: string): boolean {
    return Boolean(this.handlerOf(type) ?? this.batchHandlerOf(type));
  }

  private handlerOf(type: string): CheckedEventHandler | undefined {
    return this.options.handlers[type as EventType] as CheckedEventHandler | undefined;
  }

  private batchHandlerOf(type: string): CheckedEventsHandler | undefined {
    return this.options.batchHandlers?.[type as EventType] as CheckedEventsHandler | undefined;
  }
}
