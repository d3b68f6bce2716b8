import { PriceConfigError, parsePrice, parsePriceConfig, type ConfigIssue } from '../src';

function issuesOf(parse: () => unknown): ConfigIssue[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof PriceConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a PriceConfigError');
}

const configIssues = (json: unknown): ConfigIssue[] => issuesOf(() => parsePriceConfig(json));
const priceIssues = (json: unknown): ConfigIssue[] => issuesOf(() => parsePrice(json));

const tiers = (...upTos: Array<string | null>) => upTos.map((upTo) => ({ upTo, unitPrice: '1' }));

describe('parsePriceConfig validation', () => {
  it('throws a PriceConfigError (an Error) whose message names the paths', () => {
    const error = (() => {
      try {
        parsePriceConfig({ model: 'FLAT' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(PriceConfigError);
    expect((error as Error).message).toBe('Invalid price configuration: price.amount is required');
  });

  it.each<[string, unknown, ConfigIssue]>([
    ['not an object', '12', { path: 'price', message: 'must be an object' }],
    ['no model', { amount: '1' }, { path: 'price.model', message: 'is required' }],
    [
      'an unknown model',
      { model: 'TIERED' },
      {
        path: 'price.model',
        message: 'must be one of FLAT, PER_UNIT, PACKAGE, GRADUATED, VOLUME, STAIRSTEP, PERCENTAGE, GRADUATED_PERCENTAGE, got "TIERED"',
      },
    ],
    [
      'an unknown field',
      { model: 'PER_UNIT', unitPrice: '1', unit_price: '1' },
      { path: 'price.unit_price', message: 'is not a known field (expected one of model, unitPrice)' },
    ],
    ['a missing required field', { model: 'PER_UNIT' }, { path: 'price.unitPrice', message: 'is required' }],
    [
      'a JSON number (float)',
      { model: 'FLAT', amount: 9.99 },
      { path: 'price.amount', message: 'must be a decimal string such as "12.50", not a JSON number' },
    ],
    [
      'an exponent',
      { model: 'FLAT', amount: '1e3' },
      { path: 'price.amount', message: 'must be a decimal string such as "12.50" (no exponent), got "1e3"' },
    ],
    ['a negative amount', { model: 'FLAT', amount: '-1' }, { path: 'price.amount', message: 'must not be negative' }],
    ['a negative unit price', { model: 'PER_UNIT', unitPrice: '-0.01' }, { path: 'price.unitPrice', message: 'must not be negative' }],
    [
      'a zero package size',
      { model: 'PACKAGE', packageSize: '0', packagePrice: '5' },
      { path: 'price.packageSize', message: 'must be greater than 0' },
    ],
    [
      'negative free units',
      { model: 'PACKAGE', packageSize: '10', packagePrice: '5', freeUnits: '-1' },
      { path: 'price.freeUnits', message: 'must not be negative' },
    ],
    ['missing tiers', { model: 'GRADUATED' }, { path: 'price.tiers', message: 'is required' }],
    ['tiers not an array', { model: 'VOLUME', tiers: {} }, { path: 'price.tiers', message: 'must be an array of tiers' }],
    ['empty tiers', { model: 'GRADUATED', tiers: [] }, { path: 'price.tiers', message: 'must have at least one tier' }],
    ['empty steps', { model: 'STAIRSTEP', steps: [] }, { path: 'price.steps', message: 'must have at least one step' }],
    [
      'a tier without upTo',
      { model: 'GRADUATED', tiers: [{ unitPrice: '1' }] },
      { path: 'price.tiers[0].upTo', message: 'is required (use null for no upper bound)' },
    ],
    [
      'a tier upTo of 0',
      { model: 'GRADUATED', tiers: tiers('0', null) },
      { path: 'price.tiers[0].upTo', message: 'must be greater than 0' },
    ],
    [
      'tiers not strictly ascending',
      { model: 'GRADUATED', tiers: tiers('10', '10', null) },
      { path: 'price.tiers[1].upTo', message: "must be greater than the previous tier's upTo (10)" },
    ],
    [
      'an open tier before the last',
      { model: 'VOLUME', tiers: tiers(null, null) },
      { path: 'price.tiers[0].upTo', message: 'only the last tier may be open (upTo: null)' },
    ],
    [
      'a closed last tier',
      { model: 'VOLUME', tiers: tiers('5', '10') },
      { path: 'price.tiers[1].upTo', message: 'the last tier must be open (upTo: null) so every quantity is covered' },
    ],
    [
      'a closed last step',
      { model: 'STAIRSTEP', steps: [{ upTo: '5', amount: '1' }] },
      { path: 'price.steps[0].upTo', message: 'the last step must be open (upTo: null) so every quantity is covered' },
    ],
    [
      'a negative tier flat fee',
      { model: 'GRADUATED', tiers: [{ upTo: null, unitPrice: '1', flatFee: '-2' }] },
      { path: 'price.tiers[0].flatFee', message: 'must not be negative' },
    ],
    [
      'a rate above 100',
      { model: 'PERCENTAGE', rate: '100.01' },
      { path: 'price.rate', message: 'must be a percentage between 0 and 100' },
    ],
    ['a negative rate', { model: 'PERCENTAGE', rate: '-1' }, { path: 'price.rate', message: 'must not be negative' }],
    [
      'a tier rate above 100',
      { model: 'GRADUATED_PERCENTAGE', tiers: [{ upTo: null, rate: '101' }] },
      { path: 'price.tiers[0].rate', message: 'must be a percentage between 0 and 100' },
    ],
    [
      'min above max',
      { model: 'PERCENTAGE', rate: '1', minPerTransaction: '5', maxPerTransaction: '4' },
      { path: 'price.minPerTransaction', message: 'must not exceed maxPerTransaction (4)' },
    ],
    [
      'fractional free transactions',
      { model: 'PERCENTAGE', rate: '1', freeTransactions: '1.5' },
      { path: 'price.freeTransactions', message: 'must be a whole number of transactions' },
    ],
    [
      'negative free transactions',
      { model: 'PERCENTAGE', rate: '1', freeTransactions: '-1' },
      { path: 'price.freeTransactions', message: 'must not be negative' },
    ],
  ])('refuses %s', (_name, json, issue) => {
    expect(configIssues(json)).toEqual([issue]);
  });

  it('accepts min equal to max, 0 and 100 rates, and defaults optional fields', () => {
    expect(() => parsePriceConfig({ model: 'PERCENTAGE', rate: '100', minPerTransaction: '1', maxPerTransaction: '1' })).not.toThrow();
    const config = parsePriceConfig({ model: 'PERCENTAGE', rate: '0' });
    expect(config).toMatchObject({ minPerTransaction: null, maxPerTransaction: null });
  });

  it('lists every problem at once', () => {
    expect(
      configIssues({
        model: 'GRADUATED',
        tiers: [{ upTo: '10', unitPrice: 1 }, { upTo: '5', unitPrice: '-1' }, { upTo: null, unitPrice: '1e3' }, { upTo: '3' }],
        extra: true,
      }),
    ).toEqual([
      { path: 'price.extra', message: 'is not a known field (expected one of model, tiers)' },
      { path: 'price.tiers[0].unitPrice', message: 'must be a decimal string such as "12.50", not a JSON number' },
      { path: 'price.tiers[1].upTo', message: "must be greater than the previous tier's upTo (10)" },
      { path: 'price.tiers[1].unitPrice', message: 'must not be negative' },
      { path: 'price.tiers[2].upTo', message: 'only the last tier may be open (upTo: null)' },
      { path: 'price.tiers[2].unitPrice', message: 'must be a decimal string such as "12.50" (no exponent), got "1e3"' },
      { path: 'price.tiers[3].upTo', message: 'the last tier must be open (upTo: null) so every quantity is covered' },
      { path: 'price.tiers[3].upTo', message: "must be greater than the previous tier's upTo (5)" },
      { path: 'price.tiers[3].unitPrice', message: 'is required' },
    ]);
    expect(
      configIssues({
        model: 'PERCENTAGE',
        rate: '120',
        fixedFee: '-1',
        minPerTransaction: '3',
        maxPerTransaction: '2',
        freeTransactions: '0.5',
      }).map((issue) => issue.path),
    ).toEqual(['price.rate', 'price.fixedFee', 'price.minPerTransaction', 'price.freeTransactions']);
  });

  it('uses the given root path', () => {
    expect(issuesOf(() => parsePriceConfig({ model: 'FLAT' }, 'plan.prices[2]'))).toEqual([
      { path: 'plan.prices[2].amount', message: 'is required' },
    ]);
  });
});

describe('parsePrice validation (dimensions)', () => {
  const base = { model: 'PER_UNIT', unitPrice: '1' };

  it.each<[string, unknown, ConfigIssue]>([
    ['dimensions not an array', { ...base, dimensions: {} }, { path: 'price.dimensions', message: 'must be an array of rules' }],
    [
      'an empty match',
      { ...base, dimensions: [{ match: {}, config: base }] },
      { path: 'price.dimensions[0].match', message: 'must match at least one property' },
    ],
    ['a missing match', { ...base, dimensions: [{ config: base }] }, { path: 'price.dimensions[0].match', message: 'must be an object' }],
    [
      'a non-string match value',
      { ...base, dimensions: [{ match: { tier: 4 }, config: base }] },
      { path: 'price.dimensions[0].match.tier', message: 'must be a string property value' },
    ],
    [
      'an unknown rule field',
      { ...base, dimensions: [{ match: { model: 'a' }, config: base, priority: 1 }] },
      { path: 'price.dimensions[0].priority', message: 'is not a known field (expected match, config)' },
    ],
    [
      'two rules with the same match, whatever the key order',
      {
        ...base,
        dimensions: [
          { match: { model: 'gpt-4', region: 'eu' }, config: base },
          { match: { region: 'eu', model: 'gpt-4' }, config: base },
        ],
      },
      { path: 'price.dimensions[1].match', message: 'duplicates the match of price.dimensions[0]' },
    ],
    [
      'an invalid rule config (nested path)',
      { ...base, dimensions: [{ match: { model: 'gpt-4' }, config: { model: 'GRADUATED', tiers: [{ upTo: '5', unitPrice: '1' }] } }] },
      { path: 'price.dimensions[0].config.tiers[0].upTo', message: 'the last tier must be open (upTo: null) so every quantity is covered' },
    ],
    [
      'a rule config that itself has dimensions',
      { ...base, dimensions: [{ match: { model: 'gpt-4' }, config: { ...base, dimensions: [] } }] },
      { path: 'price.dimensions[0].config.dimensions', message: 'is not a known field (expected one of model, unitPrice)' },
    ],
  ])('refuses %s', (_name, json, issue) => {
    expect(priceIssues(json)).toEqual([issue]);
  });

  it('lists default and rule problems together', () => {
    expect(
      priceIssues({
        model: 'PER_UNIT',
        dimensions: [
          { match: {}, config: { model: 'FLAT' } },
          { match: { model: 'x' }, config: { model: 'PER_UNIT', unitPrice: '0.5' } },
        ],
      }),
    ).toEqual([
      { path: 'price.unitPrice', message: 'is required' },
      { path: 'price.dimensions[0].match', message: 'must match at least one property' },
      { path: 'price.dimensions[0].config.amount', message: 'is required' },
    ]);
  });
});
