import fc from 'fast-check';
import { parseUsageEvent, unmatchedReason, type ParsedUsageEvent, type RawUsageEvent } from '../src/domain/usage-event';
import { checkMeterTransition, validateNewMeter } from '../src/domain/meter';

const valid: RawUsageEvent = {
  meterReference: 'transactions',
  customerReference: 'acme',
  reference: 'acme_txn_001',
  timestamp: '2025-04-17T15:33:00+02:00',
  meterValues: [{ reference: 'amount_processed', amount: { currency: 'EUR', quantity: '749.98' } }],
  properties: { region: 'eu-west', payment_method: 'credit_card' },
};

function parsed(raw: RawUsageEvent): ParsedUsageEvent {
  const result = parseUsageEvent(raw);
  if ('rejected' in result) throw new Error(`rejected: ${result.rejected.field}: ${result.rejected.reason}`);
  return result.event;
}

describe('parseUsageEvent', () => {
  it('accepts the seed’s example event and keeps the amount exact', () => {
    const event = parsed(valid);
    expect(event.timestamp?.toISOString()).toBe('2025-04-17T13:33:00.000Z');
    expect(event.values[0].quantity.toFixed()).toBe('749.98');
    expect(event.values[0].currency).toBe('EUR');
  });

  it.each([
    [{ meterReference: undefined }, 'meterReference'],
    [{ customerReference: '  ' }, 'customerReference'],
    [{ reference: 42 }, 'reference'],
    [{ timestamp: '2025-04-17 15:33' }, 'timestamp'],
    [{ timestamp: '2025-04-17T15:33:00' }, 'timestamp'],
    [{ meterValues: [] }, 'meterValues'],
    [{ meterValues: [{ reference: 'x', number: '1e3' }] }, 'meterValues[0].number'],
    [{ meterValues: [{ reference: 'x', amount: { currency: 'euro', quantity: '1' } }] }, 'meterValues[0].amount.currency'],
    [{ meterValues: [{ reference: 'x', amount: { currency: 'EUR', quantity: 'a lot' } }] }, 'meterValues[0].amount.quantity'],
    [
      {
        meterValues: [
          { reference: 'x', number: '1' },
          { reference: 'x', number: '2' },
        ],
      },
      'meterValues[1].reference',
    ],
    [{ properties: ['a'] }, 'properties'],
  ] as Array<[Partial<RawUsageEvent>, string]>)('rejects %j naming %s', (change, field) => {
    const result = parseUsageEvent({ ...valid, ...change });
    expect('rejected' in result && result.rejected.field).toBe(field);
  });

  it('gives the same content hash whatever the order of values and properties, and another for other content', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 5 }),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
        fc.integer({ min: 0, max: 1_000_000 }),
        (refs, properties, n) => {
          const values = refs.map((reference, i) => ({ reference, number: String(n + i) }));
          const a = parsed({ ...valid, meterValues: values, properties });
          const reversedProperties = Object.fromEntries(Object.entries(properties).reverse());
          const b = parsed({ ...valid, meterValues: [...values].reverse(), properties: reversedProperties });
          const c = parsed({ ...valid, meterValues: values.map((v) => ({ ...v, number: `${v.number}.5` })), properties });
          return a.contentHash === b.contentHash && a.contentHash !== c.contentHash;
        },
      ),
    );
  });

  it('treats "10" and "10.0" as the same quantity, so a retry that reformats a number is still a duplicate', () => {
    const a = parsed({ ...valid, meterValues: [{ reference: 'n', number: '10' }] });
    const b = parsed({ ...valid, meterValues: [{ reference: 'n', number: '10.0' }] });
    expect(a.contentHash).toBe(b.contentHash);
  });
});

describe('unmatchedReason', () => {
  const event = parsed({ ...valid, meterValues: [{ reference: 'calls', number: '1' }] });
  const meter = { id: 'm', status: 'ACTIVE' as const, values: [{ reference: 'calls', type: 'NUMBER' as const, currency: null }] };

  it('puts meter problems before customer problems', () => {
    expect(unmatchedReason(event, undefined, false)).toBe('UNKNOWN_METER');
    expect(unmatchedReason(event, { ...meter, status: 'DRAFT' }, false)).toBe('INACTIVE_METER');
    expect(unmatchedReason(event, { ...meter, values: [{ reference: 'other', type: 'NUMBER', currency: null }] }, false)).toBe(
      'UNKNOWN_VALUE',
    );
    expect(unmatchedReason(event, { ...meter, values: [{ reference: 'calls', type: 'AMOUNT', currency: 'EUR' }] }, true)).toBe(
      'VALUE_TYPE_MISMATCH',
    );
    expect(unmatchedReason(event, meter, false)).toBe('UNKNOWN_CUSTOMER');
    expect(unmatchedReason(event, meter, true)).toBeNull();
  });
});

describe('meters', () => {
  const input = {
    reference: 'transactions',
    name: 'Transactions',
    values: [{ reference: 'amount_processed', type: 'AMOUNT' as const, currency: 'EUR' }],
    metrics: [{ reference: 'processed_total', aggregation: 'SUM' as const, valueReference: 'amount_processed' }],
  };

  it('validates a definition and names the offending field', () => {
    expect(validateNewMeter(input).values[0].currency).toBe('EUR');
    expect(() => validateNewMeter({ ...input, values: [{ reference: 'v', type: 'AMOUNT' }] })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'values[0].currency' }) }),
    );
    expect(() => validateNewMeter({ ...input, values: [...input.values, ...input.values] })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: 'values[1].reference' }) }),
    );
  });

  it('follows DRAFT → ACTIVE → DEPRECATED and needs a value and a metric to activate', () => {
    expect(() => checkMeterTransition({ status: 'DRAFT', values: [1], metricCount: 1 }, 'ACTIVATE')).not.toThrow();
    expect(checkMeterTransition({ status: 'ACTIVE', values: [1], metricCount: 1 }, 'DEPRECATE').status).toBe('DEPRECATED');
    expect(() => checkMeterTransition({ status: 'DRAFT', values: [1], metricCount: 0 }, 'ACTIVATE')).toThrow(
      /at least one value and one metric/,
    );
    expect(() => checkMeterTransition({ status: 'ACTIVE', values: [1], metricCount: 1 }, 'ACTIVATE')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_STATUS_TRANSITION' }) }),
    );
    expect(() => checkMeterTransition({ status: 'ARCHIVED', values: [1], metricCount: 1 }, 'ACTIVATE')).toThrow();
  });
});
