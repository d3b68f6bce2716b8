// Test data for the Customers screens' component tests: API results as the gateway returns them (with __typename).
import type { ChargeType, PriceModel, SubscriptionPriceFieldsFragment } from '../generated';

type Price = SubscriptionPriceFieldsFragment['price'];

const NO_PARAMETERS = {
  amount: null,
  unitPrice: null,
  packageSize: null,
  packagePrice: null,
  freeUnits: null,
  tiers: null,
  steps: null,
  percentageTiers: null,
  rate: null,
  fixedFee: null,
  minPerTransaction: null,
  maxPerTransaction: null,
  freeTransactions: null,
  freeAmount: null,
};

export function planPrice(
  item: { id: string; reference: string; name: string; chargeType: ChargeType; metric?: string },
  model: PriceModel,
  parameters: Partial<Price>,
) {
  return {
    __typename: 'PlanPrice' as const,
    id: `price-${item.id}`,
    recurringTiming: item.chargeType === 'USAGE' ? null : ('IN_ADVANCE' as const),
    productItem: {
      __typename: 'ProductItem' as const,
      id: item.id,
      reference: item.reference,
      name: item.name,
      chargeType: item.chargeType,
      metricReference: item.metric ?? null,
      unitLabel: null,
    },
    price: { __typename: 'PriceDefinition' as const, ...NO_PARAMETERS, model, dimensions: [], ...parameters } as Price,
  };
}

export const platformFee = planPrice({ id: 'item-fee', reference: 'platform-fee', name: 'Platform fee', chargeType: 'RECURRING' }, 'FLAT', {
  amount: '100',
});
export const apiCalls = planPrice(
  { id: 'item-calls', reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', metric: 'api_calls_total' },
  'PER_UNIT',
  { unitPrice: '0.05' },
);
export const storage = planPrice(
  { id: 'item-storage', reference: 'storage', name: 'Storage', chargeType: 'USAGE', metric: 'storage_gb' },
  'PER_UNIT',
  { unitPrice: '0.10' },
);

const starter = { __typename: 'PricingPlan' as const, id: 'plan-starter', reference: 'starter', name: 'Starter' };

export function planVersion(id: string, version: number, prices: Array<ReturnType<typeof planPrice>>, plan = starter) {
  return {
    __typename: 'PricingPlanVersion' as const,
    id,
    version,
    status: 'ACTIVE' as const,
    currency: 'EUR',
    billingPeriod: 'MONTH' as const,
    plan,
    prices,
  };
}

export const starterV1 = planVersion('v1', 1, [platformFee, apiCalls]);

export function subscription(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'CustomerSubscription' as const,
    id: 's1',
    status: 'ACTIVE' as const,
    seats: 3,
    billingPeriod: 'MONTH' as const,
    anchor: '2026-04-01T00:00:00.000Z',
    startAt: '2026-04-01T00:00:00.000Z',
    endAt: null,
    trialEnd: null,
    currentPeriod: {
      __typename: 'BillingPeriodRange' as const,
      index: 0,
      start: '2026-04-01T00:00:00.000Z',
      end: '2026-04-04T00:00:00.000Z',
    },
    planVersion: starterV1,
    upcomingInvoice: {
      __typename: 'Invoice' as const,
      id: 'inv1',
      total: { __typename: 'Money' as const, amount: '121.00', currency: 'EUR' },
    },
    ...overrides,
  };
}

/** The SubscriptionPhases result of subscription s1: one open phase on Starter v1, with the given tailored prices. */
export function phases(overrides: Record<string, unknown> = {}) {
  return {
    subscription: {
      __typename: 'CustomerSubscription' as const,
      id: 's1',
      phases: [
        {
          __typename: 'SubscriptionPhase' as const,
          startsAt: '2026-04-01T00:00:00.000Z',
          endsAt: null,
          seats: 3,
          overrides,
          planVersion: starterV1,
        },
      ],
    },
  };
}

export const acme = {
  __typename: 'Customer' as const,
  id: 'c1',
  reference: 'acme',
  name: 'Acme Inc.',
  currency: 'EUR',
  country: 'NL',
  taxRate: '21',
  archivedAt: null,
  email: 'billing@acme.com',
  taxId: null,
  billingAddress: null,
  metadata: { crm: '42' },
  createdAt: '2026-03-01T00:00:00.000Z',
};

/** The SubscriptionPlans result: Starter v1 and v2, Growth v1 in EUR per month, and one in USD. */
export const plans = {
  pricingPlans: {
    __typename: 'PricingPlanConnection' as const,
    edges: [
      {
        __typename: 'PricingPlanEdge' as const,
        node: {
          ...starter,
          versions: [
            {
              __typename: 'PricingPlanVersion' as const,
              id: 'v1',
              version: 1,
              status: 'ACTIVE' as const,
              currency: 'EUR',
              billingPeriod: 'MONTH' as const,
            },
            {
              __typename: 'PricingPlanVersion' as const,
              id: 'v2',
              version: 2,
              status: 'ACTIVE' as const,
              currency: 'EUR',
              billingPeriod: 'MONTH' as const,
            },
          ],
        },
      },
      {
        __typename: 'PricingPlanEdge' as const,
        node: {
          __typename: 'PricingPlan' as const,
          id: 'plan-us',
          reference: 'us',
          name: 'US',
          versions: [
            {
              __typename: 'PricingPlanVersion' as const,
              id: 'v-us',
              version: 1,
              status: 'ACTIVE' as const,
              currency: 'USD',
              billingPeriod: 'MONTH' as const,
            },
          ],
        },
      },
    ],
  },
};
