import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Money } from '../format';

export type LifecycleStatus = 'DRAFT' | 'ACTIVE' | 'DEPRECATED' | 'ARCHIVED';
export type ChargeType = 'USAGE' | 'RECURRING' | 'SEAT' | 'ONE_OFF';
export type PriceModel = 'FLAT' | 'PER_UNIT' | 'PACKAGE' | 'GRADUATED' | 'VOLUME' | 'STAIRSTEP' | 'PERCENTAGE' | 'GRADUATED_PERCENTAGE';
export type RecurringTiming = 'IN_ADVANCE' | 'IN_ARREARS';
export type BillingPeriod = 'MONTH' | 'QUARTER' | 'YEAR';
export type StatusAction = 'ACTIVATE' | 'DEPRECATE' | 'ARCHIVE' | 'RESTORE';

export interface ProductItemNode {
  __typename?: 'ProductItem';
  id: string;
  reference: string;
  name: string;
  chargeType: ChargeType;
  meterReference: string | null;
  metricReference: string | null;
}

export interface ProductNode {
  __typename?: 'Product';
  id: string;
  reference: string;
  name: string;
  status: LifecycleStatus;
  items: ProductItemNode[];
}

export interface ProductsData {
  products: {
    __typename?: 'ProductConnection';
    totalCount: number;
    edges: Array<{ __typename?: 'ProductEdge'; cursor: string; node: ProductNode }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
  };
}

export const PRODUCT_ITEM_FIELDS = gql`
  fragment ProductItemFields on ProductItem {
    id
    reference
    name
    chargeType
    meterReference
    metricReference
  }
`;

export const PRODUCT_FIELDS = gql`
  fragment ProductFields on Product {
    id
    reference
    name
    status
    items {
      ...ProductItemFields
    }
  }
  ${PRODUCT_ITEM_FIELDS}
`;

export const PRODUCTS: TypedDocumentNode<ProductsData, { first?: number; after?: string | null }> = gql`
  query Products($first: Int, $after: String) {
    products(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...ProductFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${PRODUCT_FIELDS}
`;

export const CREATE_PRODUCT: TypedDocumentNode<{ createProduct: ProductNode }, { input: { reference: string; name: string } }> = gql`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;

export interface CreateProductItemInput {
  product: string;
  reference: string;
  name: string;
  chargeType: ChargeType;
  meterReference?: string;
  metricReference?: string;
}

export const CREATE_PRODUCT_ITEM: TypedDocumentNode<{ createProductItem: ProductItemNode }, { input: CreateProductItemInput }> = gql`
  mutation CreateProductItem($input: CreateProductItemInput!) {
    createProductItem(input: $input) {
      ...ProductItemFields
    }
  }
  ${PRODUCT_ITEM_FIELDS}
`;

export const CHANGE_PRODUCT_STATUS: TypedDocumentNode<
  { changeProductStatus: { __typename?: 'Product'; id: string; status: LifecycleStatus } },
  { product: string; action: StatusAction }
> = gql`
  mutation ChangeProductStatus($product: String!, $action: StatusAction!) {
    changeProductStatus(product: $product, action: $action) {
      id
      status
    }
  }
`;

export interface PriceTierValue {
  __typename?: 'PriceTier';
  upTo: string | null;
  unitPrice: string;
  flatFee: string;
}

export interface PlanPriceNode {
  __typename?: 'PlanPrice';
  id: string;
  recurringTiming: RecurringTiming | null;
  productItem: { __typename?: 'ProductItem'; id: string; reference: string; name: string };
  price: {
    __typename?: 'PriceDefinition';
    model: PriceModel;
    amount: string | null;
    unitPrice: string | null;
    rate: string | null;
    fixedFee: string | null;
    tiers: PriceTierValue[] | null;
  };
}

export interface PlanVersionNode {
  __typename?: 'PricingPlanVersion';
  id: string;
  version: number;
  status: LifecycleStatus;
  currency: string;
  billingPeriod: BillingPeriod;
  prices: PlanPriceNode[];
}

export interface PlanNode {
  __typename?: 'PricingPlan';
  id: string;
  reference: string;
  name: string;
  versions: PlanVersionNode[];
}

export const PLAN_VERSION_FIELDS = gql`
  fragment PlanVersionFields on PricingPlanVersion {
    id
    version
    status
    currency
    billingPeriod
    prices {
      id
      recurringTiming
      productItem {
        id
        reference
        name
      }
      price {
        model
        amount
        unitPrice
        rate
        fixedFee
        tiers {
          upTo
          unitPrice
          flatFee
        }
      }
    }
  }
