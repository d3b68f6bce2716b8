import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BusTables1763700000000 } from '../src/bus/bus-tables.migration';
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
  const ds = await openDatabase({ url: infra.databaseUrl, schema, entities: [], migrations: [BusTables1763700000000], poolSize: 4 });
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

  // nats-server 2.9 (this machine's) ignores "+TERM <reason>": the consumer must term() without a reason, or the
  // message would stay ack-pending and be redelivered every ack_wait forever (max_deliver -1).
  it('terminates a message that breaks the contract without blocking the ones after it', async () => {
    const platformId = newPlatformId();
    const broken = { ...newEvent(CUSTOMER_CREATED, platformId, customerData(), systemClock), data: { reference: '' } };
    await publish(broken);
    await publish('not json at all');
    const good = newEvent(CUSTOMER_CREATED, platformId, customerData(), systemClock);
    await publish(good);

    await waitFor(async () => (await projectedRows(platformId)).length > 0, 'the valid event to be applied', 15_000);
    await expect(inboxRows(good.id)).resolves.toHaveLength(1);
    // Terminated messages are neither pending nor awaiting an ack any more.
    await waitFor(async () => (await consumer.lag()) === 0, 'the consumer to catch up', 5_000).catch(() => undefined);
    expect(await consumer.lag()).toBe(0);
    expect(await inboxRows(broken.id)).toEqual([]);
    expect(handled).not.toContain(broken.id);
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
