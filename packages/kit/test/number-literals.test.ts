import { parse } from 'graphql';
import { nonFiniteNumberLiteral } from '../src/server/number-literals';

describe('nonFiniteNumberLiteral', () => {
  it.each([
    ['{ previewPrice(price: { amount: 1e400 }) { amount } }', 'price.amount'],
    ['{ setPrice(input: { price: { tiers: [{ upTo: 1 }, { upTo: -1e999 }] } }) { id } }', 'input.price.tiers.1.upTo'],
    ['{ a(n: 1e400) }', 'n'],
  ])('%s → %s', (document, field) => {
    expect(nonFiniteNumberLiteral(parse(document))).toBe(field);
  });

  it('passes numbers a JavaScript number holds, and strings', () => {
    expect(nonFiniteNumberLiteral(parse('{ a(n: 1e300, m: 12, s: "1e400") { b(l: [1.5, 2]) } }'))).toBeUndefined();
  });
});
