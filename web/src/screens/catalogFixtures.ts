/** Test data of the Catalog screen's operations, shaped as the API returns it (with __typename, for the cache). */
import type { MockLink } from '@apollo/client/testing';
import {
  CatalogPreviewPriceDocument,
  CatalogPriceCurveDocument,
  type PriceConfigFieldsFragment,
  type ChargeType,
  type LifecycleStatus,
  type PriceInput,
  type PriceUsageInput,
} from '../generated';
import { curveVariables } from './PricePreview';

export const productItem = (id: string, reference: string, name: string, chargeType: ChargeType) => ({
  __typename: 'ProductItem' as const,
  id,
  reference,
  name,
  chargeType,
  meterReference: chargeType === 'USAGE' ? 'api_calls' : null,
  metricReference: chargeType === 'USAGE' ? 'api_calls_total' : null,
});

export const platformFee = productItem('i1', 'platform-fee', 'Platform fee', 'RECURRING');
export const apiCalls = productItem('i2', 'api-calls', 'API calls', 'USAGE');

export const product = (status: LifecycleStatus, items = [platformFee]) => ({
  __typename: 'Product' as const,
  id: 'prod1',
  reference: 'platform',
  name: 'Platform',
  status,
  items,
});

const noConfig: PriceConfigFieldsFragment = {
  model: 'FLAT',
  amount: null,
  unitPrice: null,
  packageSize: null,
  packagePrice: null,
  freeUnits: null,
  rate: null,
  fixedFee: null,
  minPerTransaction: null,
  maxPerTransaction: null,
  freeTransactions: null,
  freeAmount: null,
  tiers: null,
  steps: null,
  percentageTiers: null,
};

type Fields = Partial<PriceConfigFieldsFragment>;

/** The price of a dimension rule: the given fields of its model, the others null. */
export const storedConfig = (fields: Fields) => ({ __typename: 'PriceConfig' as const, ...noConfig, ...fields });

/** A stored price: the given fields of its model, the others null, and its dimension rules. */
export const storedPrice = (fields: Fields, rules: Array<{ match: Record<string, string>; price: Fields }> = []) => ({
  __typename: 'PriceDefinition' as const,
  ...noConfig,
  ...fields,
  dimensions: rules.map((rule) => ({ __typename: 'PriceDimension' as const, match: rule.match, price: storedConfig(rule.price) })),
});

export const planPrice = (id: string, item: ReturnType<typeof productItem>, price: ReturnType<typeof storedPrice>) => ({
  __typename: 'PlanPrice' as const,
  id,
  recurringTiming: item.chargeType === 'RECURRING' ? ('IN_ADVANCE' as const) : null,
  productItem: { __typename: 'ProductItem' as const, id: item.id, reference: item.reference, name: item.name, chargeType: item.chargeType },
  price,
});

export const version = (id: string, number: number, status: LifecycleStatus, prices: ReturnType<typeof planPrice>[] = []) => ({
  __typename: 'PricingPlanVersion' as const,
  id,
  version: number,
  status,
  currency: 'EUR',
  billingPeriod: 'MONTH' as const,
  prices,
});

export const planSummary = (id: string, reference: string, name: string, versions: ReturnType<typeof version>[]) => ({
  __typename: 'PricingPlan' as const,
  id,
  reference,
  name,
  versions: versions.map(({ prices: _prices, ...v }) => v),
});

export const previewMock = (usage: PriceUsageInput, price: PriceInput, amount: string, label = 'Total'): MockLink.MockedResponse => ({
  request: { query: CatalogPreviewPriceDocument, variables: { usage, currency: 'EUR', price } },
  result: {
    data: {
      previewPrice: {
        __typename: 'PricePreview',
        amount: { __typename: 'Money', amount, currency: 'EUR' },
        exactAmount: amount,
        breakdown: [{ __typename: 'PriceBreakdownLine', label, amount, dimension: null }],
      },
    },
  },
});

/** The chart's one request for `price` at these usages, answering `amounts` (one per point). */
export const curveMock = (price: PriceInput, usages: PriceUsageInput[], amounts: string[]): MockLink.MockedResponse => ({
  request: { query: CatalogPriceCurveDocument, variables: curveVariables('EUR', price, usages) },
  result: {
    data: Object.fromEntries(amounts.map((exactAmount, i) => [`p${i}`, { __typename: 'PricePreview', exactAmount }])),
  },
});
