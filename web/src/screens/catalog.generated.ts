// Generated from web/src/screens/catalog.graphql by `npm run generate -w @meterline/web`: do not edit.
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How a metric aggregates a value over a period */
export type Aggregation =
  /** Sum of the value */
  | 'SUM'
  /** Number of events */
  | 'COUNT'
  /** Largest value */
  | 'MAX'
  /** Smallest value */
  | 'MIN'
  /** Mean of the value */
  | 'AVERAGE'
  /** Number of distinct values of a property */
  | 'UNIQUE_COUNT'
  /** Value of the event with the latest timestamp */
  | 'LATEST';

export type BillingPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

export type ChargeType =
  /** Billed on a meter metric */
  | 'USAGE'
  /** A fixed charge every period */
  | 'RECURRING'
  /** Per seat, every period */
  | 'SEAT'
  /** Once */
  | 'ONE_OFF';

export type CreatePricingPlanInput = {
  reference: string;
  name: string;
  description?: string | null | undefined;
  /** Currency of the first version */
  currency: string;
  billingPeriod: BillingPeriod;
};

export type CreateProductInput = {
  reference: string;
  name: string;
  description?: string | null | undefined;
};

export type CreateProductItemInput = {
  /** Product id or reference */
  product: string;
  reference: string;
  name: string;
  chargeType: ChargeType;
  meterReference?: string | null | undefined;
  metricReference?: string | null | undefined;
  deduction?: boolean | null | undefined;
  unitLabel?: string | null | undefined;
};

export type DimensionUsageInput = {
  /** Event property values of this usage, e.g. { "model": "gpt-4" } */
  properties: Record<string, unknown>;
  quantity?: string | null | undefined;
  amounts?: Array<string> | null | undefined;
};

/** DRAFT → ACTIVE → DEPRECATED → ARCHIVED; drafts and deprecated resources can be archived and restored */
export type LifecycleStatus = 'DRAFT' | 'ACTIVE' | 'DEPRECATED' | 'ARCHIVED';

export type PercentageTierInput = {
  upTo?: string | null | undefined;
  /** Percentage, 0 to 100 */
  rate: string;
  flatFee?: string | null | undefined;
};

export type PriceConfigInput = {
  model: PriceModel;
  amount?: string | null | undefined;
  unitPrice?: string | null | undefined;
  packageSize?: string | null | undefined;
  packagePrice?: string | null | undefined;
  freeUnits?: string | null | undefined;
  /** GRADUATED and VOLUME */
  tiers?: Array<PriceTierInput> | null | undefined;
  /** STAIRSTEP */
  steps?: Array<PriceStepInput> | null | undefined;
  /** GRADUATED_PERCENTAGE */
  percentageTiers?: Array<PercentageTierInput> | null | undefined;
  /** PERCENTAGE: percentage, 0 to 100 */
  rate?: string | null | undefined;
  fixedFee?: string | null | undefined;
  minPerTransaction?: string | null | undefined;
  maxPerTransaction?: string | null | undefined;
  freeTransactions?: string | null | undefined;
  freeAmount?: string | null | undefined;
};

export type PriceDimensionInput = {
  /** Event property values this rule applies to, e.g. { "model": "gpt-4" } */
  match: Record<string, unknown>;
  price: PriceConfigInput;
};

/** A price: a model with its parameters, optionally with rules per event property values */
export type PriceInput = {
  model: PriceModel;
  amount?: string | null | undefined;
  unitPrice?: string | null | undefined;
  packageSize?: string | null | undefined;
  packagePrice?: string | null | undefined;
  freeUnits?: string | null | undefined;
  /** GRADUATED and VOLUME */
  tiers?: Array<PriceTierInput> | null | undefined;
  /** STAIRSTEP */
  steps?: Array<PriceStepInput> | null | undefined;
  /** GRADUATED_PERCENTAGE */
  percentageTiers?: Array<PercentageTierInput> | null | undefined;
  /** PERCENTAGE: percentage, 0 to 100 */
  rate?: string | null | undefined;
  fixedFee?: string | null | undefined;
  minPerTransaction?: string | null | undefined;
  maxPerTransaction?: string | null | undefined;
  freeTransactions?: string | null | undefined;
  freeAmount?: string | null | undefined;
  /** Dimensional pricing; unmatched values use this price */
  dimensions?: Array<PriceDimensionInput> | null | undefined;
};

