import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { AppError, ErrorCode } from '../errors';
import { checkListSize, checkString, refused, type Checked } from '../input-values';

/** Items any list argument may hold (a request names no more than this in one list; larger work goes through files). */
export const MAX_LIST_INPUT_ITEMS = 10_000;

const STRING_TYPES = new Set(['String', 'ID']);

type Refusal = { field: string; reason: string };

function fieldPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

function refusalOf(path: string, checked: Checked<unknown>): Refusal | undefined {
  return refused(checked) ? { field: path, reason: checked.reason } : undefined;
}

/** A variable's value as sent (JSON), walked with the type it is used at. */
function checkRuntimeValue(value: unknown, type: GraphQLInputType, path: string): Refusal | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return checkRuntimeValue(value, nullable.ofType as GraphQLInputType, path);
    const size = refusalOf(path, checkListSize(value, MAX_LIST_INPUT_ITEMS));
    if (size) return size;
    for (const [i, item] of value.entries()) {
      const refusal = checkRuntimeValue(item, nullable.ofType as GraphQLInputType, fieldPath(path, i));
      if (refusal) return refusal;
    }
    return undefined;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return undefined; // coercion refuses it, naming the variable
    const fields = nullable.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const definition = fields[key];
      if (!definition) continue;
      const refusal = checkRuntimeValue(item, definition.type, fieldPath(path, key));
      if (refusal) return refusal;
    }
    return undefined;
  }
  if (STRING_TYPES.has(getNamedType(nullable).name) && typeof value === 'string') return refusalOf(path, checkString(value));
  return undefined;
}

/** An argument's literal, walked with its type; variables inside it are checked at the position they are used. */
function checkLiteral(node: ValueNode, type: GraphQLInputType, path: string, variable: (name: string) => unknown): Refusal | undefined {
  if (node.kind === Kind.VARIABLE) return checkRuntimeValue(variable(node.name.value), type, path);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = nullable.ofType as GraphQLInputType;
    if (node.kind !== Kind.LIST) return checkLiteral(node, item, path, variable);
    const size = refusalOf(path, checkListSize(node.values, MAX_LIST_INPUT_ITEMS));
    if (size) return size;
    for (const [i, value] of node.values.entries()) {
      const refusal = checkLiteral(value, item, fieldPath(path, i), variable);
      if (refusal) return refusal;
    }
    return undefined;
  }
  if (isInputObjectType(nullable)) {
    if (node.kind !== Kind.OBJECT) return undefined;
    const fields = nullable.getFields();
    for (const field of node.fields) {
      const definition = fields[field.name.value];
      if (!definition) continue;
      const refusal = checkLiteral(field.value, definition.type, fieldPath(path, field.name.value), variable);
      if (refusal) return refusal;
    }
    return undefined;
  }
  if (STRING_TYPES.has(getNamedType(nullable).name) && node.kind === Kind.STRING) return refusalOf(path, checkString(node.value));
  return undefined;
}

/**
 * The first String or ID input of an operation (inline literal or variable, at any depth of its input objects and
 * lists) that the input layer refuses — NUL, lone surrogate, longer than STRING_MAX_LENGTH.text — or a list argument
 * longer than MAX_LIST_INPUT_ITEMS. `field` is the dotted path from the argument, e.g. `input.values[0].reference`.
 */
export function refusedStringInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): Refusal | undefined {
  const typeInfo = new TypeInfo(schema);
  let refusal: Refusal | undefined;
  const variable = (name: string) => variables?.[name];
  const variableTypes = new Map<string, GraphQLInputType>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        if (type) variableTypes.set(node.variable.name.value, type as GraphQLInputType);
      },
      Argument(node) {
        if (refusal) return false;
        const argument = typeInfo.getArgument();
        if (argument) refusal = checkLiteral(node.value, argument.type, node.name.value, variable);
        return false;
      },
    }),
  );
  if (refusal) return refusal;
  // A variable the operation declares but uses nowhere is still checked (it is stored nowhere, but it reached us).
  for (const [name, type] of variableTypes) {
    refusal = checkRuntimeValue(variable(name), type, name);
    if (refusal) return refusal;
  }
  return undefined;
}

/** Every door of every subgraph checks its string inputs the same way: BAD_USER_INPUT naming the field. */
export function stringInputsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const refusal = refusedStringInput(schema, document, request.variables);
          if (refusal)
            throw new AppError(ErrorCode.BAD_USER_INPUT, `${refusal.field} ${refusal.reason}`, refusal.field, { http: { status: 400 } });
        },
      };
    },
  };
}
