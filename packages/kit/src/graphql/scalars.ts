import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Decimal, parseDecimal } from '../money';

function decimalFrom(value: unknown): Decimal {
  if (typeof value !== 'string')
    throw new GraphQLError('Decimal must be a string such as "12.50" (never a float)', { extensions: { code: 'BAD_USER_INPUT' } });
  try {
    return parseDecimal(value);
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/** Exact decimal numbers, sent and received as strings so no float ever touches money. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.5678"',
  serialize: (value) => (Decimal.isDecimal(value) ? (value as Decimal).toFixed() : decimalFrom(String(value)).toFixed()),
  parseValue: decimalFrom,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Decimal must be a string literal', { extensions: { code: 'BAD_USER_INPUT' } });
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

/** Free-form JSON objects (event properties, dimensions): one scalar for every subgraph. */
export { GraphQLJSONObject } from 'graphql-scalars';
