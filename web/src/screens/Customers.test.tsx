import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { acme, phases, planVersion, plans, platformFee, starterV1, subscription } from './customerFixtures';
import {
  ActivateSubscriptionDocument,
  ArchiveCustomerDocument,
  CancelSubscriptionDocument,
  CustomerDetailDocument,
  CustomersDocument,
  CustomerUsageDocument,
  ReactivateSubscriptionDocument,
  SubscriptionPhasesDocument,
  SubscriptionPlansDocument,
  SubscriptionVersionDocument,
  type CustomerRowFieldsFragment,
} from '../generated';
import { CustomerDetail, CustomersScreen, PAGE_SIZE } from './Customers';

const customer = {
  __typename: 'Customer' as const,
  id: 'c1',
  reference: 'acme',
  name: 'Acme Inc.',
  currency: 'EUR',
  country: 'NL',
  taxRate: '21',
  archivedAt: null,
};
const page = (nodes: CustomerRowFieldsFragment[], hasNextPage = false) => ({
  customers: {
    __typename: 'CustomerConnection' as const,
    totalCount: nodes.length,
    edges: nodes.map((node) => ({ __typename: 'CustomerEdge' as const, cursor: `c-${node.id}`, node })),
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: nodes.length ? `c-${nodes.at(-1)!.id}` : null },
  },
});
const request = { query: CustomersDocument, variables: { first: PAGE_SIZE, search: null, includeArchived: false } };
const mock = (data: ReturnType<typeof page>): MockLink.MockedResponse => ({ request, result: { data } });

afterEach(cleanup);

