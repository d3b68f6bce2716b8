import fc from 'fast-check';
import { CsvRecordSplitter, ImportFileError, readFileRows, type FileRow, type ImportFormat } from '@meterline/kit/file-import';
import {
  columnOfEventField,
  mappedColumns,
  rowToUsageEvent,
  validateImportMapping,
  type ImportMapping,
} from '../src/imports/import-mapping';
import { checkCsvHeader } from '../src/imports/event-import.processor';

async function* pieces(text: string, cuts: number[]): AsyncGenerator<string> {
  let at = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b)) {
    yield text.slice(at, cut);
    at = cut;
  }
  yield text.slice(at);
}

async function rows(format: ImportFormat, text: string, cuts: number[] = [], columns: string[] = ['a', 'b', 'c']) {
  const out: Array<{ row: number; cells?: unknown[]; problem?: string }> = [];
  for await (const row of readFileRows(format, pieces(text, cuts)) as AsyncGenerator<FileRow>) {
    out.push(
      'problem' in row ? { row: row.rowNumber, problem: row.problem } : { row: row.rowNumber, cells: columns.map((c) => row.read(c)) },
    );
  }
  return out;
}

const CSV = '\ufeffa,b,c\r\n1,"x, ""quoted""",3\r\n"multi\nline",,""\n\n4,5\n7,8,9';

