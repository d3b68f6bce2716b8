import { GraphQLError, Kind, parse, visit, type GraphQLFormattedError, type ValueNode } from 'graphql';

/**
 * A value the input layer's scalars refuse (Decimal, DateTime, JSONObject): BAD_USER_INPUT wherever it is found. A
 * plain Error on purpose: graphql-js then wraps it with the literal's node (validation) or the variable's path
 * (coercion), from which `extensions.field` is found.
 */
export class InputValueError extends Error {
  readonly extensions = { code: 'BAD_USER_INPUT' };

  constructor(message: string) {
    super(message);
    this.name = 'InputValueError';
  }
}

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
const VARIABLE = new RegExp(`^Variable "\\$(${NAME})" `);
const PATH = `((?:\\.${NAME}|\\[\\d+\\])*)`;

/**
 * The input path a graphql-js variable-coercion error names: `Variable "$input" got invalid value … at "input.values[0].number"; …`
 * gives `input.values[0].number`; `Variable "$at" of required type "DateTime!" was not provided.` gives `at`.
 */
export function variableErrorField(message: string): string | undefined {
  const variable = VARIABLE.exec(message)?.[1];
  if (!variable) return undefined;
  const at = new RegExp(` at "${variable}${PATH}"; `).exec(message);
  return at ? `${variable}${at[1]}` : variable;
}

/** The dotted path from its argument of the literal value starting at `offset` of an operation's text (e.g. `input.startAt`). */
export function literalPath(source: string, offset: number): string | undefined {
  let found: string | undefined;
  const walk = (node: ValueNode, path: string): void => {
    if (found) return;
    if (node.loc?.start === offset) found = path;
    else if (node.kind === Kind.LIST) node.values.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (node.kind === Kind.OBJECT) for (const field of node.fields) walk(field.value, `${path}.${field.name.value}`);
  };
  try {
    visit(parse(source), {
      Argument(node) {
        walk(node.value, node.name.value);
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return found;
}

function literalErrorField(original: unknown): string | undefined {
  if (!(original instanceof GraphQLError)) return undefined;
  const node = original.nodes?.[0];
  const source = original.source?.body ?? node?.loc?.source.body;
  return source !== undefined && node?.loc ? literalPath(source, node.loc.start) : undefined;
}

// graphql-js / Apollo Gateway errors about which operation to run carry no code; they are the client's mistake.
const OPERATION_NAME = /^(Unknown operation named "|Must provide operation name if query contains multiple operations)/;

/**
 * Request errors graphql-js leaves without a field or a code get them: variable-coercion errors name the input path in
 * `extensions.field`; an inline literal the input layer's scalars refuse is BAD_USER_INPUT naming its path (not a
 * validation failure); an unknown or missing `operationName` is BAD_REQUEST (never an internal error).
 */
export function withRequestErrorDetails(formatted: GraphQLFormattedError, original?: unknown): GraphQLFormattedError {
  const downstream = refusedDownstream(formatted);
  if (downstream) return downstream;
  const extensions = formatted.extensions ?? {};
  const code = extensions.code;
  if (
    (code === undefined || ['INTERNAL_SERVER_ERROR', 'GRAPHQL_VALIDATION_FAILED', 'INVALID_GRAPHQL'].includes(String(code))) &&
    OPERATION_NAME.test(formatted.message)
  )
    return { ...formatted, extensions: { ...extensions, code: 'BAD_REQUEST' } };
  if (extensions.field !== undefined) return formatted;
  const cause = original instanceof GraphQLError ? (original.originalError ?? original) : undefined;
  if (cause instanceof InputValueError && code !== 'BAD_USER_INPUT') {
    const field = literalErrorField(original);
    return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } };
  }
  if (code === 'BAD_USER_INPUT') {
    const field = variableErrorField(formatted.message) ?? literalErrorField(original);
    if (field) return { ...formatted, extensions: { ...extensions, field } };
  }
  return formatted;
}

// Codes of a subgraph's request refused before anything ran (HTTP 400, or 500 from a plugin without a status) that the
// client must see as they are.
const REFUSED_REQUEST_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/**
 * Apollo Gateway turns a subgraph's 4xx answer into "400: Bad Request" carrying the subgraph's body in
 * `extensions.response`: when that body is a refused request with a client code (a variable a subgraph's scalar
 * refused), the client gets the subgraph's error — message, code, field — instead of an internal error.
 */
function refusedDownstream(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const response = formatted.extensions?.response as { status?: unknown; body?: { errors?: unknown } } | undefined;
  if (!response || typeof response.status !== 'number' || response.status < 400) return undefined;
  const first = Array.isArray(response.body?.errors) ? (response.body.errors[0] as GraphQLFormattedError | undefined) : undefined;
  const code = first?.extensions?.code;
  if (!first || typeof first.message !== 'string' || typeof code !== 'string' || !REFUSED_REQUEST_CODES.has(code)) return undefined;
  const field = first.extensions?.field;
  return { message: first.message, path: formatted.path, extensions: { code, ...(typeof field === 'string' ? { field } : {}) } };
}
