import { describe, expect, it } from 'vitest';
import { fileScanner, flattenOneLevel, formatOfFileName, previewText, type FileFormat } from './uploadPreview';

/** The preview of `text` pushed in pieces of `size` characters (as a file is read piece by piece). */
function previewInPieces(format: FileFormat, text: string, size: number) {
  const scanner = fileScanner(format);
  for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
  scanner.end();
  return scanner.preview();
}

describe('formatOfFileName', () => {
  it('reads the format from the extension', () => {
    expect(formatOfFileName('usage.csv')).toBe('CSV');
    expect(formatOfFileName('USAGE.JSON')).toBe('JSON');
    expect(formatOfFileName('a.b.ndjson')).toBe('NDJSON');
    expect(formatOfFileName('events.jsonl')).toBe('NDJSON');
    expect(formatOfFileName('events.txt')).toBeNull();
    expect(formatOfFileName('events')).toBeNull();
  });
});

describe('CSV preview', () => {
  const csv = [
    'customer_reference, tokens ,region',
    'acme,10,eu',
    '"Smith, ""Jr""",20,"multi',
    'line"',
    '',
    'globex,30,us',
    'bad,40',
    'initech,50,eu',
    'hooli,60,us',
    'last,70,eu',
  ].join('\r\n');

  it('reads the header (trimmed), quoted fields with commas, escaped quotes and line breaks, and counts data rows', () => {
    const preview = previewText('CSV', csv);
    expect(preview.problem).toBeNull();
    expect(preview.columns).toEqual(['customer_reference', 'tokens', 'region']);
    expect(preview.rowCount).toBe(7);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0]).toEqual({ rowNumber: 1, cells: ['acme', '10', 'eu'], problem: null });
    expect(preview.rows[1].cells).toEqual(['Smith, "Jr"', '20', 'multi\r\nline']);
    expect(preview.rows[2]).toMatchObject({ rowNumber: 3, cells: ['globex', '30', 'us'] });
    expect(preview.rows[3]).toMatchObject({ rowNumber: 4, problem: 'the row has 2 columns; the header has 3' });
  });

  it('reads the same in pieces of any size, a row without a final line break included', () => {
    for (const size of [1, 2, 3, 7, 64]) {
      expect(previewInPieces('CSV', csv, size)).toEqual(previewText('CSV', csv));
    }
  });

  it('skips a byte order mark and blank lines; names broken rows', () => {
    const preview = previewText('CSV', '\ufeffcustomer,v\n\nx,"1"2\ny,"open');
    expect(preview.columns).toEqual(['customer', 'v']);
    expect(preview.rowCount).toBe(2);
    expect(preview.rows[0].problem).toBe('text after the closing quote of a quoted field');
    expect(preview.rows[1].problem).toBe('a quoted field is never closed');
  });

  it('tells an empty file and a file without header', () => {
    expect(previewText('CSV', '').problem).toBe('the file is empty');
    expect(previewText('CSV', '\n\n').problem).toBe('the CSV file has no header row');
  });

  it('shows the head of a file not read to its end', () => {
    const scanner = fileScanner('CSV');
    scanner.push('customer,tokens\nacme,1\nglob');
    expect(scanner.preview()).toMatchObject({ columns: ['customer', 'tokens'], rowCount: 1, problem: null });
  });
});

describe('JSON array preview', () => {
  const json = JSON.stringify([
    { customer: 'acme', usage: { tokens: 10, model: 'x' }, tags: ['a'], note: 'has ] and , and "quotes"' },
    { customer: 'globex', usage: { tokens: 20 }, extra: null },
    'not an object',
    { customer: 'initech', deep: { a: { b: 1 } } },
  ]);

  it('splits elements, flattens fields one level and counts elements', () => {
    const preview = previewText('JSON', json);
    expect(preview.problem).toBeNull();
    expect(preview.rowCount).toBe(4);
    expect(preview.columns).toEqual(['customer', 'usage.tokens', 'usage.model', 'tags', 'note', 'extra', 'deep.a']);
    expect(preview.rows[0].cells).toEqual(['acme', '10', 'x', '["a"]', 'has ] and , and "quotes"', '', '']);
    expect(preview.rows[1].cells).toEqual(['globex', '20', '', '', '', 'null', '']);
    expect(preview.rows[2]).toMatchObject({ rowNumber: 3, problem: 'the row must be a JSON object' });
    expect(preview.rows[3].cells.at(-1)).toBe('{"b":1}');
  });

  it('reads the same in pieces, with spaces and scalars between elements', () => {
    const spaced = `\n[ ${json.slice(1, -1).replaceAll('},{', '} ,\n {')} , 42 ]\n`;
    for (const size of [1, 5, 13]) {
      const preview = previewInPieces('JSON', spaced, size);
      expect(preview.rowCount).toBe(5);
      expect(preview.columns).toEqual(previewText('JSON', json).columns);
    }
  });

  it('names what makes a file not a JSON array', () => {
    expect(previewText('JSON', '{"a":1}').problem).toBe('the file is not a JSON array (it must start with "[")');
    expect(previewText('JSON', '  ').problem).toBe('the file is not a JSON array (it is empty)');
    expect(previewText('JSON', '[{"a":1},').problem).toBe('the JSON array is not closed: the file ends after element 1');
    expect(previewText('JSON', '[{"a":1}] x').problem).toBe('unexpected text after the end of the JSON array (after element 1)');
    expect(previewText('JSON', '[]')).toMatchObject({ problem: null, rowCount: 0, columns: [] });
  });
});

describe('NDJSON preview', () => {
  it('reads one object a line, skips blank lines, counts lines and names broken ones', () => {
    const ndjson = '{"customer":"acme","usage":{"tokens":1}}\r\n\n{"customer":"globex","tokens":2}\n{broken\n{"customer":"x"}';
    for (const size of [1, 4, ndjson.length]) {
      const preview = previewInPieces('NDJSON', ndjson, size);
      expect(preview.rowCount).toBe(4);
      expect(preview.columns).toEqual(['customer', 'usage.tokens', 'tokens']);
      expect(preview.rows[0].cells).toEqual(['acme', '1', '']);
      expect(preview.rows[1].cells).toEqual(['globex', '', '2']);
      expect(preview.rows[2].problem).toMatch(/^not valid JSON/);
      expect(preview.rows[3]).toMatchObject({ rowNumber: 4, cells: ['x', '', ''] });
    }
  });

  it('keeps 5 rows for the preview but counts them all', () => {
    const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ n: i })).join('\n');
    const preview = previewText('NDJSON', lines);
    expect(preview.rows).toHaveLength(5);
    expect(preview.rowCount).toBe(12);
  });
});

describe('flattenOneLevel', () => {
  it('makes nested fields dotted, as the API reads them', () => {
    expect([...flattenOneLevel({ a: 'x', b: { c: 1, d: true }, e: {}, f: [1] })]).toEqual([
      ['a', 'x'],
      ['b.c', '1'],
      ['b.d', 'true'],
      ['e', '{}'],
      ['f', '[1]'],
    ]);
  });
});
