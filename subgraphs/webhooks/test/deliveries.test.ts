import { randomUUID } from 'node:crypto';
import { newEvent, TestClock, type EventEnvelope } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createWebhooksSubgraph } from '../src';
import { RETRY_DELAYS_MS } from '../src/domain/delivery-schedule';
import { WebhookReceiver } from '../src/testing/webhook-receiver';

type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

const MESSAGE = `id webhookId eventType body status attemptCount nextAttemptAt lastStatusCode
  attempts { at statusCode responseBody durationMs error }`;
interface MessageView {
  id: string;
  webhookId: string;
  eventType: string;
  body: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  attempts: Array<{ at: string; statusCode: number | null; responseBody: string | null; error: string | null }>;
}
interface EndpointView {
  id: string;
  status: string;
  disabledReason: string | null;
  messages: { totalCount: number; edges: Array<{ node: MessageView }> };
}

async function data<T>(send: Send, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await send<T>(query, variables);
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response)}`);
  return response.data;
}

async function createEndpoint(send: Send, url: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const { createWebhookEndpoint } = await data<{ createWebhookEndpoint: { endpoint: { id: string }; secret: string } }>(
    send,
    `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } secret } }`,
    { input: { url, eventTypes, description: 'test receiver' } },
  );
  return { id: createWebhookEndpoint.endpoint.id, secret: createWebhookEndpoint.secret };
}

const endpoint = async (send: Send, id: string) =>
  (
    await data<{ webhookEndpoint: EndpointView }>(
      send,
      `query ($id: ID!) { webhookEndpoint(id: $id) { id status disabledReason messages(first: 50) { totalCount edges { node { ${MESSAGE} } } } } }`,
      { id },
    )
  ).webhookEndpoint;

describe('webhook deliveries: consumed from NATS, signed, retried on the service clock', () => {
  const clock = new TestClock('2026-05-01T08:00:00Z');
  let subgraph: SubgraphUnderTest;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    // A database of its own: the worker sends every platform's due messages by this test's clock.
    subgraph = await startSubgraphForTest(createWebhooksSubgraph({ intervalMs: 50, disableAfterFailedMessages: 2 }), {
      clock,
      ownDatabase: true,
    });
  });
  afterAll(async () => {
    await subgraph?.stop();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  const receiver = async () => {
    const r = await WebhookReceiver.start();
    receivers.push(r);
    return r;
  };

  async function publish(producer: string, event: EventEnvelope) {
    const { bus } = subgraph.running;
    await bus.ensureStream(producer);
    await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: event.id });
  }

  const paid = (platformId: string) =>
    newEvent(
      'invoicing.invoice.paid',
      platformId,
      {
        id: randomUUID(),
        number: 'INV-000007',
        customerId: randomUUID(),
        subscriptionId: null,
        currency: 'EUR',
        total: '120.00',
        amountDue: '0',
        paidAt: clock.now().toISOString(),
      },
      clock,
    );
  const customerUpdated = (platformId: string, name: string) =>
    newEvent(
      'subscriptions.customer.updated',
      platformId,
      { id: randomUUID(), reference: `c-${name}`, name, currency: 'EUR', email: null, country: 'NL', taxRate: '21', archived: false },
      clock,
    );

  it('retries a failing receiver at 5 s then 5 min, with the same webhook-id and body, signatures verifying', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const r = await receiver();
    const { id, secret } = await createEndpoint(send, r.url, ['invoice.paid']);
    r.secret = secret;
    r.failNext(2);
    const event = paid(platformId);
    await publish('invoicing', event);
    await publish('subscriptions', customerUpdated(platformId, 'not subscribed'));

    await waitFor(async () => r.received.length === 1, 'the first attempt');
    const [first] = (
      await waitFor(async () => {
        const e = await endpoint(send, id);
        return e.messages.edges[0]?.node.attemptCount === 1 && e.messages.edges;
      }, 'the first attempt recorded')
    ).map((edge) => edge.node);
    expect(first).toMatchObject({ status: 'PENDING', eventType: 'invoice.paid', lastStatusCode: 500 });
    expect(Date.parse(first.nextAttemptAt!) - Date.parse(first.attempts[0].at)).toBe(RETRY_DELAYS_MS[0]);
    expect(first.attempts[0]).toMatchObject({ statusCode: 500, responseBody: 'receiver failing on purpose', error: null });

    clock.advance(RETRY_DELAYS_MS[0]);
    await waitFor(async () => r.received.length === 2, 'the second attempt, 5 s later');
    clock.advance(RETRY_DELAYS_MS[1]);
    await waitFor(async () => r.received.length === 3, 'the third attempt, 5 min later');
    const done = await waitFor(async () => {
      const e = await endpoint(send, id);
      return e.messages.edges[0]?.node.status === 'SUCCEEDED' && e;
    }, 'the message SUCCEEDED');
    expect(done.messages.totalCount).toBe(1); // customer.updated was not subscribed to
    const message = done.messages.edges[0].node;
    expect(message.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(r.received.every((x) => x.verified && x.webhookId === message.webhookId && x.body === message.body)).toBe(true);
    expect(JSON.parse(message.body)).toEqual({
      type: 'invoice.paid',
      timestamp: event.occurredAt,
      data: {
        id: event.data.id,
        number: 'INV-000007',
        customerId: event.data.customerId,
        subscriptionId: null,
        currency: 'EUR',
        total: '120.00',
        amountDue: '0',
        paidAt: event.data.paidAt,
      },
    });
  });

  it('fails a message after its whole schedule, disables the endpoint after 2 in a row, and replays after re-enabling', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const r = await receiver();
    const { id, secret } = await createEndpoint(send, r.url, ['customer.updated']);
    r.secret = secret;
    await r.down();
    await publish('subscriptions', customerUpdated(platformId, 'one'));
    await publish('subscriptions', customerUpdated(platformId, 'two'));
    for (let attempt = 1; attempt <= RETRY_DELAYS_MS.length + 1; attempt += 1) {
      await waitFor(async () => {
        const e = await endpoint(send, id);
        return e.messages.totalCount === 2 && e.messages.edges.every((edge) => edge.node.attempts.length === attempt);
      }, `attempt ${attempt} of both messages`);
      clock.advance(10 * 3_600_000);
    }
    const disabled = await waitFor(async () => {
      const e = await endpoint(send, id);
      return e.status === 'DISABLED' && e;
    }, 'the endpoint disabled');
    expect(disabled.disabledReason).toMatch(/2 messages in a row failed every attempt/);
    expect(disabled.messages.edges.map((e) => e.node.status)).toEqual(['FAILED', 'FAILED']);
    expect(disabled.messages.edges[0].node.attempts.every((a) => a.statusCode === null && /ECONNREFUSED/.test(a.error ?? ''))).toBe(true);

    // Disabled: nothing new is queued for it.
    await publish('subscriptions', customerUpdated(platformId, 'three'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await endpoint(send, id)).messages.totalCount).toBe(2);

    await r.up();
    const { enableWebhookEndpoint } = await data<{ enableWebhookEndpoint: { status: string; disabledReason: string | null } }>(
      send,
      `mutation ($id: ID!) { enableWebhookEndpoint(id: $id) { status disabledReason } }`,
      { id },
    );
    expect(enableWebhookEndpoint).toEqual({ status: 'ENABLED', disabledReason: null });
    const [newest, oldest] = disabled.messages.edges.map((e) => e.node);
    const { replayWebhookMessage } = await data<{ replayWebhookMessage: { status: string; attemptCount: number } }>(
      send,
      `mutation ($id: ID!) { replayWebhookMessage(id: $id) { status attemptCount } }`,
      { id: oldest.id },
    );
    expect(replayWebhookMessage).toEqual({ status: 'PENDING', attemptCount: 0 });
    await waitFor(async () => r.verifiedById().has(oldest.webhookId), 'the replayed message');
    const { replayFailedWebhookMessages } = await data<{ replayFailedWebhookMessages: number }>(
      send,
      `mutation ($id: ID!, $since: String!) { replayFailedWebhookMessages(endpoint: $id, since: $since) }`,
      { id, since: '2026-01-01T00:00:00Z' },
    );
    expect(replayFailedWebhookMessages).toBe(1);
    await waitFor(async () => r.verifiedById().has(newest.webhookId), 'the other failed message, replayed');
    expect(r.verifiedById().get(oldest.webhookId)![0].body).toBe(oldest.body);
  });

  it('sends a test message, rotates the secret, refuses bad input naming the field, and keeps platforms apart', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const r = await receiver();
    const { id, secret } = await createEndpoint(send, r.url, []);
    r.secret = secret;
    const { sendTestWebhook } = await data<{ sendTestWebhook: { eventType: string; webhookId: string } }>(
      send,
      `mutation ($id: ID!) { sendTestWebhook(endpoint: $id) { eventType webhookId } }`,
      { id },
    );
    expect(sendTestWebhook.eventType).toBe('webhook.test');
    await waitFor(async () => r.verifiedById().has(sendTestWebhook.webhookId), 'the test message');

    const { rotateWebhookEndpointSecret } = await data<{ rotateWebhookEndpointSecret: { secret: string } }>(
      send,
      `mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }`,
      { id },
    );
    expect(rotateWebhookEndpointSecret.secret).not.toBe(secret);
    r.secret = rotateWebhookEndpointSecret.secret;
    const again = await data<{ sendTestWebhook: { webhookId: string } }>(
      send,
      `mutation ($id: ID!) { sendTestWebhook(endpoint: $id) { webhookId } }`,
      {
        id,
      },
    );
    await waitFor(async () => r.verifiedById().has(again.sendTestWebhook.webhookId), 'a test signed with the new secret');

    const create = (input: Record<string, unknown>) =>
      send(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`, { input });
    for (const [input, field] of [
      [{ url: 'ftp://example.com/' }, 'input.url'],
      [{ url: 'https://user:secret@example.com/' }, 'input.url'],
      [{ url: 'https://example.com/', eventTypes: ['invoice.payed'] }, 'input.eventTypes'],
    ] as const) {
      const response = await create(input);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }

    const stranger = subgraph.clientForNewPlatform();
    expect(
      (await data<{ webhookEndpoint: unknown }>(stranger.send, `query ($id: ID!) { webhookEndpoint(id: $id) { id } }`, { id }))
        .webhookEndpoint,
    ).toBeNull();
    const foreign = await stranger.send(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const readOnly = subgraph.clientForNewPlatform('read');
    const refused = await readOnly.send(`mutation { createWebhookEndpoint(input: { url: "https://example.com/" }) { secret } }`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const types = await data<{ webhookEventTypes: Array<{ type: string; source: string | null }> }>(
      readOnly.send,
      `{ webhookEventTypes { type source } }`,
    );
    expect(types.webhookEventTypes).toContainEqual({ type: 'payment.succeeded', source: 'invoicing.payment.recorded' });
  });
  it('records an endpoint whose secret cannot be opened as a failed attempt, without holding back other messages', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const [good, bad] = [await receiver(), await receiver()];
    const ok = await createEndpoint(send, good.url, []);
    good.secret = ok.secret;
    const broken = await createEndpoint(send, bad.url, []);
    await subgraph.running.db.query(`UPDATE webhook_endpoints SET secret_sealed = 'v1.AAAA.AAAA.AAAA' WHERE id = $1`, [broken.id]);
    const test = (id: string) =>
      data<{ sendTestWebhook: { id: string; webhookId: string } }>(
        send,
        `mutation ($id: ID!) { sendTestWebhook(endpoint: $id) { id webhookId } }`,
        {
          id,
        },
      );
    await test(broken.id);
    const delivered = await test(ok.id);
    await waitFor(async () => good.verifiedById().has(delivered.sendTestWebhook.webhookId), 'the other endpoint’s message');
    const log = await waitFor(async () => {
      const e = await endpoint(send, broken.id);
      return e.messages.edges[0]?.node.attempts.length === 1 && e.messages.edges[0].node;
    }, 'the failed attempt recorded');
    expect(log.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/secret cannot be opened/) });
    expect(bad.received).toHaveLength(0);
  });
});
