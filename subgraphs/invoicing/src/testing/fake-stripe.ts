import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local stand-in for the two Stripe endpoints Meterline calls (tests only: Stripe is not reachable from these
 * machines): POST /v1/customers and POST /v1/payment_intents, form-encoded as the SDK sends them, with Stripe's
 * idempotency rule (the same Idempotency-Key with the same parameters answers the first response again; with other
 * parameters, 400 idempotency_error). It records every request so tests can check headers and bodies, and signs
 * webhook events with the SDK as Stripe would.
 */

export type FakeOutcome = 'succeeded' | 'processing' | 'declined' | 'invalid' | 'hang';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The form body, brackets unfolded one level (metadata[invoiceId] → metadata.invoiceId). */
  form: Record<string, string | Record<string, string>>;
  replayed: boolean;
}

type Form = RecordedRequest['form'];

function parseForm(body: string): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const nested = /^([^[]+)\[([^\]]+)\]$/.exec(key);
    if (nested) {
      const inner = (form[nested[1]] ??= {}) as Record<string, string>;
      inner[nested[2]] = value;
    } else form[key] = value;
  }
  return form;
}

export interface FakeStripe {
  url: string;
  requests: RecordedRequest[];
  /** Payment intents created, by id, as the fake holds them. */
  intents: Map<string, Stripe.PaymentIntent>;
  /**
   * What a new PaymentIntent does, per request (default: processing, so the outcome comes by webhook); `hang` creates it
   * and cuts the connection before answering, also when asked again under its key, until the outcome changes.
   */
  outcome: (form: Form) => FakeOutcome;
  /** A webhook body and its Stripe-Signature header, signed with the SDK for `secret`. */
  signedEvent(
    type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | string,
    intent: Stripe.PaymentIntent,
    secret: string,
  ): { body: string; signature: string; eventId: string };
  stop(): Promise<void>;
}

const sdk = new Stripe('sk_test_fake_for_signing_only');

export async function startFakeStripe(secretKey: string): Promise<FakeStripe> {
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}_fake${String(++sequence).padStart(8, '0')}`;
  const answers = new Map<string, { body: string; status: number; json: string }>();
  const fake: FakeStripe = {
    url: '',
    requests: [],
    intents: new Map(),
    outcome: () => 'processing',
    signedEvent(type, intent, secret) {
      const eventId = nextId('evt');
      const body = JSON.stringify({
        id: eventId,
        object: 'event',
        api_version: '2025-01-01',
        created: Math.floor(Date.now() / 1000),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: intent },
      });
      return { body, signature: sdk.webhooks.generateTestHeaderString({ payload: body, secret }), eventId };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function intentFor(form: Form, status: Stripe.PaymentIntent.Status, declined: boolean): Stripe.PaymentIntent {
    const amount = Number(form.amount);
    return {
      id: nextId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: status === 'succeeded' ? amount : 0,
      currency: String(form.currency),
      customer: String(form.customer),
      payment_method: String(form.payment_method),
      status,
      metadata: (form.metadata ?? {}) as Record<string, string>,
      last_payment_error: declined
        ? ({
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'insufficient_funds',
            message: 'Your card has insufficient funds.',
          } as Stripe.PaymentIntent.LastPaymentError)
        : null,
    } as unknown as Stripe.PaymentIntent;
  }

  function handle(path: string, form: Form): { status: number; json: unknown; hang?: boolean } {
    if (path === '/v1/customers') return { status: 200, json: { id: nextId('cus'), object: 'customer', metadata: form.metadata ?? {} } };
    if (path === '/v1/payment_intents') {
      const outcome = fake.outcome(form);
      if (outcome === 'invalid')
        return {
          status: 400,
          json: {
            error: {
              type: 'invalid_request_error',
              code: 'amount_too_small',
              param: 'amount',
              message: 'Amount must be at least €0.50 eur',
            },
          },
        };
      if (outcome === 'declined') {
        const intent = intentFor(form, 'requires_payment_method', true);
        fake.intents.set(intent.id, intent);
        return {
          status: 402,
          json: {
            error: {
              type: 'card_error',
              code: 'card_declined',
              decline_code: 'insufficient_funds',
              message: 'Your card has insufficient funds.',
              payment_intent: intent,
            },
          },
        };
      }
      const intent = intentFor(form, outcome === 'succeeded' ? 'succeeded' : 'processing', false);
      fake.intents.set(intent.id, intent);
      return { status: 200, json: intent, hang: outcome === 'hang' };
    }
    return { status: 404, json: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (POST: ${path})` } } };
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const form = parseForm(body);
      const path = (req.url ?? '').split('?')[0];
      const key = req.headers['idempotency-key'];
      const first = typeof key === 'string' ? answers.get(`${path} ${key}`) : undefined;
      fake.requests.push({ method: req.method ?? '', path, headers: req.headers, form, replayed: Boolean(first && first.body === body) });
      const send = (status: number, json: string, replayed = false) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          'request-id': nextId('req'),
          ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
        });
        res.end(json);
      };
      if (req.method !== 'POST') return send(405, JSON.stringify({ error: { message: 'POST only' } }));
      if (req.headers.authorization !== `Bearer ${secretKey}`)
        return send(401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }));
      if (first) {
        if (first.body !== body)
          return send(
            400,
            JSON.stringify({
              error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' },
            }),
          );
        // Still cut off: the SDK's own retry of a closed connection (same key) gets no answer either.
        if (path === '/v1/payment_intents' && fake.outcome(form) === 'hang') return req.socket.destroy();
        return send(first.status, first.json, true);
      }
      const answer = handle(path, form);
      const json = JSON.stringify(answer.json);
      if (typeof key === 'string') answers.set(`${path} ${key}`, { body, status: answer.status, json });
      // A call that reached Stripe and was done, whose answer never came back (a crash or a cut connection).
      if (answer.hang) return req.socket.destroy();
      send(answer.status, json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