`;

export const PLAN_FIELDS = gql`
  fragment PlanFields on PricingPlan {
    id
    reference
    name
    versions {
      ...PlanVersionFields
    }
  }
  ${PLAN_VERSION_FIELDS}
`;

/** The first 20 plans with their versions and prices (a larger page exceeds the gateway's query cost limit). */
export const CATALOG_PLANS: TypedDocumentNode<
  { pricingPlans: { __typename?: 'PricingPlanConnection'; edges: Array<{ __typename?: 'PricingPlanEdge'; node: PlanNode }> } },
  Record<string, never>
> = gql`
  query CatalogPlans {
    pricingPlans(first: 20) {
      edges {
        node {
          ...PlanFields
        }
      }
    }
  }
  ${PLAN_FIELDS}
`;

export interface CreatePlanInput {
  reference: string;
  name: string;
  currency: string;
  billingPeriod: BillingPeriod;
}

export const CREATE_PLAN: TypedDocumentNode<{ createPricingPlan: PlanNode }, { input: CreatePlanInput }> = gql`
  mutation CreatePricingPlan($input: CreatePricingPlanInput!) {
    createPricingPlan(input: $input) {
      ...PlanFields
    }
  }
  ${PLAN_FIELDS}
`;

export interface PriceTierInput {
  upTo?: string | null;
  unitPrice: string;
  flatFee?: string;
}

export interface PriceInput {
  model: PriceModel;
  amount?: string;
  unitPrice?: string;
  tiers?: PriceTierInput[];
  rate?: string;
  fixedFee?: string;
}

export const SET_PRICE: TypedDocumentNode<
  { setPrice: PlanVersionNode },
  { input: { planVersion: string; productItem: string; price: PriceInput; recurringTiming?: RecurringTiming } }
> = gql`
  mutation SetPrice($input: SetPriceInput!) {
    setPrice(input: $input) {
      ...PlanVersionFields
    }
  }
  ${PLAN_VERSION_FIELDS}
`;

export const REMOVE_PRICE: TypedDocumentNode<{ removePrice: PlanVersionNode }, { planVersion: string; productItem: string }> = gql`
  mutation RemovePrice($planVersion: ID!, $productItem: String!) {
    removePrice(planVersion: $planVersion, productItem: $productItem) {
      ...PlanVersionFields
    }
  }
  ${PLAN_VERSION_FIELDS}
`;

export const CHANGE_PLAN_VERSION_STATUS: TypedDocumentNode<
  { changePlanVersionStatus: { __typename?: 'PricingPlanVersion'; id: string; status: LifecycleStatus } },
  { planVersion: string; action: StatusAction }
> = gql`
  mutation ChangePlanVersionStatus($planVersion: ID!, $action: StatusAction!) {
    changePlanVersionStatus(planVersion: $planVersion, action: $action) {
      id
      status
    }
  }
`;

export interface PreviewLine {
  __typename?: 'PriceBreakdownLine';
  label: string;
  quantity: string | null;
  unitPrice: string | null;
  flatFee: string | null;
  rate: string | null;
  amount: string;
}

export interface PreviewPriceData {
  previewPrice: { __typename?: 'PricePreview'; amount: Money & { __typename?: 'Money' }; exactAmount: string; breakdown: PreviewLine[] };
}

export interface PreviewPriceVars {
  usage: { quantity?: string; amounts?: string[] };
  currency: string;
  price: PriceInput;
}

export const PREVIEW_PRICE: TypedDocumentNode<PreviewPriceData, PreviewPriceVars> = gql`
  query PreviewPrice($usage: PriceUsageInput!, $currency: String!, $price: PriceInput!) {
    previewPrice(usage: $usage, currency: $currency, price: $price) {
      amount {
        amount
        currency
      }
      exactAmount
      breakdown {
        label
        quantity
        unitPrice
        flatFee
        rate
        amount
      }
    }
  }
`;
