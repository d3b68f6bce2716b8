import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import {
  UploadEventImportsDocument,
  UploadImportProgressDocument,
  UploadImportRejectionsDocument,
  MeterChoicesDocument,
  type UploadImportFieldsFragment,
} from '../generated';
import { UploadScreen } from './Upload';
import { UploadRefused, type Uploader, type UploadRequest } from './uploadBrowser';
import { IMPORTS_PAGE_SIZE, REJECTIONS_PAGE_SIZE } from './UploadImport';

const pageInfo = (hasNextPage = false, endCursor: string | null = null) => ({ __typename: 'PageInfo' as const, hasNextPage, endCursor });

const metersMock: MockLink.MockedResponse = {
  request: { query: MeterChoicesDocument, variables: { first: 100 } },
  result: {
    data: {
      meters: {
        __typename: 'MeterConnection',
        edges: [
          {
            __typename: 'MeterEdge',
            cursor: 'c1',
            node: {
              __typename: 'Meter',
              id: 'm1',
              reference: 'api_calls',
              name: 'API calls',
              status: 'ACTIVE',
              values: [{ __typename: 'MeterValue', reference: 'calls', type: 'NUMBER', currency: null }],
              properties: ['region'],
            },
          },
        ],
        pageInfo: pageInfo(),
      },
    },
  },
};

const eventImport = (patch: Partial<UploadImportFieldsFragment>) => ({
  __typename: 'EventImport' as const,
  id: 'imp-1',
  status: 'QUEUED' as const,
  format: 'CSV' as const,
  byteSize: 84,
  rowsRead: 0,
  accepted: 0,
  unmatched: 0,
  duplicates: 0,
  conflicts: 0,
  rejected: 0,
  error: null,
  createdAt: '2026-04-01T12:00:03.000Z',
  finishedAt: null,
  ...patch,
});

const importsMock = (nodes: Array<ReturnType<typeof eventImport>>): MockLink.MockedResponse => ({
  request: { query: UploadEventImportsDocument, variables: { first: IMPORTS_PAGE_SIZE } },
  result: {
    data: {
      eventImports: {
        __typename: 'EventImportConnection',
        totalCount: nodes.length,
        edges: nodes.map((node) => ({ __typename: 'EventImportEdge', cursor: `c-${node.id}`, node })),
        pageInfo: pageInfo(),
      },
    },
  },
});

const progressMock = (node: ReturnType<typeof eventImport>): MockLink.MockedResponse => ({
  request: { query: UploadImportProgressDocument, variables: { id: node.id } },
  result: { data: { eventImport: node } },
});

const rejectionsMock: MockLink.MockedResponse = {
  request: { query: UploadImportRejectionsDocument, variables: { id: 'imp-1', first: REJECTIONS_PAGE_SIZE } },
  result: {
    data: {
      eventImport: {
        __typename: 'EventImport',
        id: 'imp-1',
        rejectedRows: {
          __typename: 'EventImportRejectionConnection',
          totalCount: 1,
          edges: [
            {
              __typename: 'EventImportRejectionEdge',
              cursor: 'r2',
              node: { __typename: 'EventImportRejection', rowNumber: 2, field: 'calls', reason: 'calls must be a decimal number' },
            },
          ],
          pageInfo: pageInfo(),
        },
      },
    },
  },
};

const CSV = 'customer_reference,calls,region\nacme,10,eu\n"Smith, ""Jr""",x,"us\nwest"\nglobex,5,eu\n';

function renderScreen(mocks: MockLink.MockedResponse[], props: { uploader?: Uploader; navigate?: (to: string) => void } = {}) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <UploadScreen path="/events/upload" navigate={props.navigate ?? (() => undefined)} uploader={props.uploader} pollInterval={20} />
    </MockedProvider>,
  );
}

async function chooseCsv() {
  fireEvent.change(screen.getByLabelText('File'), { target: { files: [new File([CSV], 'usage.csv', { type: 'text/csv' })] } });
  await screen.findByText('Preview: the first 3 rows');
  // the meters are loaded: the meter is pre-filled
  await vi.waitFor(() => expect((screen.getByLabelText('Meter') as HTMLSelectElement).value).toBe('api_calls'));
}

const selectValue = (label: string) => (screen.getByLabelText(label) as HTMLSelectElement).value;

afterEach(cleanup);

