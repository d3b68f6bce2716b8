import { waitFor } from '@meterline/kit/testing';
import { WebhookReceiver } from '@meterline/webhooks/dist/testing/webhook-receiver';
import { codeOf, Scenario } from './scenario';
import { startPlatform } from './testkit';

const HOUR = 3_600_000;

interface LogMessage {
  webhookId: string;
  eventType: string;
  body: string;
  status: string;
  attempts: Array<{ statusCode: number | null; error: string | null }>;
}

/**
 * Issue 15 point 6 through the gateway, on the test clock, with a real receiver on a loopback port that verifies
 * every signature with standardwebhooks: real events (a customer and its subscription, an invoice issued by the billing
 * run when the clock passes the period's end, a payment, customer updates) reach it at least once although it first
 * fails, then is down entirely, then holds its answers while the webhooks service is SIGKILLed and restarted in the
 * middle of those attempts. Every message of the delivery log arrives, the interrupted ones again, each webhook-id with
 * the same body on every attempt.
 */
describe('outbound webhooks end to end: at least once through receiver failures, an outage and a crash', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: {
        invoicing: { INVOICE_GRACE_PERIOD_MS: '3600000', INVOICE_ISSUE_INTERVAL_MS: '200' },
        webhooks: { WEBHOOK_DELIVERY_INTERVAL_MS: '100' },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await receiver?.stop();
  });

  /** Moves every process's business time `ms` past what the webhooks service reads now. */
  async function advance(ms: number) {
    const { now } = (await (await fetch(`${platform.urls.webhooks}/test/clock`)).json()) as { now: string };
    await platform.setClock(new Date(Date.parse(now) + ms));
  }

  it('delivers every event at least once, retried with back-off, across a receiver outage and a SIGKILL of the service', async () => {
    await platform.setClock('2026-04-01T06:00:00Z');
    const s = await Scenario.open(platform);
    const { client } = s;
    const types = await client.expectData<{ webhookEventTypes: Array<{ type: string }> }>(`{ webhookEventTypes { type } }`);
    expect(types.webhookEventTypes.map((t) => t.type)).toEqual(
      expect.arrayContaining(['invoice.issued', 'payment.succeeded', 'customer.updated']),
    );

    const refused = await client.send(`mutation { createWebhookEndpoint(input: { url: "https://u:p@example.com/" }) { secret } }`);
    expect(codeOf(refused.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    const { createWebhookEndpoint } = await client.expectData<{
      createWebhookEndpoint: { endpoint: { id: string; eventTypes: string[] }; secret: string };
    }>(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id eventTypes } secret } }`, {
      input: { url: receiver.url, description: 'e2e receiver' },
    });
    expect(createWebhookEndpoint.endpoint.eventTypes).toEqual(['*']);
    receiver.secret = createWebhookEndpoint.secret;
    const endpointId = createWebhookEndpoint.endpoint.id;

    // 1. The receiver fails its first 3 answers: retried at 5 s, 5 min, … as the clock moves.
    receiver.failNext(3);
    await s.createMeter({
      reference: 'calls',
      values: [{ reference: 'n', type: 'NUMBER' }],
      metrics: [{ reference: 'calls_total', aggregation: 'SUM', valueReference: 'n' }],
    });
    await s.createProduct('hosting', [{ reference: 'base', name: 'Base fee', chargeType: 'RECURRING' }]);
    const [version] = await s.createPlan('hosting', [{ base: { model: 'FLAT', amount: '120' } }], ['base']);
    await s.createCustomer('acme', 'calls_total');
    await s.subscribe({ customer: 'acme', planVersion: version, startAt: '2026-04-01T00:00:00Z' });
    await waitFor(async () => receiver.received.filter((r) => r.answered === 500).length >= 2, 'failed first attempts', 30_000);
    await advance(6_000);
    await advance(6 * 60_000);
    await waitFor(
      async () => new Set(receiver.verifiedById().keys()).size >= 2 && receiver.received.some((r) => r.answered === 200),
      'the retries to succeed',
      30_000,
    );

    // 2. The receiver is down: a customer update, and the April invoice issued by the billing run past the period's end.
    await receiver.down();
    await client.expectData(`mutation { updateCustomer(customer: "acme", input: { name: "Acme BV" }) { id } }`);
    await platform.setClock('2026-05-01T02:00:00Z');
    const invoice = await waitFor(
      async () => {
        const [issued] = (await s.invoices({ customer: 'acme' })).filter((i) => i.status === 'ISSUED');
        return issued;
      },
      'the April invoice issued by the billing run',
      90_000, // once (CI of 2026-12-04, 1 run in 3) it took longer than 30 s; not yet understood
    );

    // 3. The receiver is back but answers nothing yet, and the webhooks service crashes (SIGKILL) in the middle of
    // those attempts; events keep coming while it is down.
    receiver.hang(60_000);
    const before = receiver.received.length;
    await receiver.up();
    await advance(11 * HOUR); // what waits for a retry is due now
    await waitFor(async () => receiver.inFlight > 0, 'attempts held by the receiver', 30_000);
    await platform.kill('webhooks', 'SIGKILL');
    const interrupted = new Set(receiver.received.slice(before).map((r) => r.webhookId));
    expect(interrupted.size).toBeGreaterThan(0);
    receiver.hang(0);
    await client.expectData(`mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoice: invoice.id, amount: '120', method: 'BANK_TRANSFER', reference: 'SEPA-7' },
    });
    await client.expectData(`mutation { updateCustomer(customer: "acme", input: { name: "Acme Holding BV" }) { id } }`);
    await platform.revive('webhooks');

    // 4. Back (the receiver answering again): time moves on until every message of the log has succeeded (back-off up to 10 h between attempts).
    const log = async () =>
      (
        await client.expectData<{ webhookEndpoint: { messages: { totalCount: number; edges: Array<{ node: LogMessage }> } } }>(
          `query ($id: ID!) { webhookEndpoint(id: $id) { messages(first: 100) { totalCount edges { node {
             webhookId eventType body status attempts { statusCode error } } } } } }`,
          { id: endpointId },
        )
      ).webhookEndpoint.messages;
    const expected = [
      'customer.created',
      'subscription.activated',
      'customer.updated',
      'invoice.issued',
      'payment.succeeded',
      'invoice.paid',
    ];
    let delivered: Awaited<ReturnType<typeof log>> | undefined;
    for (let round = 0; round < 12 && !delivered; round += 1) {
      delivered = await waitFor(
        async () => {
          const messages = await log();
          const types = new Set(messages.edges.map((e) => e.node.eventType));
          return expected.every((t) => types.has(t)) && messages.edges.every((e) => e.node.status === 'SUCCEEDED') ? messages : undefined;
        },
        'every message delivered',
        3_000,
      ).catch(() => undefined);
      if (!delivered) await advance(10 * HOUR + 60_000);
    }
    expect(delivered).toBeDefined();
    const messages = delivered!.edges.map((e) => e.node);
    expect(messages.filter((m) => m.eventType === 'customer.updated')).toHaveLength(2);

    // Nothing lost: every message of the log reached the receiver, verified; its body the same on every attempt.
    const received = receiver.verifiedById();
    for (const m of messages) {
      const copies = received.get(m.webhookId);
      expect({ type: m.eventType, arrived: (copies?.length ?? 0) >= 1 }).toEqual({ type: m.eventType, arrived: true });
      expect(copies!.every((c) => c.body === m.body)).toBe(true);
    }
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // The attempts the crash cut off were never recorded: they are sent again, the same webhook-id with the same body.
    for (const id of interrupted) expect({ id, copies: (received.get(id)?.length ?? 0) >= 2 }).toEqual({ id, copies: true });
    // The failures are in the log: 500s from the failing receiver, refused connections while it was down.
    const attempts = messages.flatMap((m) => m.attempts);
    expect(attempts.some((a) => a.statusCode === 500)).toBe(true);
    expect(attempts.some((a) => a.statusCode === null && /ECONNREFUSED/.test(a.error ?? ''))).toBe(true);

    const payment = messages.find((m) => m.eventType === 'payment.succeeded')!;
    expect(JSON.parse(payment.body)).toMatchObject({
      type: 'payment.succeeded',
      data: { invoiceId: invoice.id, amount: '120', currency: 'EUR', method: 'BANK_TRANSFER', reference: 'SEPA-7', invoiceStatus: 'PAID' },
    });
    const issued = messages.find((m) => m.eventType === 'invoice.issued')!;
    expect(JSON.parse(issued.body).data).toMatchObject({ id: invoice.id, total: '120', periodStart: '2026-04-01T00:00:00.000Z' });
  }, 240_000);
});
