import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { RecordImportProgressDocument } from '../generated';
import { ImportsScreen } from './Imports';
import { UploadRefused, type Uploader } from './uploadBrowser';

const report = (status: 'PROCESSING' | 'COMPLETED') => ({
  request: { query: RecordImportProgressDocument, variables: { id: 'ri-1' } },
  result: {
    data: {
      recordImport: {
        __typename: 'RecordImport',
        id: 'ri-1',
        kind: 'CUSTOMERS',
        status,
        rowsRead: 3,
        created: 2,
        unchanged: 0,
        conflicts: 0,
        rejected: 1,
        error: null,
        reportedRows: {
          __typename: 'RecordImportReportedRowConnection',
          totalCount: 1,
          edges: [
            {
              __typename: 'RecordImportReportedRowEdge',
              node: {
                __typename: 'RecordImportReportedRow',
                rowNumber: 2,
                outcome: 'REJECTED',
                reference: 'globex',
                field: 'currency',
                column: 'Cur',
                message: 'currency must be an ISO 4217 code such as EUR',
              },
            },
          ],
        },
      },
    },
  },
});

function renderScreen(mocks: MockLink.MockedResponse[], uploaders: Record<'customers' | 'subscriptions', Uploader>) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <ImportsScreen onBack={() => undefined} uploaders={uploaders} pollInterval={20} />
    </MockedProvider>,
  );
}

const chooseFile = (name: string) =>
  fireEvent.change(screen.getByLabelText(/^File/), { target: { files: [new File(['Account,Company,Cur\nacme,Acme,EUR\n'], name)] } });

afterEach(cleanup);

describe('ImportsScreen', () => {
  it('uploads a customers file with its mapping and shows the report with row numbers, fields and columns', async () => {
    const customers = vi.fn<Uploader>().mockResolvedValue({ id: 'ri-1', status: 'QUEUED' });
    const subscriptions = vi.fn<Uploader>();
    renderScreen([report('COMPLETED')], { customers, subscriptions });
    chooseFile('customers.csv');
    fireEvent.change(screen.getByLabelText(/Column mapping/), { target: { value: '{"reference": "Account", "currency": "Cur"}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const table = await screen.findByRole('table', { name: 'Rows not applied' });
    expect(customers).toHaveBeenCalledWith(expect.objectContaining({ format: 'CSV', mapping: { reference: 'Account', currency: 'Cur' } }));
    expect(subscriptions).not.toHaveBeenCalled();
    expect(
      within(table)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['2', 'REJECTED', 'globex', 'currency (Cur)', 'currency must be an ISO 4217 code such as EUR']);
    expect(screen.getByText(/2 created/).textContent).toContain('1 rejected');
  });

  it('sends a subscriptions file to the subscriptions import, and shows a refusal naming its field', async () => {
    const subscriptions = vi
      .fn<Uploader>()
      .mockRejectedValue(new UploadRefused([{ message: 'mapping.nickname is not a field', field: 'mapping.nickname' }]));
    renderScreen([], { customers: vi.fn<Uploader>(), subscriptions });
    fireEvent.click(screen.getByLabelText(/Subscriptions/));
    chooseFile('subs.json');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/mapping.nickname is not a field/)).toBeTruthy();
    expect(subscriptions).toHaveBeenCalledWith(expect.objectContaining({ format: 'JSON', mapping: {} }));
  });

  it('refuses a file of another kind and a mapping that is not a JSON object before sending anything', async () => {
    const customers = vi.fn<Uploader>();
    renderScreen([], { customers, subscriptions: vi.fn<Uploader>() });
    chooseFile('customers.xlsx');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/must end in .csv, .json or .ndjson/)).toBeTruthy();
    chooseFile('customers.csv');
    fireEvent.change(screen.getByLabelText(/Column mapping/), { target: { value: '[1]' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/must be a JSON object/)).toBeTruthy();
    expect(customers).not.toHaveBeenCalled();
  });
});
