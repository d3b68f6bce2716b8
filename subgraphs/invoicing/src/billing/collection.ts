import {
  AppError,
  clockOfPlatform,
  Decimal,
  forEachTimeScope,
  type Clock,
  type Logger,
  type ServiceDb,
  type TimeScope,
  type Transaction,
} from '@meterline/kit';
import {
  attemptIdempotencyKey,
  customerIdempotencyKey,
  fromMinorUnits,
  nextAttemptAt,
  toMinorUnits,
  type PaymentProvider,
  type PaymentProviderName,
  type ProviderIntent,
} from '../domain/collection';
import { OPEN_STATUSES, type InvoiceStatus } from '../domain/invoice-status';
import {
  attemptById,
  attemptByNumber,
  dueCollections,
  insertAttempt,
  lockedCollection,
  openCollections,
  paymentCustomer,
  providerSettings,
  saveProviderCustomerId,
  updateAttempt,
  updateCollection,
  type AttemptRow,
  type CollectionRow,
} from '../store/collection.repository';
import { InvoiceEntity } from '../store/invoice.entity';
import { PaymentEntity } from '../store/payment.entity';
import { lockedInvoice } from './invoice-actions';
import { openSecret } from './payment-secrets';
import { addPayment, alreadyRecorded } from './payments';
import { stripeProvider } from './stripe-provider';

/** What collection needs of the service: its database, business clock, log and options. */
export interface CollectionServices {
  db: ServiceDb;
  clock: Clock;
  log: Logger;
}

export interface CollectionOptions {
  retryScheduleDays: readonly number[];
  collectionLeaseMs: number;
  stripeApiUrl: string;
  paymentSecretsKey: string;
}

/** A platform's provider, with its secrets opened; null when it has none or it is disabled. */
export async function platformProvider(
  services: Pick<CollectionServices, 'db'>,
  options: CollectionOptions,
  platformId: string,
  provider: PaymentProviderName,
  { enabledOnly = true } = {},
): Promise<{ provider: PaymentProvider; webhookSecret: string } | null> {
  const settings = await providerSettings(services.db.ds, platformId, provider);
  if (!settings || (enabledOnly && !settings.enabled)) return null;
  return {
    provider: stripeProvider(openSecret(options.paymentSecretsKey, settings.secret_key), options.stripeApiUrl),
    webhookSecret: openSecret(options.paymentSecretsKey, settings.webhook_secret),
  };
}

/** An attempt claimed for sending: the call to make, outside any transaction. */
interface ClaimedAttempt {
  collection: CollectionRow;
  attempt: AttemptRow;
}

interface OpenInvoice {
  status: InvoiceStatus;
  amount_due: string;
  currency: string;
  number: string;
}

async function invoiceOf(tx: Transaction, platformId: string, invoiceId: string): Promise<OpenInvoice> {
  const [row] = (await tx.manager.query(
    `SELECT status, amount_due::text, currency, number FROM invoices WHERE platform_id = $1 AND id = $2`,
    [platformId, invoiceId],
  )) as OpenInvoice[];
  return { ...row, currency: row.currency.trim() };
}

/**
 * Takes due collections (SKIP LOCKED: replicas split them) and turns each into an attempt to send: a new attempt of what
 * is due now, or — its lease run out with no answer recorded (a crash, a timeout) — the same attempt again, which the
 * provider's idempotency key makes the same payment intent. An invoice settled meanwhile (another payment, a credit
 * note, void) or a customer without a payment method any more ends the collection (CANCELED): dunning stops.
 */
async function claimAttempts(services: CollectionServices, options: CollectionOptions, perRound: number): Promise<ClaimedAttempt[]> {
  const claimed: ClaimedAttempt[] = [];
  await forEachTimeScope(services.clock, async (scope) => {
    const inScope = await claimAttemptsIn(services, options, scope, perRound);
    claimed.push(...inScope);
    return inScope.length;
  });
  return claimed;
}

