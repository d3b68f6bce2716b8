import { randomUUID } from 'node:crypto';
import { Decimal, eventContracts, newEvent, type Clock, type EventEnvelope } from '@meterline/kit';
import { waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';

/** Publishes an event as its producer would (the inbox validates it against the contract). */
export async function publish(subgraph: SubgraphUnderTest, producer: string, event: EventEnvelope, msgID = event.id): Promise<void> {
  const { bus } = subgraph.running;
  await bus.ensureStream(producer);
  await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID });
}

export interface PriceFixture {
  name: string;
  chargeType: 'USAGE' | 'RECURRING' | 'SEAT' | 'ONE_OFF';
  price: Record<string, unknown>;
  metric?: string;
  recurringTiming?: 'IN_ADVANCE' | 'IN_ARREARS';
  deduction?: boolean;
}

/** catalog.plan_version.activated with the given prices in line order; returns the version and its item ids by name. */
export function planVersionActivated(platformId: string, clock: Clock, prices: PriceFixture[], minimumCommitment: string | null = null) {
  const id = randomUUID();
  const items = new Map(prices.map((p) => [p.name, randomUUID()]));
  const event = newEvent(
    'catalog.plan_version.activated',
    platformId,
    {
      id,
      planId: randomUUID(),
      planReference: 'pro',
      planName: 'Pro',
      version: 1,
      status: 'ACTIVE',
      currency: 'EUR',
      billingPeriod: 'MONTH',
      minimumCommitment,
      activatedAt: clock.now().toISOString(),
      prices: prices.map((p, position) => ({
        id: randomUUID(),
        position,
        productItemId: items.get(p.name)!,
        productItemReference: p.name.toLowerCase().replace(/\W+/g, '-'),
        productItemName: p.name,
        productId: randomUUID(),
        productReference: 'api',
        productStatus: 'ACTIVE',
        chargeType: p.chargeType,
        meterReference: p.metric ? 'meter' : null,
        metricReference: p.metric ?? null,
        deduction: p.deduction ?? false,
        unitLabel: null,
        recurringTiming: p.chargeType === 'RECURRING' || p.chargeType === 'SEAT' ? (p.recurringTiming ?? 'IN_ADVANCE') : null,
        price: p.price,
      })),
      entitlements: [],
    },
    clock,
  );
  return { id, items, event };
}

export function customerCreated(platformId: string, clock: Clock, taxRate: string | null, email: string | null = null) {
  const id = randomUUID();
  return {
    id,
    event: newEvent(
      'subscriptions.customer.created',
      platformId,
      { id, reference: `c-${id.slice(0, 8)}`, name: 'Acme', currency: 'EUR', email, country: 'NL', taxRate, archived: false },
      clock,
    ),
  };
}

export interface PhaseFixture {
  startsAt: string;
  endsAt: string | null;
  planVersionId: string;
  seats: number;
  overrides?: Record<string, Record<string, unknown>>;
}

/** `subscriptions.subscription.activated` of a subscription on one plan version from `startAt` on: one seat, no tax. */
export function activatedOnOneVersion(
  platformId: string,
  clock: Clock,
  s: { id: string; customerId: string; versionId: string; startAt: string },
) {
  return subscriptionEvent('activated', platformId, clock, {
    id: s.id,
    customerId: s.customerId,
    taxRate: null,
    startAt: s.startAt,
    phases: [{ startsAt: s.startAt, endsAt: null, planVersionId: s.versionId, seats: 1 }],
  });
}

/**
 * A plan version with `prices`, a customer (no tax) and its subscription on that version from `startAt`, published as
 * their producers would, in that order.
 */
export async function publishSubscribedCustomer(
  subgraph: SubgraphUnderTest,
  platformId: string,
  clock: Clock,
  prices: PriceFixture[],
  startAt: string,
  subscriptionId: string = randomUUID(),
  email: string | null = null,
) {
  const version = planVersionActivated(platformId, clock, prices);
  const customer = customerCreated(platformId, clock, null, email);
  await publish(subgraph, 'catalog', version.event);
  await publish(subgraph, 'subscriptions', customer.event);
  await publish(
    subgraph,
    'subscriptions',
    activatedOnOneVersion(platformId, clock, { id: subscriptionId, customerId: customer.id, versionId: version.id, startAt }),
  );
  return { version, customer, subscriptionId };
}

