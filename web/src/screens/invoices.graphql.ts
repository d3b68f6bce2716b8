import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Money } from '../format';

export type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'PAID' | 'VOID';

export interface InvoiceSummary {
  __typename?: 'Invoice';
  id: string;
  number: string | null;
  status: InvoiceStatus;
  kind: string;
  periodStart: string;
  periodEnd: string;
  customer: { __typename?: 'Customer'; id: string; reference: string; name: string };
  total: Money;
}

export interface InvoicesData {
  invoices: {
    __typename?: 'InvoiceConnection';
    totalCount: number;
    edges: Array<{ __typename?: 'InvoiceEdge'; cursor: string; node: InvoiceSummary }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
  };
}

export const INVOICES: TypedDocumentNode<InvoicesData, { first?: number; after?: string | null; status?: InvoiceStatus | null }> = gql`
  query Invoices($first: Int, $after: String, $status: InvoiceStatus) {
    invoices(first: $first, after: $after, status: $status) {
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
          customer {
            id
            reference
            name
          }
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
`;

export interface InvoiceLine {
  id: string;
  kind: string;
  description: string;
  quantity: string | null;
  deduction: boolean;
  amount: Money;
  breakdown: Array<{ label: string; quantity: string | null; unitPrice: string | null; flatFee: string | null; amount: string }>;
}

export interface InvoiceDetailData {
  invoice:
    | (InvoiceSummary & {
        currency: string;
        taxRate: string | null;
        dueAt: string | null;
        issuedAt: string | null;
        paidAt: string | null;
        voidReason: string | null;
        lines: InvoiceLine[];
        subtotal: Money;
        tax: Money;
        deductions: Money;
        amountDue: Money;
      })
    | null;
}

const DETAIL_FIELDS = gql`
  fragment InvoiceDetailFields on Invoice {
    id
    number
    status
    kind
    currency
    periodStart
    periodEnd
    dueAt
    issuedAt
    paidAt
    voidReason
    taxRate
    customer {
      id
      reference
      name
    }
    lines {
      id
      kind
      description
      quantity
      deduction
      amount {
        amount
        currency
      }
      breakdown {
        label
        quantity
        unitPrice
        flatFee
        amount
      }
    }
    subtotal {
      amount
      currency
    }
    tax {
      amount
      currency
    }
    deductions {
      amount
      currency
    }
    total {
      amount
      currency
    }
    amountDue {
      amount
      currency
    }
  }
`;

export const INVOICE: TypedDocumentNode<InvoiceDetailData, { id: string }> = gql`
  query Invoice($id: ID!) {
    invoice(id: $id) {
      ...InvoiceDetailFields
    }
  }
  ${DETAIL_FIELDS}
`;

type Detail = NonNullable<InvoiceDetailData['invoice']>;
export const ISSUE_INVOICE: TypedDocumentNode<{ issueInvoice: Detail }, { id: string }> = gql`
  mutation IssueInvoice($id: ID!) {
    issueInvoice(id: $id) {
      ...InvoiceDetailFields
    }
  }
  ${DETAIL_FIELDS}
`;
export const MARK_INVOICE_PAID: TypedDocumentNode<{ markInvoicePaid: Detail }, { id: string }> = gql`
  mutation MarkInvoicePaid($id: ID!) {
    markInvoicePaid(id: $id) {
      ...InvoiceDetailFields
    }
  }
  ${DETAIL_FIELDS}
`;
export const VOID_INVOICE: TypedDocumentNode<{ voidInvoice: Detail }, { id: string; reason: string }> = gql`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      ...InvoiceDetailFields
    }
  }
  ${DETAIL_FIELDS}
`;