/** claimAttempts over the platforms of one TimeScope (dunning retries of a sandbox fall due at its own time). */
async function claimAttemptsIn(
  services: CollectionServices,
  options: CollectionOptions,
  scope: TimeScope,
  perRound: number,
): Promise<ClaimedAttempt[]> {
  const now = scope.now;
  return services.db.transact(async (tx) => {
    const claimed: ClaimedAttempt[] = [];
    for (const collection of await dueCollections(tx.manager, scope, perRound)) {
      const invoice = await invoiceOf(tx, collection.platform_id, collection.invoice_id);
      const customer = await paymentCustomer(tx.manager, collection.platform_id, collection.customer_id);
      const settled = !OPEN_STATUSES.includes(invoice.status) || new Decimal(invoice.amount_due).lte(0);
      if (settled || !customer || customer.provider !== collection.provider) {
        await updateCollection(tx.manager, { ...collection, status: 'CANCELED', next_attempt_at: null, lease_until: null }, now);
        continue;
      }
      const lease_until = new Date(now.getTime() + options.collectionLeaseMs);
      const inFlight = collection.status === 'PROCESSING' ? await attemptByNumber(tx.manager, collection.id, collection.attempts) : null;
      const attempt =
        inFlight ??
        (await insertAttempt(
          tx.manager,
          {
            platform_id: collection.platform_id,
            collection_id: collection.id,
            invoice_id: collection.invoice_id,
            number: collection.attempts + 1,
            amount: invoice.amount_due,
            currency: invoice.currency,
            idempotency_key: attemptIdempotencyKey(collection.id, collection.attempts + 1),
          },
          now,
        ));
      const claimedCollection: CollectionRow = {
        ...collection,
        status: 'PROCESSING',
        attempts: attempt.number,
        next_attempt_at: null,
        lease_until,
      };
      await updateCollection(tx.manager, claimedCollection, now);
      claimed.push({ collection: claimedCollection, attempt });
    }
    return claimed;
  });
}

/**
 * Sends one claimed attempt — the provider's customer first if the customer has none yet — and records what the
 * provider answered. Nothing here runs inside a transaction while the provider is called. When the provider cannot be
 * reached the attempt stays PENDING with the error; its lease runs out and a later round sends it again (same key).
 */
async function sendAttempt(services: CollectionServices, options: CollectionOptions, claimed: ClaimedAttempt): Promise<void> {
  const { collection, attempt } = claimed;
  const platformId = collection.platform_id;
  try {
    const found = await platformProvider(services, options, platformId, collection.provider);
    const customer = await paymentCustomer(services.db.ds, platformId, collection.customer_id);
    if (!found || !customer) throw new Error('The provider was disabled or the payment method removed while the attempt was in flight');
    let providerCustomerId = customer.provider_customer_id;
    if (!providerCustomerId) {
      const created = await found.provider.createCustomer({
        idempotencyKey: customerIdempotencyKey(platformId, collection.customer_id),
        metadata: { platformId, customerId: collection.customer_id },
      });
      await saveProviderCustomerId(services.db.ds, platformId, collection.customer_id, created.id);
      providerCustomerId = (await paymentCustomer(services.db.ds, platformId, collection.customer_id))?.provider_customer_id ?? created.id;
    }
    const intent = await found.provider.createPaymentIntent({
      amountMinor: toMinorUnits(new Decimal(attempt.amount), attempt.currency),
      currency: attempt.currency,
      customer: providerCustomerId,
      paymentMethod: customer.payment_method,
      idempotencyKey: attempt.idempotency_key,
      metadata: { platformId, invoiceId: attempt.invoice_id, attempt: String(attempt.number) },
    });
    await services.db.transact((tx) =>
      recordIntentOutcome(tx, services.clock, options, platformId, attempt.id, intent, { providerCustomerId }),
    );
  } catch (error) {
    services.log.warn(
      { err: error, platformId, attemptId: attempt.id },
      'payment collection: the provider call failed; it is sent again later',
    );
    const message = error instanceof Error ? error.message : String(error);
    await updateAttempt(
      services.db.ds,
      attempt.id,
      { error_code: 'provider_call_failed', error_message: message.slice(0, 500) },
      services.clock.now(platformId),
    );
  }
}

/**
 * One round of the collector: opens collections for newly payable invoices, claims what is due, sends each attempt.
 * Returns how many attempts were sent (the polling worker runs again at once while there is work).
 */
export async function collectPayments(services: CollectionServices, options: CollectionOptions, perRound = 50): Promise<number> {
  await forEachTimeScope(services.clock, (scope) => services.db.transact((tx) => openCollections(tx.manager, scope, perRound)));
  const claimed = await claimAttempts(services, options, perRound);
  for (const attempt of claimed) await sendAttempt(services, options, attempt);
  return claimed.length;
}

/**
 * Records what became of an attempt's payment intent, from the provider's answer or its webhook, idempotently: an
 * outcome already recorded changes nothing. Succeeded: a payment through the recordPayment path (method CARD, reference
 * the intent id, so the same intent is never two payments) and the collection SUCCEEDED. Processing: the attempt waits
 * for the webhook (no lease: nothing is sent again). Failed: the next attempt per the dunning schedule, or the collection
 * FAILED once it is spent; `invoicing.payment.failed` leaves with the same transaction.
 */
