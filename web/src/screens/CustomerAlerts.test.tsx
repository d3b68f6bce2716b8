import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { CreateAlertDocument, CustomerAlertsDocument } from '../generated';
import { CustomerAlerts } from './CustomerAlerts';
import { apiCalls, planVersion, subscription } from './customerFixtures';

const usageAlert = {
  __typename: 'Alert' as const,
  id: 'a1',
  name: 'API calls',
  kind: 'USAGE' as const,
  metric: 'api_calls_total',
  currency: null,
  thresholds: [
    { __typename: 'AlertThreshold' as const, value: '10', label: null },
    { __typename: 'AlertThreshold' as const, value: '50', label: 'half' },
  ],
  createdAt: '2026-04-01T00:00:00.000Z',
};
const trigger = {
  __typename: 'AlertTrigger' as const,
  id: 't1',
  value: '12',
  triggeredAt: '2026-04-02T10:00:00.000Z',
  periodStart: '2026-04-01T00:00:00.000Z',
  periodEnd: '2026-05-01T00:00:00.000Z',
  threshold: { __typename: 'AlertThreshold' as const, value: '10', label: null },
  alert: { __typename: 'Alert' as const, id: 'a1', name: 'API calls', kind: 'USAGE' as const, metric: 'api_calls_total', currency: null },
};
const connection = <T,>(typename: string, nodes: T[]) => ({
  __typename: `${typename}Connection`,
  totalCount: nodes.length,
  edges: nodes.map((node) => ({ __typename: `${typename}Edge`, node })),
});
const listed = (alerts: (typeof usageAlert)[], triggers: (typeof trigger)[]): MockLink.MockedResponse => ({
  request: { query: CustomerAlertsDocument, variables: { customer: 'c1' } },
  result: { data: { alerts: connection('Alert', alerts), alertTriggers: connection('AlertTrigger', triggers) } },
  maxUsageCount: 10,
});

function renderAlerts(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <CustomerAlerts
        customerId="c1"
        customerReference="acme"
        currency="EUR"
        subscriptions={[subscription({ planVersion: planVersion('v1', 1, [apiCalls]) })]}
      />
    </MockedProvider>,
  );
}

afterEach(cleanup);

describe('CustomerAlerts', () => {
  it('lists the alerts with their thresholds and the triggers with their values and period', async () => {
    renderAlerts([listed([usageAlert], [trigger])]);
    const row = (await screen.findByText('10 · 50 (half)')).closest('tr')!;
    expect(within(row).getByText('api_calls_total')).toBeTruthy();
    const triggers = screen.getByRole('table', { name: 'Alert triggers' });
    expect(within(triggers).getByText('12 × api_calls_total')).toBeTruthy();
    expect(within(triggers).getByText('2026-04-01 – 2026-04-30')).toBeTruthy();
  });

  it('creates a usage alert on the chosen metric with the thresholds as typed, and shows the field the API refuses', async () => {
    const input = (thresholds: string[]) => ({
      customer: 'acme',
      kind: 'USAGE',
      name: 'Calls',
      thresholds: thresholds.map((value) => ({ value })),
      metric: 'api_calls_total',
    });
    renderAlerts([
      listed([], []),
      {
        request: { query: CreateAlertDocument, variables: { input: input(['50', '10']) } },
        result: {
          errors: [
            {
              message: 'input.thresholds[1].value: thresholds must be strictly ascending',
              extensions: { code: 'BAD_USER_INPUT', field: 'input.thresholds[1].value' },
            },
          ],
        },
      },
    ]);
    await screen.findByText('No alerts yet.');
    const form = screen.getByRole('form', { name: 'New alert' });
    fireEvent.change(within(form).getByLabelText('Alert name'), { target: { value: 'Calls' } });
    expect((within(form).getByLabelText(/^Metric/) as HTMLSelectElement).value).toBe('api_calls_total');
    fireEvent.change(within(form).getByLabelText('Thresholds'), { target: { value: '50, 10' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create alert' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('input.thresholds[1].value:');
  });
});
