import { randomUUID } from 'node:crypto';
import { newEvent, TestClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createWebhooksSubgraph } from '../src';
import { WebhookReceiver } from '../src/testing/webhook-receiver';

/**
 * Two webhooks replicas on one database: both delivery workers poll the same deliveries, claiming due ones with FOR
 * UPDATE SKIP LOCKED, so with a receiver that always answers no message is sent twice (which replica sent which is not
 * checked: it depends on timing).
 */
describe('webhook deliveries on two replicas', () => {
  const clock = new TestClock('2026-05-01T08:00:00Z');
  let first: SubgraphUnderTest;
  let second: SubgraphUnderTest;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    first = await startSubgraphForTest(createWebhooksSubgraph({ intervalMs: 10, perRound: 3 }), { clock, ownDatabase: true });
    second = await startSubgraphForTest(createWebhooksSubgraph({ intervalMs: 10, perRound: 3 }), { clock, databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await receiver?.stop();
  });

  it('sends each of 40 messages once between them', async () => {
    const { platformId, send } = first.clientForNewPlatform();
    const created = await send<{ createWebhookEndpoint: { secret: string } }>(
      `mutation ($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: ["customer.updated"] }) { secret } }`,
      { url: receiver.url },
    );
    receiver.secret = created.data!.createWebhookEndpoint.secret;
    const { bus } = first.running;
    await bus.ensureStream('subscriptions');
    for (let i = 0; i < 40; i += 1) {
      const event = newEvent(
        'subscriptions.customer.updated',
        platformId,
        {
          id: randomUUID(),
          reference: `c-${i}`,
          name: `Customer ${i}`,
          currency: 'EUR',
          email: null,
          country: null,
          taxRate: null,
          archived: false,
        },
        clock,
      );
      await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: event.id });
    }
    await waitFor(async () => receiver.verifiedById().size === 40, '40 messages received');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would have arrived by now
    expect([...receiver.verifiedById().values()].map((copies) => copies.length)).toEqual(Array<number>(40).fill(1));
    const [{ count }] = await first.running.db.query<{ count: string }>(`SELECT count(*) FROM webhook_attempts WHERE platform_id = $1`, [
      platformId,
    ]);
    expect(count).toBe('40');
  });
});
