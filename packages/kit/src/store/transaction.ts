import type { EventPayloads, EventType } from '@meterline/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../clock';
import { PlatformClock } from '../platform-clock';
import { newEvent } from '../bus/envelope';
import { writeToOutbox } from '../bus/outbox';
import { isContention } from '../outage-log';

/** How often a transaction Postgres refused for contention (deadlock, serialization, lock timeout) is run again. */
const CONTENTION_ATTEMPTS = 4;

/** One database transaction of a service; events emitted here go to the outbox and leave only if it commits. */
export class Transaction {
  emitted = 0;
  /** Run once the transaction committed (never if it rolled back). */
  readonly onCommit: Array<() => void> = [];

  constructor(
    readonly manager: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * The service clock's now (the test clock when it is on): what work in this transaction takes as the current time;
   * with `platformId`, that platform's business time (a sandbox may run ahead, see PlatformClock).
   */
  now(platformId?: string): Date {
    return this.clock.now(platformId);
  }

  /** Lets the service's clock serve a sandbox's new offset as soon as this transaction commits (see onPlatformClockAdvanced). */
  learnPlatformOffset(platformId: string, offsetMs: number): void {
    const clock = this.clock;
    if (clock instanceof PlatformClock) this.onCommit.push(() => clock.learn(platformId, offsetMs));
  }

  /** `data` is checked at compile time against the payload type generated from the event's schema, and at run time against the schema. */
  async emit<T extends EventType>(type: T, platformId: string, data: EventPayloads[T]): Promise<void> {
    await writeToOutbox(this.manager, newEvent(type, platformId, data, this.clock), this.clock);
    this.emitted += 1;
  }
}

/** The service's database: its DataSource plus transactions that feed the outbox relay. */
export class ServiceDb {
  constructor(
    readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly onCommittedEvents: () => void = () => {},
  ) {}

  /**
   * Runs `work` in one transaction. A transaction Postgres refused for contention (a deadlock with another writer, a
   * serialization failure, a lock timeout) rolled back whole, so it is run again from the start, after a short random
   * pause, up to CONTENTION_ATTEMPTS times: `work` must do nothing outside the transaction it is given.
   */
  async transact<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transactOnce(work);
      } catch (error) {
        if (attempt >= CONTENTION_ATTEMPTS || !isContention(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private async transactOnce<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let emitted = 0;
    let onCommit: Array<() => void> = [];
    const result = await this.ds.transaction(async (manager) => {
      const tx = new Transaction(manager, this.clock);
      const value = await work(tx);
      emitted = tx.emitted;
      onCommit = tx.onCommit;
      return value;
    });
    for (const run of onCommit) run();
    if (emitted > 0) this.onCommittedEvents();
    return result;
  }

  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T[]> {
    return this.ds.query(sql, parameters) as Promise<T[]>;
  }
}

/**
 * The rows of a raw query's RETURNING clause: TypeORM answers `[rows, rowCount]` for UPDATE and DELETE but the rows
 * alone for SELECT and INSERT.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
