import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { readsBackSame } from './compare';
import type { Finding, Findings } from './findings';
import { echoPath, inputTypeAt, printLiteral, rootField, selectionOf, targetName, typeText, type Path, type Target } from './schema-walk';
import { LIST_SIZE, wrongValuesFor, type WrongValue } from './wrong-values';

export type Mode = 'variables' | 'inline';

export interface Answer {
  status: number;
  body?: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  text?: string;
  failure?: string;
}

/** How long one answer may take: a request that hangs is a finding (REQUEST_FAILED), not a stuck suite. */
export const ANSWER_WITHIN_MS = 60_000;

/** One POST to the gateway; never throws (a dropped connection is an answer too). */
export async function post(url: string, apiKey: string, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(variables ? { query, variables } : { query }),
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

/** A valid value of `type` with only its required fields (for an input object a wrong value goes inside of). */
function validValue(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [validValue(nullable.ofType as GraphQLInputType)];
  if (isInputObjectType(nullable)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(nullable.getFields()))
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = validValue(f.type);
    return out;
  }
  if (isEnumType(nullable)) return nullable.getValues()[0].name;
  switch (getNamedType(nullable).name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Decimal':
      return '1';
    case 'DateTime':
      return '2026-03-01T00:00:00Z';
    case 'JSONObject':
      return {};
    default:
      return 'fuzz';
  }
}

/** `args` with `value` at `path`, creating what leads there from valid values. */
function withValueAt(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  path: Path,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(args);
  let holder: Record<string | number, unknown> = copy;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i];
    if (holder[step] === undefined || holder[step] === null) holder[step] = validValue(inputTypeAt(field, path.slice(0, i + 1))!);
    if (Array.isArray(holder[step]) && (holder[step] as unknown[]).length === 0) {
      (holder[step] as unknown[]).push(validValue(inputTypeAt(field, path.slice(0, i + 2))!));
    }
    holder = holder[step] as Record<string | number, unknown>;
  }
  holder[path[path.length - 1]] = value;
  return copy;
}

