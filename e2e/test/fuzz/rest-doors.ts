import fc from 'fast-check';
import { waitFor } from '@meterline/kit/testing';
import { readsBackSame } from './compare';
import type { Findings, Finding } from './findings';
import { ANSWER_WITHIN_MS, judge, post, type Answer } from './graphql-cases';
import { wrongValuesFor, type Meaning, type WrongValue } from './wrong-values';

/**
 * The REST and file doors with the same wrong values: POST /v1/events (one event, and a batch where the bad event sits
 * between two good ones) and POST /v1/imports (CSV and JSON files where one bad row sits between two good ones).
 */

export interface RestContext {
  gatewayUrl: string;
  apiKey: string;
  findings: Findings;
  foreign: { ids: string[]; references: string[] };
  meter: string;
  customer: string;
  runs: number;
  seed: number;
}

/** A field of an event in the seed's JSON shape, where a wrong value goes. */
interface EventField {
  path: Array<string | number>;
  meaning: Meaning;
  /** Where it shows on a stored UsageEvent. */
  echo: Array<string | number>;
}

const EVENT_FIELDS: EventField[] = [
  { path: ['meter_reference'], meaning: 'String', echo: ['meterReference'] },
  { path: ['customer_reference'], meaning: 'String', echo: ['customerReference'] },
  { path: ['reference'], meaning: 'String', echo: ['reference'] },
  { path: ['timestamp'], meaning: 'DateTime', echo: ['timestamp'] },
  { path: ['meter_values', 0, 'reference'], meaning: 'String', echo: ['values', 0, 'reference'] },
  { path: ['meter_values', 0, 'number'], meaning: 'Decimal', echo: ['values', 0, 'quantity'] },
  { path: ['properties'], meaning: 'JSONObject', echo: ['properties'] },
  { path: ['properties', 'region'], meaning: 'String', echo: ['properties', 'region'] },
  { path: ['subscription_id'], meaning: 'ID', echo: ['subscriptionId'] },
];

const USAGE_EVENT = `query ($id: ID!) { usageEvent(id: $id) { reference timestamp meterReference customerReference subscriptionId properties values { reference quantity } } }`;

function at(value: unknown, path: Array<string | number>): unknown {
  let here = value;
  for (const step of path) here = here === null || here === undefined ? undefined : (here as Record<string | number, unknown>)[step];
  return here;
}

function setAt(value: Record<string, unknown>, path: Array<string | number>, leaf: unknown): Record<string, unknown> {
  const copy = structuredClone(value);
  let holder = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
  holder[path[path.length - 1]] = leaf;
  return copy;
}

/** The sampled wrong values (with a `vars` form: REST bodies are JSON) of one field. */
function sample<T>(all: T[], runs: number, seed: number): T[] {
  const count = Math.min(runs, all.length);
  return fc.sample(fc.shuffledSubarray(all, { minLength: count, maxLength: count }), { seed, numRuns: 1 })[0];
}

const jsonValues = (meaning: Meaning, foreign: RestContext['foreign']) =>
  wrongValuesFor(meaning, foreign).filter((w) => w.vars !== undefined);

let counter = 0;

export async function fuzzEventsDoor(ctx: RestContext): Promise<number> {
  const url = `${ctx.gatewayUrl.replace(/\/graphql$/, '')}/v1/events`;
  const good = (reference: string) => ({
    meter_reference: ctx.meter,
    customer_reference: ctx.customer,
    reference,
    timestamp: '2026-03-06T10:00:00Z',
    meter_values: [{ reference: 'calls', number: '1' }],
    properties: { region: 'eu' },
  });
  let sent = 0;
  for (const [i, field] of EVENT_FIELDS.entries()) {
    for (const wrong of sample(jsonValues(field.meaning, ctx.foreign), ctx.runs, ctx.seed + i)) {
      for (const mode of ['single', 'batch'] as const) {
        counter += 1;
        const bad = setAt(good(`rest-bad-${counter}`), field.path, wrong.vars);
        const events = mode === 'single' ? [bad] : [good(`rest-good-${counter}-a`), bad, good(`rest-good-${counter}-b`)];
        const body = mode === 'single' ? JSON.stringify(bad) : JSON.stringify(events);
        const answer = await postRest(url, ctx.apiKey, body, mode === 'single' ? 'application/x-ndjson' : 'application/json');
        sent += 1;
        const base = { door: `POST /v1/events (${mode})`, field: field.path.join('.'), value: wrong.label, mode };
        judge(ctx, answer, base);
        await checkEventsAnswer(ctx, answer, mode === 'single' ? 0 : 1, events.length, field, wrong, base);
      }
    }
  }
  return sent;
}

