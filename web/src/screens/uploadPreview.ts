/**
 * Reading an upload in the browser, the way the API will (subgraphs/metering/src/imports/file-rows.ts): the columns
 * (CSV header) or fields (JSON objects, flattened one level as `usage.tokens`), the first rows for a preview, and the
 * number of data rows (the denominator of the processing progress). Text is pushed in pieces of any size; memory holds
 * the preview, never the file.
 */

export type FileFormat = 'CSV' | 'JSON' | 'NDJSON';
export const FILE_FORMATS: readonly FileFormat[] = ['CSV', 'JSON', 'NDJSON'];

/** The format a file name announces, or null when its extension is not one the API reads. */
export function formatOfFileName(name: string): FileFormat | null {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === 'csv') return 'CSV';
  if (extension === 'json') return 'JSON';
  if (extension === 'ndjson' || extension === 'jsonl') return 'NDJSON';
  return null;
}

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 5;
/** JSON objects whose fields become the columns offered for mapping. */
const COLUMN_SAMPLE = 100;
/** A preview cell longer than this is cut. */
const MAX_CELL_CHARS = 200;

export interface PreviewRow {
  /** 1-based data row, as the API numbers rejected rows. */
  rowNumber: number;
  /** One cell per column. */
  cells: string[];
  /** Why the API will reject this row, when it can be told from the file alone. */
  problem: string | null;
}

export interface FilePreview {
  columns: string[];
  rows: PreviewRow[];
  /** Data rows seen so far: all of them once the whole file was pushed and ended. */
  rowCount: number;
  /** The file cannot be read in this format (the API would refuse it or fail the import). */
  problem: string | null;
}

export interface FileScanner {
  push(text: string): void;
  /** The file is over: a row without a final line break counts, an unclosed quote or array is a problem. */
  end(): void;
  preview(): FilePreview;
}

export function fileScanner(format: FileFormat): FileScanner {
  if (format === 'CSV') return new CsvScanner();
  if (format === 'NDJSON') return new NdjsonScanner();
  return new JsonArrayScanner();
}

/** The preview of a whole file's text. */
export function previewText(format: FileFormat, text: string): FilePreview {
  const scanner = fileScanner(format);
  scanner.push(text);
  scanner.end();
  return scanner.preview();
}

const BOM = 0xfeff;
const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const clip = (text: string) => (text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text);

/** RFC 4180 records (quoted fields, "" escapes, line breaks inside quotes, LF/CRLF/CR); blank lines are skipped. */
class CsvScanner implements FileScanner {
  private header: string[] | null = null;
  private rows: PreviewRow[] = [];
  private count = 0;
  private started = false;
  private ended = false;
  // the record being read
  private fields: string[] = [];
  private field = '';
  private state: 'start' | 'unquoted' | 'quoted' | 'quote' | 'afterQuoted' = 'start';
  private blank = true;
  private rowProblem: string | null = null;
  private skipLf = false;

  /** Only the header and the preview rows keep their text. */
  private get keeping(): boolean {
    return this.header === null || this.rows.length < PREVIEW_ROWS;
  }

  push(text: string): void {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    for (; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (c === LF) continue;
      }
      if (this.state === 'quoted') {
        if (c === QUOTE) this.state = 'quote';
        else this.add(text[i]);
        continue;
      }
      if (this.state === 'quote') {
        if (c === QUOTE) {
          this.add('"');
          this.state = 'quoted';
          continue;
        }
        this.state = 'afterQuoted';
      }
      if (c === COMMA) {
        this.blank = false;
        this.endField();
      } else if (c === LF || c === CR) {
        this.endField();
        this.endRecord();
        this.skipLf = c === CR;
      } else if (c === QUOTE && this.state === 'start') {
        this.blank = false;
        this.state = 'quoted';
      } else {
        if (this.state === 'afterQuoted') this.rowProblem ??= 'text after the closing quote of a quoted field';
        else if (c === QUOTE) this.rowProblem ??= 'a quote inside an unquoted field (quote the whole field and double inner quotes)';
        if (this.state === 'start') this.state = 'unquoted';
        this.blank = false;
        this.add(text[i]);
      }
    }
  }

  end(): void {
    this.ended = true;
    if (this.state === 'quoted') this.rowProblem ??= 'a quoted field is never closed';
    if (!this.blank) {
      this.endField();
      this.endRecord();
    }
  }

  preview(): FilePreview {
    const problem = !this.started ? 'the file is empty' : this.header === null && this.ended ? 'the CSV file has no header row' : null;
    return { columns: this.header ?? [], rows: [...this.rows], rowCount: this.count, problem };
  }

  private add(char: string): void {
    // a column name is kept whole: mapping names it exactly
    if (this.header === null || (this.keeping && this.field.length <= MAX_CELL_CHARS)) this.field += char;
  }

  private endField(): void {
    if (this.keeping) this.fields.push(this.field);
    this.field = '';
    this.state = 'start';
  }

  private endRecord(): void {
    if (!this.blank) {
      if (this.header === null) this.header = this.fields.map((f) => f.trim());
      else {
        this.count += 1;
        if (this.rows.length < PREVIEW_ROWS) this.rows.push(this.previewRow());
      }
    }
    this.fields = [];
    this.blank = true;
    this.rowProblem = null;
  }

  private previewRow(): PreviewRow {
    const width = this.header!.length;
    const problem =
      this.rowProblem ?? (this.fields.length !== width ? `the row has ${this.fields.length} columns; the header has ${width}` : null);
    const cells = Array.from({ length: width }, (_, i) => clip(this.fields[i] ?? ''));
    return { rowNumber: this.count, cells, problem };
  }
}

type JsonRow = { rowNumber: number; fields: Map<string, string> | null; problem: string | null };