describe('file rows', () => {
  it('reads RFC 4180 CSV: quotes, escaped quotes, CRLF, quoted newlines, blank lines, wrong column counts', async () => {
    expect(await rows('CSV', CSV)).toEqual([
      { row: 1, cells: ['1', 'x, "quoted"', '3'] },
      { row: 2, cells: ['multi\nline', '', ''] },
      { row: 3, problem: 'the row has 2 columns; the header has 3' },
      { row: 4, cells: ['7', '8', '9'] },
    ]);
  });

  it('keeps CSV header names exactly as in the file (nothing is trimmed)', async () => {
    expect(await rows('CSV', 'a, b\n1,2', [], ['a', ' b', 'b'])).toEqual([{ row: 1, cells: ['1', '2', undefined] }]);
  });

  it('gives the same CSV rows however the text is cut into chunks', async () => {
    const expected = await rows('CSV', CSV);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: CSV.length - 1 }), { maxLength: 12 }), async (cuts) => {
        expect(await rows('CSV', CSV, cuts)).toEqual(expected);
      }),
    );
    // every single-character chunk boundary, including inside "" and \r\n
    expect(
      await rows(
        'CSV',
        CSV,
        Array.from({ length: CSV.length }, (_, i) => i),
      ),
    ).toEqual(expected);
  });

  it('reports broken CSV rows as problems: a never-closed quote, text after a closing quote', async () => {
    const broken = await rows('CSV', 'a,b,c\n"x"y,2,3\n1,2,3\n"open,2,3\n4,5,6');
    expect(broken).toEqual([
      { row: 1, problem: 'text after the closing quote of a quoted field' },
      { row: 2, cells: ['1', '2', '3'] },
      { row: 3, problem: 'a quoted field is never closed' },
    ]);
  });

  it('splits NDJSON lines, skipping blank ones; a broken line is one problem row', async () => {
    const text = '{"a":1,"b":"x"}\r\n\n{"a":2,\n[1]\n{"a":"3","b":{"c":true}}';
    expect(await rows('NDJSON', text, [3, 17, 18])).toEqual([
      { row: 1, cells: [1, 'x', undefined] },
      { row: 2, problem: expect.stringContaining('not valid JSON') },
      { row: 3, problem: 'the row must be a JSON object' },
      { row: 4, cells: ['3', { c: true }, undefined] },
    ]);
  });

  it('streams a JSON array element by element, brackets and quotes inside strings included', async () => {
    const text = ' [ {"a":"]},{[\\"","b":[1,{"c":2}]}, 7 ,{"a":2, "b": 1} ,{"a": tru} ] \n';
    const expected = [
      { row: 1, cells: [']},{["', [1, { c: 2 }], undefined] },
      { row: 2, problem: 'the row must be a JSON object' },
      { row: 3, cells: [2, 1, undefined] },
      { row: 4, problem: expect.stringContaining('not valid JSON') },
    ];
    expect(await rows('JSON', text)).toEqual(expected);
    expect(
      await rows(
        'JSON',
        text,
        Array.from({ length: text.length }, (_, i) => i),
      ),
    ).toEqual(expected);
    expect(await rows('JSON', '[]')).toEqual([]);
  });

  it('fails a JSON file that is not an array, or whose array never closes', async () => {
    await expect(rows('JSON', '{"a":1}')).rejects.toThrow(ImportFileError);
    await expect(rows('JSON', '{"a":1}')).rejects.toThrow('not a JSON array');
    await expect(rows('JSON', '[{"a":1},{"a":2}')).rejects.toThrow('not closed');
    await expect(rows('JSON', '[{"a":1}] x')).rejects.toThrow('after the end');
  });

  it('keeps an overlong CSV field out of memory and reports the row', () => {
    const splitter = new CsvRecordSplitter();
    const out: Array<{ fields: string[]; problem: string | null }> = [];
    const big = 'x'.repeat(600 * 1024);
    splitter.push(`a\n"${big}`, out);
    splitter.push(`${big}"\nok\n`, out);
    splitter.end(out);
    expect(out.map((r) => [r.fields.map((f) => f.length), r.problem])).toEqual([
      [[1], null],
      [[expect.any(Number)], expect.stringContaining('longer than')],
      [[2], null],
    ]);
    expect(out[1].fields[0].length).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('import mapping', () => {
  const valid = { customer: 'customer_id', meterReference: 'scans', values: [{ reference: 'count', column: 'scan_count' }] };

  it('accepts a mapping and names the field of the first problem', () => {
    expect(validateImportMapping(valid)).toEqual({ mapping: valid });
    const problem = (m: unknown) =>
      'problem' in validateImportMapping(m) ? (validateImportMapping(m) as { problem: { field: string } }).problem.field : null;
    expect(problem([])).toBe('mapping');
    expect(problem({ ...valid, customer: undefined })).toBe('mapping.customer');
    expect(problem({ ...valid, meter: 'm' })).toBe('mapping.meter');
    expect(problem({ ...valid, meterReference: undefined })).toBe('mapping.meter');
    expect(problem({ ...valid, values: [] })).toBe('mapping.values');
    expect(problem({ ...valid, values: [{ reference: 'count', column: '' }] })).toBe('mapping.values[0].column');
    expect(
      problem({
        ...valid,
        values: [
          { reference: 'count', column: 'a' },
          { reference: 'count', column: 'b' },
        ],
      }),
    ).toBe('mapping.values[1].reference');
    expect(problem({ ...valid, values: [{ reference: 'amount', column: 'a', currency: 'EURO' }] })).toBe('mapping.values[0].currency');
    expect(problem({ ...valid, properties: { region: 3 } })).toBe('mapping.properties.region');
    expect(problem({ ...valid, custmer: 'x' })).toBe('mapping.custmer');
    expect(problem({ ...valid, subscription: '' })).toBe('mapping.subscription');
    expect(problem({ ...valid, subscription: 7 })).toBe('mapping.subscription');
  });

  it('takes column names and references exactly as given: spaces around them or control characters are refused, never trimmed', () => {
    const problem = (m: unknown) => {
      const checked = validateImportMapping(m);
      return 'problem' in checked ? checked.problem : null;
    };
    expect(problem({ ...valid, subscription: ' sub ' })).toEqual({
      field: 'mapping.subscription',
      message: expect.stringContaining('whitespace'),
    });
    expect(problem({ ...valid, customer: 'customer_id\t' })?.field).toBe('mapping.customer');
    expect(problem({ ...valid, customer: 'cust\u0001omer' })?.field).toBe('mapping.customer');
    expect(problem({ ...valid, meterReference: 'scans ' })).toEqual({
      field: 'mapping.meterReference',
      message: expect.stringContaining('whitespace'),
    });
    expect(problem({ ...valid, values: [{ reference: ' count', column: 'scan_count' }] })?.field).toBe('mapping.values[0].reference');
    expect(problem({ ...valid, values: [{ reference: 'count', column: 'scan_count\n' }] })?.field).toBe('mapping.values[0].column');
    expect(problem({ ...valid, properties: { region: ' region' } })?.field).toBe('mapping.properties.region');
    expect(problem({ ...valid, properties: { ' region': 'region' } })?.field).toBe('mapping.properties');
    // inner spaces are part of a name, kept as given
    const spaced = { ...valid, customer: 'customer id', properties: { 'sales region': 'sales region' } };
    expect(validateImportMapping(spaced)).toEqual({ mapping: spaced });
  });

  it('matches CSV header names exactly, naming a header cell that has spaces around it', () => {
    const mapping: ImportMapping = { ...valid };
    expect(() => checkCsvHeader(['customer_id', 'scan_count'], mapping)).not.toThrow();
    expect(() => checkCsvHeader(['customer_id', ' scan_count'], mapping)).toThrow(
      'the CSV header has no column "scan_count"; it has " scan_count", with spaces around it (nothing is trimmed) (mapping.values[0].column)',
    );
    expect(() => checkCsvHeader(['customer_id'], mapping)).toThrow('the CSV header has no column "scan_count" (mapping.values[0].column)');
  });

  it('maps an optional subscription column: an empty cell or a JSON row without the field names none', () => {
    const mapping: ImportMapping = { ...valid, subscription: 'sub' };
    const id = '0b9a6f5e-3c1d-4e7a-9f2b-8d6c5a4b3e21';
    const subscriptionOf = (cells: Record<string, unknown>) => {
      const mapped = rowToUsageEvent((c) => cells[c], mapping, 'ab', 1);
      return 'event' in mapped ? mapped.event.subscriptionId : mapped;
    };
    const row = { customer_id: 'acme', scan_count: '1' };
    expect(subscriptionOf({ ...row, sub: id })).toBe(id);
    // a cell goes through as it is in the file: the pipeline refuses the spaces, nothing is trimmed
    expect(subscriptionOf({ ...row, sub: ` ${id} ` })).toBe(` ${id} `);
    expect(subscriptionOf({ ...row, sub: '' })).toBeUndefined();
    expect(subscriptionOf(row)).toBeUndefined();
    expect(columnOfEventField('subscription_id', mapping)).toBe('sub');
    expect(mappedColumns(mapping)).toContainEqual({ column: 'sub', field: 'mapping.subscription' });
  });

  it('maps a row to an event with a deterministic reference when the row has none, cells as they are (never trimmed)', () => {
    const mapping: ImportMapping = {
      customer: 'c',
      meter: 'm',
      reference: 'ref',
      timestamp: 'ts',
      values: [
        { reference: 'count', column: 'n' },
        { reference: 'amount', column: 'eur', currency: 'EUR' },
      ],
      properties: { region: 'r', tier: 't' },
    };
    const cells: Record<string, unknown> = { c: ' acme ', m: 'tx', ref: '', ts: '2026-01-15T12:00:00Z', n: '5', eur: 12.5, r: 'eu', t: '' };
    expect(rowToUsageEvent((c) => cells[c], mapping, 'ab'.repeat(32), 7)).toEqual({
      event: {
        meterReference: 'tx',
        customerReference: ' acme ',
        reference: `${'ab'.repeat(8)}-7`,
        timestamp: '2026-01-15T12:00:00Z',
        meterValues: [
          { reference: 'count', number: '5' },
          { reference: 'amount', amount: { currency: 'EUR', quantity: 12.5 } },
        ],
        properties: { region: 'eu' },
        subscriptionId: undefined,
      },
    });
    expect(rowToUsageEvent((c) => (c === 'n' ? undefined : cells[c]), mapping, 'ab', 1)).toEqual({
      rejected: { field: 'n', reason: 'the row has no column "n"' },
    });
    expect(columnOfEventField('meter_values[1].amount.quantity', mapping)).toBe('eur');
    expect(columnOfEventField('properties.region', mapping)).toBe('r');
  });
});
