import type { CellReader } from './cells';

/** The formats an import accepts. */
export const ImportFormats = ['CSV', 'JSON', 'NDJSON'] as const;
export type ImportFormat = (typeof ImportFormats)[number];

/** One data row of a file (1-based; a CSV header is not a row), readable or not. */
export type FileRow = { rowNumber: number; read: CellReader } | { rowNumber: number; problem: string };

/** The file as a whole cannot be read (not a JSON array, a broken CSV header…): the import fails with this message. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** A row longer than this is refused as a row, without holding it: memory stays flat whatever the file holds. */
export const MAX_ROW_CHARS = 1024 * 1024;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface CsvRecord {
  fields: string[];
  problem: string | null;
}

const enum CsvState {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterQuoted,
}

/**
 * RFC 4180 records from text pushed in pieces of any size: quoted fields, "" escapes, commas and newlines inside quotes,
 * LF or CRLF (or CR) line ends. Blank lines are skipped. Lenient where harmless, but a record that breaks the rules is
 * reported with a problem instead of guessed at.
 */
export class CsvRecordSplitter {
  private fields: string[] = [];
  private field = '';
  private state = CsvState.FieldStart;
  private skipLf = false;
  private problem: string | null = null;
  private quoted = false;
  private length = 0;

  push(chunk: string, out: CsvRecord[]): void {
    const n = chunk.length;
    let i = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (n > 0 && chunk.charCodeAt(0) === LF) i = 1;
    }
    let start = i;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case CsvState.FieldStart:
          if (c === QUOTE) {
            this.state = CsvState.Quoted;
            this.quoted = true;
            i += 1;
            start = i;
            continue;
          }
          this.state = CsvState.Unquoted;
          start = i;
        // falls through: the character starts an unquoted field
        case CsvState.Unquoted:
          if (c === COMMA || c === LF || c === CR) {
            this.append(chunk, start, i);
            this.endField();
            i = this.afterDelimiter(chunk, i, c, out);
            start = i;
            continue;
          }
          if (c === QUOTE) this.problem ??= 'a quote inside an unquoted field (quote the whole field and double inner quotes)';
          i += 1;
          continue;
        case CsvState.Quoted: {
          const close = chunk.indexOf('"', i);
          if (close === -1) {
            i = n;
            continue;
          }
          this.append(chunk, start, close);
          this.state = CsvState.QuoteInQuoted;
          i = close + 1;
          continue;
        }
        case CsvState.QuoteInQuoted:
          if (c === QUOTE) {
            this.append(chunk, i, i + 1);
            this.state = CsvState.Quoted;
            i += 1;
            start = i;
            continue;
          }
          this.state = CsvState.AfterQuoted;
        // falls through: the quoted field has ended
        case CsvState.AfterQuoted:
          if (c === COMMA || c === LF || c === CR) {
            this.endField();
            i = this.afterDelimiter(chunk, i, c, out);
            start = i;
            continue;
          }
          this.problem ??= 'text after the closing quote of a quoted field';
          this.append(chunk, i, i + 1);
          i += 1;
          continue;
      }
    }
    if (this.state === CsvState.Unquoted || this.state === CsvState.Quoted) this.append(chunk, start, n);
  }

  end(out: CsvRecord[]): void {
    if (this.state === CsvState.Quoted) this.problem ??= 'a quoted field is never closed';
    if (this.state !== CsvState.FieldStart || this.fields.length > 0) {
      this.endField();
      this.endRecord(out);
    }
  }

  private append(chunk: string, from: number, to: number): void {
    if (to <= from) return;
    this.length += to - from;
    if (this.length > MAX_ROW_CHARS) {
      this.problem ??= `the row is longer than ${MAX_ROW_CHARS} characters`;
      return;
    }
    this.field += chunk.slice(from, to);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = CsvState.FieldStart;
  }

  /** Handles the delimiter at `i` (the field is already ended); returns the index after it. */
  private afterDelimiter(chunk: string, i: number, c: number, out: CsvRecord[]): number {
    if (c === COMMA) return i + 1;
    this.endRecord(out);
    if (c === CR) {
      if (i + 1 < chunk.length) return chunk.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      this.skipLf = true;
    }
    return i + 1;
  }

  private endRecord(out: CsvRecord[]): void {
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.quoted && this.problem === null;
    if (!blank) out.push({ fields: this.fields, problem: this.problem });
    this.fields = [];
    this.problem = null;
    this.quoted = false;
    this.length = 0;
  }
}

/** Lines of NDJSON (LF or CRLF); blank lines are skipped. An overlong line comes out as null in its place. */
export class LineSplitter {
  private pending = '';
  private overlong = false;

