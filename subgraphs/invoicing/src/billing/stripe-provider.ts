import Stripe from 'stripe';
import {
  WebhookSignatureError,
  type IntentRequest,
  type IntentStatus,
  type PaymentProvider,
  type ProviderCustomer,
  type ProviderEvent,
  type ProviderIntent,
} from '../domain/collection';

/** HTTP statuses of a Stripe answer that refuse the request itself (not the transport, the key or the rate). */
const REFUSALS = new Set([400, 402, 404]);

/** How long a Stripe call may take before it counts as unanswered (the attempt is sent again later, same key). */
const STRIPE_TIMEOUT_MS = 20_000;

/** The SDK's options for a base URL: host, port and protocol, so tests point it at a local HTTP server. */
function connectionOf(apiUrl: string): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

/** Reads an integer minor-unit amount the SDK gives as a number (whole, within 2^53: no fraction ever appears). */
function minorOf(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`Stripe answered an amount that is not a whole count: ${amount}`);
  return String(amount);
}

function statusOf(intent: Stripe.PaymentIntent): IntentStatus {
  switch (intent.status) {
    case 'succeeded':
      return 'succeeded';
    case 'processing':
      return 'processing';
    default:
      // requires_payment_method (declined), requires_action (3-D Secure: nobody is there off-session), canceled, …
      return 'failed';
  }
}

function intentOf(intent: Stripe.PaymentIntent): ProviderIntent {
  const status = statusOf(intent);
  const error = intent.last_payment_error;
  return {
    id: intent.id,
    status,
    amountMinor: minorOf(status === 'succeeded' ? intent.amount_received : intent.amount),
    currency: intent.currency.toUpperCase(),
    errorCode: status === 'failed' ? (error?.decline_code ?? error?.code ?? intent.status) : null,
    errorMessage: status === 'failed' ? (error?.message ?? `The payment intent is ${intent.status}`) : null,
  };
}

/**
 * The Stripe adapter of the payment provider port, with the `stripe` SDK: customers and off-session PaymentIntents
 * (confirm: true) under idempotency keys, and webhook events verified with `stripe.webhooks.constructEvent`.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(secretKey: string, apiUrl: string) {
    this.stripe = new Stripe(secretKey, {
      ...connectionOf(apiUrl),
      // Retries are ours (the same idempotency key on a later round), not the SDK's within one call.
      maxNetworkRetries: 0,
      timeout: STRIPE_TIMEOUT_MS,
      appInfo: { name: 'Meterline' },
    });
  }

  async createCustomer(request: {
    idempotencyKey: string;
    metadata: { platformId: string; customerId: string };
    name?: string;
  }): Promise<ProviderCustomer> {
    const customer = await this.stripe.customers.create(
      { metadata: request.metadata, ...(request.name ? { name: request.name } : {}) },
      { idempotencyKey: request.idempotencyKey },
    );
    return { id: customer.id };
  }

  async createPaymentIntent(request: IntentRequest): Promise<ProviderIntent> {
    const amount = Number(request.amountMinor);
    if (!Number.isSafeInteger(amount)) throw new RangeError(`${request.amountMinor} minor units is beyond what Stripe takes`);
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount,
          currency: request.currency.toLowerCase(),
          customer: request.customer,
          payment_method: request.paymentMethod,
          confirm: true,
          off_session: true,
          metadata: request.metadata,
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return intentOf(intent);
    } catch (error) {
      // A declined card answers 402 with the failed intent in the error: a failed attempt, not a transport failure.
      if (error instanceof Stripe.errors.StripeCardError && error.payment_intent) {
        const failed = intentOf(error.payment_intent);
        return {
          ...failed,
          status: 'failed',
          errorCode: error.decline_code ?? error.code ?? failed.errorCode,
          errorMessage: failed.errorMessage ?? error.message,
        };
      }
      // Refused as asked (invalid parameters, a payment method Stripe does not know): sending it again cannot help, the
      // attempt has failed. Authentication, rate limits, conflicts and server errors are thrown: sent again later.
      if (error instanceof Stripe.errors.StripeError && REFUSALS.has(error.statusCode ?? 0)) {
        return {
          id: error.payment_intent?.id ?? null,
          status: 'failed',
          amountMinor: request.amountMinor,
          currency: request.currency,
          errorCode: error.code ?? error.type,
          errorMessage: error.message,
        };
      }
      throw error;
    }
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string, signingSecret: string): ProviderEvent {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, signingSecret);
    } catch (error) {
      throw new WebhookSignatureError(error instanceof Error ? error.message : String(error));
    }
    if (event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed') {
      const intent = event.data.object;
      const read = intentOf(intent);
      return {
        kind: event.type === 'payment_intent.succeeded' ? 'succeeded' : 'failed',
        eventId: event.id,
        intent: event.type === 'payment_intent.succeeded' ? { ...read, status: 'succeeded' } : { ...read, status: 'failed' },
        metadata: intent.metadata ?? {},
      };
    }
    return { kind: 'ignored', eventId: event.id, type: event.type };
  }
}

/** Clients by (secret key, API URL): the SDK keeps its own connection pool, one per key is enough. */
const clients = new Map<string, StripePaymentProvider>();

export function stripeProvider(secretKey: string, apiUrl: string): StripePaymentProvider {
  const key = `${apiUrl}\n${secretKey}`;
  let client = clients.get(key);
  if (!client) {
    client = new StripePaymentProvider(secretKey, apiUrl);
    clients.set(key, client);
  }
  return client;
}
