import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { PAGE_SIZE } from './EventParts';
import { EventsSection } from './Events';
import {
  EventDetailDocument,
  EventIngestDocument,
  EventListDocument,
  MeterChoicesDocument,
  EventReprocessDocument,
  type EventDetailQuery,
  type UsageEventFilter,
} from '../generated';

type EventNode = EventDetailQuery['usageEvent'] & object;

const event = (id: string, patch: Partial<EventNode> = {}) => ({
  __typename: 'UsageEvent' as const,
  id,
  reference: `ref-${id}`,
  meterReference: 'api_calls',
  customerReference: 'acme',
  timestamp: '2026-03-10T07:00:00.000Z',
  values: [{ __typename: 'EventValue' as const, reference: 'calls', quantity: '10', currency: null }],
  status: 'MATCHED' as const,
  unmatchedReason: null,
  ...patch,
});
type Row = ReturnType<typeof event>;

const page = (nodes: Row[], hasNextPage = false, totalCount = nodes.length) => ({
  usageEvents: {
    __typename: 'UsageEventConnection' as const,
    totalCount,
    edges: nodes.map((node) => ({ __typename: 'UsageEventEdge' as const, cursor: `c-${node.id}`, node })),
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: nodes.length ? `c-${nodes.at(-1)!.id}` : null },
  },
});
const listMock = (filter: UsageEventFilter, data: ReturnType<typeof page>): MockLink.MockedResponse => ({
  request: { query: EventListDocument, variables: { first: PAGE_SIZE, filter } },
  result: { data },
});

function renderAt(path: string, mocks: MockLink.MockedResponse[]) {
  const navigate = vi.fn();
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <EventsSection path={path} navigate={navigate} />
    </MockedProvider>,
  );
  return navigate;
}

/** Matches a fact (`<dd>`) of a details list by its whole text. */
const fact = (text: string) => (_: string, element: Element | null) => element?.tagName === 'DD' && element.textContent === text;

afterEach(cleanup);