function valueAt(data: unknown, path: Path): unknown {
  let here = data;
  for (const step of path) {
    if (here === null || here === undefined) return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
  return here;
}

/** The sentinel that becomes the wrong value's own literal text in an inline operation. */
const SENTINEL = '\u0001FUZZ-VALUE\u0001';

/** The operation text and variables of one call of `field` with `args`, as variables or inline. */
export function operation(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  selection: string,
  mode: Mode,
  rawAt?: { path: Path; literal: string },
): { query: string; variables?: Record<string, unknown> } | undefined {
  const given = field.args.filter((a) => args[a.name] !== undefined);
  if (mode === 'variables') {
    const defs = given.map((a) => `$${a.name}: ${typeText(a.type)}`).join(', ');
    const uses = given.map((a) => `${a.name}: $${a.name}`).join(', ');
    return {
      query: `${kind} Fuzz${defs ? `(${defs})` : ''} { ${field.name}${uses ? `(${uses})` : ''} ${selection} }`,
      variables: Object.fromEntries(given.map((a) => [a.name, args[a.name]])),
    };
  }
  const withSentinel = rawAt ? withValueAt(field, args, rawAt.path, SENTINEL) : args;
  const parts: string[] = [];
  for (const a of given) {
    const printed = printLiteral(withSentinel[a.name], a.type);
    if (printed === undefined) return undefined;
    parts.push(`${a.name}: ${printed}`);
  }
  let query = `${kind} { ${field.name}${parts.length ? `(${parts.join(', ')})` : ''} ${selection} }`;
  if (rawAt) query = query.split(JSON.stringify(SENTINEL)).join(rawAt.literal);
  return { query };
}

/** Entities the suite can read again by id, to compare what was stored (not only what the mutation answered). */
const READERS: Record<string, { field: string; arg: string }> = {
  Customer: { field: 'customer', arg: 'id' },
  CustomerSubscription: { field: 'subscription', arg: 'id' },
  Invoice: { field: 'invoice', arg: 'id' },
  PricingPlanVersion: { field: 'planVersion', arg: 'id' },
  Meter: { field: 'meter', arg: 'meter' },
  Product: { field: 'product', arg: 'product' },
  ProductItem: { field: 'productItem', arg: 'productItem' },
  PricingPlan: { field: 'pricingPlan', arg: 'plan' },
  UsageEvent: { field: 'usageEvent', arg: 'id' },
};

export interface CaseContext {
  schema: GraphQLSchema;
  url: string;
  apiKey: string;
  findings: Findings;
  foreign: { ids: string[]; references: string[] };
  echoAliases: Record<string, string>;
}

export interface Case {
  target: Target;
  wrong: WrongValue;
  mode: Mode;
}

/** The cases of one target, chosen by fast-check from the catalogue of its meaning × the two ways of sending. */
export function casesOf(target: Target, ctx: Pick<CaseContext, 'foreign'>, runs: number, seed: number): Case[] {
  if (target.kind === 'list') {
    return fc.sample(fc.constantFrom<Mode>('variables', 'inline'), { seed, numRuns: 1 }).map((mode) => ({
      target,
      wrong: { label: `list of ${LIST_SIZE} items` },
      mode,
    }));
  }
  const all = wrongValuesFor(target.meaning!, ctx.foreign).flatMap((wrong) =>
    (['variables', 'inline'] as const)
      .filter((mode) => mode === 'inline' || wrong.vars !== undefined)
      .map((mode) => ({ target, wrong, mode })),
  );
  const count = Math.min(runs, all.length);
  const [picked] = fc.sample(fc.shuffledSubarray(all, { minLength: count, maxLength: count }), { seed, numRuns: 1 });
  return picked;
}

/** Sends one case and records what is wrong with the answer. */
export async function runCase(ctx: CaseContext, c: Case, baseline: Record<string, unknown>): Promise<void> {
  const { target, wrong, mode } = c;
  const field = rootField(ctx.schema, target.root, target.field);
  const typeAtPath = inputTypeAt(field, target.path)!;
  let value: unknown = wrong.vars;
  if (target.kind === 'list') {
    const existing = valueAt(baseline, [...target.path, 0]);
    const element = existing ?? validValue((getNullableType(typeAtPath) as { ofType: GraphQLInputType }).ofType);
    value = Array.from({ length: LIST_SIZE }, () => element);
  }
  const selection = selectionOf(field.type);
  const args = withValueAt(field, baseline, target.path, value);
  const kind = target.root === 'Query' ? 'query' : 'mutation';
  let op: ReturnType<typeof operation>;
  if (mode === 'variables') op = operation(kind, field, args, selection, mode);
  else {
    const literal = wrong.literal ?? printLiteral(value, typeAtPath);
    op = literal === undefined ? undefined : operation(kind, field, args, selection, mode, { path: target.path, literal });
  }
  if (!op) return; // not writable inline (an object key that is no GraphQL name); sent as variables in another case
  const answer = await post(ctx.url, ctx.apiKey, op.query, op.variables);
  const base = { door: target.field, field: target.path.join('.'), value: wrong.label, mode };
  judge(ctx, answer, base);
  const data = answer.body?.data?.[target.field];
  if (answer.body?.errors?.length || data === undefined || data === null || answer.status >= 400) return;
  if (target.root === 'Mutation') await checkAccepted(ctx, c, field, data, value ?? wrong.literal, base);
}

/** The checks every answer gets: no 5xx, JSON, no INTERNAL_SERVER_ERROR, a field on every BAD_USER_INPUT, no leak. */
export function judge(ctx: Pick<CaseContext, 'findings' | 'foreign'>, answer: Answer, base: Omit<Finding, 'class'>): void {
  const add = (cls: Finding['class'], extra: Partial<Finding> = {}) =>
    ctx.findings.add({ class: cls, ...base, status: answer.status, ...extra });
  if (answer.failure) return add('REQUEST_FAILED', { message: answer.failure });
  if (answer.status >= 500)
    add('HTTP_5XX', {
      code: String(answer.body?.errors?.[0]?.extensions?.code ?? ''),
      message: answer.body?.errors?.[0]?.message ?? answer.text,
    });
  if (!answer.body) return add('NOT_JSON', { message: answer.text });
  for (const error of answer.body.errors ?? []) {
    const code = String(error.extensions?.code ?? '');
    if (code === 'INTERNAL_SERVER_ERROR') add('INTERNAL_SERVER_ERROR', { code, message: error.message });
    if (code === 'BAD_USER_INPUT' && !error.extensions?.field) add('BAD_USER_INPUT_WITHOUT_FIELD', { code, message: error.message });
  }
  // another tenant's entity in the answer (its id as an entity's `id`; the same text stored in a name is no leak)
  const data = JSON.stringify(answer.body.data ?? null);
  const leaked = ctx.foreign.ids.find((id) => data.includes(`"id":"${id}"`));
  if (leaked) add('TENANT_LEAK', { message: data.slice(0, 300) });
}

async function checkAccepted(
  ctx: CaseContext,
  c: Case,
  field: GraphQLField<unknown, unknown>,
  data: unknown,
  sent: unknown,
  base: Omit<Finding, 'class'>,
): Promise<void> {
  const { target } = c;
  if (target.field === 'ingestUsageEvents') return checkIngested(ctx, c, data as IngestAnswer, sent, base);
  ctx.findings.add({ class: 'ACCEPTED', ...base, status: 200 });
  if (target.kind === 'list') return;
  const echo = echoPath(field, target.path, ctx.echoAliases);
  if (!echo) return;
  const answered = valueAt(data, echo);
  if (!readsBackSame(target.meaning, sent, answered)) {
    ctx.findings.add({ class: 'READBACK_DIFFERS', ...base, status: 200, message: `answered ${JSON.stringify(answered)?.slice(0, 200)}` });
    return;
  }
  const typeName = getNamedType(field.type).name;
  const reader = READERS[typeName];
  const id = (data as { id?: string }).id;
  if (!reader || !id) return;
  const stored = await readEntity(ctx, reader, id, selectionOf(field.type));
  const read = valueAt(stored, echo);
  if (!readsBackSame(target.meaning, sent, read)) {
    ctx.findings.add({ class: 'READBACK_DIFFERS', ...base, status: 200, message: `stored ${JSON.stringify(read)?.slice(0, 200)}` });
  }
}

async function readEntity(ctx: CaseContext, reader: { field: string; arg: string }, id: string, selection: string): Promise<unknown> {
  const arg = rootField(ctx.schema, 'Query', reader.field).args.find((a) => a.name === reader.arg)!;
  const answer = await post(
    ctx.url,
    ctx.apiKey,
    `query ($id: ${typeText(arg.type)}) { ${reader.field}(${reader.arg}: $id) ${selection} }`,
    {
      id,
    },
  );
  return answer.body?.data?.[reader.field];
}

interface IngestAnswer {
  results?: Array<{ status: string; field?: string | null; eventId?: string | null; reason?: string | null }>;
}

/** Where a UsageEventInput field shows on the stored UsageEvent. */
const EVENT_ECHO: Record<string, Path> = {
  reference: ['reference'],
  timestamp: ['timestamp'],
  properties: ['properties'],
  customerReference: ['customerReference'],
  meterReference: ['meterReference'],
  'meterValues.0.number': ['values', 0, 'quantity'],
  'meterValues.0.reference': ['values', 0, 'reference'],
};

/** ingestUsageEvents answers per event: a rejection names its field; an accepted event reads back as sent. */
async function checkIngested(ctx: CaseContext, c: Case, data: IngestAnswer, sent: unknown, base: Omit<Finding, 'class'>): Promise<void> {
  const results = data.results ?? [];
  for (const r of results) {
    if (r.status === 'REJECTED' && !r.field)
      ctx.findings.add({ class: 'REJECTION_WITHOUT_FIELD', ...base, status: 200, message: r.reason ?? '' });
  }
  const first = results[0];
  if (!first || first.status === 'REJECTED') return;
  ctx.findings.add({ class: 'ACCEPTED', ...base, status: 200, code: first.status });
  const inner = c.target.path.slice(2).join('.');
  const echo = c.target.kind === 'leaf' && c.target.path[1] === 0 ? EVENT_ECHO[inner] : undefined;
  if (!echo || !first.eventId) return;
  const stored = await readEntity(ctx, READERS.UsageEvent, first.eventId, selectionOf(rootField(ctx.schema, 'Query', 'usageEvent').type));
  const read = valueAt(stored, echo);
  if (!readsBackSame(c.target.meaning, sent, read)) {
    ctx.findings.add({ class: 'READBACK_DIFFERS', ...base, status: 200, message: `stored ${JSON.stringify(read)?.slice(0, 200)}` });
  }
}

export { targetName };
