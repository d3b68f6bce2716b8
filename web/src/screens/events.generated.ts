// Generated from web/src/screens/events.graphql by `npm run generate -w @meterline/web`: do not edit.
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An amount of money used, e.g. a transaction */
export type EventAmountInput = {
  currency: string;
  /** Decimal string, e.g. "749.98" */
  quantity: string;
};

export type EventMeterValueInput = {
  reference: string;
  /** Decimal string for NUMBER values */
  number?: string | null | undefined;
  /** For AMOUNT values */
  amount?: EventAmountInput | null | undefined;
};

export type EventStatus =
  /** Attributed to its meter and customer; counts in usage */
  | 'MATCHED'
  /** Stored, waiting; see unmatchedReason */
  | 'UNMATCHED';

export type IngestStatus =
  /** Stored and attributed to its meter and customer */
  | 'ACCEPTED'
  /** Stored, but not attributed yet; see reason */
  | 'UNMATCHED'
  /** Same reference and same content as a stored event: nothing changed */
  | 'DUPLICATE'
  /** Same reference, other content: the first event stays */
  | 'CONFLICT'
  /** Invalid; see field and reason */
  | 'REJECTED';

export type InvoiceKind =
  /** One billing period of a subscription */
  | 'SUBSCRIPTION'
  /** What changed in an issued period afterwards (late usage): issued with the next invoice */
  | 'CORRECTION';

export type InvoiceStatus =
  /** The period is open (or in its grace period): kept current as usage and changes arrive */
  | 'DRAFT'
  /** Numbered and immutable */
  | 'ISSUED'
  /** Issued and paid */
  | 'PAID'
  /** Issued, then cancelled; keeps its number */
  | 'VOID';

/** DRAFT → ACTIVE → DEPRECATED → ARCHIVED; drafts and deprecated resources can be archived and restored */
export type LifecycleStatus = 'DRAFT' | 'ACTIVE' | 'DEPRECATED' | 'ARCHIVED';

export type MeterValueType = 'NUMBER' | 'AMOUNT';

export type ReprocessFilter = {
  ids?: Array<string | number> | null | undefined;
  reason?: UnmatchedReason | null | undefined;
  customerReference?: string | null | undefined;
  meterReference?: string | null | undefined;
};

export type SubscriptionStatus =
  /** Not billed yet */
  | 'DRAFT'
  /** Billed every period */
  | 'ACTIVE'
  /** Billed until endAt, then ENDED; can be reactivated before */
  | 'CANCELED'
  /** Over */
  | 'ENDED';

export type UnmatchedReason =
  /** No meter has this reference */
  | 'UNKNOWN_METER'
  /** The meter is not ACTIVE */
  | 'INACTIVE_METER'
  /** A value the meter does not define */
  | 'UNKNOWN_VALUE'
  /** A NUMBER given for an AMOUNT value or the other way round, or another currency */
  | 'VALUE_TYPE_MISMATCH'
  /** No customer has this reference (yet): matched automatically when it is created */
  | 'UNKNOWN_CUSTOMER';

export type UsageEventFilter = {
  status?: EventStatus | null | undefined;
  unmatchedReason?: UnmatchedReason | null | undefined;
  customerReference?: string | null | undefined;
  meterReference?: string | null | undefined;
  reference?: string | null | undefined;
  /** Event timestamp from (inclusive) */
  from?: string | null | undefined;
  /** Event timestamp to (exclusive) */
  to?: string | null | undefined;
};

/** A usage event, the seed shape with GraphQL names */
export type UsageEventInput = {
  meterReference: string;
  customerReference: string;
  /** Idempotency key, unique per platform and meter */
  reference: string;
  /** RFC 3339 with offset; default: the time it is received */
  timestamp?: string | null | undefined;
  meterValues: Array<EventMeterValueInput>;
  properties?: Record<string, unknown> | null | undefined;
};

export type EventRowFieldsFragment = {
  id: string;
  reference: string;
  meterReference: string;
  customerReference: string;
  timestamp: string;
  status: EventStatus;
  unmatchedReason: UnmatchedReason | null;
  values: Array<{ reference: string; quantity: string; currency: string | null }>;
};

export type EventListQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: UsageEventFilter | null | undefined;
}>;

