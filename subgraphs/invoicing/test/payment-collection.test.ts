import { randomUUID } from 'node:crypto';
import { signTenantHeaders, systemClock, TestClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import type Stripe from 'stripe';
import { createInvoicingSubgraph } from '../src';
import { startFakeStripe, type FakeStripe } from '../src/testing/fake-stripe';
import { monthlyFeeDraft, producedEvents } from './invoicing-fixtures';

const DAY_MS = 86_400_000;
const SECRET_KEY = 'sk_test_meterlineFake0001';
const WEBHOOK_SECRET = 'whsec_meterlineFakeSigning0001';
const COLLECTION = `paymentCollection { id status nextAttemptAt attempts { number status amount { amount currency } providerCustomerId
  providerPaymentIntentId errorCode errorMessage nextAttemptAt payment { method reference amount { amount } } } }`;

interface CollectionView {
  id: string;
  status: string;
  nextAttemptAt: string | null;
  attempts: Array<{
    number: number;
    status: string;
    amount: { amount: string; currency: string };
    providerCustomerId: string | null;
    providerPaymentIntentId: string | null;
    errorCode: string | null;
    errorMessage: string | null;
    nextAttemptAt: string | null;
    payment: { method: string; reference: string; amount: { amount: string } } | null;
  }>;
}

/**
 * Payment collection through Stripe on real Postgres and NATS, against a local HTTP server that answers the two Stripe
 * endpoints used (POST /v1/customers, POST /v1/payment_intents) and with webhook payloads signed by the SDK: settings
 * and payment methods, the PaymentIntent the SDK sends (form body, Idempotency-Key), webhooks in (signature checked,
 * idempotent), dunning on the test clock, a crash between the call and the record, a payment recorded by other means.
 */
describe('payment collection (Stripe)', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  let subgraph: SubgraphUnderTest;
  let stripe: FakeStripe;
  beforeAll(async () => {
    stripe = await startFakeStripe(SECRET_KEY);
    subgraph = await startSubgraphForTest(
      createInvoicingSubgraph({
        graceMs: 3_600_000,
        refreshIntervalMs: 20,
        issueIntervalMs: 50,
        paymentTermsDays: 30,
        retryScheduleDays: [3, 5],
        collectionLeaseMs: 10 * 60_000,
        stripeApiUrl: stripe.url,
      }),
      { clock, ownDatabase: true },
    );
  });
  afterAll(async () => {
    await subgraph?.stop();
    await stripe?.stop();
  });

  const stripeSettings = `mutation ($input: StripeSettingsInput!) { updateStripeSettings(input: $input) { id stripe { enabled secretKeyLast4 webhookSecretLast4 webhookPath } } }`;
  const setPaymentMethod = `mutation ($input: SetCustomerPaymentMethodInput!) { setCustomerPaymentMethod(input: $input) { id paymentMethod { provider paymentMethod providerCustomerId } } }`;

  /** A platform with Stripe set up, a customer (with `pm_card_visa` unless told) on a 100 EUR monthly fee, March issued. */
  async function collectedInvoice(options: { paymentMethod?: string | null } = {}) {
    clock.set('2026-03-10T12:00:00Z');
    const { client, customer, draftId: draft } = await monthlyFeeDraft(subgraph, clock);
    const { send } = client;
    const set = await send(stripeSettings, { input: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET } });
    expect(set.errors).toBeUndefined();
    if (options.paymentMethod !== null) {
      const pm = await send(setPaymentMethod, {
        input: { customer: customer.id, provider: 'STRIPE', paymentMethod: options.paymentMethod ?? 'pm_card_visa' },
      });
      expect(pm.errors).toBeUndefined();
    }
    const issued = await send<{ issueInvoice: { id: string } }>(`mutation ($id: ID!) { issueInvoice(id: $id) { id } }`, { id: draft });
    expect(issued.errors).toBeUndefined();
    const invoiceId = issued.data!.issueInvoice.id;
    const collection = async () =>
      (
        await send<{
          invoice: { status: string; amountDue: { amount: string }; payments: unknown[]; paymentCollection: CollectionView | null };
        }>(`query ($id: ID!) { invoice(id: $id) { status amountDue { amount } payments { method reference } ${COLLECTION} } }`, {
          id: invoiceId,
        })
      ).data!.invoice;
    /** Waits until the collection's attempt `number` has `status`. */
    const attemptIs = (number: number, status: string) =>
      waitFor(async () => {
        const invoice = await collection();
        const attempt = invoice.paymentCollection?.attempts.find((a) => a.number === number);
        return attempt?.status === status ? invoice : undefined;
      }, `attempt ${number} ${status}`);
    return { ...client, customerId: customer.id, customerReference: customer.event.data.reference, invoiceId, collection, attemptIs };
  }

  function intentRequests(invoiceId: string) {
    return stripe.requests.filter(
      (r) => r.path === '/v1/payment_intents' && (r.form.metadata as Record<string, string>)?.invoiceId === invoiceId,
    );
  }

  /** Posts a Stripe event to the subgraph's webhook route as the gateway forwards it (signed tenant of the path's platform). */
  async function webhook(platformId: string, body: string, signature: string, pathPlatform = platformId) {
    const base = subgraph.running.url.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/v1/providers/stripe/webhooks/${pathPlatform}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signature,
        ...signTenantHeaders(subgraph.secret, { platformId, role: 'ingest' }, systemClock),
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  function intentOf(id: string, change: Partial<Stripe.PaymentIntent> = {}): Stripe.PaymentIntent {
    return { ...stripe.intents.get(id)!, ...change };
  }

  it('keeps Stripe settings per platform (secrets sealed at rest, shown as their last 4) and a customer’s payment method', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const first = await send(stripeSettings, { input: { secretKey: SECRET_KEY } });
    expect(first.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.webhookSecret' });
    const bad = await send(stripeSettings, { input: { secretKey: 'pk_test_123456789', webhookSecret: WEBHOOK_SECRET } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.secretKey' });
    const badHook = await send(stripeSettings, { input: { secretKey: SECRET_KEY, webhookSecret: 'nope' } });
    expect(badHook.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.webhookSecret' });
    const set = await send<{ updateStripeSettings: { stripe: unknown } }>(stripeSettings, {
      input: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET },
    });
    expect(set.data!.updateStripeSettings.stripe).toEqual({
      enabled: true,
      secretKeyLast4: '0001',
      webhookSecretLast4: '0001',
      webhookPath: `/v1/providers/stripe/webhooks/${platformId}`,
    });
    const off = await send<{ updateStripeSettings: { stripe: { enabled: boolean; secretKeyLast4: string } } }>(stripeSettings, {
      input: { enabled: false },
    });
    expect(off.data!.updateStripeSettings.stripe).toMatchObject({ enabled: false, secretKeyLast4: '0001' });
    const stored = await subgraph.running.db.query<Record<string, string>>(
      `SELECT * FROM payment_provider_settings WHERE platform_id = $1`,
      [platformId],
    );
    expect(JSON.stringify(stored)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(stored)).not.toContain(WEBHOOK_SECRET);
    const reader = subgraph.clientForNewPlatform('read');
    const forbidden = await reader.send(stripeSettings, { input: { enabled: true } });
    expect(forbidden.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    // A customer's payment method: by id or reference, pm_… only, removable; a customer of another platform is not found.
    const { customerId, customerReference, send: own } = await collectedInvoice({ paymentMethod: null });
    const unknown = await own(setPaymentMethod, { input: { customer: randomUUID(), provider: 'STRIPE', paymentMethod: 'pm_card_visa' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.customer' });
    const foreign = await send(setPaymentMethod, { input: { customer: customerId, provider: 'STRIPE', paymentMethod: 'pm_card_visa' } });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.customer' });
    const badPm = await own(setPaymentMethod, { input: { customer: customerId, provider: 'STRIPE', paymentMethod: 'card_123' } });
    expect(badPm.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.paymentMethod' });
    const byReference = await own<{ setCustomerPaymentMethod: unknown }>(setPaymentMethod, {
      input: { customer: customerReference, provider: 'STRIPE', paymentMethod: 'pm_card_mastercard' },
    });
    expect(byReference.data!.setCustomerPaymentMethod).toEqual({
      id: customerId,
      paymentMethod: { provider: 'STRIPE', paymentMethod: 'pm_card_mastercard', providerCustomerId: null },
    });
    const removed = await own<{ setCustomerPaymentMethod: unknown }>(setPaymentMethod, {
      input: { customer: customerId, provider: 'STRIPE', paymentMethod: null },
    });
    expect(removed.data!.setCustomerPaymentMethod).toEqual({ id: customerId, paymentMethod: null });
  });

  it('creates the Stripe customer and an off-session PaymentIntent on issue; a signed payment_intent.succeeded pays the invoice once', async () => {
    const c = await collectedInvoice();
    const sent = await c.attemptIs(1, 'PROCESSING');
    const [attempt] = sent.paymentCollection!.attempts;
    expect(sent.paymentCollection!.status).toBe('PROCESSING');
    expect(attempt).toMatchObject({ amount: { amount: '100', currency: 'EUR' }, errorCode: null });
    expect(attempt.providerCustomerId).toMatch(/^cus_/);
    expect(attempt.providerPaymentIntentId).toMatch(/^pi_/);

    // What the SDK sent: the customer (with its own idempotency key), then the intent in minor units, confirmed off-session.
    const customerCall = stripe.requests.find(
      (r) => r.path === '/v1/customers' && (r.form.metadata as Record<string, string>)?.customerId === c.customerId,
    )!;
    expect(customerCall.headers['idempotency-key']).toBe(`meterline-customer-${c.platformId}-${c.customerId}`);
    expect(customerCall.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    const [intentCall] = intentRequests(c.invoiceId);
    expect(intentCall.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(intentCall.headers['idempotency-key']).toBe(`meterline-collection-${sent.paymentCollection!.id}-attempt-1`);
    expect(intentCall.form).toEqual({
      amount: '10000',
      currency: 'eur',
      customer: attempt.providerCustomerId,
      payment_method: 'pm_card_visa',
      confirm: 'true',
      off_session: 'true',
      metadata: { platformId: c.platformId, invoiceId: c.invoiceId, attempt: '1' },
    });

    const intentId = attempt.providerPaymentIntentId!;
    const succeeded = intentOf(intentId, { status: 'succeeded', amount_received: 10000 });
    const event = stripe.signedEvent('payment_intent.succeeded', succeeded, WEBHOOK_SECRET);
    // Signed with another secret, or altered after signing: 400, nothing recorded.
    const forged = stripe.signedEvent('payment_intent.succeeded', succeeded, 'whsec_someoneElse000000');
    expect((await webhook(c.platformId, forged.body, forged.signature)).status).toBe(400);
    expect((await webhook(c.platformId, event.body.replace('10000', '1'), event.signature)).status).toBe(400);
    // The path names another platform than the signed tenant, or one without Stripe: 404.
    expect((await webhook(c.platformId, event.body, event.signature, randomUUID())).status).toBe(404);
    expect((await webhook(randomUUID(), event.body, event.signature)).status).toBe(404);
    expect((await c.collection()).status).toBe('ISSUED');

    expect(await webhook(c.platformId, event.body, event.signature)).toEqual({ status: 200, body: { received: true } });
    // Stripe delivers at least once: the same event again records nothing more.
    expect((await webhook(c.platformId, event.body, event.signature)).status).toBe(200);
    const paid = await c.collection();
    expect(paid).toMatchObject({ status: 'PAID', amountDue: { amount: '0' }, payments: [{ method: 'CARD', reference: intentId }] });
    expect(paid.paymentCollection).toMatchObject({ status: 'SUCCEEDED', nextAttemptAt: null });
    expect(paid.paymentCollection!.attempts).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', payment: { method: 'CARD', reference: intentId, amount: { amount: '100' } } }),
    ]);
    const other = stripe.signedEvent('customer.created', succeeded, WEBHOOK_SECRET);
    expect(await webhook(c.platformId, other.body, other.signature)).toEqual({
      status: 200,
      body: { received: true, ignored: 'customer.created' },
    });
    const events = await producedEvents(subgraph, c.platformId);
    expect(events.filter((t) => t === 'invoicing.payment.recorded')).toHaveLength(1);
    expect(events).toContain('invoicing.invoice.paid');
  });

  it('retries a failed payment on the dunning schedule (test clock) and gives up after the last attempt', async () => {
    stripe.outcome = () => 'declined';
    const c = await collectedInvoice();
    try {
      const declined = await c.attemptIs(1, 'FAILED');
      const failedAt = Date.parse('2026-03-10T12:00:00Z');
      expect(declined.paymentCollection).toMatchObject({
        status: 'SCHEDULED',
        nextAttemptAt: new Date(failedAt + 3 * DAY_MS).toISOString(),
      });
      expect(declined.paymentCollection!.attempts[0]).toMatchObject({
        errorCode: 'insufficient_funds',
        errorMessage: 'Your card has insufficient funds.',
      });
      expect(await producedEvents(subgraph, c.platformId)).toContain('invoicing.payment.failed');

      // Not before its time; at it, attempt 2 (its own idempotency key), which fails by webhook this time.
      stripe.outcome = () => 'processing';
      clock.set(new Date(failedAt + 3 * DAY_MS - 60_000));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(intentRequests(c.invoiceId)).toHaveLength(1);
      clock.set(new Date(failedAt + 3 * DAY_MS));
      const second = await c.attemptIs(2, 'PROCESSING');
      const keys = intentRequests(c.invoiceId).map((r) => r.headers['idempotency-key']);
      expect(new Set(keys).size).toBe(2);
      const intentId = second.paymentCollection!.attempts[1].providerPaymentIntentId!;
      const failed = intentOf(intentId, {
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'expired_card',
          message: 'Your card has expired.',
        } as Stripe.PaymentIntent.LastPaymentError,
      });
      const event = stripe.signedEvent('payment_intent.payment_failed', failed, WEBHOOK_SECRET);
      expect((await webhook(c.platformId, event.body, event.signature)).status).toBe(200);
      expect((await webhook(c.platformId, event.body, event.signature)).status).toBe(200);
      const afterSecond = await c.attemptIs(2, 'FAILED');
      expect(afterSecond.paymentCollection).toMatchObject({
        status: 'SCHEDULED',
        nextAttemptAt: new Date(failedAt + 8 * DAY_MS).toISOString(),
      });
      expect(afterSecond.paymentCollection!.attempts[1]).toMatchObject({ errorCode: 'expired_card' });

      // The third attempt is the schedule's last: declined, the collection has failed; the invoice is still owed.
      stripe.outcome = () => 'declined';
      clock.set(new Date(failedAt + 8 * DAY_MS));
      const last = await c.attemptIs(3, 'FAILED');
      expect(last.paymentCollection).toMatchObject({ status: 'FAILED', nextAttemptAt: null });
      expect(last.paymentCollection!.attempts.map((a) => a.nextAttemptAt)).toEqual([
        new Date(failedAt + 3 * DAY_MS).toISOString(),
        new Date(failedAt + 8 * DAY_MS).toISOString(),
        null,
      ]);
      clock.set(new Date(failedAt + 30 * DAY_MS));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(intentRequests(c.invoiceId)).toHaveLength(3);
      expect(last).toMatchObject({ amountDue: { amount: '100' }, payments: [] });
      const events = await producedEvents(subgraph, c.platformId);
      expect(events.filter((t) => t === 'invoicing.payment.failed')).toHaveLength(3);
    } finally {
      stripe.outcome = () => 'processing';
    }
  });

  it('sends an attempt whose answer was lost again with the same idempotency key: the same PaymentIntent, one payment', async () => {
    stripe.outcome = () => 'hang';
    const c = await collectedInvoice();
    try {
      const lost = await waitFor(async () => {
        const invoice = await c.collection();
        return invoice.paymentCollection?.attempts[0]?.errorCode === 'provider_call_failed' ? invoice : undefined;
      }, 'the lost answer');
      expect(lost.paymentCollection!.attempts[0]).toMatchObject({ status: 'PENDING', providerPaymentIntentId: null });
      // Stripe did create the intent: asked again under the same key it answers the same one (the SDK's request replayed).
      stripe.outcome = () => 'succeeded';
      // (The SDK itself retries a closed connection once, under the same key.) Within the lease nothing is sent again.
      const sentBefore = intentRequests(c.invoiceId).length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(intentRequests(c.invoiceId)).toHaveLength(sentBefore);
      clock.set(new Date(Date.parse('2026-03-10T12:00:00Z') + 11 * 60_000));
      const resent = await c.attemptIs(1, 'PROCESSING');
      const calls = intentRequests(c.invoiceId);
      expect(calls.length).toBe(sentBefore + 1);
      expect(new Set(calls.map((call) => call.headers['idempotency-key'])).size).toBe(1);
      expect(calls.at(-1)!.replayed).toBe(true);
      const intents = [...stripe.intents.values()].filter((i) => i.metadata.invoiceId === c.invoiceId);
      expect(intents).toHaveLength(1);
      expect(resent.paymentCollection!.attempts).toHaveLength(1);
      expect(resent.paymentCollection!.attempts[0].providerPaymentIntentId).toBe(intents[0].id);

      // The call answered "processing" the first time: the webhook's success is the one payment.
      const event = stripe.signedEvent(
        'payment_intent.succeeded',
        intentOf(intents[0].id, { status: 'succeeded', amount_received: 10000 }),
        WEBHOOK_SECRET,
      );
      expect((await webhook(c.platformId, event.body, event.signature)).status).toBe(200);
      const after = await c.collection();
      expect(after).toMatchObject({ status: 'PAID', payments: [{ method: 'CARD', reference: intents[0].id }] });
    } finally {
      stripe.outcome = () => 'processing';
    }
  });

  it('counts a request Stripe refuses as asked (400) as a failed attempt: dunning goes on, nothing is resent as it was', async () => {
    stripe.outcome = () => 'invalid';
    const c = await collectedInvoice();
    try {
      const refused = await c.attemptIs(1, 'FAILED');
      expect(refused.paymentCollection).toMatchObject({ status: 'SCHEDULED' });
      expect(refused.paymentCollection!.attempts[0]).toMatchObject({
        providerPaymentIntentId: null,
        errorCode: 'amount_too_small',
        errorMessage: expect.stringContaining('Amount must be at least'),
      });
      const events = await producedEvents(subgraph, c.platformId);
      expect(events).toContain('invoicing.payment.failed');
    } finally {
      stripe.outcome = () => 'processing';
    }
  });

  it('stops dunning when the invoice is paid another way', async () => {
    stripe.outcome = () => 'declined';
    const c = await collectedInvoice();
    try {
      await c.attemptIs(1, 'FAILED');
      const paid = await c.send(`mutation ($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`, {
        i: { invoice: c.invoiceId, amount: '100', method: 'BANK_TRANSFER', reference: 'wire-1' },
      });
      expect(paid.errors).toBeUndefined();
      clock.set(new Date(Date.parse('2026-03-10T12:00:00Z') + 3 * DAY_MS));
      const canceled = await waitFor(async () => {
        const invoice = await c.collection();
        return invoice.paymentCollection?.status === 'CANCELED' ? invoice : undefined;
      }, 'the collection canceled');
      expect(canceled.paymentCollection!.attempts).toHaveLength(1);
      expect(intentRequests(c.invoiceId)).toHaveLength(1);
    } finally {
      stripe.outcome = () => 'processing';
    }
  });

  it('splits collections between two replicas on one database: every invoice is sent once, under one key', async () => {
    clock.set('2026-03-10T12:00:00Z');
    const second = await startSubgraphForTest(
      createInvoicingSubgraph({ issueIntervalMs: 10, retryScheduleDays: [3, 5], collectionLeaseMs: 10 * 60_000, stripeApiUrl: stripe.url }),
      { clock, databaseUrl: subgraph.databaseUrl },
    );
    try {
      const { platformId, send } = subgraph.clientForNewPlatform();
      // Issued invoices and customers' payment methods written straight into the tables: this is about the collector.
      const invoices = await subgraph.running.db.query<{ id: string }>(
        `INSERT INTO invoices (platform_id, customer_id, kind, status, number, currency, period_start, period_end, subtotal, tax, total,
                               deductions, amount_due, lines, issued_at, due_at, created_at)
         SELECT $1, gen_random_uuid(), 'SUBSCRIPTION', 'ISSUED', 'INV-' || n, 'EUR', '2026-02-01', '2026-03-01', 10, 0, 10, 0, 10, '[]',
                $2, $2, $2
           FROM generate_series(1, 24) AS n
         RETURNING id`,
        [platformId, clock.now()],
      );
      await subgraph.running.db.query(
        `INSERT INTO payment_customers (platform_id, customer_id, provider, payment_method, updated_at)
         SELECT platform_id, customer_id, 'stripe', 'pm_card_visa', $2 FROM invoices WHERE platform_id = $1`,
        [platformId, clock.now()],
      );
      expect((await send(stripeSettings, { input: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET } })).errors).toBeUndefined();
      await waitFor(async () => {
        const [row] = await subgraph.running.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM payment_attempts WHERE platform_id = $1 AND status = 'PROCESSING'`,
          [platformId],
        );
        return row.n === invoices.length;
      }, 'every invoice sent');
      for (const { id } of invoices) {
        const keys = new Set(intentRequests(id).map((r) => r.headers['idempotency-key']));
        expect(keys.size).toBe(1);
      }
      const attempts = await subgraph.running.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM payment_attempts WHERE platform_id = $1`,
        [platformId],
      );
      expect(attempts[0].n).toBe(invoices.length);
    } finally {
      await second.stop();
    }
  });
});