export type PriceModel =
  /** amount, whatever the quantity */
  | 'FLAT'
  /** quantity × unitPrice */
  | 'PER_UNIT'
  /** packagePrice per started package of packageSize, after freeUnits */
  | 'PACKAGE'
  /** each tier prices the units in it (tiers: unitPrice, flatFee) */
  | 'GRADUATED'
  /** the whole quantity at the reached tier’s unitPrice, plus its flatFee */
  | 'VOLUME'
  /** the amount of the step the quantity falls into */
  | 'STAIRSTEP'
  /** rate % of each transaction plus fixedFee, clamped to min/max, after free transactions/amount */
  | 'PERCENTAGE'
  /** rate % per tier of the cumulative amount, flatFee when a tier is first reached */
  | 'GRADUATED_PERCENTAGE';

export type PriceStepInput = {
  upTo?: string | null | undefined;
  amount: string;
};

export type PriceTierInput = {
  /** Inclusive upper bound; null for the last, open tier */
  upTo?: string | null | undefined;
  unitPrice: string;
  flatFee?: string | null | undefined;
};

/** What to price: a quantity, transaction amounts (percentage models), or usage per dimension */
export type PriceUsageInput = {
  quantity?: string | null | undefined;
  amounts?: Array<string> | null | undefined;
  dimensions?: Array<DimensionUsageInput> | null | undefined;
};

export type RecurringTiming = 'IN_ADVANCE' | 'IN_ARREARS';

export type SetPriceInput = {
  planVersion: string | number;
  /** Product item id or reference */
  productItem: string;
  price: PriceInput;
  recurringTiming?: RecurringTiming | null | undefined;
};

export type StatusAction =
  /** DRAFT → ACTIVE */
  | 'ACTIVATE'
  /** ACTIVE → DEPRECATED */
  | 'DEPRECATE'
  /** DRAFT or DEPRECATED → ARCHIVED */
  | 'ARCHIVE'
  /** ARCHIVED → the status it had before */
  | 'RESTORE';

export type CatalogProductItemFragment = {
  id: string;
  reference: string;
  name: string;
  chargeType: ChargeType;
  meterReference: string | null;
  metricReference: string | null;
};

export type CatalogProductFragment = {
  id: string;
  reference: string;
  name: string;
  status: LifecycleStatus;
  items: Array<{
    id: string;
    reference: string;
    name: string;
    chargeType: ChargeType;
    meterReference: string | null;
    metricReference: string | null;
  }>;
};

export type CatalogProductsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  includeArchived?: boolean;
}>;

