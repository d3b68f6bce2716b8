import { describe, expect, it } from 'vitest';
import type { PriceConfigFieldsFragment, PriceDefinitionFieldsFragment } from '../generated';
import {
  configInput,
  curveQuantities,
  curveUsages,
  describePrice,
  emptyConfig,
  emptyDimension,
  emptyPriceForm,
  modelsFor,
  previewUsage,
  priceForm,
  priceInput,
  restrictModels,
  type ConfigForm,
  type PriceForm,
} from './priceForm';

const config = (patch: Partial<ConfigForm>): ConfigForm => ({ ...emptyConfig(patch.model), ...patch });

describe('configInput', () => {
  it('FLAT: the amount, trimmed', () => {
    expect(configInput(config({ model: 'FLAT' }))).toBeNull();
    expect(configInput(config({ model: 'FLAT', amount: ' 100 ', unitPrice: '3' }))).toEqual({ model: 'FLAT', amount: '100' });
  });

  it('PER_UNIT: the unit price', () => {
    expect(configInput(config({ model: 'PER_UNIT', amount: '100' }))).toBeNull();
    expect(configInput(config({ model: 'PER_UNIT', unitPrice: '0.04' }))).toEqual({ model: 'PER_UNIT', unitPrice: '0.04' });
  });

  it('PACKAGE: size and price, free units when given', () => {
    expect(configInput(config({ model: 'PACKAGE', packageSize: '100' }))).toBeNull();
    expect(configInput(config({ model: 'PACKAGE', packageSize: '100', packagePrice: '5' }))).toEqual({
      model: 'PACKAGE',
      packageSize: '100',
      packagePrice: '5',
    });
    expect(configInput(config({ model: 'PACKAGE', packageSize: '100', packagePrice: '5', freeUnits: '100' }))).toEqual({
      model: 'PACKAGE',
      packageSize: '100',
      packagePrice: '5',
      freeUnits: '100',
    });
  });

  it('GRADUATED and VOLUME: tiers, a blank bound is the open tier, flat fees when given', () => {
    const tiers = [
      { upTo: '1000', unitPrice: '0.05', flatFee: '' },
      { upTo: ' ', unitPrice: '0.03', flatFee: '10' },
    ];
    const expected = [
      { upTo: '1000', unitPrice: '0.05' },
      { upTo: null, unitPrice: '0.03', flatFee: '10' },
    ];
    expect(configInput(config({ model: 'GRADUATED', tiers }))).toEqual({ model: 'GRADUATED', tiers: expected });
    expect(configInput(config({ model: 'VOLUME', tiers }))).toEqual({ model: 'VOLUME', tiers: expected });
    expect(configInput(config({ model: 'VOLUME', tiers: [{ upTo: '', unitPrice: '', flatFee: '10' }] }))).toBeNull();
    expect(configInput(config({ model: 'GRADUATED', tiers: [] }))).toBeNull();
  });

  it('STAIRSTEP: steps with their amounts', () => {
    const steps = [
      { upTo: '10', amount: '50' },
      { upTo: '', amount: '90' },
    ];
    expect(configInput(config({ model: 'STAIRSTEP', steps }))).toEqual({
      model: 'STAIRSTEP',
      steps: [
        { upTo: '10', amount: '50' },
        { upTo: null, amount: '90' },
      ],
    });
    expect(configInput(config({ model: 'STAIRSTEP', steps: [{ upTo: '10', amount: '' }] }))).toBeNull();
  });

  it('PERCENTAGE: the rate and whichever extras are given', () => {
    expect(configInput(config({ model: 'PERCENTAGE', fixedFee: '0.30' }))).toBeNull();
    expect(configInput(config({ model: 'PERCENTAGE', rate: '2.9' }))).toEqual({ model: 'PERCENTAGE', rate: '2.9' });
    expect(
      configInput(
        config({
          model: 'PERCENTAGE',
          rate: '2.9',
          fixedFee: '0.30',
          minPerTransaction: '0.50',
          maxPerTransaction: '5',
          freeTransactions: '3',
          freeAmount: '1000',
        }),
      ),
    ).toEqual({
      model: 'PERCENTAGE',
      rate: '2.9',
      fixedFee: '0.30',
      minPerTransaction: '0.50',
      maxPerTransaction: '5',
      freeTransactions: '3',
      freeAmount: '1000',
    });
  });

  it('GRADUATED_PERCENTAGE: percentage tiers', () => {
    const percentageTiers = [
      { upTo: '10000', rate: '3', flatFee: '5' },
      { upTo: '', rate: '2', flatFee: '' },
    ];
    expect(configInput(config({ model: 'GRADUATED_PERCENTAGE', percentageTiers }))).toEqual({
      model: 'GRADUATED_PERCENTAGE',
      percentageTiers: [
        { upTo: '10000', rate: '3', flatFee: '5' },
        { upTo: null, rate: '2' },
      ],
    });
    expect(configInput(config({ model: 'GRADUATED_PERCENTAGE', percentageTiers: [{ upTo: '', rate: ' ', flatFee: '' }] }))).toBeNull();
  });
});