describe('UploadScreen', () => {
  it('previews the chosen CSV file, pre-fills the mapping and names a missing customer as the API does', async () => {
    const uploader = vi.fn<Uploader>();
    renderScreen([metersMock, importsMock([])], { uploader });
    expect(await screen.findByText('No file has been uploaded yet.')).toBeTruthy();
    await chooseCsv();

    expect(selectValue('Format')).toBe('CSV');
    const preview = screen.getByRole('table', { name: 'Preview: the first 3 rows' });
    expect(
      within(preview)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Row', 'customer_reference', 'calls', 'region']);
    expect(within(preview).getByText('Smith, "Jr"')).toBeTruthy();
    expect(screen.getByText(/3 data rows/)).toBeTruthy();

    expect(selectValue('Customer column')).toBe('customer_reference');
    expect(selectValue('Meter column')).toBe('');
    expect(selectValue('Column of calls')).toBe('calls');
    expect((screen.getByLabelText('Property 1 name') as HTMLInputElement).value).toBe('region');
    expect(selectValue('Property 1 column')).toBe('region');
    expect(JSON.parse((screen.getByLabelText('Mapping JSON') as HTMLTextAreaElement).value)).toEqual({
      customer: 'customer_reference',
      meterReference: 'api_calls',
      values: [{ reference: 'calls', column: 'calls' }],
      properties: { region: 'region' },
    });

    fireEvent.change(screen.getByLabelText('Customer column'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload file' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('mapping.customer: mapping.customer is required');
    expect(uploader).not.toHaveBeenCalled();
  });

  it('uploads with progress, follows the processing, then shows the result with its rejected rows', async () => {
    let request: UploadRequest | undefined;
    let accept: (created: { id: string; status: string }) => void = () => undefined;
    const uploader = vi.fn<Uploader>((r) => {
      request = r;
      return new Promise((resolve) => (accept = resolve));
    });
    const navigate = vi.fn();
    const completed = eventImport({
      status: 'COMPLETED',
      rowsRead: 3,
      accepted: 1,
      unmatched: 1,
      rejected: 1,
      finishedAt: '2026-04-01T12:00:05.000Z',
    });
    renderScreen(
      [
        metersMock,
        importsMock([]),
        importsMock([eventImport({})]),
        progressMock(eventImport({})),
        progressMock(eventImport({ status: 'PROCESSING', rowsRead: 1 })),
        progressMock(completed),
        rejectionsMock,
      ],
      { uploader, navigate },
    );
    await chooseCsv();
    fireEvent.click(screen.getByRole('button', { name: 'Upload file' }));

    expect(request!.format).toBe('CSV');
    expect(request!.mapping).toEqual({
      customer: 'customer_reference',
      meterReference: 'api_calls',
      values: [{ reference: 'calls', column: 'calls' }],
      properties: { region: 'region' },
    });
    act(() => request!.onProgress(42, 84));
    const sending = screen.getByRole('progressbar', { name: 'Upload progress' }) as HTMLProgressElement;
    expect(sending.value).toBe(42);
    expect(sending.max).toBe(84);
    await act(async () => accept({ id: 'imp-1', status: 'QUEUED' }));

    expect(await screen.findByText(/Queued: processing starts shortly/)).toBeTruthy();
    expect(await screen.findByText(/1 of 3 rows read/)).toBeTruthy();
    const processing = screen.getByRole('progressbar', { name: 'Processing progress' }) as HTMLProgressElement;
    expect(processing.value).toBe(1);
    expect(processing.max).toBe(3);

    expect(await screen.findByRole('heading', { name: 'Result' })).toBeTruthy();
    const counts = screen.getByLabelText('Import counts');
    expect(within(counts).getByText('Accepted').nextSibling!.textContent).toBe('1');
    expect(within(counts).getByText('Unmatched').nextSibling!.textContent).toBe('1');
    expect(within(counts).getByText('Rejected').nextSibling!.textContent).toBe('1');
    const rejected = await screen.findByRole('region', { name: 'Rejected rows' });
    const cells = (await within(rejected).findAllByRole('cell')).map((td) => td.textContent);
    expect(cells).toEqual(['2', 'calls', 'calls must be a decimal number']);
    expect(screen.queryByRole('progressbar')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'See unmatched events' }));
    expect(navigate).toHaveBeenCalledWith('/events/unmatched');
    fireEvent.click(screen.getByRole('button', { name: 'Upload another file' }));
    expect(screen.getByLabelText('File')).toBeTruthy();
  });

  it('shows the API refusal with the field it names, and keeps the mapping to fix', async () => {
    const uploader = vi.fn<Uploader>(() =>
      Promise.reject(
        new UploadRefused([{ message: 'the CSV header has no column "calls"', field: 'mapping.values[0].column', code: 'BAD_USER_INPUT' }]),
      ),
    );
    renderScreen([metersMock, importsMock([])], { uploader });
    await chooseCsv();
    fireEvent.click(screen.getByRole('button', { name: 'Upload file' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('mapping.values[0].column: the CSV header has no column "calls" (BAD_USER_INPUT)');
    expect(screen.getByRole('button', { name: 'Upload file' })).toBeTruthy();
    expect(selectValue('Customer column')).toBe('customer_reference');
  });

  it('opens a past import: a failed one shows why', async () => {
    const failed = eventImport({ status: 'FAILED', rowsRead: 0, error: 'the JSON array is not closed', format: 'JSON' });
    renderScreen([metersMock, importsMock([failed]), progressMock(failed)]);
    const history = await screen.findByRole('region', { name: 'Past imports' });
    expect(await within(history).findByText('FAILED')).toBeTruthy();
    fireEvent.click(within(history).getByRole('button', { name: 'View import 1' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The import failed: the JSON array is not closed');
    expect(screen.queryByRole('button', { name: 'See unmatched events' })).toBeNull();
  });

  it('says when a JSON file is not an array', async () => {
    renderScreen([metersMock, importsMock([])]);
    fireEvent.change(screen.getByLabelText('File'), { target: { files: [new File(['{"a":1}'], 'usage.json')] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('body: the file is not a JSON array (it must start with "[")');
    expect(screen.queryByRole('button', { name: 'Upload file' })).toBeNull();
  });
});
