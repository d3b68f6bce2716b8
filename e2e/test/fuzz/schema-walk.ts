import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { Meaning } from './wrong-values';

/** A step into an argument value: an input field name or a list index. */
export type Path = Array<string | number>;

export type RootKind = 'Query' | 'Mutation';

/** One place a wrong value goes: a leaf (scalar or enum) or a whole list (the 10,000-items case). */
export interface Target {
  root: RootKind;
  field: string;
  /** First element: the argument name. */
  path: Path;
  kind: 'leaf' | 'list';
  meaning?: Meaning;
  /** The GraphQL type of the value at `path`. */
  type: GraphQLInputType;
}

/** `createCustomer(input.billingAddress.city)`: how findings name a target. */
export const targetName = (t: Pick<Target, 'field' | 'path'>) => `${t.field}(${t.path.join('.')})`;

/** The supergraph's API schema as the gateway serves it (introspection is on outside production). */
export async function introspect(post: (query: string) => Promise<{ data?: unknown; errors?: unknown }>): Promise<GraphQLSchema> {
  const answer = await post(getIntrospectionQuery());
  if (!answer.data) throw new Error(`introspection failed: ${JSON.stringify(answer.errors)}`);
  return buildClientSchema(answer.data as IntrospectionQuery);
}

/** What a String field holds when its name says more than its type. */
const STRING_MEANINGS: Record<string, Meaning> = { timestamp: 'DateTime', number: 'Decimal', quantity: 'Decimal' };

function meaningOf(type: GraphQLNamedType, name: string): Meaning {
  if (isEnumType(type)) return 'Enum';
  switch (type.name) {
    case 'Decimal':
    case 'DateTime':
    case 'JSONObject':
    case 'Int':
    case 'Float':
    case 'ID':
    case 'Boolean':
      return type.name;
    case 'String':
      return STRING_MEANINGS[name] ?? 'String';
    default:
      return 'String';
  }
}

const MAX_INPUT_DEPTH = 6;

function walk(root: RootKind, field: string, path: Path, type: GraphQLInputType, name: string, out: Target[], depth: number): void {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    out.push({ root, field, path, kind: 'list', type });
    walk(root, field, [...path, 0], nullable.ofType as GraphQLInputType, name, out, depth);
    return;
  }
  if (isInputObjectType(nullable)) {
    if (depth >= MAX_INPUT_DEPTH) return;
    for (const f of Object.values(nullable.getFields())) walk(root, field, [...path, f.name], f.type, f.name, out, depth + 1);
    return;
  }
  out.push({ root, field, path, kind: 'leaf', type, meaning: meaningOf(nullable as GraphQLNamedType, name) });
}

/** Every argument and input field (recursively, list element 0) of every Query and Mutation root field. */
export function targetsOf(schema: GraphQLSchema): Target[] {
  const out: Target[] = [];
  for (const root of ['Query', 'Mutation'] as const) {
    const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    for (const f of Object.values(type?.getFields() ?? {}))
      for (const arg of f.args) walk(root, f.name, [arg.name], arg.type, arg.name, out, 0);
  }
  return out;
}

export function rootField(schema: GraphQLSchema, root: RootKind, name: string): GraphQLField<unknown, unknown> {
  const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const field = type?.getFields()[name];
  if (!field) throw new Error(`no root field ${root}.${name}`);
  return field;
}

/** The type at `path` inside an argument of `field` (for list elements and nested inputs). */
export function inputTypeAt(field: GraphQLField<unknown, unknown>, path: Path): GraphQLInputType | undefined {
  const arg = field.args.find((a) => a.name === path[0]);
  let type: GraphQLInputType | undefined = arg?.type;
  for (const step of path.slice(1)) {
    if (!type) return undefined;
    const nullable = getNullableType(type) as GraphQLInputType;
    if (typeof step === 'number') type = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : undefined;
    else type = isInputObjectType(nullable) ? nullable.getFields()[step]?.type : undefined;
  }
  return type;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * A JS value as an inline GraphQL literal of `type` (enum names bare, strings quoted, objects with their field types);
 * `undefined` when the value cannot be written inline (an object key that is not a GraphQL name).
 */
export function printLiteral(value: unknown, type: GraphQLInputType | undefined): string | undefined {
  const nullable = type ? (getNullableType(type) as GraphQLInputType) : undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    if (nullable && isEnumType(nullable) && NAME.test(value) && !['true', 'false', 'null'].includes(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const element = nullable && isListType(nullable) ? (nullable.ofType as GraphQLInputType) : undefined;
    const items = value.map((item) => printLiteral(item, element));
    return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : undefined;
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (!NAME.test(key)) return undefined;
      const printed = printLiteral(item, fields?.[key]?.type);
      if (printed === undefined) return undefined;
      parts.push(`${key}: ${printed}`);
    }
    return `{${parts.join(', ')}}`;
  }
  return undefined;
}

/** A type as written in a variable definition (`[UsageEventInput!]!`). */
export const typeText = (type: GraphQLInputType): string => String(type);

const hasRequiredArgs = (f: GraphQLField<unknown, unknown>) => f.args.some((a) => isNonNullType(a.type));

/**
 * What the fuzz suite asks back of a root field: every scalar field without required arguments, the same of the objects
 * one level down, `totalCount` of connections, `id` of entities below that; enough to compare what was sent with what
 * the service answers.
 */
export function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return '';
  const fields = Object.values(named.getFields()).filter((f) => !hasRequiredArgs(f));
  if (named.name.endsWith('Connection')) return '{ totalCount }';
  const parts: string[] = [];
  for (const f of fields) {
    const inner = getNamedType(f.type);
    if (isLeafType(inner)) parts.push(f.name);
    else if (isObjectType(inner)) {
      const isEntity = 'id' in inner.getFields();
      if (depth === 0 && !inner.name.endsWith('Connection')) {
        const sub = selectionOf(f.type, depth + 1);
        if (sub) parts.push(`${f.name} ${sub}`);
      } else if (isEntity) parts.push(`${f.name} { id }`);
    }
  }
  return parts.length ? `{ ${parts.join(' ')} }` : '{ __typename }';
}

/** The output field path where an accepted input value shows again, if the answer type has one by the same names. */
export function echoPath(field: GraphQLField<unknown, unknown>, path: Path, aliases: Record<string, string>): Path | undefined {
  const alias = aliases[`${field.name}.${path.join('.')}`];
  if (alias === '') return undefined;
  const steps: Path = alias ? alias.split('.') : path[0] === 'input' ? path.slice(1) : path;
  if (steps.length === 0) return undefined;
  let type: GraphQLOutputType = field.type;
  for (const step of steps) {
    const nullable = getNullableType(type) as GraphQLOutputType;
    if (typeof step === 'number') {
      if (!isListType(nullable)) return undefined;
      type = nullable.ofType as GraphQLOutputType;
      continue;
    }
    if (!isObjectType(nullable)) return undefined;
    const next = (nullable as GraphQLObjectType).getFields()[step];
    if (!next || hasRequiredArgs(next)) return undefined;
    type = next.type;
  }
  return isLeafType(getNamedType(type)) ? steps : undefined;
}

export const isScalarOrEnum = (type: GraphQLInputType) => {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named);
};