  push(chunk: string, out: Array<string | null>): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl === -1) break;
      this.take(chunk.slice(start, nl));
      this.emit(out);
      start = nl + 1;
    }
    this.take(chunk.slice(start));
  }

  end(out: Array<string | null>): void {
    this.emit(out);
  }

  private take(piece: string): void {
    if (this.overlong) return;
    if (this.pending.length + piece.length > MAX_ROW_CHARS) {
      this.overlong = true;
      this.pending = '';
      return;
    }
    this.pending += piece;
  }

  private emit(out: Array<string | null>): void {
    const line = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
    if (this.overlong) out.push(null);
    else if (line.trim() !== '') out.push(line);
    this.pending = '';
    this.overlong = false;
  }
}

const enum JsonState {
  BeforeArray,
  ExpectElement,
  ExpectFirstElementOrEnd,
  InElement,
  AfterElement,
  AfterArray,
}

/**
 * Splits a top-level JSON array into the text of its elements without parsing the whole file: it tracks nesting and
 * strings only. Each element's text is parsed on its own, so one broken element is one rejected row.
 * Throws ImportFileError when the file is not an array.
 */
export class JsonArraySplitter {
  private state = JsonState.BeforeArray;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  private overlong = false;
  private length = 0;
  /** Elements seen so far (also for messages). */
  count = 0;

  /** Pushes element texts (null for an overlong one) to `out`. */
  push(chunk: string, out: Array<string | null>): void {
    const n = chunk.length;
    let i = 0;
    let start = -1;
    while (i < n) {
      const ch = chunk[i];
      switch (this.state) {
        case JsonState.BeforeArray:
          if (isSpace(ch)) break;
          if (ch !== '[') throw new ImportFileError('the file is not a JSON array (it must start with "[")');
          this.state = JsonState.ExpectFirstElementOrEnd;
          break;
        case JsonState.ExpectFirstElementOrEnd:
        case JsonState.ExpectElement:
          if (isSpace(ch)) break;
          if (ch === ']' && this.state === JsonState.ExpectFirstElementOrEnd) {
            this.state = JsonState.AfterArray;
            break;
          }
          if (ch === ']' || ch === ',') throw new ImportFileError(`unexpected "${ch}" in the JSON array after element ${this.count}`);
          this.state = JsonState.InElement;
          this.depth = 0;
          this.inString = false;
          this.escaped = false;
          start = i;
          i = this.scan(chunk, i, out, () => start);
          start = this.state === JsonState.InElement ? start : -1;
          continue;
        case JsonState.InElement:
          if (start === -1) start = i;
          i = this.scan(chunk, i, out, () => start);
          start = this.state === JsonState.InElement ? start : -1;
          continue;
        case JsonState.AfterElement:
          if (isSpace(ch)) break;
          if (ch === ',') this.state = JsonState.ExpectElement;
          else if (ch === ']') this.state = JsonState.AfterArray;
          else throw new ImportFileError(`expected "," or "]" after element ${this.count} of the JSON array, found "${ch}"`);
          break;
        case JsonState.AfterArray:
          if (!isSpace(ch)) throw new ImportFileError(`unexpected text after the end of the JSON array (after element ${this.count})`);
          break;
      }
      i += 1;
    }
    if (this.state === JsonState.InElement && start !== -1) this.appendElement(chunk, start, n);
  }

  end(): void {
    if (this.state === JsonState.BeforeArray) throw new ImportFileError('the file is not a JSON array (it is empty)');
    if (this.state !== JsonState.AfterArray) {
      throw new ImportFileError(`the JSON array is not closed: the file ends after element ${this.count}`);
    }
  }

  /** Scans element text from `i`; returns where it stopped (end of chunk, or just after the element). */
  private scan(chunk: string, i: number, out: Array<string | null>, startOf: () => number): number {
    const n = chunk.length;
    while (i < n) {
      const ch = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        i += 1;
        continue;
      }
      if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') this.depth += 1;
      else if (ch === '}' || ch === ']') {
        if (this.depth === 0) {
          // a scalar element ends at the array's closing bracket
          this.finishElement(chunk, startOf(), i, out);
          return i;
        }
        this.depth -= 1;
        if (this.depth === 0) {
          this.finishElement(chunk, startOf(), i + 1, out);
          return i + 1;
        }
      } else if (this.depth === 0 && (ch === ',' || isSpace(ch))) {
        this.finishElement(chunk, startOf(), i, out);
        return i;
      }
      i += 1;
    }
    return i;
  }

  private appendElement(chunk: string, from: number, to: number): void {
    if (this.overlong || to <= from) return;
    this.length += to - from;
    if (this.length > MAX_ROW_CHARS) {
      this.overlong = true;
      this.element = '';
      return;
    }
    this.element += chunk.slice(from, to);
  }

  private finishElement(chunk: string, from: number, to: number, out: Array<string | null>): void {
    this.appendElement(chunk, from, to);
    out.push(this.overlong ? null : this.element);
    this.count += 1;
    this.element = '';
    this.overlong = false;
    this.length = 0;
    this.state = JsonState.AfterElement;
  }
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
}

