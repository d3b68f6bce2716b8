import { gql, type TypedDocumentNode } from '@apollo/client';

export interface MeterNode {
  __typename?: 'Meter';
  id: string;
  reference: string;
  name: string;
  status: 'DRAFT' | 'ACTIVE' | 'DEPRECATED' | 'ARCHIVED';
  values: Array<{ __typename?: 'MeterValue'; reference: string; type: 'NUMBER' | 'AMOUNT'; currency: string | null }>;
  metrics: Array<{ __typename?: 'UsageMetric'; id: string; reference: string; aggregation: string; valueReference: string | null }>;
}

export interface MetersData {
  meters: {
    __typename?: 'MeterConnection';
    totalCount: number;
    edges: Array<{ __typename?: 'MeterEdge'; cursor: string; node: MeterNode }>;
    pageInfo: { __typename?: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
  };
}
export interface MetersVars {
  first?: number;
  after?: string | null;
  includeArchived?: boolean;
}

export const METER_FIELDS = gql`
  fragment MeterFields on Meter {
    id
    reference
    name
    status
    values {
      reference
      type
      currency
    }
    metrics {
      id
      reference
      aggregation
      valueReference
    }
  }
`;

export const METERS: TypedDocumentNode<MetersData, MetersVars> = gql`
  query Meters($first: Int, $after: String, $includeArchived: Boolean! = false) {
    meters(first: $first, after: $after, includeArchived: $includeArchived) {
      totalCount
      edges {
        cursor
        node {
          ...MeterFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${METER_FIELDS}
`;

export interface CreateMeterInput {
  reference: string;
  name: string;
  properties?: string[];
  values: Array<{ reference: string; type: 'NUMBER' | 'AMOUNT'; currency?: string }>;
  metrics: Array<{ reference: string; aggregation: string; valueReference?: string; property?: string }>;
}

export const CREATE_METER: TypedDocumentNode<{ createMeter: MeterNode }, { input: CreateMeterInput }> = gql`
  mutation CreateMeter($input: CreateMeterInput!) {
    createMeter(input: $input) {
      ...MeterFields
    }
  }
  ${METER_FIELDS}
`;

export type StatusAction = 'ACTIVATE' | 'DEPRECATE' | 'ARCHIVE' | 'RESTORE';

export const CHANGE_METER_STATUS: TypedDocumentNode<
  { changeMeterStatus: { id: string; status: MeterNode['status'] } },
  { meter: string; action: StatusAction }
> = gql`
  mutation ChangeMeterStatus($meter: String!, $action: StatusAction!) {
    changeMeterStatus(meter: $meter, action: $action) {
      id
      status
    }
  }
`;