describe('All events', () => {
  it('lists events with their values and status, and opens one', async () => {
    const unmatched = event('e2', { status: 'UNMATCHED', unmatchedReason: 'UNKNOWN_CUSTOMER', customerReference: 'globex' });
    const navigate = renderAt('/events', [listMock({}, page([event('e1'), unmatched], true, 41))]);
    expect(screen.getByRole('link', { name: 'All events' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('Loading events…')).toBeTruthy();
    expect(await screen.findByText('ref-e1')).toBeTruthy();
    expect(screen.getByText('41 events')).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Usage events' })).getAllByRole('row');
    expect(rows[1].textContent).toContain('2026-03-10 07:00:00 UTC');
    expect(rows[1].textContent).toContain('calls 10');
    expect(rows[2].textContent).toContain('UNMATCHED');
    expect(rows[2].textContent).toContain('UNKNOWN_CUSTOMER');
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
    fireEvent.click(rows[2]);
    expect(navigate).toHaveBeenCalledWith('/events/e2');
  });

  it('sends the filters as UsageEventFilter and shows the empty state', async () => {
    renderAt('/events', [
      listMock({}, page([event('e1')])),
      listMock(
        {
          status: 'UNMATCHED',
          customerReference: 'acme',
          meterReference: 'api_calls',
          reference: 'r-1',
          from: '2026-03-01T00:00:00Z',
          to: '2026-04-01T00:00:00.000Z',
        },
        page([]),
      ),
    ]);
    await screen.findByText('ref-e1');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'UNMATCHED' } });
    fireEvent.change(screen.getByLabelText('Customer reference'), { target: { value: ' acme ' } });
    fireEvent.change(screen.getByLabelText('Meter reference'), { target: { value: 'api_calls' } });
    fireEvent.change(screen.getByLabelText('Event reference'), { target: { value: 'r-1' } });
    fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('To (UTC, inclusive)'), { target: { value: '2026-03-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('No events match these filters.')).toBeTruthy();
    expect(screen.getByText('0 events')).toBeTruthy();
  });

  it('shows the empty state without filters and an API error with its field', async () => {
    renderAt('/events', [listMock({}, page([]))]);
    expect(await screen.findByText(/No events yet/)).toBeTruthy();
    cleanup();
    renderAt('/events', [
      {
        request: { query: EventListDocument, variables: { first: PAGE_SIZE, filter: {} } },
        result: { errors: [{ message: 'must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }] },
      },
    ]);
    expect((await screen.findByRole('alert')).textContent).toContain('first: must be between 1 and 100');
  });
});

const detail = (patch: Partial<EventNode> = {}) => ({
  ...event('e1'),
  receivedAt: '2026-03-10T07:00:02.000Z',
  properties: { region: 'eu-west' },
  customer: { __typename: 'Customer', id: 'c1', reference: 'acme', name: 'Acme Inc' },
  meter: { __typename: 'Meter', id: 'm1', reference: 'api_calls', name: 'API calls' },
  metricValues: [{ __typename: 'EventMetricValue', metric: 'api_calls_total', value: '10' }],
  estimatedCost: { __typename: 'Money', amount: '0.0125', currency: 'EUR' },
  billingSubscription: { __typename: 'CustomerSubscription', id: 's1' },
  invoice: {
    __typename: 'Invoice',
    id: 'inv1',
    number: null,
    kind: 'SUBSCRIPTION',
    status: 'DRAFT',
    periodStart: '2026-03-01T00:00:00.000Z',
    periodEnd: '2026-04-01T00:00:00.000Z',
    subscription: {
      __typename: 'CustomerSubscription',
      id: 's1',
      status: 'ACTIVE',
      planVersion: {
        __typename: 'PricingPlanVersion',
        id: 'pv1',
        version: 2,
        plan: { __typename: 'PricingPlan', id: 'p1', reference: 'pro', name: 'Pro' },
      },
    },
  },
  ...patch,
});
const detailMock = (id: string, usageEvent: ReturnType<typeof detail> | null): MockLink.MockedResponse => ({
  request: { query: EventDetailDocument, variables: { id } },
  result: { data: { usageEvent } },
});

describe('Event details', () => {
  it('shows the event, what it counted, its estimated cost and the invoice it went to', async () => {
    const navigate = renderAt('/events/e1', [detailMock('e1', detail())]);
    expect(screen.getByText('Loading event…')).toBeTruthy();
    expect(await screen.findByText(fact('Acme Inc (acme)'))).toBeTruthy();
    expect(screen.getByText('2026-03-10 07:00:02 UTC')).toBeTruthy();
    expect(screen.getByText(/"region": "eu-west"/)).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Metric values' })).getByText('api_calls_total')).toBeTruthy();
    expect(screen.getByTestId('estimated-cost').textContent).toBe('0.0125 EUR');
    expect(screen.getByTestId('billing-subscription').textContent).toMatch(/^s1 \(the customer’s subscription pricing/);
    expect(screen.getByTestId('event-invoice').textContent).toBe('Draft');
    expect(screen.getByText('2026-03-01 – 2026-03-31')).toBeTruthy();
    expect(screen.getByText(fact('Pro (pro) v2 ACTIVE'))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open invoice' }));
    expect(navigate).toHaveBeenCalledWith('/invoices/inv1');
  });

  it('explains an unmatched event', async () => {
    const unmatched = detail({
      status: 'UNMATCHED',
      unmatchedReason: 'UNKNOWN_CUSTOMER',
      customer: null,
      metricValues: [],
      estimatedCost: null,
      invoice: null,
    });
    renderAt('/events/e1', [detailMock('e1', unmatched)]);
    expect(await screen.findByText(/No customer has this reference yet/)).toBeTruthy();
    expect(screen.getByText('(not matched to a customer)')).toBeTruthy();
    expect(screen.getByText(/Nothing bills this event/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reprocess this event' })).toBeTruthy();
  });

  it('says that an unknown event does not exist', async () => {
    renderAt('/events/nope', [detailMock('nope', null)]);
    expect(await screen.findByText('This event does not exist.')).toBeTruthy();
  });
});

describe('Unmatched events', () => {
  const unmatchedFilter = { status: 'UNMATCHED' as const };
  const a = event('u1', { status: 'UNMATCHED', unmatchedReason: 'UNKNOWN_CUSTOMER' });
  const b = event('u2', { status: 'UNMATCHED', unmatchedReason: 'INACTIVE_METER' });

  it('reprocesses the selected events, shows the result and refreshes the list', async () => {
    renderAt('/events/unmatched', [
      listMock(unmatchedFilter, page([a, b])),
      {
        request: { query: EventReprocessDocument, variables: { filter: { ids: ['u2'] } } },
        result: { data: { reprocessUnmatchedEvents: { __typename: 'ReprocessResult', examined: 1, matched: 1, stillUnmatched: 0 } } },
      },
      listMock(unmatchedFilter, page([a])),
    ]);
    expect(await screen.findByText('ref-u2')).toBeTruthy();
    expect(screen.getByText(/The meter is not active/)).toBeTruthy();
    const reprocess = screen.getByRole('button', { name: 'Reprocess selected' }) as HTMLButtonElement;
    expect(reprocess.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Select ref-u2'));
    expect(screen.getByText('1 selected')).toBeTruthy();
    fireEvent.click(reprocess);
    expect((await screen.findByRole('status')).textContent).toBe('Examined 1 · matched 1 · still unmatched 0');
    await vi.waitFor(() => expect(screen.queryByText('ref-u2')).toBeNull());
    expect(screen.getByText('0 selected')).toBeTruthy();
  });

  it('filters by reason and reprocesses all events of that reason', async () => {
    renderAt('/events/unmatched', [
      listMock(unmatchedFilter, page([a, b])),
      listMock({ ...unmatchedFilter, unmatchedReason: 'UNKNOWN_CUSTOMER' }, page([a])),
      {
        request: { query: EventReprocessDocument, variables: { filter: { reason: 'UNKNOWN_CUSTOMER' } } },
        result: { data: { reprocessUnmatchedEvents: { __typename: 'ReprocessResult', examined: 1, matched: 0, stillUnmatched: 1 } } },
      },
      listMock({ ...unmatchedFilter, unmatchedReason: 'UNKNOWN_CUSTOMER' }, page([a])),
    ]);
    await screen.findByText('ref-u2');
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'UNKNOWN_CUSTOMER' } });
    await vi.waitFor(() => expect(screen.queryByText('ref-u2')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Reprocess all' }));
    expect((await screen.findByRole('status')).textContent).toBe('Examined 1 · matched 0 · still unmatched 1');
  });
});

describe('Enter an event', () => {
  const meters = {
    meters: {
      __typename: 'MeterConnection' as const,
      edges: [
        {
          __typename: 'MeterEdge' as const,
          cursor: 'c1',
          node: {
            __typename: 'Meter' as const,
            id: 'm1',
            reference: 'transactions',
            name: 'Transactions',
            status: 'ACTIVE' as const,
            values: [
              { __typename: 'MeterValue' as const, reference: 'amount_processed', type: 'AMOUNT' as const, currency: 'EUR' },
              { __typename: 'MeterValue' as const, reference: 'items', type: 'NUMBER' as const, currency: null },
            ],
            properties: [],
          },
        },
      ],
      pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: 'c1' },
    },
  };
  const events = [
    {
      meterReference: 'transactions',
      customerReference: 'acme',
      reference: 'acme_txn_001',
      timestamp: '2025-04-17T13:33:00Z',
      meterValues: [{ reference: 'amount_processed', amount: { currency: 'EUR', quantity: '749.98' } }],
      properties: { region: 'eu-west' },
    },
  ];

  it('builds the equivalent curl and GraphQL as the user types, and shows a REJECTED result with its field', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderAt('/events/new', [
      { request: { query: MeterChoicesDocument, variables: { first: 100 } }, result: { data: meters } },
      {
        request: { query: EventIngestDocument, variables: { events } },
        result: {
          data: {
            ingestUsageEvents: {
              __typename: 'IngestResult',
              accepted: 0,
              unmatched: 0,
              duplicates: 0,
              conflicts: 0,
              rejected: 1,
              results: [
                {
                  __typename: 'IngestEventResult',
                  index: 0,
                  reference: 'acme_txn_001',
                  status: 'REJECTED',
                  eventId: null,
                  reason: 'timestamp is too far in the future',
                  field: 'timestamp',
                },
              ],
            },
          },
        },
      },
    ]);
    await screen.findByRole('option', { name: 'Transactions (transactions)' });
    fireEvent.change(screen.getByLabelText('Meter'), { target: { value: 'transactions' } });
    fireEvent.change(screen.getByLabelText('Customer reference'), { target: { value: 'acme' } });
    fireEvent.change(screen.getByLabelText('Event reference'), { target: { value: 'acme_txn_001' } });
    fireEvent.change(screen.getByLabelText('Timestamp (UTC)'), { target: { value: '2025-04-17T13:33' } });
    fireEvent.change(screen.getByLabelText('amount_processed (AMOUNT)'), { target: { value: '749.98' } });
    expect((screen.getByLabelText('amount_processed currency') as HTMLInputElement).value).toBe('EUR');
    expect(screen.getByLabelText('items (NUMBER)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Property 1 name'), { target: { value: 'region' } });
    fireEvent.change(screen.getByLabelText('Property 1 value'), { target: { value: 'eu-west' } });

    expect(screen.getByTestId('curl-request').textContent).toBe(
      [
        `curl -X POST '${window.location.origin}/v1/events' \\`,
        `  -H "Authorization: Bearer $METERLINE_API_KEY" \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  --data-raw '${JSON.stringify(
          [
            {
              meter_reference: 'transactions',
              customer_reference: 'acme',
              reference: 'acme_txn_001',
              timestamp: '2025-04-17T13:33:00Z',
              meter_values: events[0].meterValues,
              properties: { region: 'eu-west' },
            },
          ],
          null,
          2,
        )}'`,
      ].join('\n'),
    );
    expect(screen.getByTestId('graphql-mutation').textContent).toContain('ingestUsageEvents(events: $events)');
    expect(JSON.parse(screen.getByTestId('graphql-variables').textContent!)).toEqual({ events });
    fireEvent.click(screen.getByRole('button', { name: 'Copy curl' }));
    expect(writeText).toHaveBeenCalledWith(screen.getByTestId('curl-request').textContent);
    expect(await screen.findByText('Copied the curl command.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Send event' }));
    const result = await screen.findByRole('status', { name: 'Result' });
    expect(result.textContent).toContain('REJECTED');
    expect(result.textContent).toContain('timestamp: timestamp is too far in the future');
    expect(within(result).queryByRole('link', { name: 'View event' })).toBeNull();
  });
});