function objectReader(value: Record<string, unknown>): CellReader {
  return (column) => {
    if (Object.hasOwn(value, column)) return value[column];
    if (!column.includes('.')) return undefined;
    // a dotted path reaches into nested objects: "usage.tokens"
    let current: unknown = value;
    for (const key of column.split('.')) {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
}

function jsonRow(rowNumber: number, text: string | null): FileRow {
  if (text === null) return { rowNumber, problem: `the row is longer than ${MAX_ROW_CHARS} characters` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { rowNumber, problem: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { rowNumber, problem: 'the row must be a JSON object' };
  return { rowNumber, read: objectReader(value as Record<string, unknown>) };
}

/**
 * The first decoded chunk of a file without its UTF-8 byte order mark (not data). A file in UTF-16 is refused as a
 * whole, with a clear reason, instead of every row failing: its byte order mark (FF FE or FE FF) decodes to two
 * U+FFFD, and its ASCII text to characters each followed or preceded by NUL.
 */
export function firstChunkText(chunk: string): string {
  if (chunk.startsWith('\uFFFD\uFFFD') || (chunk.length >= 8 && chunk.slice(0, 64).split('\u0000').length - 1 >= 4))
    throw new ImportFileError('the file is not UTF-8 (it looks like UTF-16, e.g. it starts with bytes FF FE); save it as UTF-8');
  return chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
}

export interface ReadOptions {
  /** Called with the CSV header before the first row; may throw ImportFileError (e.g. a mapped column is missing). */
  onCsvHeader?: (columns: string[]) => void;
}

/**
 * The rows of a file, streamed: memory holds one input chunk and its rows, never the file.
 * `chunks` is the file's text (e.g. a utf8 read stream).
 */
export async function* readFileRows(
  format: ImportFormat,
  chunks: AsyncIterable<string>,
  options: ReadOptions = {},
): AsyncGenerator<FileRow> {
  let first = true;
  const text = async function* () {
    for await (const chunk of chunks) {
      yield first ? firstChunkText(chunk) : chunk;
      first = false;
    }
  };
  if (format === 'CSV') yield* csvRows(text(), options);
  else if (format === 'NDJSON') yield* ndjsonRows(text());
  else yield* jsonArrayRows(text());
}

async function* csvRows(chunks: AsyncIterable<string>, options: ReadOptions): AsyncGenerator<FileRow> {
  const splitter = new CsvRecordSplitter();
  let header: Map<string, number> | null = null;
  let width = 0;
  let rowNumber = 0;
  const records: CsvRecord[] = [];
  const rows = function* (): Generator<FileRow> {
    for (const record of records) {
      if (!header) {
        if (record.problem) throw new ImportFileError(`the CSV header row cannot be read: ${record.problem}`);
        // Column names exactly as in the file (the mapping names them exactly; nothing is trimmed).
        const columns = record.fields;
        options.onCsvHeader?.(columns);
        header = new Map();
        // the first of two same-named columns wins
        columns.forEach((name, index) => {
          if (!header!.has(name)) header!.set(name, index);
        });
        width = columns.length;
        continue;
      }
      rowNumber += 1;
      if (record.problem) yield { rowNumber, problem: record.problem };
      else if (record.fields.length !== width) {
        yield { rowNumber, problem: `the row has ${record.fields.length} columns; the header has ${width}` };
      } else {
        const { fields } = record;
        const index = header;
        yield { rowNumber, read: (column) => (index.has(column) ? fields[index.get(column)!] : undefined) };
      }
    }
    records.length = 0;
  };
  for await (const chunk of chunks) {
    splitter.push(chunk, records);
    yield* rows();
  }
  splitter.end(records);
  yield* rows();
  if (!header) throw new ImportFileError('the CSV file has no header row');
}

async function* ndjsonRows(chunks: AsyncIterable<string>): AsyncGenerator<FileRow> {
  const splitter = new LineSplitter();
  const lines: Array<string | null> = [];
  let rowNumber = 0;
  for await (const chunk of chunks) {
    splitter.push(chunk, lines);
    for (const line of lines) yield jsonRow(++rowNumber, line);
    lines.length = 0;
  }
  splitter.end(lines);
  for (const line of lines) yield jsonRow(++rowNumber, line);
}

async function* jsonArrayRows(chunks: AsyncIterable<string>): AsyncGenerator<FileRow> {
  const splitter = new JsonArraySplitter();
  const elements: Array<string | null> = [];
  let rowNumber = 0;
  for await (const chunk of chunks) {
    splitter.push(chunk, elements);
    for (const element of elements) yield jsonRow(++rowNumber, element);
    elements.length = 0;
  }
  splitter.end();
}

/** The first record of a CSV file (its header), reading no further than it; null when the file has none. */
export async function readCsvHeader(chunks: AsyncIterable<string>): Promise<CsvRecord | null> {
  const splitter = new CsvRecordSplitter();
  const records: CsvRecord[] = [];
  let first = true;
  for await (const chunk of chunks) {
    splitter.push(first ? firstChunkText(chunk) : chunk, records);
    first = false;
    if (records.length > 0) return records[0];
  }
  splitter.end(records);
  return records[0] ?? null;
}