async function postRest(url: string, apiKey: string, body: string | Buffer, contentType: string): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': contentType },
      body,
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Answer['body'] };
    } catch {
      return { status: response.status, text: text.slice(0, 300) };
    }
  } catch (error) {
    return { status: 0, failure: String((error as Error).cause ?? error) };
  }
}

interface RestResults {
  results?: Array<{ index: number; status: string; field?: string | null; reason?: string | null; eventId?: string | null }>;
}

async function checkEventsAnswer(
  ctx: RestContext,
  answer: Answer,
  badIndex: number,
  count: number,
  field: EventField,
  wrong: WrongValue,
  base: Omit<Finding, 'class'>,
): Promise<void> {
  // per-event results, whatever the status they come with (partial success may be answered 200, 207 or 400)
  const results = (answer.body as RestResults | undefined)?.results;
  if (answer.status >= 500 || !Array.isArray(results)) return;
  for (const r of results) {
    if (r.status === 'REJECTED' && !r.field)
      ctx.findings.add({ class: 'REJECTION_WITHOUT_FIELD', ...base, status: 200, message: r.reason ?? '' });
  }
  const others = results.filter((r) => r.index !== badIndex);
  if (results.length !== count || others.some((r) => r.status !== 'ACCEPTED')) {
    ctx.findings.add({
      class: 'IMPORT_LOST_GOOD_ROWS',
      ...base,
      status: 200,
      message: `good events answered ${JSON.stringify(others.map((r) => r.status))} of ${count - 1}`,
    });
  }
  const bad = results.find((r) => r.index === badIndex);
  if (!bad || bad.status === 'REJECTED' || !bad.eventId) return;
  ctx.findings.add({ class: 'ACCEPTED', ...base, status: 200, code: bad.status });
  await compareStored(ctx, bad.eventId, field, wrong.vars, base);
}

async function compareStored(ctx: RestContext, eventId: string, field: EventField, sent: unknown, base: Omit<Finding, 'class'>) {
  const stored = await post(ctx.gatewayUrl, ctx.apiKey, USAGE_EVENT, { id: eventId });
  const read = at(stored.body?.data?.usageEvent, field.echo);
  if (!readsBackSame(field.meaning, sent, read)) {
    ctx.findings.add({ class: 'READBACK_DIFFERS', ...base, status: 200, message: `stored ${JSON.stringify(read)?.slice(0, 200)}` });
  }
}

/** A column of the import files, where a wrong cell goes. */
interface Column {
  name: string;
  meaning: Meaning;
  echo: Array<string | number>;
  /** An empty cell means "not given" (a default applies): not a wrong value there. */
  optional: boolean;
}

const COLUMNS: Column[] = [
  { name: 'customer', meaning: 'String', echo: ['customerReference'], optional: false },
  { name: 'ref', meaning: 'String', echo: ['reference'], optional: true },
  { name: 'at', meaning: 'DateTime', echo: ['timestamp'], optional: true },
  { name: 'calls', meaning: 'Decimal', echo: ['values', 0, 'quantity'], optional: false },
  { name: 'region', meaning: 'String', echo: ['properties', 'region'], optional: true },
];

/** The bytes of the 2026 import report: a UTF-16 BOM and a NUL in a CSV cell. */
const RAW_BYTES: WrongValue = { label: 'bytes FF FE 00' };

const MAPPING = (meter: string) => ({
  customer: 'customer',
  meterReference: meter,
  reference: 'ref',
  timestamp: 'at',
  values: [{ reference: 'calls', column: 'calls' }],
  properties: { region: 'region' },
});

