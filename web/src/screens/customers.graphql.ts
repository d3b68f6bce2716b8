import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Money } from '../format';
import type { InvoiceStatus } from './invoices.graphql';

export interface CustomerNode {
  __typename?: 'Customer';
  id: string;
  reference: string;
  name: string;
  currency: string;
  country: string | null;
  taxRate: string | null;
}

export interface CustomersData {
  customers: {
    __typename?: 'CustomerConnection';
    totalCount: number;
    edges: Array<{ __typename?: 'CustomerEdge'; cursor: string; node: CustomerNode }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
  };
}
export interface CustomersVars {
  first?: number;
  after?: string | null;
  search?: string | null;
}

export const CUSTOMER_FIELDS = gql`
  fragment CustomerFields on Customer {
    id
    reference
    name
    currency
    country
    taxRate
  }
`;

export const CUSTOMERS: TypedDocumentNode<CustomersData, CustomersVars> = gql`
  query Customers($first: Int, $after: String, $search: String) {
    customers(first: $first, after: $after, search: $search) {
      totalCount
      edges {
        cursor
        node {
          ...CustomerFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${CUSTOMER_FIELDS}
`;

export interface CreateCustomerInput {
  reference: string;
  name: string;
  currency: string;
  taxRate?: string;
}

export const CREATE_CUSTOMER: TypedDocumentNode<{ createCustomer: CustomerNode }, { input: CreateCustomerInput }> = gql`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      ...CustomerFields
    }
  }
  ${CUSTOMER_FIELDS}
`;

export type SubscriptionStatus = 'DRAFT' | 'ACTIVE' | 'CANCELED' | 'ENDED';

export interface SubscriptionNode {
  __typename?: 'CustomerSubscription';
  id: string;
  status: SubscriptionStatus;
  seats: number;
  endAt: string | null;
  currentPeriod: { __typename?: 'BillingPeriodRange'; index: number; start: string; end: string } | null;
  planVersion: {
    __typename?: 'PricingPlanVersion';
    id: string;
    version: number;
    plan: { __typename?: 'PricingPlan'; id: string; reference: string; name: string };
  };
}

export interface CustomerInvoice {
  __typename?: 'Invoice';
  id: string;
  number: string | null;
  status: InvoiceStatus;
  kind: string;
  periodStart: string;
  periodEnd: string;
  total: Money;
}

export interface CustomerDetailData {
  customer:
    | (CustomerNode & {
        email: string | null;
        createdAt: string;
        subscriptions: SubscriptionNode[];
        invoices: {
          __typename?: 'InvoiceConnection';
          totalCount: number;
          edges: Array<{ __typename?: 'InvoiceEdge'; cursor: string; node: CustomerInvoice }>;
          pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
        };
      })
    | null;
}

export const SUBSCRIPTION_FIELDS = gql`
  fragment SubscriptionFields on CustomerSubscription {
    id
    status
    seats
    endAt
    currentPeriod {
      index
      start
      end
    }
    planVersion {
      id
      version
      plan {
        id
        reference
        name
      }
    }
  }
`;

/** A customer by reference or by id (exactly one), with its subscriptions and its invoices. */
export const CUSTOMER: TypedDocumentNode<
  CustomerDetailData,
  { reference?: string | null; id?: string | null; first?: number; after?: string | null }
> = gql`
  query Customer($reference: String, $id: ID, $first: Int, $after: String) {
    customer(reference: $reference, id: $id) {
      ...CustomerFields
      email
      createdAt
      subscriptions {
        ...SubscriptionFields
      }
      invoices(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            id
            number
            status
            kind
            periodStart
            periodEnd
            total {
              amount
              currency
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${CUSTOMER_FIELDS}
  ${SUBSCRIPTION_FIELDS}
`;

export type VersionStatus = 'DRAFT' | 'ACTIVE' | 'DEPRECATED' | 'ARCHIVED';

export interface PlansData {
  pricingPlans: {
    __typename?: 'PricingPlanConnection';
    edges: Array<{
      __typename?: 'PricingPlanEdge';
      node: {
        __typename?: 'PricingPlan';
        id: string;
        reference: string;
        name: string;
        versions: Array<{
          __typename?: 'PricingPlanVersion';
          id: string;
          version: number;
          status: VersionStatus;
          currency: string;
          billingPeriod: string;
        }>;
      };
    }>;
  };
}

/** Plans and their versions, to offer the ACTIVE ones (the first 100 plans). */
export const PLANS: TypedDocumentNode<PlansData, Record<string, never>> = gql`
  query PlansForSubscription {
    pricingPlans(first: 100) {
      edges {
        node {
          id
          reference
          name
          versions {
            id
            version
            status
            currency
            billingPeriod
          }
        }
      }
    }
  }
`;

export const CREATE_SUBSCRIPTION: TypedDocumentNode<
  { createSubscription: SubscriptionNode },
  { input: { customer: string; planVersion: string; seats?: number } }
> = gql`
  mutation CreateSubscription($input: CreateSubscriptionInput!) {
    createSubscription(input: $input) {
      ...SubscriptionFields
    }
  }
  ${SUBSCRIPTION_FIELDS}
`;

export const CHANGE_SEATS: TypedDocumentNode<{ changeSubscription: SubscriptionNode }, { subscription: string; seats: number }> = gql`
  mutation ChangeSeats($subscription: ID!, $seats: Int!) {
    changeSubscription(input: { subscription: $subscription, effective: NOW, seats: $seats }) {
      ...SubscriptionFields
    }
  }
  ${SUBSCRIPTION_FIELDS}
`;

export const CANCEL_SUBSCRIPTION: TypedDocumentNode<{ cancelSubscription: SubscriptionNode }, { subscription: string }> = gql`
  mutation CancelSubscription($subscription: ID!) {
    cancelSubscription(subscription: $subscription, effective: PERIOD_END) {
      ...SubscriptionFields
    }
  }
  ${SUBSCRIPTION_FIELDS}
`;
