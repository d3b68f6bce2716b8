import fc from 'fast-check';
import {
  EVENT_LIMITS,
  fromSeedShape,
  parseUsageEvent,
  SEED_NAMES,
  unmatchedReason,
  type ParsedUsageEvent,
  type RawUsageEvent,
} from '../src/domain/usage-event';
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
  const long = 'x'.repeat(10_000);
  it.each([
    [{ properties: { region: long } }, 'properties.region'],
    [{ properties: { [long]: 'eu' } }, `properties.${'x'.repeat(40)}…`],
    [{ properties: Object.fromEntries(Array.from({ length: EVENT_LIMITS.maxProperties + 1 }, (_, i) => [`p${i}`, i])) }, 'properties'],
    [{ reference: long }, 'reference'],
    [{ customerReference: long }, 'customerReference'],
    [{ meterValues: [{ reference: long, number: '1' }] }, 'meterValues[0].reference'],
    [
      { meterValues: Array.from({ length: EVENT_LIMITS.maxMeterValues + 1 }, (_, i) => ({ reference: `v${i}`, number: '1' })) },
      'meterValues',
    ],
  ])('refuses an event beyond EVENT_LIMITS (%#) naming %s', (change, field) => {
    const result = parseUsageEvent({ ...valid, ...(change as Partial<RawUsageEvent>) });
    expect('rejected' in result && result.rejected.field).toBe(field);
  });

  it('accepts property values up to the limit', () => {
    const event = parsed({ ...valid, properties: { region: 'x'.repeat(EVENT_LIMITS.maxPropertyValueLength) } });
    expect(String(event.properties.region)).toHaveLength(EVENT_LIMITS.maxPropertyValueLength);
  });

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
    // the input layer (kit/input-values): nothing trimmed, no NUL or lone surrogate, real calendar dates
    [{ reference: ' acme_txn_001' }, 'reference'],
    [{ reference: 'acme_txn_001\n' }, 'reference'],
    [{ customerReference: 'acme ' }, 'customerReference'],
    [{ meterReference: 'trans\u0000actions' }, 'meterReference'],
    [{ reference: 'x\ud800' }, 'reference'],
    [{ reference: 'r'.repeat(256) }, 'reference'],
    [{ timestamp: '2026-02-30T00:00:00Z' }, 'timestamp'],
    [{ timestamp: '2026-01-01T24:00:00Z' }, 'timestamp'],
    [{ timestamp: '2026-13-01T00:00:00Z' }, 'timestamp'],
    [{ timestamp: '0001-01-01T00:00:00Z' }, 'timestamp'],
    [{ timestamp: 'yesterday' }, 'timestamp'],
    [{ meterValues: [{ reference: ' x', number: '1' }] }, 'meterValues[0].reference'],
    ...['1e400', 'NaN', 'Infinity', '1,5', '.5', '+1', ''].map((number): [Partial<RawUsageEvent>, string] => [
      { meterValues: [{ reference: 'x', number }] },
      'meterValues[0].number',
    ]),
    [{ meterValues: [{ reference: 'x', number: Number.POSITIVE_INFINITY }] }, 'meterValues[0].number'],
    [{ meterValues: [{ reference: 'x', number: 1e-7 }] }, 'meterValues[0].number'],
    [{ properties: { region: 'eu\u0000' } }, 'properties.region'],
    [{ properties: { region: '\udc00' } }, 'properties.region'],
    [{ properties: { ' region': 'eu' } }, 'properties. region'],
    [{ subscriptionId: ' 0b9a6f5e-3c1d-4e7a-9f2b-8d6c5a4b3e21' }, 'subscriptionId'],
  ] as Array<[Partial<RawUsageEvent>, string]>)('rejects %j naming %s', (change, field) => {
    const result = parseUsageEvent({ ...valid, ...change });
    expect('rejected' in result && result.rejected.field).toBe(field);
  });

  it('keeps an accepted reference, value and property exactly as given', () => {
    const event = parsed({
      ...valid,
      reference: 'ref with inner spaces',
      meterValues: [{ reference: 'count', number: '0.000000000000000000000000000000000001' }],
      properties: { note: '  spaced\tvalue  ', emoji: '🎉' },
    });
    expect(event.reference).toBe('ref with inner spaces');
    expect(event.values[0].quantity.toFixed()).toBe('0.000000000000000000000000000000000001');
    expect(event.properties).toEqual({ note: '  spaced\tvalue  ', emoji: '🎉' });
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

  describe('a named subscription', () => {
    const SUBSCRIPTION = '0b9a6f5e-3c1d-4e7a-9f2b-8d6c5a4b3e21';

    it('is optional: absent or null is none, and the content hash stays what it was without the field', () => {
      expect(parsed(valid).subscriptionId).toBeNull();
      expect(parsed({ ...valid, subscriptionId: null }).subscriptionId).toBeNull();
      expect(parsed({ ...valid, subscriptionId: null }).contentHash).toBe(parsed(valid).contentHash);
    });

    it('is kept as a lower-case UUID and is part of the content (spaces around it are refused, not trimmed)', () => {
      const named = parsed({ ...valid, subscriptionId: SUBSCRIPTION.toUpperCase() });
      expect(named.subscriptionId).toBe(SUBSCRIPTION);
      expect(named.contentHash).toBe(parsed({ ...valid, subscriptionId: SUBSCRIPTION }).contentHash);
      expect(named.contentHash).not.toBe(parsed(valid).contentHash);
      expect(named.contentHash).not.toBe(parsed({ ...valid, subscriptionId: SUBSCRIPTION.replace(/1$/, '2') }).contentHash);
    });

    it.each(['', 'sub_123', 42, { id: SUBSCRIPTION }, `${SUBSCRIPTION}0`])('rejects %j naming the door’s field', (subscriptionId) => {
      expect(parseUsageEvent({ ...valid, subscriptionId })).toEqual({
        rejected: { field: 'subscriptionId', reason: 'subscriptionId must be a subscription id (a UUID)' },
      });
      const seed = parseUsageEvent({ ...valid, subscriptionId }, SEED_NAMES);
      expect('rejected' in seed && seed.rejected.field).toBe('subscription_id');
    });

    it('is read from the seed shape’s subscription_id', () => {
      expect(fromSeedShape({ subscription_id: SUBSCRIPTION }).subscriptionId).toBe(SUBSCRIPTION);
    });
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
    expect(unmatchedReason(event, undefined, null, undefined)).toBe('UNKNOWN_METER');
    expect(unmatchedReason(event, { ...meter, status: 'DRAFT' }, null, undefined)).toBe('INACTIVE_METER');
    expect(unmatchedReason(event, { ...meter, values: [{ reference: 'other', type: 'NUMBER', currency: null }] }, null, undefined)).toBe(
      'UNKNOWN_VALUE',
    );
    expect(unmatchedReason(event, { ...meter, values: [{ reference: 'calls', type: 'AMOUNT', currency: 'EUR' }] }, 'c1', undefined)).toBe(
      'VALUE_TYPE_MISMATCH',
    );
    expect(unmatchedReason(event, meter, null, undefined)).toBe('UNKNOWN_CUSTOMER');
    expect(unmatchedReason(event, meter, 'c1', undefined)).toBeNull();
  });

  it('matches a named subscription only when known, the customer’s and not a draft; customer problems come first', () => {
    const named = { ...event, subscriptionId: 's1' };
    expect(unmatchedReason(named, meter, 'c1', undefined)).toBe('UNKNOWN_SUBSCRIPTION');
    expect(unmatchedReason(named, meter, 'c1', { customerId: 'c2', status: 'ACTIVE' })).toBe('UNKNOWN_SUBSCRIPTION');
    expect(unmatchedReason(named, meter, 'c1', { customerId: 'c1', status: 'DRAFT' })).toBe('UNKNOWN_SUBSCRIPTION');
    expect(unmatchedReason(named, meter, null, undefined)).toBe('UNKNOWN_CUSTOMER');
    for (const status of ['ACTIVE', 'CANCELED', 'ENDED'] as const) {
      expect(unmatchedReason(named, meter, 'c1', { customerId: 'c1', status })).toBeNull();
    }
    // A subscription an event does not name is not looked at.
    expect(unmatchedReason(event, meter, 'c1', { customerId: 'c2', status: 'DRAFT' })).toBeNull();
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
