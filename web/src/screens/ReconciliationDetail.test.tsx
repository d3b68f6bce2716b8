import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { ReconciliationDetailDocument } from '../generated';
import { ReconciliationDetail } from './ReconciliationDetail';

const ID = '3f6b2a10-8c1d-4e2f-9a3b-5c6d7e8f9a0b';
const line = (
  n: number,
  item: string,
  theirs: string | null,
  ours: string | null,
  delta: string,
  outcome: string,
  note: string | null = null,
) => ({
  __typename: 'ReconciliationLine' as const,
  id: `00000000-0000-8000-8000-00000000000${n}`,
  customerReference: 'acme',
  periodStart: '2026-03-01T00:00:00.000Z',
  periodEnd: '2026-04-01T00:00:00.000Z',
  item,
  currency: 'EUR',
  theirs,
  ours,
  delta,
  outcome,
  rowNumbers: [n],
  invoiceIds: [],
  note,
  reviewed: false,
});
const run = {
  __typename: 'Reconciliation' as const,
  id: ID,
  status: 'COMPLETED',
  error: null,
  createdAt: '2026-03-20T12:00:00.000Z',
  completedAt: '2026-03-20T12:00:01.000Z',
  periodStart: '2026-03-01T00:00:00.000Z',
  periodEnd: '2026-04-01T00:00:00.000Z',
  rejectedRows: 1,
  downloadPath: `/v1/reconciliations/${ID}/lines.csv`,
  file: { __typename: 'ReconciliationFile' as const, id: 'f1', name: 'old-march.csv', rowCount: 4 },
  counts: { __typename: 'ReconciliationCounts' as const, matched: 1, differs: 1, missingInMeterline: 1, missingInFile: 0, total: 3 },
  rejections: [
    {
      __typename: 'ReconciliationRejection' as const,
      rowNumber: 4,
      field: 'amount',
      message: 'amount: "1,5" is not a plain decimal number',
    },
  ],
  customerTotals: [
    {
      __typename: 'ReconciliationCustomerTotal' as const,
      customerReference: 'acme',
      theirs: '174.5',
      ours: '150',
      delta: '-24.5',
      open: 2,
      lines: 3,
    },
  ],
  lines: {
    __typename: 'ReconciliationLineConnection' as const,
    totalCount: 3,
    edges: [
      { __typename: 'ReconciliationLineEdge' as const, node: line(1, 'Base fee', '100', '100', '0', 'MATCHED') },
      { __typename: 'ReconciliationLineEdge' as const, node: line(2, 'API calls', '49.5', '50', '0.5', 'DIFFERS') },
      { __typename: 'ReconciliationLineEdge' as const, node: line(3, 'Setup fee', '25', null, '-25', 'MISSING_IN_METERLINE') },
    ],
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null },
  },
};
const detail: MockLink.MockedResponse = {
  request: { query: ReconciliationDetailDocument, variables: { id: ID, outcome: null, customer: null, first: 50, after: null } },
  result: { data: { reconciliation: run } },
};

afterEach(cleanup);

describe('ReconciliationDetail', () => {
  it('shows the counts, the rows not read, totals per customer and the lines with their outcome', async () => {
    render(
      <MockedProvider mocks={[detail]} cache={createCache()}>
        <ReconciliationDetail id={ID} onBack={() => undefined} />
      </MockedProvider>,
    );
    expect(await screen.findByText(/1 matched, 1 differ, 1 missing in Meterline, 0 missing in the file\./)).toBeTruthy();
    expect(screen.getByText(/1 rows of the file could not be read/)).toBeTruthy();
    expect(screen.getByText(/Row 4: amount/)).toBeTruthy();
    const totals = within(screen.getByRole('table', { name: 'Totals per customer' })).getAllByRole('row');
    expect(totals[1].textContent).toBe('acme174.5150-24.52');
    const rows = within(screen.getByRole('table', { name: 'Compared lines' })).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'CustomerPeriodItemOld systemMeterlineDeltaOutcomeNote',
      'acme2026-03-01 – 2026-03-31Base fee1001000Matched',
      'acme2026-03-01 – 2026-03-31API calls49.5500.5DiffersReviewed',
      'acme2026-03-01 – 2026-03-31Setup fee25—-25Missing in MeterlineReviewed',
    ]);
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeTruthy();
  });
});