describe('priceInput', () => {
  const gpt4: PriceForm['dimensions'][number] = {
    match: [{ property: ' model ', value: 'gpt-4' }],
    config: config({ model: 'PER_UNIT', unitPrice: '0.06' }),
  };

  it('is the default config alone without dimension rules, null while incomplete', () => {
    expect(priceInput(emptyPriceForm())).toBeNull();
    expect(priceInput({ config: config({ model: 'PER_UNIT', unitPrice: '0.02' }), dimensions: [] })).toEqual({
      model: 'PER_UNIT',
      unitPrice: '0.02',
    });
  });

  it('adds dimension rules: a price per combination of property values', () => {
    const form: PriceForm = {
      config: config({ model: 'PER_UNIT', unitPrice: '0.02' }),
      dimensions: [
        gpt4,
        {
          match: [
            { property: 'model', value: 'gpt-3.5' },
            { property: 'region', value: 'eu' },
          ],
          config: config({ model: 'FLAT', amount: '10' }),
        },
      ],
    };
    expect(priceInput(form)).toEqual({
      model: 'PER_UNIT',
      unitPrice: '0.02',
      dimensions: [
        { match: { model: 'gpt-4' }, price: { model: 'PER_UNIT', unitPrice: '0.06' } },
        { match: { model: 'gpt-3.5', region: 'eu' }, price: { model: 'FLAT', amount: '10' } },
      ],
    });
  });

  it('is null while a rule has a half-filled property, no property, or an incomplete price', () => {
    const base = config({ model: 'PER_UNIT', unitPrice: '0.02' });
    expect(priceInput({ config: base, dimensions: [{ ...gpt4, match: [{ property: 'model', value: '' }] }] })).toBeNull();
    expect(priceInput({ config: base, dimensions: [{ ...gpt4, match: [] }] })).toBeNull();
    expect(priceInput({ config: base, dimensions: [emptyDimension('PER_UNIT')] })).toBeNull();
  });
});

/** A stored price as the API returns it: its model's fields, the others null, defaults filled in. */
const none: PriceConfigFieldsFragment = {
  model: 'FLAT',
  amount: null,
  unitPrice: null,
  packageSize: null,
  packagePrice: null,
  freeUnits: null,
  rate: null,
  fixedFee: null,
  minPerTransaction: null,
  maxPerTransaction: null,
  freeTransactions: null,
  freeAmount: null,
  tiers: null,
  steps: null,
  percentageTiers: null,
};
const stored = (patch: Partial<PriceDefinitionFieldsFragment>): PriceDefinitionFieldsFragment => ({ ...none, dimensions: [], ...patch });

