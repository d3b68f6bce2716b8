import { waitFor } from '@meterline/kit/testing';
import { startFakeStripe, type FakeStripe } from '@meterline/invoicing/dist/testing/fake-stripe';
import type Stripe from 'stripe';
import { codeOf, Scenario } from './scenario';
import { gatewayClient, newApiKey, startPlatform } from './testkit';

const DAY_MS = 86_400_000;
const SECRET_KEY = 'sk_test_e2eMeterlineFake42';
const WEBHOOK_SECRET = 'whsec_e2eMeterlineSigning42';
const INVOICE = `id status amountDue { amount } payments { method reference amount { amount } }
  paymentCollection { status nextAttemptAt attempts { number status providerPaymentIntentId errorCode nextAttemptAt } }`;

interface InvoiceView {
  id: string;
  status: string;
  amountDue: { amount: string };
  payments: Array<{ method: string; reference: string; amount: { amount: string } }>;
  paymentCollection: {
    status: string;
    nextAttemptAt: string | null;
    attempts: Array<{
      number: number;
      status: string;
      providerPaymentIntentId: string | null;
      errorCode: string | null;
      nextAttemptAt: string | null;
    }>;
  } | null;
}

/**
 * Issue 15, point 4 through the gateway on the test clock, against a local fake of the two Stripe endpoints used: a
 * customer with a saved card, its invoice issued, the PaymentIntent at the fake, a webhook signed with the SDK posted to
 * the gateway's webhook URL (no API key) pays the invoice; a declined card is retried per the schedule as the clock moves.
 */
