import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLJSONObject as JSONObjectOfGraphQLScalars } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Decimal, parseDecimal } from '../money';
import { InputValueError } from '../request-errors';
import { checkString, parseDateTimeInput, parseDecimalInput, parseJsonObjectInput, refused, type Checked } from '../input-values';

/** A scalar's refusal: BAD_USER_INPUT (graphql-js adds the variable or argument path to the message). */
function checkedOrThrow<T>(scalar: string, checked: Checked<T>): T {
  if (refused(checked)) throw new InputValueError(`${scalar}: ${checked.reason}`);
  return checked.value;
}

function decimalFrom(value: unknown): Decimal {
  if (typeof value !== 'string') throw new InputValueError('Decimal must be a string such as "12.50" (never a float)');
  return checkedOrThrow('Decimal', parseDecimalInput(value));
}

/** Exact decimal numbers, sent and received as strings so no float ever touches money. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.5678"',
  serialize: (value) => (Decimal.isDecimal(value) ? (value as Decimal).toFixed() : serializedDecimal(value)),
  parseValue: decimalFrom,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new InputValueError('Decimal must be a string literal');
    return decimalFrom(ast.value);
  },
});

@ObjectType({ description: 'An amount of money in a currency' })
@Directive('@shareable')
export class Money {
  @Field(() => DecimalScalar)
  amount: Decimal;

  @Field({ description: 'ISO 4217 currency code' })
  currency: string;

  static of(amount: Decimal, currency: string): Money {
    return Object.assign(new Money(), { amount, currency });
  }
}

function serializedDecimal(value: unknown): string {
  // Output: a numeric column's text as stored (any precision); only a value that is no decimal at all is an error.
  try {
    return parseDecimal(String(value)).toFixed();
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

function dateTimeFrom(value: unknown): Date {
  return checkedOrThrow('DateTime', parseDateTimeInput(value));
}

function serializedDateTime(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
  return date.toISOString();
}

/**
 * Instants: RFC 3339 with offset on input, a real calendar date between 1970 and 9999 (no 30 February, no 24:00);
 * UTC on output. The description is graphql-scalars' (the contracts' wording is unchanged).
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.',
  serialize: serializedDateTime,
  parseValue: dateTimeFrom,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new InputValueError('DateTime must be a string literal');
    return dateTimeFrom(ast.value);
  },
});

/** Every string inside a JSON value (keys too) passes the string check; the first refusal names its path. */
function checkJsonStrings(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    const checked = checkString(value);
    return refused(checked) ? `${path || 'value'} ${checked.reason}` : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const reason = checkJsonStrings(item, `${path}[${i}]`);
      if (reason) return reason;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyChecked = checkString(key, 'name');
      if (refused(keyChecked)) return `key "${JSON.stringify(key).slice(1, -1)}" ${keyChecked.reason}`;
      const reason = checkJsonStrings(item, path ? `${path}.${key}` : key);
      if (reason) return reason;
    }
  }
  return undefined;
}

function jsonObjectFrom(value: unknown): Record<string, unknown> {
  const object = checkedOrThrow('JSONObject', parseJsonObjectInput(value));
  const reason = checkJsonStrings(object, '');
  if (reason) throw new InputValueError(`JSONObject: ${reason}`);
  return object;
}

/**
 * Free-form JSON objects (event properties, dimensions): a plain object (never a string or array), strings checked.
 * Types declare graphql-scalars' GraphQLJSONObject (one instance for type-graphql); the schema runs this one.
 */
export const JSONObjectScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSONObject',
  description: JSONObjectOfGraphQLScalars.description,
  serialize: (value) => JSONObjectOfGraphQLScalars.serialize(value) as Record<string, unknown>,
  parseValue: jsonObjectFrom,
  parseLiteral: (ast: ValueNode, variables) => {
    if (ast.kind !== Kind.OBJECT) throw new InputValueError('JSONObject must be an object literal');
    return jsonObjectFrom(JSONObjectOfGraphQLScalars.parseLiteral(ast, variables));
  },
});

/** The input layer's scalars by name: every subgraph schema uses these, whichever instance its types were declared with. */
export const inputLayerScalars = { Decimal: DecimalScalar, DateTime: DateTimeScalar, JSONObject: JSONObjectScalar };

/** The JSONObject to declare fields with (see JSONObjectScalar). */
export { GraphQLJSONObject } from 'graphql-scalars';