describe('priceForm (editing an existing price) round-trips into the same input', () => {
  it.each<[string, PriceDefinitionFieldsFragment, ReturnType<typeof priceInput>]>([
    ['FLAT', stored({ model: 'FLAT', amount: '100' }), { model: 'FLAT', amount: '100' }],
    ['PER_UNIT', stored({ model: 'PER_UNIT', unitPrice: '0.04' }), { model: 'PER_UNIT', unitPrice: '0.04' }],
    [
      'PACKAGE',
      stored({ model: 'PACKAGE', packageSize: '100', packagePrice: '5', freeUnits: '0' }),
      { model: 'PACKAGE', packageSize: '100', packagePrice: '5', freeUnits: '0' },
    ],
    [
      'VOLUME',
      stored({
        model: 'VOLUME',
        tiers: [
          { upTo: '5', unitPrice: '7', flatFee: '0' },
          { upTo: null, unitPrice: '6', flatFee: '10' },
        ],
      }),
      {
        model: 'VOLUME',
        tiers: [
          { upTo: '5', unitPrice: '7', flatFee: '0' },
          { upTo: null, unitPrice: '6', flatFee: '10' },
        ],
      },
    ],
    [
      'STAIRSTEP',
      stored({ model: 'STAIRSTEP', steps: [{ upTo: null, amount: '50' }] }),
      { model: 'STAIRSTEP', steps: [{ upTo: null, amount: '50' }] },
    ],
    [
      'PERCENTAGE',
      stored({ model: 'PERCENTAGE', rate: '2.9', fixedFee: '0.3', maxPerTransaction: '5', freeTransactions: '0', freeAmount: '0' }),
      { model: 'PERCENTAGE', rate: '2.9', fixedFee: '0.3', maxPerTransaction: '5', freeTransactions: '0', freeAmount: '0' },
    ],
    [
      'GRADUATED_PERCENTAGE',
      stored({ model: 'GRADUATED_PERCENTAGE', percentageTiers: [{ upTo: null, rate: '1.5', flatFee: '0' }] }),
      { model: 'GRADUATED_PERCENTAGE', percentageTiers: [{ upTo: null, rate: '1.5', flatFee: '0' }] },
    ],
    [
      'dimensions',
      stored({
        model: 'PER_UNIT',
        unitPrice: '0.02',
        dimensions: [
          { match: { model: 'gpt-4' }, price: { ...none, model: 'GRADUATED', tiers: [{ upTo: null, unitPrice: '0.06', flatFee: '0' }] } },
        ],
      }),
      {
        model: 'PER_UNIT',
        unitPrice: '0.02',
        dimensions: [
          { match: { model: 'gpt-4' }, price: { model: 'GRADUATED', tiers: [{ upTo: null, unitPrice: '0.06', flatFee: '0' }] } },
        ],
      },
    ],
  ])('%s', (_, price, input) => {
    const form = priceForm(price);
    expect(form.config.model).toBe(price.model);
    expect(priceInput(form)).toEqual(input);
  });

  it('keeps the editor defaults for the fields of the other models', () => {
    const form = priceForm(stored({ model: 'FLAT', amount: '100' }));
    expect(form.config.tiers).toEqual(emptyConfig().tiers);
    expect(priceInput({ ...form, config: { ...form.config, model: 'PER_UNIT' } })).toBeNull();
  });
});

describe('modelsFor and restrictModels', () => {
  it('offers the models the charge type takes and moves the form onto one', () => {
    expect(modelsFor(undefined)).toHaveLength(8);
    expect(modelsFor('RECURRING')).toEqual(['FLAT']);
    expect(modelsFor('SEAT')).not.toContain('PERCENTAGE');
    const form: PriceForm = { config: config({ model: 'PERCENTAGE', rate: '2' }), dimensions: [emptyDimension('GRADUATED_PERCENTAGE')] };
    const restricted = restrictModels(form, modelsFor('ONE_OFF'));
    expect(restricted.config).toMatchObject({ model: 'FLAT', rate: '2' });
    expect(restricted.dimensions[0].config.model).toBe('FLAT');
    expect(restrictModels(form, modelsFor('USAGE'))).toEqual(form);
  });
});