export async function recordIntentOutcome(
  tx: Transaction,
  clock: Clock,
  options: Pick<CollectionOptions, 'retryScheduleDays'>,
  platformId: string,
  attemptId: string,
  intent: ProviderIntent,
  extra: { providerCustomerId?: string } = {},
): Promise<void> {
  const now = clock.now(platformId);
  const first = await attemptById(tx.manager, platformId, attemptId);
  if (!first) return;
  // The invoice's lock first (as payments take it), then the collection's: one order for every writer.
  const invoice = await lockedInvoice(tx, { platformId }, first.invoice_id);
  const collection = await lockedCollection(tx.manager, platformId, first.collection_id);
  const attempt = await attemptById(tx.manager, platformId, attemptId);
  if (!collection || !attempt || attempt.status === 'SUCCEEDED') return;
  if (attempt.status === 'FAILED' && intent.status !== 'succeeded') return;
  const ids = { provider_intent_id: intent.id, ...(extra.providerCustomerId ? { provider_customer_id: extra.providerCustomerId } : {}) };

  if (intent.status === 'processing') {
    if (attempt.status === 'PENDING') {
      await updateAttempt(tx.manager, attempt.id, { ...ids, status: 'PROCESSING', error_code: null, error_message: null }, now);
      await updateCollection(tx.manager, { ...collection, lease_until: null }, now);
    }
    return;
  }

  if (intent.status === 'succeeded') {
    const payment = await paymentFor(tx, clock, platformId, invoice, intent);
    await updateAttempt(
      tx.manager,
      attempt.id,
      {
        ...ids,
        status: 'SUCCEEDED',
        payment_id: payment.id,
        error_code: payment.errorCode,
        error_message: payment.errorMessage,
        next_attempt_at: null,
      },
      now,
    );
    await updateCollection(tx.manager, { ...collection, status: 'SUCCEEDED', next_attempt_at: null, lease_until: null }, now);
    return;
  }

  const next = nextAttemptAt(now, attempt.number, options.retryScheduleDays);
  await updateAttempt(
    tx.manager,
    attempt.id,
    { ...ids, status: 'FAILED', error_code: intent.errorCode, error_message: intent.errorMessage, next_attempt_at: next },
    now,
  );
  // Only the collection's latest attempt schedules: a late failure of an earlier one does not move the schedule.
  if (attempt.number === collection.attempts && collection.status === 'PROCESSING')
    await updateCollection(
      tx.manager,
      { ...collection, status: next ? 'SCHEDULED' : 'FAILED', next_attempt_at: next, lease_until: null },
      now,
    );
  await tx.emit('invoicing.payment.failed', platformId, {
    id: attempt.id,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number!,
    customerId: invoice.customerId,
    currency: attempt.currency.trim(),
    amount: new Decimal(attempt.amount).toFixed(),
    attempt: attempt.number,
    provider: collection.provider,
    providerPaymentIntentId: intent.id,
    errorCode: intent.errorCode,
    errorMessage: intent.errorMessage,
    failedAt: now.toISOString(),
    nextAttemptAt: next?.toISOString() ?? null,
  });
}

/**
 * The payment a succeeded intent makes: the amount the provider received, against the locked invoice, under the
 * intent's id. An invoice that can no longer take it (settled another way meanwhile, voided) records no payment: the
 * attempt says why, for a refund in the provider's dashboard.
 */
async function paymentFor(
  tx: Transaction,
  clock: Clock,
  platformId: string,
  invoice: InvoiceEntity,
  intent: ProviderIntent,
): Promise<{ id: string | null; errorCode: string | null; errorMessage: string | null }> {
  const amount = fromMinorUnits(intent.amountMinor, invoice.currency);
  const reference = intent.id!; // a succeeded intent always has its id
  const input = { amount, method: 'CARD' as const, reference };
  const first = await alreadyRecorded(tx, PaymentEntity, { platformId, invoiceId: invoice.id }, input);
  if (first) return { id: first.id, errorCode: null, errorMessage: null };
  try {
    const saved = await addPayment(tx, { platformId, clock: clockOfPlatform(clock, platformId) }, invoice, {
      amount,
      paidAt: clock.now(platformId),
      method: 'CARD',
      reference,
    });
    return { id: saved.id, errorCode: null, errorMessage: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      id: null,
      errorCode: 'not_applied',
      errorMessage: `Received ${amount.toFixed()} ${invoice.currency} not applied: ${error.message}`,
    };
  }
}