export function subscriptionEvent(
  type: 'activated' | 'changed' | 'canceled' | 'ended',
  platformId: string,
  clock: Clock,
  s: {
    id: string;
    customerId: string;
    taxRate: string | null;
    startAt: string;
    endAt?: string | null;
    status?: string;
    phases: PhaseFixture[];
  },
) {
  return newEvent(
    `subscriptions.subscription.${type}`,
    platformId,
    {
      id: s.id,
      status: s.status ?? 'ACTIVE',
      customer: { id: s.customerId, reference: `c-${s.customerId.slice(0, 8)}`, currency: 'EUR', taxRate: s.taxRate },
      billingPeriod: 'MONTH',
      anchor: s.startAt,
      startAt: s.startAt,
      endAt: s.endAt ?? null,
      trialEnd: null,
      phases: s.phases.map((p) => ({ ...p, overrides: p.overrides ?? {} })),
    },
    clock,
  );
}

/**
 * metering.usage.recorded (v2) for SUM usage given per metric and instant: `count` events at `hour` (any instant),
 * sharing `sum` evenly; `subscriptionId` names a subscription.
 */
export function usageRecorded(
  platformId: string,
  clock: Clock,
  customerId: string,
  deltas: Array<{
    metric: string;
    hour: string;
    sum: string;
    count: number;
    dimensions?: Record<string, string | null>;
    subscriptionId?: string;
  }>,
) {
  return newEvent(
    'metering.usage.recorded',
    platformId,
    {
      items: deltas.flatMap((d) =>
        Array.from({ length: d.count }, () => ({
          eventId: randomUUID(),
          customerId,
          subscriptionId: d.subscriptionId ?? null,
          meterId: '00000000-0000-4000-8000-000000000001',
          metric: d.metric,
          aggregation: 'SUM',
          at: new Date(d.hour).toISOString(),
          dimensions: d.dimensions ?? {},
          state: { count: 1, sum: new Decimal(d.sum).dividedBy(d.count).toFixed() },
        })),
      ),
    },
    clock,
  );
}

export const INVOICE_FIELDS = `
  id number kind status currency periodStart periodEnd dueAt issuesAt issuedAt voidReason
  customer { id } subscription { id }
  lines { id kind description quantity deduction amount { amount } credited { amount } productItem { id } breakdown { label quantity amount } }
  subtotal { amount } tax { amount } total { amount } deductions { amount } amountDue { amount } credited { amount }
`;

export interface InvoiceView {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  dueAt: string | null;
  issuesAt: string | null;
  issuedAt: string | null;
  voidReason: string | null;
  subscription: { id: string } | null;
  lines: Array<{
    id: string;
    kind: string;
    description: string;
    quantity: string | null;
    deduction: boolean;
    amount: { amount: string };
    credited: { amount: string };
    productItem: { id: string } | null;
    breakdown: Array<{ label: string; quantity: string | null; amount: string }>;
  }>;
  subtotal: { amount: string };
  tax: { amount: string };
  total: { amount: string };
  deductions: { amount: string };
  amountDue: { amount: string };
  credited: { amount: string };
}

/** The types of the events a platform's changes put in the outbox, in order; each checked against its contract first. */
export async function producedEvents(subgraph: SubgraphUnderTest, platformId: string): Promise<string[]> {
  const produced = await subgraph.running.db.query<{ type: string; envelope: unknown }>(
    `SELECT type, envelope FROM outbox WHERE platform_id = $1 ORDER BY seq`,
    [platformId],
  );
  for (const p of produced) eventContracts().check(typeof p.envelope === 'string' ? JSON.parse(p.envelope) : p.envelope);
  return produced.map((p) => p.type);
}

/**
 * A new platform with a customer on a 100 EUR monthly fee (no tax) from 2026-03-01, and the id of its March draft once
 * the draft is there: what tests of issued invoices (payments, collection) start from.
 */
export async function monthlyFeeDraft(subgraph: SubgraphUnderTest, clock: Clock) {
  const client = subgraph.clientForNewPlatform();
  const { platformId, send } = client;
  const { customer } = await publishSubscribedCustomer(
    subgraph,
    platformId,
    clock,
    [{ name: 'Fee', chargeType: 'RECURRING', price: { model: 'FLAT', amount: '100' } }],
    '2026-03-01T00:00:00.000Z',
  );
  const draftId = await firstInvoiceOf(send, customer.id);
  return { client, customer, draftId };
}

/** The id of a customer's first invoice (its draft), once invoicing has opened it. */
export function firstInvoiceOf(send: ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'], customerId: string): Promise<string> {
  return waitFor(async () => {
    const r = await send<{ invoices: { edges: Array<{ node: { id: string } }> } }>(
      `query ($c: ID) { invoices(customer: $c, first: 5) { edges { node { id } } } }`,
      { c: customerId },
    );
    return r.data?.invoices.edges[0]?.node.id;
  }, 'the draft');
}
