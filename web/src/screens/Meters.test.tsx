import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { CreateMeterDocument, MetersDocument } from '../generated';
import { CreateMeterForm, MetersScreen, PAGE_SIZE } from './Meters';

const meter = {
  __typename: 'Meter' as const,
  id: 'm1',
  reference: 'api_calls',
  name: 'API calls',
  status: 'DRAFT' as const,
  properties: ['region'],
  values: [{ __typename: 'MeterValue' as const, reference: 'calls', type: 'NUMBER' as const, currency: null }],
  metrics: [
    {
      __typename: 'UsageMetric' as const,
      id: 'x1',
      reference: 'api_calls_total',
      aggregation: 'SUM' as const,
      valueReference: 'calls',
      property: null,
      filters: [{ __typename: 'MetricFilter' as const, property: 'region', values: ['eu-west'] }],
    },
  ],
};
const page = (nodes: (typeof meter)[], hasNextPage = false) => ({
  meters: {
    __typename: 'MeterConnection' as const,
    totalCount: nodes.length,
    edges: nodes.map((node) => ({ __typename: 'MeterEdge' as const, cursor: `c-${node.id}`, node })),
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor: nodes.length ? `c-${nodes.at(-1)!.id}` : null },
  },
});
const mock = (data: ReturnType<typeof page>): MockLink.MockedResponse => ({
  request: { query: MetersDocument, variables: { first: PAGE_SIZE, includeArchived: false } },
  result: { data },
});

afterEach(cleanup);

describe('MetersScreen', () => {
  it('shows loading, then the list with its metrics and the actions of its status', async () => {
    render(
      <MockedProvider mocks={[mock(page([meter], true))]} cache={createCache()}>
        <MetersScreen />
      </MockedProvider>,
    );
    expect(screen.getByText('Loading meters…')).toBeTruthy();
    expect(await screen.findByText('api_calls')).toBeTruthy();
    expect(screen.getByText('API calls')).toBeTruthy();
    expect(screen.getByText('api_calls_total')).toBeTruthy();
    expect(screen.getByText('DRAFT')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Activate api_calls' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
    expect(screen.queryByText('Loading meters…')).toBeNull();
  });

  it('shows the empty state when there is no meter', async () => {
    render(
      <MockedProvider mocks={[mock(page([]))]} cache={createCache()}>
        <MetersScreen />
      </MockedProvider>,
    );
    expect(await screen.findByText(/No meters yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows an error with the field the API names', async () => {
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: MetersDocument, variables: { first: PAGE_SIZE, includeArchived: false } },
            result: { errors: [{ message: 'must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }] },
          },
        ]}
        cache={createCache()}
      >
        <MetersScreen />
      </MockedProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('first: must be between 1 and 100');
  });

  it('creates a meter with properties and a metric counting only some property values', async () => {
    const input = {
      reference: 'api_calls',
      name: 'API calls',
      values: [{ reference: 'calls', type: 'NUMBER' }],
      metrics: [
        {
          reference: 'eu_calls',
          aggregation: 'SUM',
          valueReference: 'calls',
          filters: [{ property: 'region', values: ['eu-west', 'eu-central'] }],
        },
      ],
      properties: ['region', 'plan'],
    };
    let created = false;
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: CreateMeterDocument, variables: { input } },
            result: () => {
              created = true;
              return { data: { createMeter: { ...meter, properties: ['region', 'plan'] } } };
            },
          },
        ]}
        cache={createCache()}
      >
        <CreateMeterForm onCreated={() => undefined} />
      </MockedProvider>,
    );
    fireEvent.change(screen.getByLabelText('Reference'), { target: { value: 'api_calls' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'API calls' } });
    fireEvent.change(screen.getByLabelText('Properties (comma-separated)'), { target: { value: 'region, plan' } });
    fireEvent.change(screen.getByLabelText('Value reference'), { target: { value: 'calls' } });
    fireEvent.change(screen.getByLabelText('Metric reference'), { target: { value: 'eu_calls' } });
    fireEvent.change(screen.getByLabelText('Of value'), { target: { value: 'calls' } });
    fireEvent.change(screen.getByLabelText('Only where property'), { target: { value: 'region' } });
    fireEvent.change(screen.getByLabelText('is one of (comma-separated)'), { target: { value: 'eu-west, eu-central' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create meter' }));
    await vi.waitFor(() => expect(created).toBe(true));
  });
});
