import fc from 'fast-check';
import {
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

  describe('a named subscription', () => {
    const SUBSCRIPTION = '0b9a6f5e-3c1d-4e7a-9f2b-8d6c5a4b3e21';

    it('is optional: absent or null is none, and the content hash stays what it was without the field', () => {
      expect(parsed(valid).subscriptionId).toBeNull();
      expect(parsed({ ...valid, subscriptionId: null }).subscriptionId).toBeNull();
      expect(parsed({ ...valid, subscriptionId: null }).contentHash).toBe(parsed(valid).contentHash);
    });

    it('is kept as a lower-case UUID and is part of the content', () => {
      const named = parsed({ ...valid, subscriptionId: ` ${SUBSCRIPTION.toUpperCase()} ` });
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
