import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { CreateReportDocument, ReportJobsDocument, type ReportJobFieldsFragment } from '../generated';
import { PAGE_SIZE, ReportsScreen } from './Reports';

const base = {
  __typename: 'ReportJob' as const,
  id: '0b7c6a52-5f0e-4d1a-9b7e-4c3d2e1f0a9b',
  report: 'INVOICE_LINES' as ReportJobFieldsFragment['report'],
  status: 'RUNNING' as ReportJobFieldsFragment['status'],
  rowsWritten: 250,
  rowsExpected: 1000,
  bytes: 4096,
  fileName: 'invoice-lines-2026-03-01T000000Z-all.csv',
  error: null,
  downloadPath: null,
  createdAt: '2026-03-20T12:00:00.000Z',
  finishedAt: null,
  expiresAt: null,
  filters: {
    __typename: 'ReportFilters' as const,
    from: '2026-03-01T00:00:00.000Z',
    to: null,
    statuses: ['DRAFT', 'ISSUED'] as ReportJobFieldsFragment['filters']['statuses'],
    customer: 'acme',
    plan: null,
  },
};
const job = (overrides: Partial<ReportJobFieldsFragment>): ReportJobFieldsFragment => ({ ...base, ...overrides });
const list = (nodes: ReportJobFieldsFragment[]): MockLink.MockedResponse => ({
  request: { query: ReportJobsDocument, variables: { first: PAGE_SIZE } },
  result: {
    data: {
      reports: {
        __typename: 'ReportJobConnection',
        totalCount: nodes.length,
        edges: nodes.map((node) => ({ __typename: 'ReportJobEdge', cursor: `c-${node.id}`, node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  },
});

afterEach(cleanup);

describe('ReportsScreen', () => {
  it('shows a running report’s progress, then its download once done', async () => {
    const running = job({});
    const done = job({
      status: 'SUCCEEDED',
      rowsWritten: 1000,
      downloadPath: `/v1/reports/jobs/${running.id}/csv`,
      finishedAt: '2026-03-20T12:00:05.000Z',
      expiresAt: '2026-03-27T12:00:05.000Z',
    });
    render(
      <MockedProvider mocks={[list([running]), list([done])]} cache={createCache()}>
        <ReportsScreen pollMs={20} />
      </MockedProvider>,
    );
    expect(await screen.findByText('250 of 1000 rows (25 %)')).toBeTruthy();
    expect(screen.getByText('2026-03-01 – … · DRAFT, ISSUED · customer acme')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Progress of Invoice lines' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Download Invoice lines CSV' })).toBeTruthy();
    expect(screen.getByText('1000 of 1000 rows (100 %)')).toBeTruthy();
    expect(screen.getByText('until 2026-03-27 12:00:05 UTC')).toBeTruthy();
  });

  it('creates a report from the form with its filters, and shows the field the API refuses', async () => {
    const filters = {
      from: '2026-03-01T00:00:00Z',
      to: null,
      statuses: ['DRAFT', 'ISSUED', 'OVERDUE', 'PAID', 'VOID'],
      customer: 'nobody',
      plan: null,
    };
    const refused: MockLink.MockedResponse = {
      request: { query: CreateReportDocument, variables: { report: 'USAGE', filters } },
      result: {
        errors: [
          new GraphQLError('no customer with id or reference "nobody"', {
            extensions: { code: 'BAD_USER_INPUT', field: 'filters.customer' },
          }),
        ],
      },
    };
    const queued = job({ report: 'USAGE', status: 'QUEUED', rowsWritten: 0, rowsExpected: null });
    const accepted: MockLink.MockedResponse = {
      request: { query: CreateReportDocument, variables: { report: 'USAGE', filters: { ...filters, customer: 'acme' } } },
      result: { data: { createReport: queued } },
    };
    render(
      <MockedProvider mocks={[list([]), refused, accepted, list([queued])]} cache={createCache()}>
        <ReportsScreen pollMs={60_000} />
      </MockedProvider>,
    );
    expect(await screen.findByText('No reports yet.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Report'), { target: { value: 'USAGE' } });
    fireEvent.change(screen.getByLabelText('From (UTC day)'), { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByLabelText('DRAFT'));
    fireEvent.change(screen.getByLabelText('Customer (id or reference)'), { target: { value: 'nobody' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create report' }));
    expect(await screen.findByText('filters.customer:')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Customer (id or reference)'), { target: { value: 'acme' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create report' }));
    expect(await screen.findByText('QUEUED')).toBeTruthy();
    expect(screen.getByText('0 rows')).toBeTruthy();
  });
});
