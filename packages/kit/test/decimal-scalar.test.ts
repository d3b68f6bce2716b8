import { GraphQLError, Kind, parseValue, type ValueNode } from 'graphql';
import { DecimalScalar, Money } from '../src/graphql/scalars';
import { Decimal } from '../src/money';
import { InputValueError } from '../src/request-errors';

function expectBadUserInput(run: () => unknown) {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  // GraphQLError on output; on input the input layer's InputValueError, which graphql-js wraps with the field's path
  expect(thrown instanceof GraphQLError || thrown instanceof InputValueError).toBe(true);
  expect((thrown as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
}

describe('DecimalScalar', () => {
  describe('serialize', () => {
    it('writes a Decimal as a plain string without exponent', () => {
      expect(DecimalScalar.serialize(new Decimal('12.50'))).toBe('12.5');
      expect(DecimalScalar.serialize(new Decimal('0.00000001'))).toBe('0.00000001');
      expect(DecimalScalar.serialize(new Decimal('123456789012345678901234567890'))).toBe('123456789012345678901234567890');
    });

    it('writes a decimal string coming from a numeric column as it is', () => {
      expect(DecimalScalar.serialize('1234.5678')).toBe('1234.5678');
      expect(DecimalScalar.serialize('-3')).toBe('-3');
    });

    it('refuses a value that is not a decimal', () => {
      expectBadUserInput(() => DecimalScalar.serialize('abc'));
    });

    it('serialises the amount of Money', () => {
      const money = Money.of(new Decimal('9.99'), 'EUR');
      expect(DecimalScalar.serialize(money.amount)).toBe('9.99');
      expect(money.currency).toBe('EUR');
    });
  });

  describe('parseValue', () => {
    it('reads a decimal string into a Decimal', () => {
      const value = DecimalScalar.parseValue('12.50') as Decimal;
      expect(Decimal.isDecimal(value)).toBe(true);
      expect(value.toFixed()).toBe('12.5');
      expect((DecimalScalar.parseValue('-0.0001') as Decimal).toFixed()).toBe('-0.0001');
    });

    it.each([12.5, 3, null, true, { amount: '1' }])('refuses the non-string %p', (value) => {
      expectBadUserInput(() => DecimalScalar.parseValue(value));
    });

    it.each(['1e5', 'abc', '', '1.2.3', 'NaN'])('refuses the string "%s"', (value) => {
      expectBadUserInput(() => DecimalScalar.parseValue(value));
    });
  });

  describe('parseLiteral', () => {
    const literal = (source: string): ValueNode => parseValue(source);

    it('reads a string literal into a Decimal', () => {
      const node = literal('"0.0001"');
      expect(node.kind).toBe(Kind.STRING);
      expect((DecimalScalar.parseLiteral(node) as Decimal).toFixed()).toBe('0.0001');
    });

    it.each(['12.5', '12', 'true', 'null', '["1"]'])('refuses the literal %s', (source) => {
      expectBadUserInput(() => DecimalScalar.parseLiteral(literal(source)));
    });

    it.each(['"1e5"', '"twelve"', '""'])('refuses the string literal %s', (source) => {
      expectBadUserInput(() => DecimalScalar.parseLiteral(literal(source)));
    });
  });
});
