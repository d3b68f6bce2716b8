import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BusTables1763700000000 } from '../src/bus/bus-tables.migration';
import { DeadLetters1763700000800 } from '../src/bus/dead-letters.migration';
import { DeadLettersUnreadable1763700000900 } from '../src/bus/dead-letters-unreadable.migration';
import { InboxFailures1763700000910 } from '../src/bus/inbox-failures.migration';
import { unreadableLetter } from '../src/bus/dead-letters';
import { isRetryableFailure } from '../src/outage-log';
import { Bus } from '../src/bus/connection';
import type { EventPayloads, EventType } from '@meterline/contracts';
import { EventContractError, newEvent, type EventEnvelope, type EventOf } from '../src/bus/envelope';
import { InboxConsumer } from '../src/bus/inbox';
import { OutboxRelay } from '../src/bus/outbox';
import { systemClock } from '../src/clock';
import { createLogger } from '../src/logger';
import { openDatabase } from '../src/store/database';
import { ServiceDb, type Transaction } from '../src/store/transaction';
import { newBusNamespace, newPlatformId, OwnNatsServer, testInfrastructure, waitFor } from '../src/testing';

const CUSTOMER_CREATED = 'subscriptions.customer.created';
const log = createLogger('kit-test', process.env.KIT_TEST_LOG_LEVEL ?? 'silent');

function customerData(reference = `cus-${randomUUID().slice(0, 8)}`) {
  return { id: randomUUID(), reference, name: 'Acme Corp', currency: 'EUR' };
}