const csvCell = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.replace(/"/g, '""')}"`;
};

interface Upload {
  format: 'csv' | 'json';
  column: Column;
  wrong: WrongValue;
  references: string[];
  id?: string;
  base: Omit<Finding, 'class'>;
}

function fileOf(format: 'csv' | 'json', rows: Array<Record<string, unknown>>, raw?: { row: number; column: string }): Buffer {
  if (format === 'json') return Buffer.from(JSON.stringify(rows));
  const names = COLUMNS.map((c) => c.name);
  const lines: Buffer[] = [Buffer.from(`${names.join(',')}\n`)];
  rows.forEach((row, r) => {
    const cells = names.map((name) =>
      raw && raw.row === r && raw.column === name ? Buffer.from([0xff, 0xfe, 0x00]) : Buffer.from(csvCell(row[name])),
    );
    const line: Buffer[] = [];
    cells.forEach((cell, i) => line.push(...(i ? [Buffer.from(','), cell] : [cell])));
    lines.push(Buffer.concat([...line, Buffer.from('\n')]));
  });
  return Buffer.concat(lines);
}

/** Uploads one file per (format, column, wrong value), all first, then waits for every import and checks its rows. */
export async function fuzzImportDoor(ctx: RestContext): Promise<number> {
  const base = ctx.gatewayUrl.replace(/\/graphql$/, '');
  const mapping = encodeURIComponent(JSON.stringify(MAPPING(ctx.meter)));
  const uploads: Upload[] = [];
  const goodRow = (ref: string) => ({ customer: ctx.customer, ref, at: '2026-03-07T10:00:00Z', calls: '2', region: 'eu' });
  for (const format of ['csv', 'json'] as const) {
    for (const [i, column] of COLUMNS.entries()) {
      const values = sample(jsonValues(column.meaning, ctx.foreign), ctx.runs, ctx.seed + 100 + i).filter(
        (w) => !(column.optional && w.vars === ''),
      );
      if (format === 'csv') values.push(RAW_BYTES);
      for (const wrong of values) {
        counter += 1;
        const references = [`file-${counter}-a`, `file-${counter}-bad`, `file-${counter}-b`];
        const rows = references.map(goodRow);
        if (wrong !== RAW_BYTES) rows[1] = { ...rows[1], [column.name]: wrong.vars } as (typeof rows)[number];
        const body = fileOf(format, rows, wrong === RAW_BYTES ? { row: 1, column: column.name } : undefined);
        const door = `POST /v1/imports (${format})`;
        const upload: Upload = { format, column, wrong, references, base: { door, field: column.name, value: wrong.label, mode: format } };
        const answer = await postRest(
          `${base}/v1/imports?format=${format}&mapping=${mapping}`,
          ctx.apiKey,
          body,
          'application/octet-stream',
        );
        judge(ctx, answer, upload.base);
        if (answer.status === 202) upload.id = (answer.body as unknown as { id: string }).id;
        uploads.push(upload);
      }
    }
  }
  for (const upload of uploads) if (upload.id) await checkImport(ctx, upload);
  return uploads.length;
}

const IMPORT = `query ($id: ID!) { eventImport(id: $id) { status rejected error
  rejectedRows(first: 100) { edges { node { rowNumber field reason } } } } }`;
const EVENT_BY_REFERENCE = `query ($r: String) { usageEvents(filter: { reference: $r }, first: 1) { edges { node { id } } } }`;

interface ImportState {
  status: string;
  rejected: number;
  error: string | null;
  rejectedRows: { edges: Array<{ node: { rowNumber: number; field: string | null; reason: string } }> };
}

async function checkImport(ctx: RestContext, upload: Upload): Promise<void> {
  const { base } = upload;
  let state: ImportState | undefined;
  await waitFor(
    async () => {
      const answer = await post(ctx.gatewayUrl, ctx.apiKey, IMPORT, { id: upload.id });
      state = answer.body?.data?.eventImport as ImportState | undefined;
      return state && (state.status === 'COMPLETED' || state.status === 'FAILED');
    },
    'the import to end',
    60_000,
  ).catch(() => undefined);
  if (!state || state.status !== 'COMPLETED') {
    ctx.findings.add({ class: 'IMPORT_NOT_COMPLETED', ...base, code: state?.status, message: state?.error ?? 'did not end within 60 s' });
    return;
  }
  for (const { node } of state.rejectedRows.edges) {
    if (!node.field) ctx.findings.add({ class: 'REJECTION_WITHOUT_FIELD', ...base, message: `row ${node.rowNumber}: ${node.reason}` });
  }
  const find = async (reference: unknown) => {
    const found = await post(ctx.gatewayUrl, ctx.apiKey, EVENT_BY_REFERENCE, {
      r: typeof reference === 'string' ? reference : JSON.stringify(reference),
    });
    return (found.body?.data?.usageEvents as { edges: Array<{ node: { id: string } }> } | undefined)?.edges[0]?.node.id;
  };
  const lost = [];
  for (const reference of [upload.references[0], upload.references[2]]) if (!(await find(reference))) lost.push(reference);
  if (lost.length) ctx.findings.add({ class: 'IMPORT_LOST_GOOD_ROWS', ...base, message: `good rows not imported: ${lost.join(', ')}` });
  if (state.rejected > 0 || upload.wrong === RAW_BYTES) return;
  ctx.findings.add({ class: 'ACCEPTED', ...base });
  const id = await find(upload.column.name === 'ref' ? upload.wrong.vars : upload.references[1]);
  if (!id) {
    ctx.findings.add({ class: 'READBACK_DIFFERS', ...base, message: 'the accepted row is not found by its reference' });
    return;
  }
  const sent = upload.format === 'csv' && typeof upload.wrong.vars !== 'string' ? JSON.stringify(upload.wrong.vars) : upload.wrong.vars;
  await compareStored(ctx, id, { path: [], meaning: upload.column.meaning, echo: upload.column.echo }, sent, base);
}
