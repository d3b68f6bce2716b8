import { describe, expect, it } from 'vitest';
import { buildMapping, inferMapping, inferMeter, propertyDrafts, valueDrafts, type MappingDraft, type MeterOption } from './uploadMapping';

const apiCalls: MeterOption = {
  reference: 'api_calls',
  name: 'API calls',
  status: 'ACTIVE',
  values: [{ reference: 'calls', type: 'NUMBER', currency: null }],
  properties: [],
};
const llm: MeterOption = {
  reference: 'llm_usage',
  name: 'LLM usage',
  status: 'ACTIVE',
  values: [
    { reference: 'tokens', type: 'NUMBER', currency: null },
    { reference: 'cost', type: 'AMOUNT', currency: 'EUR' },
  ],
  properties: ['region', 'model'],
};

const draft = (patch: Partial<MappingDraft> = {}): MappingDraft => ({
  customer: 'customer',
  meterColumn: '',
  meterReference: 'llm_usage',
  reference: '',
  timestamp: '',
  subscription: '',
  values: [
    { reference: 'tokens', type: 'NUMBER', column: 'tokens', currency: '' },
    { reference: 'cost', type: 'AMOUNT', column: '', currency: 'EUR' },
  ],
  properties: [],
  ...patch,
});

describe('inferMapping', () => {
  it('matches column names with the event fields, the meter by its values, its values and properties', () => {
    const columns = [
      'Customer_Reference',
      'event_id',
      'timestamp',
      'Subscription_ID',
      'Tokens',
      'usage.cost',
      'Region',
      'properties.plan',
      'other',
    ];
    expect(inferMapping(columns, [apiCalls, llm])).toEqual({
      customer: 'Customer_Reference',
      meterColumn: '',
      meterReference: 'llm_usage',
      reference: 'event_id',
      timestamp: 'timestamp',
      subscription: 'Subscription_ID',
      values: [
        { reference: 'tokens', type: 'NUMBER', column: 'Tokens', currency: '' },
        { reference: 'cost', type: 'AMOUNT', column: 'usage.cost', currency: 'EUR' },
      ],
      properties: [
        { name: 'plan', column: 'properties.plan' },
        { name: 'region', column: 'Region' },
      ],
    });
  });

  it('takes a meter column, and leaves what it cannot tell empty', () => {
    expect(inferMapping(['meter_reference', 'customer', 'calls'], [apiCalls, llm])).toMatchObject({
      customer: 'customer',
      meterColumn: 'meter_reference',
      meterReference: 'api_calls',
      values: [{ reference: 'calls', column: 'calls' }],
    });
    expect(inferMapping(['a', 'b'], [apiCalls, llm])).toEqual({
      customer: '',
      meterColumn: '',
      meterReference: '',
      reference: '',
      timestamp: '',
      subscription: '',
      values: [],
      properties: [],
    });
  });

  it('prefers the customer reference column to a later candidate', () => {
    expect(inferMapping(['customer_id', 'customer'], []).customer).toBe('customer');
  });
});

describe('inferMeter', () => {
  it('takes the meter with the most matched values, an active one on a tie, or the only one', () => {
    const draftMeter = { ...llm, reference: 'llm_draft', status: 'DRAFT' };
    expect(inferMeter([apiCalls, llm], ['tokens', 'cost'])).toBe('llm_usage');
    expect(inferMeter([draftMeter, llm], ['tokens'])).toBe('llm_usage');
    expect(inferMeter([apiCalls], ['x'])).toBe('api_calls');
    expect(inferMeter([apiCalls, llm], ['x'])).toBe('');
  });
});

describe('valueDrafts and propertyDrafts', () => {
  it('maps each value to a free column named like it', () => {
    expect(valueDrafts(llm, ['tokens', 'cost'], new Set(['tokens']))).toEqual([
      { reference: 'tokens', type: 'NUMBER', column: '', currency: '' },
      { reference: 'cost', type: 'AMOUNT', column: 'cost', currency: 'EUR' },
    ]);
    expect(valueDrafts(undefined, ['tokens'])).toEqual([]);
  });

  it('finds properties once each, not in used columns', () => {
    expect(propertyDrafts(llm, ['model', 'properties.model', 'region'], new Set(['region']))).toEqual([
      { name: 'model', column: 'properties.model' },
    ]);
  });
});

describe('buildMapping', () => {
  it('builds the mapping the API reads, with mapped values only', () => {
    const built = buildMapping(
      draft({
        reference: 'id',
        timestamp: 'at',
        values: [
          { reference: 'tokens', type: 'NUMBER', column: 'tokens', currency: '' },
          { reference: 'cost', type: 'AMOUNT', column: 'cost', currency: 'eur' },
        ],
        properties: [
          { name: ' region ', column: 'Region' },
          { name: '', column: '' },
        ],
      }),
    );
    expect(built.problems).toEqual([]);
    expect(built.mapping).toEqual({
      customer: 'customer',
      meterReference: 'llm_usage',
      reference: 'id',
      timestamp: 'at',
      values: [
        { reference: 'tokens', column: 'tokens' },
        { reference: 'cost', column: 'cost', currency: 'EUR' },
      ],
      properties: { region: 'Region' },
    });
  });

  it('sends the subscription column when one is chosen', () => {
    expect(buildMapping(draft({ subscription: 'subscription_id' })).mapping).toEqual({
      customer: 'customer',
      meterReference: 'llm_usage',
      subscription: 'subscription_id',
      values: [{ reference: 'tokens', column: 'tokens' }],
    });
  });

  it('sends a meter column instead of the chosen meter', () => {
    expect(buildMapping(draft({ meterColumn: 'meter' })).mapping).toEqual({
      customer: 'customer',
      meter: 'meter',
      values: [{ reference: 'tokens', column: 'tokens' }],
    });
  });

  it('names each problem the way the API does', () => {
    const fields = (d: MappingDraft) => buildMapping(d).problems.map((p) => p.field);
    expect(fields(draft({ customer: '' }))).toEqual(['mapping.customer']);
    expect(fields(draft({ meterReference: '', values: [] }))).toEqual(['mapping.meter', 'mapping.values']);
    expect(fields(draft({ values: [{ reference: 'tokens', type: 'NUMBER', column: '', currency: '' }] }))).toEqual(['mapping.values']);
    expect(
      fields(
        draft({
          values: [
            { reference: 'tokens', type: 'NUMBER', column: '', currency: '' },
            { reference: 'cost', type: 'AMOUNT', column: 'cost', currency: 'E' },
          ],
        }),
      ),
    ).toEqual(['mapping.values[0].currency']);
    expect(
      fields(
        draft({
          properties: [
            { name: '', column: 'x' },
            { name: 'a', column: '' },
            { name: 'b', column: 'y' },
            { name: 'b', column: 'z' },
          ],
        }),
      ),
    ).toEqual(['mapping.properties', 'mapping.properties.a', 'mapping.properties.b']);
    expect(buildMapping(draft({ customer: '' })).problems[0].message).toContain('mapping.customer is required');
  });
});
