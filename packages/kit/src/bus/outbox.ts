import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { OutageLog } from '../outage-log';
import type { Bus } from './connection';
import { eventContracts, newEvent, type EventEnvelope } from './envelope';

/** Writes an event in the caller's transaction; it is published only if that transaction commits. */
export async function writeToOutbox(manager: EntityManager, event: EventEnvelope<object>, clock: Clock): Promise<void> {
  eventContracts().check(event);
  await manager.query(`INSERT INTO outbox (id, platform_id, type, envelope, created_at) VALUES ($1, $2, $3, $4, $5)`, [
    event.id,
    event.platformId,
    event.type,
    JSON.stringify(event),
    clock.now(),
  ]);
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often the relay looks for rows when nobody nudged it. */
  idleMs?: number;
  /** Upper bound of the retry back-off after a failed publish. */
  maxBackoffMs?: number;
}

interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  /** The envelope exactly as written (json text): published as is, never parsed again. */
  envelope: string;
}

/**
 * Publishes outbox rows to JetStream with `msgID` = event id, oldest first, and marks them sent.
 * Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several replicas share the work; a failed publish
 * leaves its row unsent and the relay retries with back-off. Nothing is lost while NATS is down.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private pending = false;

  constructor(
    private readonly ds: DataSource,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.outage = new OutageLog(log, 'outbox relay');
  }

  private readonly outage: OutageLog;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a transaction that wrote to the outbox commits: publish now rather than at the next poll. */
  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  async backlog(): Promise<number> {
    const [row] = (await this.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)) as Array<{ n: number }>;
    return row.n;
  }

  /** Publishes one batch; returns how many rows were sent. Exposed for tests and for draining at shutdown. */
  async publishBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    const outcome = await this.ds.transaction(async (manager): Promise<{ sent: number; failure?: string; cause?: unknown }> => {
      const rows = (await manager.query(
        `SELECT seq, id, type, envelope::text AS envelope FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) return { sent: 0 };
      const results = await Promise.allSettled(
        rows.map((row) => this.bus.js.publish(this.bus.subjectOf(row.type), row.envelope, { msgID: row.id, timeout: 5_000 })),
      );
      const sent = rows.filter((_, i) => results[i].status === 'fulfilled').map((row) => row.id);
      const failed = rows.filter((_, i) => results[i].status === 'rejected');
      if (sent.length > 0) {
        await manager.query(`UPDATE outbox SET sent_at = $2, attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [sent, this.clock.now()]);
      }
      if (failed.length > 0) {
        const cause = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as unknown;
        const reason = String(cause);
        await manager.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [
          failed.map((row) => row.id),
          reason.slice(0, 500),
        ]);
        return { sent: sent.length, failure: `${failed.length} of ${rows.length} outbox events not published: ${reason}`, cause };
      }
      return { sent: sent.length };
    });
    // Raised after the commit, so the rows that did go out stay marked as sent.
    if (outcome.failure) throw new Error(outcome.failure, { cause: outcome.cause }); // the cause says whether NATS is away
    return outcome.sent;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      this.pending = false;
      try {
        const sent = await this.publishBatch();
        this.outage.succeeded();
        backoff = 100;
        if (sent > 0) continue;
      } catch (error) {
        this.outage.failed(error, { retryInMs: backoff });
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5_000);
        continue;
      }
      if (!this.pending) await this.sleep(this.options.idleMs ?? 500);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

export { newEvent };