export type CatalogProductsQuery = {
  products: {
    totalCount: number;
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        reference: string;
        name: string;
        status: LifecycleStatus;
        items: Array<{
          id: string;
          reference: string;
          name: string;
          chargeType: ChargeType;
          meterReference: string | null;
          metricReference: string | null;
        }>;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type CatalogCreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;

export type CatalogCreateProductMutation = {
  createProduct: {
    id: string;
    reference: string;
    name: string;
    status: LifecycleStatus;
    items: Array<{
      id: string;
      reference: string;
      name: string;
      chargeType: ChargeType;
      meterReference: string | null;
      metricReference: string | null;
    }>;
  };
};

export type CatalogCreateProductItemMutationVariables = Exact<{
  input: CreateProductItemInput;
}>;

export type CatalogCreateProductItemMutation = {
  createProductItem: {
    id: string;
    reference: string;
    name: string;
    chargeType: ChargeType;
    meterReference: string | null;
    metricReference: string | null;
  };
};

export type CatalogChangeProductStatusMutationVariables = Exact<{
  product: string;
  action: StatusAction;
}>;

export type CatalogChangeProductStatusMutation = { changeProductStatus: { id: string; status: LifecycleStatus } };

export type CatalogPlanSummaryFragment = {
  id: string;
  reference: string;
  name: string;
  versions: Array<{ id: string; version: number; status: LifecycleStatus; currency: string; billingPeriod: BillingPeriod }>;
};

export type CatalogPriceConfigFragment = {
  model: PriceModel;
  amount: string | null;
  unitPrice: string | null;
  packageSize: string | null;
  packagePrice: string | null;
  freeUnits: string | null;
  rate: string | null;
  fixedFee: string | null;
  minPerTransaction: string | null;
  maxPerTransaction: string | null;
  freeTransactions: string | null;
  freeAmount: string | null;
  tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
  steps: Array<{ upTo: string | null; amount: string }> | null;
  percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
};

export type CatalogPriceDefinitionFragment = {
  model: PriceModel;
  amount: string | null;
  unitPrice: string | null;
  packageSize: string | null;
  packagePrice: string | null;
  freeUnits: string | null;
  rate: string | null;
  fixedFee: string | null;
  minPerTransaction: string | null;
  maxPerTransaction: string | null;
  freeTransactions: string | null;
  freeAmount: string | null;
  tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
  steps: Array<{ upTo: string | null; amount: string }> | null;
  percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
  dimensions: Array<{
    match: Record<string, unknown>;
    price: {
      model: PriceModel;
      amount: string | null;
      unitPrice: string | null;
      packageSize: string | null;
      packagePrice: string | null;
      freeUnits: string | null;
      rate: string | null;
      fixedFee: string | null;
      minPerTransaction: string | null;
      maxPerTransaction: string | null;
      freeTransactions: string | null;
      freeAmount: string | null;
      tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
      steps: Array<{ upTo: string | null; amount: string }> | null;
      percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
    };
  }>;
};

export type CatalogPlanVersionFragment = {
  id: string;
  version: number;
  status: LifecycleStatus;
  currency: string;
  billingPeriod: BillingPeriod;
  prices: Array<{
    id: string;
    recurringTiming: RecurringTiming | null;
    productItem: { id: string; reference: string; name: string; chargeType: ChargeType };
    price: {
      model: PriceModel;
      amount: string | null;
      unitPrice: string | null;
      packageSize: string | null;
      packagePrice: string | null;
      freeUnits: string | null;
      rate: string | null;
      fixedFee: string | null;
      minPerTransaction: string | null;
      maxPerTransaction: string | null;
      freeTransactions: string | null;
      freeAmount: string | null;
      tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
      steps: Array<{ upTo: string | null; amount: string }> | null;
      percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
      dimensions: Array<{
        match: Record<string, unknown>;
        price: {
          model: PriceModel;
          amount: string | null;
          unitPrice: string | null;
          packageSize: string | null;
          packagePrice: string | null;
          freeUnits: string | null;
          rate: string | null;
          fixedFee: string | null;
          minPerTransaction: string | null;
          maxPerTransaction: string | null;
          freeTransactions: string | null;
          freeAmount: string | null;
          tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
          steps: Array<{ upTo: string | null; amount: string }> | null;
          percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
        };
      }>;
    };
  }>;
};

export type CatalogPlansQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type CatalogPlansQuery = {
  pricingPlans: {
    totalCount: number;
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        reference: string;
        name: string;
        versions: Array<{ id: string; version: number; status: LifecycleStatus; currency: string; billingPeriod: BillingPeriod }>;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type CatalogPlanQueryVariables = Exact<{
  plan: string;
}>;

export type CatalogPlanQuery = {
  pricingPlan: {
    id: string;
    versions: Array<{
      id: string;
      version: number;
      status: LifecycleStatus;
      currency: string;
      billingPeriod: BillingPeriod;
      prices: Array<{
        id: string;
        recurringTiming: RecurringTiming | null;
        productItem: { id: string; reference: string; name: string; chargeType: ChargeType };
        price: {
          model: PriceModel;
          amount: string | null;
          unitPrice: string | null;
          packageSize: string | null;
          packagePrice: string | null;
          freeUnits: string | null;
          rate: string | null;
          fixedFee: string | null;
          minPerTransaction: string | null;
          maxPerTransaction: string | null;
          freeTransactions: string | null;
          freeAmount: string | null;
          tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
          steps: Array<{ upTo: string | null; amount: string }> | null;
          percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
          dimensions: Array<{
            match: Record<string, unknown>;
            price: {
              model: PriceModel;
              amount: string | null;
              unitPrice: string | null;
              packageSize: string | null;
              packagePrice: string | null;
              freeUnits: string | null;
              rate: string | null;
              fixedFee: string | null;
              minPerTransaction: string | null;
              maxPerTransaction: string | null;
              freeTransactions: string | null;
              freeAmount: string | null;
              tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
              steps: Array<{ upTo: string | null; amount: string }> | null;
              percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
            };
          }>;
        };
      }>;
    }>;
  } | null;
};

export type CatalogCreatePlanMutationVariables = Exact<{
  input: CreatePricingPlanInput;
}>;

export type CatalogCreatePlanMutation = {
  createPricingPlan: {
    id: string;
    reference: string;
    name: string;
    versions: Array<{ id: string; version: number; status: LifecycleStatus; currency: string; billingPeriod: BillingPeriod }>;
  };
};

export type CatalogCreatePlanVersionMutationVariables = Exact<{
  plan: string;
  from?: string | number | null | undefined;
}>;

export type CatalogCreatePlanVersionMutation = {
  createPlanVersion: {
    id: string;
    version: number;
    status: LifecycleStatus;
    currency: string;
    billingPeriod: BillingPeriod;
    prices: Array<{
      id: string;
      recurringTiming: RecurringTiming | null;
      productItem: { id: string; reference: string; name: string; chargeType: ChargeType };
      price: {
        model: PriceModel;
        amount: string | null;
        unitPrice: string | null;
        packageSize: string | null;
        packagePrice: string | null;
        freeUnits: string | null;
        rate: string | null;
        fixedFee: string | null;
        minPerTransaction: string | null;
        maxPerTransaction: string | null;
        freeTransactions: string | null;
        freeAmount: string | null;
        tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
        steps: Array<{ upTo: string | null; amount: string }> | null;
        percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
        dimensions: Array<{
          match: Record<string, unknown>;
          price: {
            model: PriceModel;
            amount: string | null;
            unitPrice: string | null;
            packageSize: string | null;
            packagePrice: string | null;
            freeUnits: string | null;
            rate: string | null;
            fixedFee: string | null;
            minPerTransaction: string | null;
            maxPerTransaction: string | null;
            freeTransactions: string | null;
            freeAmount: string | null;
            tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
            steps: Array<{ upTo: string | null; amount: string }> | null;
            percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
          };
        }>;
      };
    }>;
  };
};

export type CatalogDeletePlanVersionMutationVariables = Exact<{
  planVersion: string | number;
}>;

export type CatalogDeletePlanVersionMutation = { deletePlanVersion: boolean };

export type CatalogChangePlanVersionStatusMutationVariables = Exact<{
  planVersion: string | number;
  action: StatusAction;
}>;

export type CatalogChangePlanVersionStatusMutation = { changePlanVersionStatus: { id: string; status: LifecycleStatus } };

export type CatalogSetPriceMutationVariables = Exact<{
  input: SetPriceInput;
}>;

export type CatalogSetPriceMutation = {
  setPrice: {
    id: string;
    version: number;
    status: LifecycleStatus;
    currency: string;
    billingPeriod: BillingPeriod;
    prices: Array<{
      id: string;
      recurringTiming: RecurringTiming | null;
      productItem: { id: string; reference: string; name: string; chargeType: ChargeType };
      price: {
        model: PriceModel;
        amount: string | null;
        unitPrice: string | null;
        packageSize: string | null;
        packagePrice: string | null;
        freeUnits: string | null;
        rate: string | null;
        fixedFee: string | null;
        minPerTransaction: string | null;
        maxPerTransaction: string | null;
        freeTransactions: string | null;
        freeAmount: string | null;
        tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
        steps: Array<{ upTo: string | null; amount: string }> | null;
        percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
        dimensions: Array<{
          match: Record<string, unknown>;
          price: {
            model: PriceModel;
            amount: string | null;
            unitPrice: string | null;
            packageSize: string | null;
            packagePrice: string | null;
            freeUnits: string | null;
            rate: string | null;
            fixedFee: string | null;
            minPerTransaction: string | null;
            maxPerTransaction: string | null;
            freeTransactions: string | null;
            freeAmount: string | null;
            tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
            steps: Array<{ upTo: string | null; amount: string }> | null;
            percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
          };
        }>;
      };
    }>;
  };
};

export type CatalogRemovePriceMutationVariables = Exact<{
  planVersion: string | number;
  productItem: string;
}>;

export type CatalogRemovePriceMutation = {
  removePrice: {
    id: string;
    version: number;
    status: LifecycleStatus;
    currency: string;
    billingPeriod: BillingPeriod;
    prices: Array<{
      id: string;
      recurringTiming: RecurringTiming | null;
      productItem: { id: string; reference: string; name: string; chargeType: ChargeType };
      price: {
        model: PriceModel;
        amount: string | null;
        unitPrice: string | null;
        packageSize: string | null;
        packagePrice: string | null;
        freeUnits: string | null;
        rate: string | null;
        fixedFee: string | null;
        minPerTransaction: string | null;
        maxPerTransaction: string | null;
        freeTransactions: string | null;
        freeAmount: string | null;
        tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
        steps: Array<{ upTo: string | null; amount: string }> | null;
        percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
        dimensions: Array<{
          match: Record<string, unknown>;
          price: {
            model: PriceModel;
            amount: string | null;
            unitPrice: string | null;
            packageSize: string | null;
            packagePrice: string | null;
            freeUnits: string | null;
            rate: string | null;
            fixedFee: string | null;
            minPerTransaction: string | null;
            maxPerTransaction: string | null;
            freeTransactions: string | null;
            freeAmount: string | null;
            tiers: Array<{ upTo: string | null; unitPrice: string; flatFee: string }> | null;
            steps: Array<{ upTo: string | null; amount: string }> | null;
            percentageTiers: Array<{ upTo: string | null; rate: string; flatFee: string }> | null;
          };
        }>;
      };
    }>;
  };
};

export type CatalogPreviewFragment = {
  exactAmount: string;
  amount: { amount: string; currency: string };
  breakdown: Array<{ label: string; amount: string; dimension: Record<string, unknown> | null }>;
};

export type CatalogPreviewPriceQueryVariables = Exact<{
  usage: PriceUsageInput;
  currency: string;
  price: PriceInput;
}>;

export type CatalogPreviewPriceQuery = {
  previewPrice: {
    exactAmount: string;
    amount: { amount: string; currency: string };
    breakdown: Array<{ label: string; amount: string; dimension: Record<string, unknown> | null }>;
  };
};

export type CatalogPriceCurveQueryVariables = Exact<{
  currency: string;
  price: PriceInput;
  u0: PriceUsageInput;
  u1: PriceUsageInput;
  u2: PriceUsageInput;
  u3: PriceUsageInput;
  u4: PriceUsageInput;
  u5: PriceUsageInput;
  u6: PriceUsageInput;
  u7: PriceUsageInput;
  u8: PriceUsageInput;
  u9: PriceUsageInput;
  u10: PriceUsageInput;
}>;

export type CatalogPriceCurveQuery = {
  p0: { exactAmount: string };
  p1: { exactAmount: string };
  p2: { exactAmount: string };
  p3: { exactAmount: string };
  p4: { exactAmount: string };
  p5: { exactAmount: string };
  p6: { exactAmount: string };
  p7: { exactAmount: string };
  p8: { exactAmount: string };
  p9: { exactAmount: string };
  p10: { exactAmount: string };
};

export type CatalogMetersQueryVariables = Exact<{ [key: string]: never }>;

export type CatalogMetersQuery = {
  meters: {
    edges: Array<{
      node: { id: string; reference: string; name: string; metrics: Array<{ id: string; reference: string; aggregation: Aggregation }> };
    }>;
  };
};

export const CatalogProductItemFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProductItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ProductItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metricReference' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogProductItemFragment, unknown>;
export const CatalogProductFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProduct' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Product' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogProductItem' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProductItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ProductItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metricReference' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogProductFragment, unknown>;
export const CatalogPlanSummaryFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlan' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'versions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPlanSummaryFragment, unknown>;
export const CatalogPriceConfigFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceConfig' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceConfig' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPriceConfigFragment, unknown>;
export const CatalogPriceDefinitionFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceDefinition' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceDefinition' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dimensions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'match' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceConfig' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceConfig' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceConfig' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPriceDefinitionFragment, unknown>;
export const CatalogPlanVersionFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanVersion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlanVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'prices' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recurringTiming' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'productItem' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceDefinition' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceConfig' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceConfig' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceDefinition' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceDefinition' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dimensions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'match' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceConfig' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPlanVersionFragment, unknown>;
export const CatalogPreviewFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPreview' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricePreview' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'amount' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'breakdown' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'dimension' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPreviewFragment, unknown>;
export const CatalogProductsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CatalogProducts' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'includeArchived' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Boolean' } } },
          defaultValue: { kind: 'BooleanValue', value: false },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'products' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'includeArchived' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'includeArchived' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogProduct' } }],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProductItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ProductItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metricReference' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProduct' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Product' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogProductItem' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogProductsQuery, CatalogProductsQueryVariables>;
export const CatalogCreateProductDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogCreateProduct' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateProductInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createProduct' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogProduct' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProductItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ProductItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metricReference' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProduct' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Product' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogProductItem' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogCreateProductMutation, CatalogCreateProductMutationVariables>;
export const CatalogCreateProductItemDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogCreateProductItem' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateProductItemInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createProductItem' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogProductItem' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogProductItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ProductItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'metricReference' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogCreateProductItemMutation, CatalogCreateProductItemMutationVariables>;
export const CatalogChangeProductStatusDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogChangeProductStatus' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'product' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'action' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'StatusAction' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'changeProductStatus' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'product' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'product' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'action' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'action' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogChangeProductStatusMutation, CatalogChangeProductStatusMutationVariables>;
export const CatalogPlansDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CatalogPlans' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'pricingPlans' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPlanSummary' } }],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlan' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'versions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPlansQuery, CatalogPlansQueryVariables>;
export const CatalogPlanDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CatalogPlan' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'plan' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'pricingPlan' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'plan' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'plan' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'versions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPlanVersion' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceConfig' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceConfig' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceDefinition' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceDefinition' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dimensions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'match' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceConfig' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanVersion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlanVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'prices' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recurringTiming' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'productItem' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceDefinition' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPlanQuery, CatalogPlanQueryVariables>;
export const CatalogCreatePlanDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogCreatePlan' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreatePricingPlanInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createPricingPlan' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPlanSummary' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlan' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'versions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogCreatePlanMutation, CatalogCreatePlanMutationVariables>;
export const CatalogCreatePlanVersionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogCreatePlanVersion' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'plan' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createPlanVersion' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'plan' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'plan' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'from' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'from' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPlanVersion' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceConfig' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceConfig' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceDefinition' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceDefinition' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dimensions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'match' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceConfig' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanVersion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlanVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'prices' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recurringTiming' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'productItem' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceDefinition' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogCreatePlanVersionMutation, CatalogCreatePlanVersionMutationVariables>;
export const CatalogDeletePlanVersionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogDeletePlanVersion' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'planVersion' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deletePlanVersion' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'planVersion' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'planVersion' } },
              },
            ],
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogDeletePlanVersionMutation, CatalogDeletePlanVersionMutationVariables>;
export const CatalogChangePlanVersionStatusDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogChangePlanVersionStatus' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'planVersion' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'action' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'StatusAction' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'changePlanVersionStatus' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'planVersion' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'planVersion' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'action' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'action' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogChangePlanVersionStatusMutation, CatalogChangePlanVersionStatusMutationVariables>;
export const CatalogSetPriceDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogSetPrice' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'SetPriceInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPlanVersion' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceConfig' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceConfig' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceDefinition' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceDefinition' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dimensions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'match' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceConfig' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanVersion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlanVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'prices' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recurringTiming' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'productItem' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceDefinition' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogSetPriceMutation, CatalogSetPriceMutationVariables>;
export const CatalogRemovePriceDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CatalogRemovePrice' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'planVersion' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'productItem' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'removePrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'planVersion' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'planVersion' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'productItem' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'productItem' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPlanVersion' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceConfig' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceConfig' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPriceDefinition' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceDefinition' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'model' } },
          { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packageSize' } },
          { kind: 'Field', name: { kind: 'Name', value: 'packagePrice' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeUnits' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'tiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unitPrice' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'steps' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'percentageTiers' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'upTo' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'flatFee' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fixedFee' } },
          { kind: 'Field', name: { kind: 'Name', value: 'minPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'maxPerTransaction' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeTransactions' } },
          { kind: 'Field', name: { kind: 'Name', value: 'freeAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'dimensions' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'match' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceConfig' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPlanVersion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricingPlanVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
          { kind: 'Field', name: { kind: 'Name', value: 'billingPeriod' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'prices' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recurringTiming' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'productItem' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'chargeType' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'price' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPriceDefinition' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogRemovePriceMutation, CatalogRemovePriceMutationVariables>;
export const CatalogPreviewPriceDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CatalogPreviewPrice' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'usage' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'usage' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'CatalogPreview' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'CatalogPreview' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PricePreview' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'amount' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'breakdown' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'label' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'dimension' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPreviewPriceQuery, CatalogPreviewPriceQueryVariables>;
export const CatalogPriceCurveDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CatalogPriceCurve' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u0' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u1' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u2' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u3' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u4' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u5' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u6' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u7' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u8' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u9' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'u10' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'PriceUsageInput' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p0' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u0' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p1' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u1' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p2' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u2' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p3' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u3' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p4' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u4' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p5' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u5' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p6' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u6' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p7' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u7' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p8' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u8' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p9' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u9' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'p10' },
            name: { kind: 'Name', value: 'previewPrice' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'usage' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'u10' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'currency' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'currency' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'price' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'price' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'exactAmount' } }] },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogPriceCurveQuery, CatalogPriceCurveQueryVariables>;
export const CatalogMetersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CatalogMeters' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'meters' },
            arguments: [{ kind: 'Argument', name: { kind: 'Name', value: 'first' }, value: { kind: 'IntValue', value: '100' } }],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'metrics' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'aggregation' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CatalogMetersQuery, CatalogMetersQueryVariables>;
