import type { EventPayloads, EventType } from '@meterline/contracts';

/**
 * The webhook event types a platform can subscribe to, and the internal event each comes from. The public payload
 * (`data`) is a documented shape picked field by field from the internal event, never the envelope verbatim: ids,
 * references, amounts as decimal strings, instants in RFC 3339 UTC.
 *
 * Adding a webhook type is one entry in WEBHOOK_SOURCES (the internal event, its public name, a description and the
 * mapping of its data): the service consumes the stream of every producer listed here, with a handler per source.
 */
export interface WebhookSource<T extends EventType> {
  /** Public name, e.g. `invoice.issued`. */
  type: string;
  description: string;
  data: (payload: EventPayloads[T], occurredAt: string) => Record<string, unknown>;
}

type WebhookSources = { [T in EventType]?: WebhookSource<T> };

type InvoiceSummary = Pick<
  EventPayloads['invoicing.invoice.paid'],
  'id' | 'number' | 'customerId' | 'subscriptionId' | 'currency' | 'total' | 'amountDue'
>;
const invoiceFields = (p: InvoiceSummary) => ({
  id: p.id,
  number: p.number,
  customerId: p.customerId,
  subscriptionId: p.subscriptionId,
  currency: p.currency,
  total: p.total,
  amountDue: p.amountDue,
});

type CustomerPayload = EventPayloads['subscriptions.customer.created'] | EventPayloads['subscriptions.customer.updated'];
const customerData = (p: CustomerPayload) => ({
  id: p.id,
  reference: p.reference,
  name: p.name,
  currency: p.currency,
  email: p.email ?? null,
  country: p.country ?? null,
  taxRate: p.taxRate ?? null,
  archived: p.archived ?? false,
});

type SubscriptionPayload = EventPayloads['subscriptions.subscription.activated'];
/** The phase in force at `at` (else the last one started before it, else the first). */
function phaseAt(phases: SubscriptionPayload['phases'], at: string) {
  const t = Date.parse(at);
  const started = phases.filter((p) => Date.parse(p.startsAt) <= t);
  return started.find((p) => p.endsAt === null || Date.parse(p.endsAt) > t) ?? started.at(-1) ?? phases[0];
}
const subscriptionData = (p: SubscriptionPayload, occurredAt: string) => {
  const phase = phaseAt(p.phases, occurredAt);
  return {
    id: p.id,
    status: p.status,
    customerId: p.customer.id,
    customerReference: p.customer.reference,
    billingPeriod: p.billingPeriod,
    startAt: p.startAt,
    endAt: p.endAt,
    trialEnd: p.trialEnd,
    planVersionId: phase.planVersionId,
    seats: phase.seats,
  };
};