/** Rows of JSON text (NDJSON lines, JSON array elements): their fields make the columns, the first ones the preview. */
class JsonRows {
  private readonly columns = new Set<string>();
  private readonly rows: JsonRow[] = [];
  count = 0;

  get keeping(): boolean {
    return this.count < COLUMN_SAMPLE;
  }

  add(text: string): void {
    this.count += 1;
    if (this.count > COLUMN_SAMPLE) return;
    const row = jsonRow(this.count, text);
    row.fields?.forEach((_, column) => this.columns.add(column));
    if (this.rows.length < PREVIEW_ROWS) this.rows.push(row);
  }

  preview(problem: string | null): FilePreview {
    const columns = [...this.columns];
    return {
      columns,
      rows: this.rows.map(({ rowNumber, fields, problem: rowProblem }) => ({
        rowNumber,
        cells: columns.map((c) => fields?.get(c) ?? ''),
        problem: rowProblem,
      })),
      rowCount: this.count,
      problem,
    };
  }
}

function jsonRow(rowNumber: number, text: string): JsonRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { rowNumber, fields: null, problem: `not valid JSON: ${(error as Error).message}` };
  }
  if (!isObject(value)) return { rowNumber, fields: null, problem: 'the row must be a JSON object' };
  return { rowNumber, fields: flattenOneLevel(value), problem: null };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field → cell text; an object's fields become `field.sub` (how the API reads nested fields), deeper ones stay JSON. */
export function flattenOneLevel(value: Record<string, unknown>): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, inner] of Object.entries(value)) {
    if (isObject(inner) && Object.keys(inner).length > 0) {
      for (const [sub, cell] of Object.entries(inner)) fields.set(`${key}.${sub}`, cellText(cell));
    } else fields.set(key, cellText(inner));
  }
  return fields;
}

function cellText(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  if (value === undefined) return '';
  return clip(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** One JSON object a line (LF or CRLF); blank lines are skipped. */
class NdjsonScanner implements FileScanner {
  private readonly rows = new JsonRows();
  private line = '';
  private blank = true;
  private started = false;

  push(text: string): void {
    let start = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) start = 1;
    }
    for (;;) {
      const lf = text.indexOf('\n', start);
      this.take(text.slice(start, lf === -1 ? text.length : lf));
      if (lf === -1) return;
      this.endLine();
      start = lf + 1;
    }
  }

  end(): void {
    this.endLine();
  }

  preview(): FilePreview {
    return this.rows.preview(this.started ? null : 'the file is empty');
  }

  private take(piece: string): void {
    if (this.blank && /\S/.test(piece)) this.blank = false;
    if (this.rows.keeping) this.line += piece;
  }

  private endLine(): void {
    if (!this.blank) this.rows.add(this.line);
    this.line = '';
    this.blank = true;
  }
}

/** A top-level JSON array, split into its elements by tracking nesting and strings only. */
class JsonArrayScanner implements FileScanner {
  private readonly rows = new JsonRows();
  private state: 'before' | 'first' | 'next' | 'element' | 'after' | 'done' | 'failed' = 'before';
  private problem: string | null = null;
  private element = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;

  push(text: string): void {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    let start = i;
    while (i < text.length && this.state !== 'failed') {
      const ch = text[i];
      if (this.state === 'element') {
        const end = this.elementEnd(text, i);
        if (end === -1) {
          if (this.rows.keeping) this.element += text.slice(start);
          return;
        }
        this.rows.add(this.element + text.slice(start, end));
        this.element = '';
        this.state = 'after';
        i = end;
        continue;
      }
      if (!isSpace(ch) && this.structural(ch)) start = i;
      else i += 1;
    }
  }

  end(): void {
    if (this.state === 'before') this.fail('the file is not a JSON array (it is empty)');
    else if (this.state !== 'done' && this.state !== 'failed') {
      this.fail(`the JSON array is not closed: the file ends after element ${this.rows.count}`);
    }
  }

  preview(): FilePreview {
    return this.rows.preview(this.problem);
  }

  /** A non-space character outside elements: the array's brackets and commas; true when it starts an element. */
  private structural(ch: string): boolean {
    switch (this.state) {
      case 'before':
        if (ch === '[') this.state = 'first';
        else this.fail('the file is not a JSON array (it must start with "[")');
        return false;
      case 'first':
      case 'next':
        if (ch === ']' && this.state === 'first') this.state = 'done';
        else if (ch === ']' || ch === ',') this.fail(`unexpected "${ch}" in the JSON array after element ${this.rows.count}`);
        else {
          this.state = 'element';
          this.depth = 0;
          this.inString = false;
          this.escaped = false;
          return true;
        }
        return false;
      case 'after':
        if (ch === ',') this.state = 'next';
        else if (ch === ']') this.state = 'done';
        else this.fail(`expected "," or "]" after element ${this.rows.count} of the JSON array, found "${ch}"`);
        return false;
      default:
        this.fail(`unexpected text after the end of the JSON array (after element ${this.rows.count})`);
        return false;
    }
  }

  /** Where the current element ends in `text` (exclusive), scanning from `i`; -1 when it goes on in the next piece. */
  private elementEnd(text: string, i: number): number {
    for (; i < text.length; i += 1) {
      const ch = text[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
      } else if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') this.depth += 1;
      else if (ch === '}' || ch === ']') {
        if (this.depth === 0) return i; // a scalar element ends at the array's closing bracket
        this.depth -= 1;
        if (this.depth === 0) return i + 1;
      } else if (this.depth === 0 && (ch === ',' || isSpace(ch))) return i;
    }
    return -1;
  }

  private fail(problem: string): void {
    this.problem = problem;
    this.state = 'failed';
  }
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
}