export type EventListQuery = {
  usageEvents: {
    totalCount: number;
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        reference: string;
        meterReference: string;
        customerReference: string;
        timestamp: string;
        status: EventStatus;
        unmatchedReason: UnmatchedReason | null;
        values: Array<{ reference: string; quantity: string; currency: string | null }>;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type EventDetailQueryVariables = Exact<{
  id: string | number;
}>;

export type EventDetailQuery = {
  usageEvent: {
    receivedAt: string;
    properties: Record<string, unknown>;
    id: string;
    reference: string;
    meterReference: string;
    customerReference: string;
    timestamp: string;
    status: EventStatus;
    unmatchedReason: UnmatchedReason | null;
    customer: { id: string; reference: string; name: string } | null;
    meter: { id: string; reference: string; name: string } | null;
    metricValues: Array<{ metric: string; value: string }>;
    estimatedCost: { amount: string; currency: string } | null;
    invoice: {
      id: string;
      number: string | null;
      kind: InvoiceKind;
      status: InvoiceStatus;
      periodStart: string;
      periodEnd: string;
      subscription: {
        id: string;
        status: SubscriptionStatus;
        planVersion: { id: string; version: number; plan: { id: string; reference: string; name: string } };
      } | null;
    } | null;
    values: Array<{ reference: string; quantity: string; currency: string | null }>;
  } | null;
};

export type EventReprocessMutationVariables = Exact<{
  filter?: ReprocessFilter | null | undefined;
}>;

export type EventReprocessMutation = { reprocessUnmatchedEvents: { examined: number; matched: number; stillUnmatched: number } };

export type EventMetersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type EventMetersQuery = {
  meters: {
    edges: Array<{
      node: {
        id: string;
        reference: string;
        name: string;
        status: LifecycleStatus;
        values: Array<{ reference: string; type: MeterValueType; currency: string | null }>;
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

export type EventIngestMutationVariables = Exact<{
  events: Array<UsageEventInput> | UsageEventInput;
}>;

export type EventIngestMutation = {
  ingestUsageEvents: {
    accepted: number;
    unmatched: number;
    duplicates: number;
    conflicts: number;
    rejected: number;
    results: Array<{
      index: number;
      reference: string | null;
      status: IngestStatus;
      eventId: string | null;
      reason: string | null;
      field: string | null;
    }>;
  };
};

export const EventRowFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'EventRowFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'UsageEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'customerReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'values' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quantity' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unmatchedReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EventRowFieldsFragment, unknown>;
export const EventListDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'EventList' },
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
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'UsageEventFilter' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'usageEvents' },
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
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
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
                          selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'EventRowFields' } }],
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
      name: { kind: 'Name', value: 'EventRowFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'UsageEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'customerReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'values' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quantity' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unmatchedReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EventListQuery, EventListQueryVariables>;
export const EventDetailDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'EventDetail' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'usageEvent' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'EventRowFields' } },
                { kind: 'Field', name: { kind: 'Name', value: 'receivedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'properties' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'customer' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'meter' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'metricValues' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'metric' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'estimatedCost' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'invoice' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'subscription' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'planVersion' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'version' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'plan' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                        { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                                        { kind: 'Field', name: { kind: 'Name', value: 'name' } },
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
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'EventRowFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'UsageEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'meterReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'customerReference' } },
          { kind: 'Field', name: { kind: 'Name', value: 'timestamp' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'values' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quantity' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unmatchedReason' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EventDetailQuery, EventDetailQueryVariables>;
export const EventReprocessDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'EventReprocess' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ReprocessFilter' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'reprocessUnmatchedEvents' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'examined' } },
                { kind: 'Field', name: { kind: 'Name', value: 'matched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stillUnmatched' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EventReprocessMutation, EventReprocessMutationVariables>;
export const EventMetersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'EventMeters' },
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
            name: { kind: 'Name', value: 'meters' },
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
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'values' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
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
  ],
} as unknown as DocumentNode<EventMetersQuery, EventMetersQueryVariables>;
export const EventIngestDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'EventIngest' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'events' } },
          type: {
            kind: 'NonNullType',
            type: {
              kind: 'ListType',
              type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'UsageEventInput' } } },
            },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'ingestUsageEvents' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'events' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'events' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'accepted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unmatched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'duplicates' } },
                { kind: 'Field', name: { kind: 'Name', value: 'conflicts' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rejected' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'results' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'index' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'eventId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
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
} as unknown as DocumentNode<EventIngestMutation, EventIngestMutationVariables>;