export const WEBHOOK_SOURCES: WebhookSources = {
  'invoicing.invoice.created': {
    type: 'invoice.created',
    description: 'A draft invoice was opened for a billing period (or a correction); its amounts follow usage until it is issued',
    data: (p) => ({
      id: p.id,
      kind: p.kind,
      customerId: p.customerId,
      subscriptionId: p.subscriptionId,
      currency: p.currency,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      issuesAt: p.issuesAt,
      total: p.total,
      createdAt: p.createdAt,
    }),
  },
  'invoicing.invoice.issued': {
    type: 'invoice.issued',
    description: 'An invoice was finalized: numbered, immutable, due',
    data: (p) => ({
      ...invoiceFields(p),
      kind: p.kind,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      subtotal: p.subtotal,
      deductions: p.deductions,
      tax: p.tax,
      issuedAt: p.issuedAt,
    }),
  },
  'invoicing.invoice.paid': {
    type: 'invoice.paid',
    description: 'An invoice was settled by payments or a credit note',
    data: (p) => ({ ...invoiceFields(p), paidAt: p.paidAt }),
  },
  'invoicing.invoice.overdue': {
    type: 'invoice.overdue',
    description: 'An issued invoice passed its due date with something still due',
    data: (p) => ({ ...invoiceFields(p), amountPaid: p.amountPaid, issuedAt: p.issuedAt, dueAt: p.dueAt }),
  },
  'invoicing.invoice.voided': {
    type: 'invoice.voided',
    description: 'An invoice was voided',
    data: (p) => ({ ...invoiceFields(p), reason: p.reason, voidedAt: p.voidedAt }),
  },
  'invoicing.credit_note.created': {
    type: 'credit_note.created',
    description: 'A credit note was created on an issued invoice',
    data: (p) => ({
      id: p.id,
      number: p.number,
      invoiceId: p.invoiceId,
      invoiceNumber: p.invoiceNumber,
      customerId: p.customerId,
      currency: p.currency,
      reason: p.reason,
      subtotal: p.subtotal,
      tax: p.tax,
      total: p.total,
      createdAt: p.createdAt,
    }),
  },
  'invoicing.payment.recorded': {
    type: 'payment.succeeded',
    description: 'A payment was recorded against an invoice',
    data: (p) => ({
      id: p.id,
      invoiceId: p.invoiceId,
      invoiceNumber: p.invoiceNumber,
      customerId: p.customerId,
      currency: p.currency,
      amount: p.amount,
      method: p.method,
      reference: p.reference,
      paidAt: p.paidAt,
      invoiceStatus: p.invoiceStatus,
      invoiceAmountDue: p.invoiceAmountDue,
    }),
  },
  'invoicing.payment.failed': {
    type: 'payment.failed',
    description: 'A payment attempt through the payment provider failed (retried on the dunning schedule unless nextAttemptAt is null)',
    data: (p) => ({
      id: p.id,
      invoiceId: p.invoiceId,
      invoiceNumber: p.invoiceNumber,
      customerId: p.customerId,
      currency: p.currency,
      amount: p.amount,
      attempt: p.attempt,
      provider: p.provider,
      providerPaymentIntentId: p.providerPaymentIntentId,
      errorCode: p.errorCode,
      errorMessage: p.errorMessage,
      failedAt: p.failedAt,
      nextAttemptAt: p.nextAttemptAt,
    }),
  },
  'invoicing.alert.triggered': {
    type: 'alert.triggered',
    description: "A customer's usage or spend reached an alert threshold (once per threshold per billing period)",
    data: (p) => ({
      id: p.triggerId,
      alertId: p.alertId,
      alertName: p.alertName,
      kind: p.kind,
      customerId: p.customerId,
      customerReference: p.customerReference,
      subscriptionId: p.subscriptionId,
      metric: p.metric,
      currency: p.currency,
      threshold: p.threshold,
      thresholdLabel: p.thresholdLabel,
      value: p.value,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      triggeredAt: p.triggeredAt,
    }),
  },
  'invoicing.refund.recorded': {
    type: 'refund.succeeded',
    description: 'A refund was recorded against a credit note',
    data: (p) => ({
      id: p.id,
      creditNoteId: p.creditNoteId,
      creditNoteNumber: p.creditNoteNumber,
      invoiceId: p.invoiceId,
      customerId: p.customerId,
      currency: p.currency,
      amount: p.amount,
      method: p.method,
      reference: p.reference,
      refundedAt: p.refundedAt,
    }),
  },
  'subscriptions.customer.created': { type: 'customer.created', description: 'A customer was created', data: customerData },
  'subscriptions.customer.updated': {
    type: 'customer.updated',
    description: "A customer's details changed or it was archived",
    data: customerData,
  },
  'subscriptions.subscription.activated': {
    type: 'subscription.activated',
    description: 'A subscription became active',
    data: subscriptionData,
  },
  'subscriptions.subscription.changed': {
    type: 'subscription.changed',
    description: 'A subscription changed: plan, seats, prices or dates',
    data: subscriptionData,
  },
  'subscriptions.subscription.canceled': {
    type: 'subscription.canceled',
    description: 'A subscription was canceled; it ends at endAt',
    data: subscriptionData,
  },
  'subscriptions.subscription.ended': { type: 'subscription.ended', description: 'A subscription ended', data: subscriptionData },
};

/** Sent only by `sendTestWebhook`, to the one endpoint it names, whatever its event types. */
export const TEST_WEBHOOK_TYPE = 'webhook.test';

export interface WebhookEventTypeInfo {
  type: string;
  description: string;
  /** The internal event it comes from (null: the test event). */
  source: string | null;
}

/** The catalogue clients choose from (in the order of WEBHOOK_SOURCES), then the test event. */
export function webhookEventTypes(): WebhookEventTypeInfo[] {
  return [
    ...Object.entries(WEBHOOK_SOURCES).map(([source, s]) => ({ type: s!.type, description: s!.description, source })),
    { type: TEST_WEBHOOK_TYPE, description: 'A test message sent with sendTestWebhook, to that endpoint only', source: null },
  ];
}

/** The subgraphs whose streams the webhooks come from (the part of each source event type before its first dot). */
export function sourceProducers(): string[] {
  return [...new Set(Object.keys(WEBHOOK_SOURCES).map((type) => type.split('.')[0]))];
}

export function sourceEventTypes(producer: string): EventType[] {
  return (Object.keys(WEBHOOK_SOURCES) as EventType[]).filter((t) => t.startsWith(`${producer}.`));
}

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The body sent for an internal event, or null when no webhook type comes from it. `timestamp` is when the event
 * happened (its envelope's occurredAt, UTC), the same on every retry.
 */
export function webhookBodyFor(event: { type: string; occurredAt: string; data: unknown }): WebhookBody | null {
  const source = (WEBHOOK_SOURCES as Record<string, WebhookSource<EventType> | undefined>)[event.type];
  if (!source) return null;
  return {
    type: source.type,
    timestamp: new Date(event.occurredAt).toISOString(),
    data: source.data(event.data as never, event.occurredAt),
  };
}