describe('CustomersScreen', () => {
  it('shows loading, then the list with currency, country and tax rate, and opens a customer', async () => {
    const onOpen = vi.fn();
    render(
      <MockedProvider mocks={[mock(page([customer], true))]} cache={createCache()}>
        <CustomersScreen onOpen={onOpen} />
      </MockedProvider>,
    );
    expect(screen.getByText('Loading customers…')).toBeTruthy();
    expect(await screen.findByText('acme')).toBeTruthy();
    expect(screen.getByText('Acme Inc.')).toBeTruthy();
    expect(screen.getByText('EUR')).toBeTruthy();
    expect(screen.getByText('NL')).toBeTruthy();
    expect(screen.getByText('21 %')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
    expect(screen.queryByText('Loading customers…')).toBeNull();
    screen.getByRole('link', { name: 'acme' }).click();
    expect(onOpen).toHaveBeenCalledWith('acme');
  });

  it('shows the empty state when there is no customer, and archived customers when asked', async () => {
    const archived = { ...customer, id: 'c2', reference: 'old', name: 'Old Co', archivedAt: '2026-03-01T00:00:00.000Z' };
    render(
      <MockedProvider
        mocks={[
          mock(page([])),
          { request: { ...request, variables: { ...request.variables, includeArchived: true } }, result: { data: page([archived]) } },
        ]}
        cache={createCache()}
      >
        <CustomersScreen onOpen={() => undefined} />
      </MockedProvider>,
    );
    expect(await screen.findByText(/No customers yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    fireEvent.click(screen.getByLabelText('Show archived'));
    expect(within(await screen.findByRole('row', { name: /Old Co/ })).getByText('ARCHIVED')).toBeTruthy();
  });

  it('shows an error with the field the API names', async () => {
    render(
      <MockedProvider
        mocks={[
          {
            request,
            result: { errors: [{ message: 'must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }] },
          },
        ]}
        cache={createCache()}
      >
        <CustomersScreen onOpen={() => undefined} />
      </MockedProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('first: must be between 1 and 100');
  });
});

describe('CustomerDetail', () => {
  const starterV2 = planVersion('v2', 2, [platformFee]);
  const growth = planVersion('g1', 1, [platformFee], { __typename: 'PricingPlan', id: 'plan-growth', reference: 'growth', name: 'Growth' });
  const active = subscription();
  const draft = subscription({ id: 's2', status: 'DRAFT', planVersion: starterV2, upcomingInvoice: null });
  const canceled = subscription({
    id: 's3',
    status: 'CANCELED',
    endAt: '2026-04-30T00:00:00.000Z',
    planVersion: growth,
    upcomingInvoice: null,
  });
  const detail = {
    customer: {
      ...acme,
      subscriptions: [active, draft, canceled],
      invoices: {
        __typename: 'InvoiceConnection',
        totalCount: 1,
        edges: [
          {
            __typename: 'InvoiceEdge',
            cursor: 'i1',
            node: {
              __typename: 'Invoice',
              id: 'inv1',
              number: null,
              status: 'DRAFT',
              kind: 'SUBSCRIPTION',
              periodStart: '2026-04-01T00:00:00.000Z',
              periodEnd: '2026-05-01T00:00:00.000Z',
              total: { __typename: 'Money', amount: '121.00', currency: 'EUR' },
            },
          },
        ],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'i1' },
      },
    },
  };
  const transition = (query: MockLink.MockedResponse['request']['query'], field: string, result: object): MockLink.MockedResponse => ({
    request: {
      query,
      variables: { subscription: (result as { id: string }).id, ...(field === 'cancelSubscription' ? { effective: 'NOW' } : {}) },
    },
    result: { data: { [field]: result } },
  });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-02T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shows the details, subscriptions with their upcoming invoice and actions, phases, and archives after confirming', async () => {
    const onOpenInvoice = vi.fn();
    render(
      <MockedProvider
        mocks={[
          { request: { query: CustomerDetailDocument, variables: { reference: 'acme', first: PAGE_SIZE } }, result: { data: detail } },
          { request: { query: SubscriptionPlansDocument, variables: {} }, result: { data: plans }, maxUsageCount: 5 },
          {
            request: { query: SubscriptionPhasesDocument, variables: { id: 's1' } },
            result: { data: phases({ 'item-fee': { model: 'FLAT', amount: '80' } }) },
          },
          { request: { query: SubscriptionVersionDocument, variables: { id: 'v1' } }, result: { data: { planVersion: starterV1 } } },
          {
            request: {
              query: CustomerUsageDocument,
              variables: { customer: 'c1', metric: 'api_calls_total', from: '2026-04-01T00:00:00.000Z', to: '2026-04-04T00:00:00.000Z' },
            },
            result: {
              data: {
                usage: {
                  __typename: 'Usage',
                  metric: 'api_calls_total',
                  aggregation: 'SUM',
                  from: '2026-04-01T00:00:00.000Z',
                  to: '2026-04-04T00:00:00.000Z',
                  value: '3',
                  buckets: [{ __typename: 'UsageBucket', start: '2026-04-01T00:00:00.000Z', value: '3' }],
                },
              },
            },
          },
          transition(ActivateSubscriptionDocument, 'activateSubscription', { ...draft, status: 'ACTIVE' }),
          transition(ReactivateSubscriptionDocument, 'reactivateSubscription', { ...canceled, status: 'ACTIVE', endAt: null }),
          transition(CancelSubscriptionDocument, 'cancelSubscription', {
            ...active,
            status: 'CANCELED',
            endAt: '2026-04-02T12:00:00.000Z',
          }),
          {
            request: { query: ArchiveCustomerDocument, variables: { customer: 'c1' } },
            result: { data: { archiveCustomer: { __typename: 'Customer', id: 'c1', archivedAt: '2026-04-02T12:00:00.000Z' } } },
          },
        ]}
        cache={createCache()}
      >
        <CustomerDetail referenceOrId="acme" onBack={() => undefined} onOpenInvoice={onOpenInvoice} />
      </MockedProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Acme Inc.' })).toBeTruthy();
    expect(screen.getByText('billing@acme.com')).toBeTruthy();
    expect(screen.getByText('crm')).toBeTruthy();
    expect(await screen.findByRole('img', { name: 'api_calls_total per day' })).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Subscriptions' });
    const [, first, second, third] = within(table).getAllByRole('row');
    fireEvent.click(within(first).getByRole('link', { name: 'Upcoming invoice of Starter v1' }));
    expect(onOpenInvoice).toHaveBeenCalledWith('inv1');
    expect(within(first).getByText('121.00 EUR')).toBeTruthy();
    fireEvent.click(within(second).getByRole('button', { name: 'Activate Starter v2' }));
    expect(await within(second).findByText('ACTIVE')).toBeTruthy();
    expect(within(third).getByText('ends 2026-04-30')).toBeTruthy();
    fireEvent.click(within(third).getByRole('button', { name: 'Reactivate Growth v1' }));
    expect(await within(third).findByText('ACTIVE')).toBeTruthy();

    fireEvent.click(within(first).getByRole('button', { name: 'Manage Starter v1' }));
    const panel = screen.getByRole('region', { name: 'Subscription Starter v1' });
    const [, phase] = within(await within(panel).findByRole('table', { name: 'Phases of Starter v1' })).getAllByRole('row');
    expect(phase.textContent).toContain('current');
    expect(phase.textContent).toContain('Platform fee: FLAT 80');
    const changeForm = within(panel).getByRole('form', { name: 'Change Starter v1' });
    expect(((await within(changeForm).findByLabelText('Amount')) as HTMLInputElement).value).toBe('80');
    fireEvent.click(within(panel).getByRole('button', { name: 'Cancel Starter v1 now' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Yes, cancel now' }));
    expect(await within(first).findByText('CANCELED')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Archive customer' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, archive' }));
    expect(await screen.findByText('An archived customer cannot get a new subscription.')).toBeTruthy();
    expect(screen.getByText('ARCHIVED')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New subscription' })).toBeNull();
  });
});
