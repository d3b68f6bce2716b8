import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { CreatePricingSimulationDocument, PricingSimulationDocument, SimulationPlansDocument } from '../generated';
import { PERIODS_PAGE, SimulationsScreen } from './Simulations';

const RUN = '3f1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const V2 = '7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const eur = (amount: string) => ({ __typename: 'Money', amount, currency: 'EUR' });

const plans: MockLink.MockedResponse = {
  request: { query: SimulationPlansDocument },
  result: {
    data: {
      pricingPlans: {
        __typename: 'PricingPlanConnection',
        edges: [
          {
            __typename: 'PricingPlanEdge',
            node: {
              __typename: 'PricingPlan',
              id: '11111111-1111-4111-8111-111111111111',
              reference: 'growth',
              name: 'Growth',
              versions: [
                { __typename: 'PricingPlanVersion', id: '22222222-2222-4222-8222-222222222222', version: 1, status: 'ACTIVE' },
                { __typename: 'PricingPlanVersion', id: V2, version: 2, status: 'DRAFT' },
              ],
            },
          },
        ],
      },
    },
  },
};
const create: MockLink.MockedResponse = {
  request: {
    query: CreatePricingSimulationDocument,
    variables: {
      input: { scope: 'PLAN', customer: null, plan: 'growth', planVersion: V2, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
    },
  },
  result: { data: { createPricingSimulation: { __typename: 'PricingSimulation', id: RUN, status: 'PENDING' } } },
};
const completed: MockLink.MockedResponse = {
  request: { query: PricingSimulationDocument, variables: { id: RUN, first: PERIODS_PAGE } },
  result: {
    data: {
      pricingSimulation: {
        __typename: 'PricingSimulation',
        id: RUN,
        status: 'COMPLETED',
        error: null,
        csvPath: `/v1/reports/simulation?run=${RUN}`,
        progress: { __typename: 'PricingSimulationProgress', customersDone: 1, customersTotal: 1, periods: 1 },
        totals: [
          { __typename: 'PricingSimulationTotal', currency: 'EUR', current: eur('200'), simulated: eur('175'), difference: eur('-25') },
        ],
        customerTotals: [
          {
            __typename: 'PricingSimulationCustomerTotal',
            customer: { __typename: 'Customer', id: '33333333-3333-4333-8333-333333333333' },
            customerReference: 'acme',
            periods: 1,
            current: eur('200'),
            simulated: eur('175'),
            difference: eur('-25'),
          },
        ],
        periods: {
          __typename: 'SimulatedPeriodConnection',
          totalCount: 1,
          edges: [
            {
              __typename: 'SimulatedPeriodEdge',
              cursor: 'c1',
              node: {
                __typename: 'SimulatedPeriod',
                id: `${RUN}:0`,
                customerReference: 'acme',
                invoiceStatus: 'DRAFT',
                periodStart: '2026-03-01T00:00:00.000Z',
                periodEnd: '2026-04-01T00:00:00.000Z',
                currentTotal: eur('200'),
                simulatedTotal: eur('175'),
                difference: eur('-25'),
                lines: [
                  {
                    __typename: 'SimulatedLine',
                    kind: 'USAGE',
                    description: 'API calls',
                    currentQuantity: '300',
                    currentAmount: eur('100'),
                    simulatedQuantity: '300',
                    simulatedAmount: eur('75'),
                    difference: eur('-25'),
                  },
                ],
              },
            },
          ],
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
        },
      },
    },
  },
};

afterEach(cleanup);

describe('SimulationsScreen', () => {
  it('starts a simulation of a plan onto its draft version and shows totals and lines current vs simulated', async () => {
    render(
      <MockedProvider mocks={[plans, create, completed]} cache={createCache()}>
        <SimulationsScreen />
      </MockedProvider>,
    );
    // the plans arrive after the first render: choose one once its option is there
    await screen.findByRole('option', { name: /Growth/ });
    fireEvent.change(screen.getByLabelText('Plan'), { target: { value: 'growth' } });
    fireEvent.change(screen.getByLabelText('Price with version'), { target: { value: V2 } });
    expect(screen.getByRole('option', { name: 'Version 2 (DRAFT)' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Periods from'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('to (exclusive)'), { target: { value: '2026-04-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect(await screen.findByRole('table', { name: 'Totals' })).toBeTruthy();
    expect(screen.getAllByText('-25 EUR').length).toBeGreaterThanOrEqual(3);
    expect(screen.getByText('API calls')).toBeTruthy();
    expect(screen.getByText('Total (draft invoice)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
  });
});
