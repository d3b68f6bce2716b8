import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { CUSTOMERS, type CustomerNode } from './customers.graphql';
import { CustomersScreen, PAGE_SIZE } from './Customers';

const customer: CustomerNode = {
  __typename: 'Customer',
  id: 'c1',
  reference: 'acme',
  name: 'Acme Inc.',
  currency: 'EUR',
  country: 'NL',
  taxRate: '21',
};
const page = (nodes: CustomerNode[], hasNextPage = false) => ({
  customers: {
    __typename: 'CustomerConnection' as const,
    totalCount: nodes.length,
    edges: nodes.map((node) => ({ __typename: 'CustomerEdge' as const, cursor: `c-${node.id}`, node })),
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: nodes.length ? `c-${nodes.at(-1)!.id}` : null },
  },
});
const request = { query: CUSTOMERS, variables: { first: PAGE_SIZE, search: null } };
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

  it('shows the empty state when there is no customer', async () => {
    render(
      <MockedProvider mocks={[mock(page([]))]} cache={createCache()}>
        <CustomersScreen onOpen={() => undefined} />
      </MockedProvider>,
    );
    expect(await screen.findByText(/No customers yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
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
