import { derivedId } from '../derived-id';
import type { EventEnvelope } from './envelope';
import type { Clock } from '../clock';
import type { ServiceDb } from '../store/transaction';
import { badInput } from '../errors';
import { isUuid } from '../reference';

/** A message the inbox consumer gave up on, as kept in the service's `dead_letters` table. */
export interface DeadLetter {
  /** The message's (event's) id. */
  id: string;
  /** null when the message names no platform it could belong to (it breaks the contract): listed to no tenant. */
  platformId: string | null;
  type: string;
  subject: string;
  stream: string;
  /** The event envelope as received; for a message that is not a JSON object, `{ unreadable, base64 }` (see unreadableLetter). */
  payload: Record<string, unknown>;
  error: string;
  /** Failed deliveries and replays so far. */
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

/** What is kept of a message given up on. */
export type NewDeadLetter = Pick<DeadLetter, 'id' | 'platformId' | 'type' | 'subject' | 'stream' | 'payload' | 'attempts'> & {
  error: unknown;
};

/** Where a dead letter is written: the service's database, or the transaction that also settles the message. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** What is kept of an error: its message, bounded (a handler's error may quote a whole payload). */
export function deadLetterError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}

export function deadLetterOfEvent(
  event: EventEnvelope,
  at: { subject: string; stream: string },
  error: unknown,
  attempts: number,
): NewDeadLetter {
  return {
    id: event.id,
    platformId: event.platformId,
    type: event.type,
    subject: at.subject,
    stream: at.stream,
    payload: { ...event },
    error,
    attempts,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The dead letter of a message that breaks the event contract, whatever it holds. Its id: the envelope's when it is a
 * UUID, else the message's `Nats-Msg-Id` when that is one, else one derived from stream and sequence (a redelivery
 * finds the same letter). Its platform: the envelope's `platformId` when it is a UUID, else none (null: shown to no
 * tenant, counted in the metrics). Its payload: the JSON object as received; a message that is not a JSON object, or
 * that Postgres cannot keep in jsonb (a NUL character) or was not UTF-8, is kept whole as `{ unreadable, base64 }`.
 */
export function unreadableLetter(
  message: { data: Uint8Array; subject: string; seq: number; msgId?: string },
  stream: string,
  error: unknown,
): NewDeadLetter {
  const text = Buffer.from(message.data).toString('utf8');
  let parsed: unknown;
  let unreadable: string | null = null;
  try {
    parsed = JSON.parse(text);
    if (!isPlainObject(parsed)) unreadable = 'not a JSON object';
    else if (text.includes('\uFFFD') || JSON.stringify(parsed).includes('\\u0000')) unreadable = 'holds text Postgres cannot keep as JSON';
  } catch {
    unreadable = 'not JSON';
  }
  // What the message says of itself, if it is an object at all (even one Postgres cannot keep).
  const envelope = isPlainObject(parsed) ? parsed : {};
  const uuid = (value: unknown) => (typeof value === 'string' && isUuid(value) ? value.toLowerCase() : null);
  const id = uuid(envelope.id) ?? uuid(message.msgId) ?? derivedId(`${stream}:${message.seq}`);
  const type = typeof envelope.type === 'string' && envelope.type.length <= 200 ? envelope.type : '(unknown)';
  return {
    id,
    platformId: uuid(envelope.platformId),
    type,
    subject: message.subject,
    stream,
    payload: unreadable === null ? envelope : { unreadable, base64: Buffer.from(message.data).toString('base64') },
    error,
    attempts: 1,
  };
}

interface DeadLetterRow {
  message_id: string;
  platform_id: string | null;
  type: string;
  subject: string;
  stream: string;
  payload: Record<string, unknown>;
  error: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
}

const COLUMNS = 'message_id, platform_id, type, subject, stream, payload, error, attempts, first_failed_at, last_failed_at';

