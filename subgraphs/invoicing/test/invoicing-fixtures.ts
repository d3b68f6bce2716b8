import { randomUUID } from 'node:crypto';
import { Decimal, newEvent, type Clock, type EventEnvelope } from '@meterline/kit';
import type { SubgraphUnderTest } from '@meterline/kit/testing';

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

export function customerCreated(platformId: string, clock: Clock, taxRate: string | null) {
  const id = randomUUID();
  return {
    id,
    event: newEvent(
      'subscriptions.customer.created',
      platformId,
      { id, reference: `c-${id.slice(0, 8)}`, name: 'Acme', currency: 'EUR', email: null, country: 'NL', taxRate, archived: false },
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
  id number kind status currency periodStart periodEnd dueAt issuedAt voidReason
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
