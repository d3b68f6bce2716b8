import { parsePrice, price, priceQuantity, serializePrice, type DimensionalUsage } from '../src';
import { d } from './support';

describe('dimensional pricing', () => {
  const llm = parsePrice({
    model: 'GRADUATED',
    tiers: [
      { upTo: '1000', unitPrice: '0.002' },
      { upTo: null, unitPrice: '0.001' },
    ],
    dimensions: [{ match: { model: 'gpt-4' }, config: { model: 'PER_UNIT', unitPrice: '0.03' } }],
  });
  const usage: DimensionalUsage[] = [
    { properties: { model: 'gpt-4', region: 'eu' }, usage: { kind: 'quantity', quantity: d('100') } },
    { properties: { model: 'gpt-3.5' }, usage: { kind: 'quantity', quantity: d('1500') } },
    { properties: {}, usage: { kind: 'quantity', quantity: d('500') } },
    { properties: { model: 'gpt-4' }, usage: { kind: 'quantity', quantity: d('50') } },
  ];

  it('prices matching usage with the rule and the rest, grouped, with the default', () => {
    const result = price(llm, usage);
    // gpt-4: 150 × 0.03 = 4.5; default: 2000 units graduated = 1000 × 0.002 + 1000 × 0.001 = 3
    expect(result.amount.toFixed()).toBe('7.5');
    expect(result.breakdown.map((line) => [line.label, line.amount.toFixed(), line.dimension])).toEqual([
      ['150 × 0.03', '4.5', { model: 'gpt-4' }],
      ['Tier 1 (up to 1000): 1000 × 0.002', '2', null],
      ['Tier 2 (over 1000): 1000 × 0.001', '1', null],
    ]);
  });

  it('uses the first matching rule in order', () => {
    const ordered = parsePrice({
      model: 'PER_UNIT',
      unitPrice: '1',
      dimensions: [
        { match: { model: 'gpt-4', region: 'eu' }, config: { model: 'PER_UNIT', unitPrice: '3' } },
        { match: { model: 'gpt-4' }, config: { model: 'PER_UNIT', unitPrice: '2' } },
      ],
    });
    const result = price(ordered, usage);
    expect(result.breakdown.map((line) => [line.dimension, line.amount.toFixed()])).toEqual([
      [{ model: 'gpt-4', region: 'eu' }, '300'],
      [{ model: 'gpt-4' }, '100'],
      [null, '2000'],
    ]);
  });

  it('does not price a rule that no usage matched, but always prices the default', () => {
    const onlyDefault = price(llm, [{ properties: { model: 'gpt-3.5' }, usage: { kind: 'quantity', quantity: d('10') } }]);
    expect(onlyDefault.breakdown.every((line) => line.dimension === null)).toBe(true);
    const withFlat = parsePrice({
      model: 'FLAT',
      amount: '5',
      dimensions: [{ match: { model: 'gpt-4' }, config: { model: 'PER_UNIT', unitPrice: '1' } }],
    });
    const result = price(withFlat, [{ properties: { model: 'gpt-4' }, usage: { kind: 'quantity', quantity: d('2') } }]);
    expect(result.amount.toFixed()).toBe('7');
  });

  it('concatenates transaction amounts for percentage rules', () => {
    const fees = parsePrice({
      model: 'PERCENTAGE',
      rate: '2',
      dimensions: [{ match: { method: 'card' }, config: { model: 'PERCENTAGE', rate: '3', fixedFee: '0.3' } }],
    });
    const result = price(fees, [
      { properties: { method: 'card' }, usage: { kind: 'amounts', amounts: [d('100')] } },
      { properties: { method: 'bank' }, usage: { kind: 'amounts', amounts: [d('100'), d('50')] } },
      { properties: { method: 'card' }, usage: { kind: 'amounts', amounts: [d('10')] } },
    ]);
    // card: 110 × 3 % + 2 × 0.3 = 3.9; default: 150 × 2 % = 3
    expect(result.amount.toFixed()).toBe('6.9');
  });

  it('prices plain usage with the default config', () => {
    const result = price(llm, { kind: 'quantity', quantity: d('10') });
    expect(result).toEqual(priceQuantity(llm.config, d('10')));
  });

  it('round-trips through its JSON form', () => {
    expect(parsePrice(serializePrice(llm))).toEqual(llm);
    expect(serializePrice(llm).dimensions?.[0]).toEqual({ match: { model: 'gpt-4' }, config: { model: 'PER_UNIT', unitPrice: '0.03' } });
  });
});