describe('Stripe payment collection end to end, through the gateway on the test clock', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let stripe: FakeStripe;
  beforeAll(async () => {
    stripe = await startFakeStripe(SECRET_KEY);
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: {
        invoicing: {
          INVOICE_GRACE_PERIOD_MS: '3600000',
          INVOICE_ISSUE_INTERVAL_MS: '200',
          STRIPE_API_URL: stripe.url,
          PAYMENT_RETRY_SCHEDULE_DAYS: '2,4',
        },
      },
    });
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await stripe?.stop();
  });

  /** Posts a Stripe event to the gateway as Stripe would: raw JSON, Stripe-Signature, no API key. */
  async function deliver(path: string, type: string, intent: Stripe.PaymentIntent, secret = WEBHOOK_SECRET) {
    const event = stripe.signedEvent(type, intent, secret);
    const response = await fetch(new URL(path, platform.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': event.signature },
      body: event.body,
    });
    return response.status;
  }

  it('collects an issued invoice with a saved card: PaymentIntent at Stripe, signed webhook → PAID; a decline is retried on schedule', async () => {
    await platform.setClock('2026-04-01T06:00:00Z');
    const s = await Scenario.open(platform);
    const { client } = s;
    const { customer, subscription } = await s.monthlyFeeCustomer('2026-04-01T00:00:00Z');

    const { updateStripeSettings } = await client.expectData<{
      updateStripeSettings: { stripe: { enabled: boolean; secretKeyLast4: string; webhookPath: string } };
    }>(
      `mutation ($input: StripeSettingsInput!) { updateStripeSettings(input: $input) { stripe { enabled secretKeyLast4 webhookPath } } }`,
      {
        input: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET },
      },
    );
    expect(updateStripeSettings.stripe).toEqual({
      enabled: true,
      secretKeyLast4: 'ke42',
      webhookPath: `/v1/providers/stripe/webhooks/${s.platformId}`,
    });
    const webhookPath = updateStripeSettings.stripe.webhookPath;
    const pm = await client.expectData<{ setCustomerPaymentMethod: { paymentMethod: { paymentMethod: string } } }>(
      `mutation { setCustomerPaymentMethod(input: { customer: "acme", provider: STRIPE, paymentMethod: "pm_card_visa" }) { paymentMethod { paymentMethod } } }`,
    );
    expect(pm.setCustomerPaymentMethod.paymentMethod.paymentMethod).toBe('pm_card_visa');
    const seen = await client.expectData<{ customer: { paymentMethod: { providerCustomerId: string | null } } }>(
      `query ($id: ID!) { customer(id: $id) { paymentMethod { providerCustomerId } } }`,
      { id: customer },
    );
    expect(seen.customer.paymentMethod).toEqual({ providerCustomerId: null });

    // The April invoice, issued when its period and grace period are over on the test clock.
    await waitFor(async () => {
      const data = await client.expectData<{ invoices: { edges: unknown[] } }>(
        `query ($s: ID) { invoices(subscription: $s, status: DRAFT, first: 1) { edges { node { id } } } }`,
        { s: subscription },
      );
      return data.invoices.edges.length > 0;
    }, 'the April draft');
    await platform.setClock('2026-05-01T02:00:00Z');
    const invoiceOf = async (status?: string) =>
      (
        await client.expectData<{ invoices: { edges: Array<{ node: InvoiceView }> } }>(
          `query ($s: ID) { invoices(subscription: $s, first: 5) { edges { node { ${INVOICE} } } } }`,
          { s: subscription },
        )
      ).invoices.edges
        .map((e) => e.node)
        .find((i) => (status ? i.status === status : i.status !== 'DRAFT'));
    const processing = await waitFor(async () => {
      const invoice = await invoiceOf('ISSUED');
      return invoice?.paymentCollection?.attempts[0]?.status === 'PROCESSING' ? invoice : undefined;
    }, 'the first PaymentIntent');
    const intentId = processing.paymentCollection!.attempts[0].providerPaymentIntentId!;
    const intent = stripe.intents.get(intentId)!;
    expect(intent).toMatchObject({
      amount: 12000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      metadata: { invoiceId: processing.id, attempt: '1' },
    });

    // Stripe's webhook to the gateway: a bad signature is refused, the right one pays the invoice, a repeat changes nothing.
    expect(
      await deliver(
        webhookPath,
        'payment_intent.succeeded',
        { ...intent, status: 'succeeded', amount_received: 12000 },
        'whsec_wrongSecret0000',
      ),
    ).toBe(400);
    expect(await deliver('/v1/providers/stripe/webhooks/not-a-platform', 'payment_intent.succeeded', intent)).toBe(404);
    for (let i = 0; i < 2; i++)
      expect(await deliver(webhookPath, 'payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: 12000 })).toBe(200);
    expect(await deliver(webhookPath, 'charge.refunded', intent)).toBe(200);
    const paid = await waitFor(async () => {
      const invoice = await invoiceOf();
      return invoice?.status === 'PAID' ? invoice : undefined;
    }, 'the invoice PAID');
    expect(paid).toMatchObject({
      amountDue: { amount: '0' },
      payments: [{ method: 'CARD', reference: intentId, amount: { amount: '120' } }],
    });
    expect(paid.paymentCollection!.status).toBe('SUCCEEDED');

    // May's invoice: the card is declined, retried 2 days later (the schedule), and then it succeeds.
    stripe.outcome = () => 'declined';
    await platform.setClock('2026-06-01T02:00:00Z');
    const declined = await waitFor(async () => {
      const invoice = await invoiceOf('ISSUED');
      // The declined attempt recorded and the collector done with the collection. A collection and its attempts are read
      // by two queries of one request, so a read can fall between them: the attempt FAILED, the collection PROCESSING.
      const collection = invoice?.paymentCollection;
      return collection?.attempts[0]?.status === 'FAILED' && collection.status !== 'PROCESSING' ? invoice : undefined;
    }, 'the declined attempt');
    expect(declined.paymentCollection).toMatchObject({ status: 'SCHEDULED' });
    expect(declined.paymentCollection!.attempts[0].errorCode).toBe('insufficient_funds');
    const retryAt = Date.parse(declined.paymentCollection!.nextAttemptAt!);
    expect(retryAt - Date.parse(declined.paymentCollection!.attempts[0].nextAttemptAt!)).toBe(0);
    expect(retryAt).toBeGreaterThanOrEqual(Date.parse('2026-06-01T02:00:00Z') + 2 * DAY_MS);

    stripe.outcome = () => 'succeeded';
    await platform.setClock(new Date(retryAt + 60_000));
    const collected = await waitFor(async () => {
      const invoice = await client.expectData<{ invoice: InvoiceView }>(`query ($id: ID!) { invoice(id: $id) { ${INVOICE} } }`, {
        id: declined.id,
      });
      return invoice.invoice.status === 'PAID' ? invoice.invoice : undefined;
    }, 'the retry to pay May');
    expect(collected.paymentCollection!.attempts.map((a) => a.status)).toEqual(['FAILED', 'SUCCEEDED']);
    expect(collected.payments).toEqual([
      { method: 'CARD', reference: collected.paymentCollection!.attempts[1].providerPaymentIntentId, amount: { amount: '120' } },
    ]);

    // Admin only: a read key may not change the settings.
    const reader = gatewayClient(platform.gatewayUrl, await newApiKey(platform.databaseUrl, s.platformId, 'read'));
    const refused = await reader.send(`mutation { updateStripeSettings(input: { enabled: false }) { id } }`);
    expect(codeOf(refused.errors)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
