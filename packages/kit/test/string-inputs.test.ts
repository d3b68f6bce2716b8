import { buildSchema, execute, getVariableValues, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import { formatPublicError } from '../src/errors';
import { DateTimeScalar, DecimalScalar, JSONObjectScalar } from '../src/graphql/scalars';
import { variableErrorField } from '../src/request-errors';
import { MAX_LIST_INPUT_ITEMS, refusedStringInput } from '../src/server/string-inputs';

function schemaWithInputLayer(): GraphQLSchema {
  const schema = buildSchema(`
    scalar Decimal
    scalar DateTime
    scalar JSONObject
    input ValueInput { reference: String!, number: Decimal }
    input EventInput { reference: String!, at: DateTime, properties: JSONObject, values: [ValueInput!] }
    type Query { echo(text: String, id: ID, names: [String!]): String }
    type Mutation { ingest(events: [EventInput!]!): Int }
  `);
  Object.assign(schema.getType('Decimal')!, {
    parseValue: DecimalScalar.parseValue,
    parseLiteral: DecimalScalar.parseLiteral,
  });
  Object.assign(schema.getType('DateTime')!, { parseValue: DateTimeScalar.parseValue, parseLiteral: DateTimeScalar.parseLiteral });
  Object.assign(schema.getType('JSONObject')!, {
    parseValue: JSONObjectScalar.parseValue,
    parseLiteral: JSONObjectScalar.parseLiteral,
  });
  return schema;
}

const schema = schemaWithInputLayer();

describe('refusedStringInput', () => {
  it('names the dotted path of a bad string in an inline literal', () => {
    const document = parse('mutation { ingest(events: [{ reference: "ok" }, { reference: "a", values: [{ reference: "x\\u0000" }] }]) }');
    expect(refusedStringInput(schema, document, {})).toMatchObject({ field: 'events[1].values[0].reference' });
  });

  it('names the dotted path of a bad string in a variable, at the argument it is used in', () => {
    const document = parse('mutation($e: [EventInput!]!) { ingest(events: $e) }');
    expect(refusedStringInput(schema, document, { e: [{ reference: 'lone \ud800' }] })).toMatchObject({ field: 'events[0].reference' });
  });

  it('checks a variable nested inside a literal and ID arguments', () => {
    const document = parse('mutation($r: String!) { ingest(events: [{ reference: $r }]) }');
    expect(refusedStringInput(schema, document, { r: 'nul\u0000' })).toMatchObject({ field: 'events[0].reference' });
    expect(refusedStringInput(schema, parse('{ echo(id: "\\u0000") }'), {})).toMatchObject({ field: 'id' });
  });

  it('checks declared variables that no field uses', () => {
    expect(refusedStringInput(schema, parse('query($t: String) { echo }'), { t: '\u0000' })).toMatchObject({ field: 't' });
  });

  it('caps list arguments', () => {
    const names = Array.from({ length: MAX_LIST_INPUT_ITEMS + 1 }, (_, i) => `n${i}`);
    expect(refusedStringInput(schema, parse('query($n: [String!]) { echo(names: $n) }'), { n: names })).toMatchObject({ field: 'names' });
  });

  it('accepts well-formed strings, spaces and all', () => {
    const document = parse('query($t: String) { echo(text: $t, id: "  id  ") }');
    expect(refusedStringInput(schema, document, { t: '  text\twith\nlines 🎉 ' })).toBeUndefined();
  });
});

describe('variable-coercion errors', () => {
  const coercionError = (source: string, variables: Record<string, unknown>): GraphQLError => {
    const document = parse(source);
    const operation = document.definitions[0];
    if (operation.kind !== 'OperationDefinition') throw new Error('not an operation');
    const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (!('errors' in result) || !result.errors) throw new Error('expected a coercion error');
    return result.errors[0];
  };
  const formatted = (error: GraphQLError) => formatPublicError({ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }, error);

  it.each([
    [{ e: [{ reference: 'r', at: '2026-02-30T00:00:00Z' }] }, 'e[0].at'],
    [{ e: [{ reference: 'r', at: '2026-01-01T24:00:00Z' }] }, 'e[0].at'],
    [{ e: [{ reference: 'r', at: 'yesterday' }] }, 'e[0].at'],
    [{ e: [{ reference: 'r', values: [{ reference: 'v', number: '1e400' }] }] }, 'e[0].values[0].number'],
    [{ e: [{ reference: 'r', values: [{ reference: 'v', number: 'NaN' }] }] }, 'e[0].values[0].number'],
    [{ e: [{ reference: 'r', properties: '{"a":1}' }] }, 'e[0].properties'],
    [{ e: [{ reference: 'r', properties: ['a'] }] }, 'e[0].properties'],
    [{ e: [{ reference: 'r', properties: { a: 'x\u0000' } }] }, 'e[0].properties'],
    [{ e: [{ reference: 7 }] }, 'e[0].reference'],
    [{}, 'e'],
  ])('%j gives BAD_USER_INPUT with field %s', (variables, field) => {
    const error = coercionError('mutation($e: [EventInput!]!) { ingest(events: $e) }', variables);
    expect(formatted(error).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('finds the path even when the value shown in the message looks like one', () => {
    expect(variableErrorField('Variable "$e" got invalid value { at: " at \\"e.x\\"; " } at "e.values[2].number"; Expected…')).toBe(
      'e.values[2].number',
    );
    expect(variableErrorField('Variable "$e" got invalid value "look at "; Expected…')).toBe('e');
    expect(variableErrorField('Cannot query field')).toBeUndefined();
  });

  it('gives an unknown operation name BAD_REQUEST, not an internal error', async () => {
    const result = await execute({ schema, document: parse('query A { echo }'), operationName: 'B' });
    const out = formatPublicError({ message: result.errors![0].message }, result.errors![0]);
    expect(out.extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('inline literals', () => {
  // What Apollo does with a validation error: code GRAPHQL_VALIDATION_FAILED, the rule's error as originalError.
  const validationFailure = (error: GraphQLError) =>
    formatPublicError(
      { message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError(error.message, { nodes: error.nodes, originalError: error.originalError ?? error }),
    );

  it.each([
    ['mutation { ingest(events: [{ reference: "r", at: "2026-02-30T00:00:00Z" }]) }', 'events[0].at'],
    [
      'mutation { ingest(events: [{ reference: "r" }, { reference: "r", values: [{ reference: "v", number: "1,5" }] }]) }',
      'events[1].values[0].number',
    ],
    ['mutation { ingest(events: [{ reference: "r", properties: "{}" }]) }', 'events[0].properties'],
    ['mutation { ingest(events: { reference: "r", at: "T24" }) }', 'events.at'],
  ])('%s is BAD_USER_INPUT with field %s', (source, field) => {
    const errors = validate(schema, parse(source));
    expect(errors).toHaveLength(1);
    expect(validationFailure(errors[0]).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('errors of a subgraph behind the gateway', () => {
  it('answers a subgraph’s refused request with its code and field, not an internal error', () => {
    const downstream = {
      message: '400: Bad Request',
      extensions: {
        response: {
          status: 400,
          body: { errors: [{ message: 'Variable "$m" got invalid value "1e400"; …', extensions: { code: 'BAD_USER_INPUT', field: 'm' } }] },
        },
      },
    };
    expect(formatPublicError(downstream, new GraphQLError(downstream.message, { extensions: downstream.extensions }))).toEqual({
      message: 'Variable "$m" got invalid value "1e400"; …',
      extensions: { code: 'BAD_USER_INPUT', field: 'm' },
    });
    const broken = {
      message: '500: Internal Server Error',
      extensions: { response: { status: 500, body: { errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } } },
    };
    expect(formatPublicError(broken, new GraphQLError(broken.message, { extensions: broken.extensions })).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});
