import { print } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { apiCalls, planVersion, platformFee, storage, subscription } from './customerFixtures';
import { CustomerUsageDocument } from '../generated';
import { CustomerUsage } from './CustomerUsage';

const day = (d: string) => `2026-${d}T00:00:00.000Z`;
function usageMock(metric: string, from: string, to: string, value: string, buckets: Array<[string, string]>): MockLink.MockedResponse {
  return {
    request: { query: CustomerUsageDocument, variables: { customer: 'c1', metric, from, to } },
    result: {
      data: {
        usage: {
          __typename: 'Usage',
          metric,
          aggregation: 'SUM',
          from,
          to,
          value,
          buckets: buckets.map(([start, v]) => ({ __typename: 'UsageBucket', start, value: v })),
        },
      },
    },
  };
}
// The current period of the fixture subscription: 3 days.
const [from, to] = [day('04-01'), day('04-04')];
const subscriptions = [
  subscription({ planVersion: planVersion('v1', 1, [platformFee, apiCalls, storage]) }),
  subscription({
    id: 's0',
    status: 'ENDED',
    planVersion: planVersion('v0', 0, [
      { ...storage, id: 'old', productItem: { ...storage.productItem, id: 'x', metricReference: 'old_metric' } },
    ]),
  }),
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-04-02T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

const bars = (chart: HTMLElement) => Array.from(chart.querySelectorAll('rect.series')).map((r) => r.querySelector('title')?.textContent);

describe('CustomerUsage', () => {
  it('asks each usage-priced metric of the running subscriptions per DAY over the billing period and draws a bar per day', async () => {
    expect(print(CustomerUsageDocument)).toContain('granularity: DAY');
    render(
      <MockedProvider
        mocks={[
          usageMock('api_calls_total', from, to, '15', [
            [day('04-01'), '10'],
            [day('04-03'), '5'],
          ]),
          usageMock('storage_gb', from, to, '2.5', [[day('04-02'), '2.5']]),
          usageMock('api_calls_total', day('03-01'), day('04-01'), '7', [[day('03-31'), '7']]),
          usageMock('storage_gb', day('03-01'), day('04-01'), '0', []),
        ]}
        cache={createCache()}
      >
        <CustomerUsage customerId="c1" subscriptions={subscriptions} />
      </MockedProvider>,
    );
    const calls = await screen.findByRole('img', { name: 'api_calls_total per day' });
    expect(bars(calls)).toEqual(['04-01: 10', '04-02: 0', '04-03: 5']);
    expect(screen.getByTestId('usage-total-api_calls_total').textContent).toBe('15');
    const gb = await screen.findByRole('img', { name: 'storage_gb per day' });
    expect(bars(gb)).toEqual(['04-01: 0', '04-02: 2.5', '04-03: 0']);
    expect(screen.queryByText(/old_metric/)).toBeNull(); // an ENDED subscription's metric

    const window = screen.getByLabelText('Window');
    expect(
      within(window)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Current billing period (2026-04-01 – 2026-04-03)', 'This month', 'Last 30 days', 'Last month']);
    fireEvent.change(window, { target: { value: 'lastMonth' } });
    const march = await screen.findByText('03-31: 7');
    expect(march.closest('svg')?.querySelectorAll('rect.series')).toHaveLength(31);
    expect(screen.getByTestId('usage-total-api_calls_total').textContent).toBe('7');
    expect(await screen.findByText('No usage in this window.')).toBeTruthy();
  });

  it('says so when no running subscription bills usage', () => {
    render(
      <MockedProvider mocks={[]} cache={createCache()}>
        <CustomerUsage customerId="c1" subscriptions={[subscription({ planVersion: planVersion('v9', 9, [platformFee]) })]} />
      </MockedProvider>,
    );
    expect(screen.getByText(/No usage-priced metric/)).toBeTruthy();
  });
});