/** A schema of this test's own with the bus tables, and a bus in a namespace of its own. */
async function openFixture(natsUrl?: string) {
  const infra = await testInfrastructure();
  const schema = `kit_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const ds = await openDatabase({
    url: infra.databaseUrl,
    schema,
    entities: [],
    migrations: [BusTables1763700000000, DeadLetters1763700000800, DeadLettersUnreadable1763700000900, InboxFailures1763700000910],
    poolSize: 4,
  });
  const bus = await Bus.connect({
    url: natsUrl ?? infra.natsUrl,
    name: `kit-test-${schema}`,
    namespace: newBusNamespace(),
    streamMaxAgeMs: 10 * 60_000,
    log,
  });
  const streams = new Set<string>();
  return {
    ds,
    bus,
    async ensureStream(producer: string) {
      const name = await bus.ensureStream(producer);
      streams.add(name);
      return name;
    },
    async close() {
      for (const name of streams) await bus.jsm.streams.delete(name).catch(() => undefined);
      await bus.close();
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    },
  };
}

interface StoredEvent {
  msgId: string | undefined;
  subject: string;
  envelope: EventEnvelope;
}

async function storedEvents(bus: Bus, stream: string): Promise<StoredEvent[]> {
  const { state } = await bus.jsm.streams.info(stream);
  const out: StoredEvent[] = [];
  if (state.messages === 0) return out;
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await bus.jsm.streams.getMessage(stream, { seq });
    if (!message) continue;
    out.push({
      msgId: message.header?.get('Nats-Msg-Id'),
      subject: message.subject,
      envelope: JSON.parse(Buffer.from(message.data).toString('utf8')) as EventEnvelope,
    });
  }
  return out;
}

async function outboxRows(ds: DataSource, platformId: string) {
  return (await ds.query(`SELECT id, type, sent_at, attempts, last_error FROM outbox WHERE platform_id = $1 ORDER BY seq`, [
    platformId,
  ])) as Array<{
    id: string;
    type: string;
    sent_at: Date | null;
    attempts: number;
    last_error: string | null;
  }>;
}

describe('outbox relay', () => {
  let fixture: Awaited<ReturnType<typeof openFixture>>;
  let relay: OutboxRelay;
  let db: ServiceDb;
  let stream: string;

  beforeAll(async () => {
    fixture = await openFixture();
    stream = await fixture.ensureStream('subscriptions');
    relay = new OutboxRelay(fixture.ds, fixture.bus, systemClock, log, { idleMs: 100, maxBackoffMs: 500 });
    db = new ServiceDb(fixture.ds, systemClock, () => relay.nudge());
    relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await fixture?.close();
  });

  it('publishes a committed event to the producer stream with the event id as msgID and marks it sent', async () => {
    const platformId = newPlatformId();
    const data = customerData();
    await db.transact((tx) => tx.emit(CUSTOMER_CREATED, platformId, data));

    const [row] = await outboxRows(fixture.ds, platformId);
    expect(row.type).toBe(CUSTOMER_CREATED);
    await waitFor(async () => (await outboxRows(fixture.ds, platformId))[0].sent_at !== null, 'the outbox row to be marked sent', 10_000);

    expect(stream).toBe(fixture.bus.streamOf('subscriptions'));
    const published = (await storedEvents(fixture.bus, stream)).filter((e) => e.envelope.platformId === platformId);
    expect(published).toHaveLength(1);
    expect(published[0].msgId).toBe(row.id);
    expect(published[0].subject).toBe(fixture.bus.subjectOf(CUSTOMER_CREATED));
    expect(published[0].envelope).toEqual({
      id: row.id,
      type: CUSTOMER_CREATED,
      version: 1,
      platformId,
      occurredAt: expect.any(String),
      data,
    });
    expect((await outboxRows(fixture.ds, platformId))[0].attempts).toBe(1);
  });

  it('never publishes an event whose transaction throws', async () => {
    const rolledBack = newPlatformId();
    await expect(
      db.transact(async (tx) => {
        await tx.emit(CUSTOMER_CREATED, rolledBack, customerData());
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await outboxRows(fixture.ds, rolledBack)).toEqual([]);

    // An event committed afterwards goes out; the rolled-back one never does.
    const committed = newPlatformId();
    await db.transact((tx) => tx.emit(CUSTOMER_CREATED, committed, customerData()));
    await waitFor(async () => (await outboxRows(fixture.ds, committed))[0].sent_at !== null, 'the later event to be sent', 10_000);
    const platforms = (await storedEvents(fixture.bus, stream)).map((e) => e.envelope.platformId);
    expect(platforms).toContain(committed);
    expect(platforms).not.toContain(rolledBack);
  });

  it('refuses to emit data that breaks the contract and writes nothing of the transaction', async () => {
    const platformId = newPlatformId();
    const { currency: _currency, ...withoutCurrency } = customerData();
    const attempt = db.transact(async (tx) => {
      await tx.emit(CUSTOMER_CREATED, platformId, customerData());
      // Past the compiler on purpose: the run-time check is what this test is about.
      const broken = { ...withoutCurrency, nickname: 'extra' } as unknown as EventPayloads[typeof CUSTOMER_CREATED];
      await tx.emit(CUSTOMER_CREATED, platformId, broken);
    });
    await expect(attempt).rejects.toBeInstanceOf(EventContractError);
    await expect(attempt).rejects.toMatchObject({
      eventType: CUSTOMER_CREATED,
      problems: expect.arrayContaining([expect.stringContaining('currency'), expect.stringContaining('additional properties')]),
    });
    expect(await outboxRows(fixture.ds, platformId)).toEqual([]);
  });

  it('refuses to emit an event type that has no contract', async () => {
    const platformId = newPlatformId();
    await expect(
      db.transact((tx) => tx.emit('subscriptions.customer.renamed' as EventType, platformId, customerData())),
    ).rejects.toBeInstanceOf(EventContractError);
    expect(await outboxRows(fixture.ds, platformId)).toEqual([]);
  });
});

describe('inbox consumer', () => {
  let fixture: Awaited<ReturnType<typeof openFixture>>;
  let consumer: InboxConsumer;
  const handled: string[] = [];
  const failOnceAfterWriting = new Set<string>();

  async function project({ manager }: Transaction, event: EventOf<typeof CUSTOMER_CREATED>) {
    handled.push(event.id);
    const data = event.data;
    await manager.query(`INSERT INTO customer_projection (platform_id, customer_id, reference, event_id) VALUES ($1, $2, $3, $4)`, [
      event.platformId,
      data.id,
      data.reference,
      event.id,
    ]);
    if (failOnceAfterWriting.delete(event.id)) throw new Error('transient failure after writing');
  }

  async function publish(envelope: unknown, msgID = randomUUID()) {
    return fixture.bus.js.publish(fixture.bus.subjectOf(CUSTOMER_CREATED), JSON.stringify(envelope), { msgID });
  }

  const projectedRows = async (platformId: string) =>
    (await fixture.ds.query(`SELECT customer_id, event_id FROM customer_projection WHERE platform_id = $1`, [platformId])) as unknown[];
  const inboxRows = async (messageId: string) =>
    (await fixture.ds.query(`SELECT message_id, platform_id, type, stream FROM inbox WHERE message_id = $1`, [messageId])) as Array<
      Record<string, string>
    >;
  const settled = () => waitFor(async () => (await consumer.lag()) === 0, 'the consumer to catch up', 15_000);

  beforeAll(async () => {
    fixture = await openFixture();
    // No unique constraint on purpose: a duplicate effect must show up as a second row.
    await fixture.ds.query(`
      CREATE TABLE customer_projection (
        seq bigserial PRIMARY KEY, platform_id uuid NOT NULL, customer_id uuid NOT NULL, reference text NOT NULL, event_id uuid NOT NULL
      )`);
    consumer = new InboxConsumer(new ServiceDb(fixture.ds, systemClock), fixture.bus, systemClock, log, {
      service: 'kittest',
      producer: 'subscriptions',
      handlers: { [CUSTOMER_CREATED]: project },
    });
    await consumer.start();
    await fixture.ensureStream('subscriptions');
  });

  afterAll(async () => {
    await consumer?.stop();
    await fixture?.close();
  });

  it('applies an event once even when it is delivered twice under different msgIDs', async () => {
    const platformId = newPlatformId();
    const event = newEvent(CUSTOMER_CREATED, platformId, customerData(), systemClock);
    const first = await publish(event);
    const second = await publish(event);
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(false);
    expect(second.seq).toBeGreaterThan(first.seq);

    await waitFor(async () => (await projectedRows(platformId)).length > 0, 'the projection row', 15_000);
    await settled();

    expect(await projectedRows(platformId)).toHaveLength(1);
    expect(await inboxRows(event.id)).toEqual([
      { message_id: event.id, platform_id: platformId, type: CUSTOMER_CREATED, stream: consumer.streamName },
    ]);
    expect(handled.filter((id) => id === event.id)).toHaveLength(1);
  });

  it('retries a handler that fails once and applies its effect exactly once', async () => {
    const platformId = newPlatformId();
    const event = newEvent(CUSTOMER_CREATED, platformId, customerData(), systemClock);
    failOnceAfterWriting.add(event.id);
    await publish(event);

    await waitFor(async () => (await projectedRows(platformId)).length > 0, 'the retried projection row', 20_000);
    await settled();

    expect(handled.filter((id) => id === event.id)).toHaveLength(2);
    expect(await projectedRows(platformId)).toHaveLength(1);
    expect(await inboxRows(event.id)).toHaveLength(1);
    // its failure was counted, and forgotten with its success
    expect(await fixture.ds.query(`SELECT 1 FROM inbox_failures WHERE message_id = $1`, [event.id])).toEqual([]);
  });

  it('applies a burst once per event, in batches, even with duplicates and one failure among them', async () => {
    const platformId = newPlatformId();
    const events = Array.from({ length: 60 }, () => newEvent(CUSTOMER_CREATED, platformId, customerData(), systemClock));
    failOnceAfterWriting.add(events[17].id);
    // Published without waiting in between, so they queue up and are handled several per transaction.
    await Promise.all([...events.map((e) => publish(e)), publish(events[3]), publish(events[40])]);

    await waitFor(async () => (await projectedRows(platformId)).length === 60, 'every event of the burst', 20_000);
    await settled();
    expect(await projectedRows(platformId)).toHaveLength(60);
    // The failing batch rolled back and its events went one by one: each applied exactly once in the end.
    expect(new Set(((await projectedRows(platformId)) as Array<{ event_id: string }>).map((r) => r.event_id)).size).toBe(60);
  });

  it('dead-letters a message that breaks the contract, whatever it holds, without blocking the ones after it', async () => {
    const platformId = newPlatformId();
    const subject = fixture.bus.subjectOf(CUSTOMER_CREATED);
    const broken = { ...newEvent(CUSTOMER_CREATED, platformId, customerData(), systemClock), data: { reference: '' } };
    await publish(broken);
    const notJson = randomUUID();
    await fixture.bus.js.publish(subject, 'not json {', { msgID: notJson });
    // no usable id or platform, and a msgID that is no UUID: its letter gets an id derived from stream and sequence
    const anonymous = await fixture.bus.js.publish(subject, JSON.stringify({ type: CUSTOMER_CREATED, id: 'x', platformId: 'acme' }), {
      msgID: `anon-${randomUUID()}`,
    });
    const withNul = randomUUID();
    await fixture.bus.js.publish(subject, JSON.stringify({ ...broken, id: withNul, data: { reference: 'a\u0000b' } }), { msgID: withNul });
    const good = newEvent(CUSTOMER_CREATED, platformId, customerData(), systemClock);
    await publish(good);

    await waitFor(async () => (await projectedRows(platformId)).length > 0, 'the valid event to be applied', 15_000);
    await expect(inboxRows(good.id)).resolves.toHaveLength(1);
    await settled();
    expect(await inboxRows(broken.id)).toEqual([]);
    expect(handled).not.toContain(broken.id);

    const letters = (await fixture.ds.query(
      `SELECT message_id, platform_id, type, subject, stream, payload, error, attempts FROM dead_letters ORDER BY first_failed_at`,
    )) as Array<Record<string, unknown>>;
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    const anonymousId = unreadableLetter({ data: new Uint8Array(), subject, seq: anonymous.seq }, consumer.streamName, null).id;
    expect(letters).toEqual([
      {
        message_id: broken.id,
        platform_id: platformId,
        type: CUSTOMER_CREATED,
        subject,
        stream: consumer.streamName,
        payload: broken,
        error: expect.stringMatching(/^EventContractError: Event subscriptions.customer.created breaks its contract/),
        attempts: 1,
      },
      expect.objectContaining({
        message_id: notJson,
        platform_id: null,
        type: '(unknown)',
        payload: { unreadable: 'not JSON', base64: base64('not json {') },
        error: expect.stringContaining('SyntaxError'),
      }),
      expect.objectContaining({ message_id: anonymousId, platform_id: null, type: CUSTOMER_CREATED }),
      expect.objectContaining({
        message_id: withNul,
        platform_id: platformId,
        payload: { unreadable: 'holds text Postgres cannot keep as JSON', base64: expect.any(String) },
      }),
    ]);
    // Visible like any other dead letter: counted in the metrics (those of no platform too), listed to their tenant only.
    expect((await consumer.deadLetters.countsByStream()).get(consumer.streamName)).toBe(4);
    const page = await consumer.deadLetters.page(platformId, 10);
    expect(page.items.map((l) => l.id)).toEqual([broken.id, withNul]);
    expect(page.totalCount).toBe(2);
    // A replay checks the contract again: it fails again, cleanly, until a fix is deployed.
    const replayed = await consumer.replay(platformId, broken.id);
    expect(replayed).toMatchObject({ replayed: false, deadLetter: { attempts: 2, error: expect.stringContaining('breaks its contract') } });
    await expect(consumer.replay(platformId, withNul)).resolves.toMatchObject({ replayed: false });
  });

  it('derives the same id for a message without one from its stream and sequence', () => {
    const letter = (seq: number) => unreadableLetter({ data: Buffer.from('[]'), subject: 's', seq }, 'S', new Error('x'));
    expect(letter(7).id).toBe(letter(7).id);
    expect(letter(7).id).not.toBe(letter(8).id);
    expect(letter(7).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(letter(7)).toMatchObject({ platformId: null, payload: { unreadable: 'not a JSON object' } });
  });
});

describe('dead letters', () => {
  let fixture: Awaited<ReturnType<typeof openFixture>>;
  let consumer: InboxConsumer;
  const poison = new Set<string>();
  /** Fails with a transient error (connection reset) this many more times per event id. */
  const transientFailures = new Map<string, number>();
  const calls = new Map<string, number>();

  async function project({ manager }: Transaction, event: EventOf<typeof CUSTOMER_CREATED>) {
    calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
    const left = transientFailures.get(event.id) ?? 0;
    if (left > 0) {
      transientFailures.set(event.id, left - 1);
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    }
    await manager.query(`INSERT INTO dl_projection (platform_id, reference, event_id) VALUES ($1, $2, $3)`, [
      event.platformId,
      event.data.reference,
      event.id,
    ]);
    if (poison.has(event.data.reference)) throw new Error(`cannot apply ${event.data.reference}`);
  }

  const publish = (envelope: unknown) =>
    fixture.bus.js.publish(fixture.bus.subjectOf(CUSTOMER_CREATED), JSON.stringify(envelope), { msgID: randomUUID() });
  const projected = async (platformId: string) =>
    (
      (await fixture.ds.query(`SELECT reference FROM dl_projection WHERE platform_id = $1 ORDER BY reference`, [platformId])) as Array<{
        reference: string;
      }>
    ).map((r) => r.reference);
  const deadLetterRows = async (platformId: string) =>
    (await fixture.ds.query(`SELECT message_id, type, stream, error, attempts, payload FROM dead_letters WHERE platform_id = $1`, [
      platformId,
    ])) as Array<{ message_id: string; type: string; stream: string; error: string; attempts: number; payload: EventEnvelope }>;

  beforeAll(async () => {
    fixture = await openFixture();
    await fixture.ds.query(`CREATE TABLE dl_projection (platform_id uuid NOT NULL, reference text NOT NULL, event_id uuid NOT NULL)`);
    consumer = new InboxConsumer(new ServiceDb(fixture.ds, systemClock), fixture.bus, systemClock, log, {
      service: 'kitdead',
      producer: 'subscriptions',
      handlers: { [CUSTOMER_CREATED]: project },
      maxDeliveries: 3,
    });
    await consumer.start();
    await fixture.ensureStream('subscriptions');
  });

  afterAll(async () => {
    await consumer?.stop();
    await fixture?.close();
  });

  it('dead-letters a message that keeps failing after maxDeliveries, applies the rest of its burst, and replays it after a fix', async () => {
    const platformId = newPlatformId();
    const events = Array.from({ length: 20 }, (_, i) =>
      newEvent(CUSTOMER_CREATED, platformId, customerData(`c-${String(i).padStart(2, '0')}`), systemClock),
    );
    poison.add('c-07');
    await Promise.all(events.map((e) => publish(e)));

    await waitFor(async () => (await deadLetterRows(platformId)).length === 1, 'the poison message to be dead-lettered', 30_000);
    expect(await projected(platformId)).toEqual(events.map((e) => e.data.reference).filter((r) => r !== 'c-07'));
    const [letter] = await deadLetterRows(platformId);
    expect(letter).toMatchObject({ message_id: events[7].id, type: CUSTOMER_CREATED, stream: consumer.streamName, attempts: 3 });
    expect(letter.error).toContain('cannot apply c-07');
    expect(letter.payload).toEqual(JSON.parse(JSON.stringify(events[7])));
    // Acked: nothing is pending any more, and it is not redelivered.
    await waitFor(async () => (await consumer.lag()) === 0, 'the consumer to catch up', 10_000);
    const callsAtDeadLetter = calls.get(events[7].id);
    expect(callsAtDeadLetter).toBeGreaterThanOrEqual(3);
    expect((await consumer.deadLetters.countsByStream()).get(consumer.streamName)).toBeGreaterThanOrEqual(1);

    // A replay before the fix fails again and keeps the entry with one more attempt.
    const failed = await consumer.replay(platformId, events[7].id);
    expect(failed).toMatchObject({ replayed: false, deadLetter: { attempts: 4 } });
    // Another tenant cannot replay it.
    await expect(consumer.replay(newPlatformId(), events[7].id)).resolves.toBeNull();

    poison.delete('c-07');
    await expect(consumer.replay(platformId, events[7].id)).resolves.toEqual({ replayed: true });
    expect(await deadLetterRows(platformId)).toEqual([]);
    expect(await projected(platformId)).toEqual(events.map((e) => e.data.reference));
    // Recorded in the inbox: a late redelivery would change nothing.
    expect((await fixture.ds.query(`SELECT 1 FROM inbox WHERE message_id = $1`, [events[7].id])).length).toBe(1);
  });

  it('counts only real failures toward dead-lettering: failures during an outage do not use up its deliveries', async () => {
    const platformId = newPlatformId();
    const event = newEvent(CUSTOMER_CREATED, platformId, customerData('outage-then-poison'), systemClock);
    // Two deliveries fail transiently (a dependency down), then every one for real: with JetStream's count the third
    // delivery (its first real failure) would be its last; it is dead-lettered after its third real failure.
    transientFailures.set(event.id, 2);
    poison.add('outage-then-poison');
    await publish(event);
    await waitFor(async () => (await deadLetterRows(platformId)).length === 1, 'the message to be dead-lettered', 30_000);
    expect(calls.get(event.id)).toBe(5);
    expect((await deadLetterRows(platformId))[0]).toMatchObject({ message_id: event.id, attempts: 3 });
    // its count went with it
    expect(await fixture.ds.query(`SELECT 1 FROM inbox_failures WHERE message_id = $1`, [event.id])).toEqual([]);
  });

  it('never dead-letters transient failures: they are retried until they pass', async () => {
    const platformId = newPlatformId();
    const event = newEvent(CUSTOMER_CREATED, platformId, customerData('flaky'), systemClock);
    transientFailures.set(event.id, 4);
    await publish(event);
    await waitFor(async () => (await projected(platformId)).length === 1, 'the flaky event to be applied', 30_000);
    expect(calls.get(event.id)).toBe(5);
    expect(await deadLetterRows(platformId)).toEqual([]);
  });
});

describe('isRetryableFailure', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    [Object.assign(new Error('could not serialize access'), { code: '40001' }), true],
    [Object.assign(new Error('deadlock detected'), { code: '40P01' }), true],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), true],
    [Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: '08006' }) }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [Object.assign(new Error('index row requires 11544 bytes, maximum size is 8191'), { code: '54000' }), false],
    [Object.assign(new Error('value overflows numeric format'), { code: '22003' }), false],
    [new TypeError("Cannot read properties of undefined (reading 'id')"), false],
  ])('case %#', (error, transient) => {
    expect(isRetryableFailure(error)).toBe(transient);
  });
});

describe('outbox relay while NATS is down', () => {
  let server: OwnNatsServer;
  let fixture: Awaited<ReturnType<typeof openFixture>>;
  let relay: OutboxRelay;
  let db: ServiceDb;
  let stream: string;
  let serverDown = false;

  beforeAll(async () => {
    server = await OwnNatsServer.start();
    fixture = await openFixture(server.url);
    stream = await fixture.ensureStream('subscriptions');
    relay = new OutboxRelay(fixture.ds, fixture.bus, systemClock, log, { idleMs: 100, maxBackoffMs: 500 });
    db = new ServiceDb(fixture.ds, systemClock, () => relay.nudge());
    relay.start();
  });

  afterAll(async () => {
    if (serverDown) await server.resume();
    await relay?.stop();
    await fixture?.close();
    await server?.stop();
  });

  it('keeps events unsent while the server is down and publishes each once when it is back', async () => {
    await server.pause();
    serverDown = true;
    const platformId = newPlatformId();
    await db.transact(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.emit(CUSTOMER_CREATED, platformId, customerData(`cus-${i}`));
    });

    // The relay tries, fails and keeps every row unsent.
    await waitFor(
      async () => (await outboxRows(fixture.ds, platformId)).every((row) => row.attempts > 0 && row.last_error !== null),
      'the relay to fail publishing all 3 events',
      30_000,
    );
    expect(await relay.backlog()).toBe(3);
    expect((await outboxRows(fixture.ds, platformId)).every((row) => row.sent_at === null)).toBe(true);

    await server.resume();
    serverDown = false;
    await waitFor(async () => (await relay.backlog()) === 0, 'the relay to catch up', 30_000);

    const ids = (await outboxRows(fixture.ds, platformId)).map((row) => row.id);
    const published = await waitFor(async () => {
      const events = await storedEvents(fixture.bus, stream);
      return events.length >= 3 ? events : undefined;
    }, 'the 3 messages in the stream');
    expect(published).toHaveLength(3);
    expect(published.map((e) => e.msgId).sort()).toEqual([...ids].sort());
    expect(published.map((e) => (e.envelope.data as { reference: string }).reference).sort()).toEqual(['cus-0', 'cus-1', 'cus-2']);
  }, 90_000);
});