function fromRow(row: DeadLetterRow): DeadLetter {
  return {
    id: row.message_id,
    platformId: row.platform_id,
    type: row.type,
    subject: row.subject,
    stream: row.stream,
    payload: row.payload,
    error: row.error,
    attempts: row.attempts,
    firstFailedAt: new Date(row.first_failed_at),
    lastFailedAt: new Date(row.last_failed_at),
  };
}

/** The `dead_letters` table of one service. */
export class DeadLetterStore {
  constructor(
    private readonly db: ServiceDb,
    private readonly clock: Clock,
  ) {}

  /** Keeps a message given up on; a message dead-lettered again (e.g. after a failed replay) keeps its first failure. */
  async record(letter: NewDeadLetter, on: SqlRunner = this.db): Promise<void> {
    const now = this.clock.now();
    await on.query(
      `INSERT INTO dead_letters (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (message_id) DO UPDATE SET error = excluded.error, attempts = dead_letters.attempts + excluded.attempts,
         last_failed_at = excluded.last_failed_at`,
      [
        letter.id,
        letter.platformId,
        letter.type,
        letter.subject,
        letter.stream,
        JSON.stringify(letter.payload),
        deadLetterError(letter.error),
        letter.attempts,
        now,
      ],
    );
  }

  /** A failed replay: the new error, one more attempt. */
  async failedAgain(platformId: string, id: string, error: unknown): Promise<DeadLetter | null> {
    const rows = await this.db.query<DeadLetterRow>(
      `UPDATE dead_letters SET error = $3, attempts = attempts + 1, last_failed_at = $4
       WHERE platform_id = $1 AND message_id = $2 RETURNING ${COLUMNS}`,
      [platformId, id, deadLetterError(error), this.clock.now()],
    );
    const [row] = (Array.isArray(rows[0]) ? rows[0] : rows) as DeadLetterRow[];
    return row ? fromRow(row) : null;
  }

  async find(platformId: string, id: string): Promise<DeadLetter | null> {
    const [row] = await this.db.query<DeadLetterRow>(`SELECT ${COLUMNS} FROM dead_letters WHERE platform_id = $1 AND message_id = $2`, [
      platformId,
      id,
    ]);
    return row ? fromRow(row) : null;
  }

  /** Oldest first, keyset-paginated on (first failure, id). */
  async page(
    platformId: string,
    first: number,
    after?: string,
  ): Promise<{ items: DeadLetter[]; hasNextPage: boolean; totalCount: number }> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100');
    const cursor = after === undefined ? null : decodeDeadLetterCursor(after);
    const rows = await this.db.query<DeadLetterRow>(
      `SELECT ${COLUMNS} FROM dead_letters WHERE platform_id = $1
         AND ($2::timestamptz IS NULL OR (first_failed_at, message_id) > ($2::timestamptz, $3::uuid))
       ORDER BY first_failed_at, message_id LIMIT $4`,
      [platformId, cursor?.at ?? null, cursor?.id ?? null, first + 1],
    );
    const [{ count }] = await this.db.query<{ count: string }>(`SELECT count(*) FROM dead_letters WHERE platform_id = $1`, [platformId]);
    return { items: rows.slice(0, first).map(fromRow), hasNextPage: rows.length > first, totalCount: Number(count) };
  }

  /** Dead letters per stream, every tenant and those of no platform (the metrics gauge). */
  async countsByStream(): Promise<Map<string, number>> {
    const rows = await this.db.query<{ stream: string; count: string }>(`SELECT stream, count(*) FROM dead_letters GROUP BY stream`);
    return new Map(rows.map((r) => [r.stream, Number(r.count)]));
  }
}

export function deadLetterCursor(letter: DeadLetter): string {
  return Buffer.from(JSON.stringify({ at: letter.firstFailedAt.toISOString(), id: letter.id })).toString('base64url');
}

function decodeDeadLetterCursor(cursor: string): { at: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    if (typeof parsed.at === 'string' && !Number.isNaN(Date.parse(parsed.at)) && typeof parsed.id === 'string' && isUuid(parsed.id))
      return { at: parsed.at, id: parsed.id };
  } catch {
    // fall through
  }
  throw badInput('after', 'Malformed cursor');
}