describe('describePrice', () => {
  it('summarises each model', () => {
    expect(describePrice(stored({ model: 'FLAT', amount: '100' }))).toBe('FLAT 100');
    expect(describePrice(stored({ model: 'PER_UNIT', unitPrice: '0.04' }))).toBe('PER_UNIT 0.04 per unit');
    expect(describePrice(stored({ model: 'PACKAGE', packageSize: '100', packagePrice: '5', freeUnits: '100' }))).toBe(
      'PACKAGE 5 per 100 units, 100 free',
    );
    expect(describePrice(stored({ model: 'GRADUATED', tiers: [{ upTo: null, unitPrice: '1', flatFee: '0' }] }))).toBe('GRADUATED 1 tier');
    expect(describePrice(stored({ model: 'STAIRSTEP', steps: [] }))).toBe('STAIRSTEP 0 steps');
    expect(
      describePrice(stored({ model: 'PERCENTAGE', rate: '2.9', fixedFee: '0.30', minPerTransaction: '0.5', freeTransactions: '0' })),
    ).toBe('PERCENTAGE 2.9 % + 0.30, min 0.5');
    expect(
      describePrice(stored({ model: 'FLAT', amount: '1', dimensions: [{ match: { a: 'b' }, price: { ...none, amount: '2' } }] })),
    ).toBe('FLAT 1 · 1 dimension rule');
  });
});

describe('previews', () => {
  it('price a quantity, or comma-separated transaction amounts, under a rule with its property values', () => {
    expect(previewUsage(' 12 ', 'PER_UNIT', null)).toEqual({ quantity: '12' });
    expect(previewUsage('', 'PER_UNIT', null)).toBeNull();
    expect(previewUsage('100, 250,', 'PERCENTAGE', null)).toEqual({ amounts: ['100', '250'] });
    expect(previewUsage('5', 'FLAT', { model: 'gpt-4' })).toEqual({ dimensions: [{ properties: { model: 'gpt-4' }, quantity: '5' }] });
  });

  it('chart 11 round points up to twice the last tier bound, a few packages, or 100', () => {
    expect(curveQuantities({ model: 'PER_UNIT', unitPrice: '1' })).toEqual([
      '0',
      '10',
      '20',
      '30',
      '40',
      '50',
      '60',
      '70',
      '80',
      '90',
      '100',
    ]);
    expect(
      curveQuantities({
        model: 'GRADUATED',
        tiers: [
          { upTo: '1000', unitPrice: '1' },
          { upTo: null, unitPrice: '0.5' },
        ],
      }),
    ).toEqual(['0', '200', '400', '600', '800', '1000', '1200', '1400', '1600', '1800', '2000']);
    expect(curveQuantities({ model: 'STAIRSTEP', steps: [{ upTo: '2', amount: '1' }] })).toEqual([
      '0.0',
      '0.5',
      '1.0',
      '1.5',
      '2.0',
      '2.5',
      '3.0',
      '3.5',
      '4.0',
      '4.5',
      '5.0',
    ]);
    expect(curveQuantities({ model: 'PACKAGE', packageSize: '10', packagePrice: '1', freeUnits: '40' }).at(-1)).toBe('100');
    expect(curveQuantities({ model: 'PERCENTAGE', rate: '1', freeAmount: '500' }).at(-1)).toBe('1000');
  });

  it('price one transaction per point for percentage models', () => {
    expect(curveUsages(['0', '10'], 'PERCENTAGE', null)).toEqual([{ amounts: ['0'] }, { amounts: ['10'] }]);
    expect(curveUsages(['0'], 'VOLUME', { model: 'x' })).toEqual([{ dimensions: [{ properties: { model: 'x' }, quantity: '0' }] }]);
  });
});
