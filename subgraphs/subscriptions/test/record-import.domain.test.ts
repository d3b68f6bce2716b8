import fc from 'fast-check';
import { Decimal } from '@meterline/kit/domain';
import {
  differingFields,
  missingRequiredColumn,
  RowRejected,
  rowToCustomer,
  rowToSubscription,
  validateRecordMapping,
  type RecordMapping,
} from '../src/domain/record-import';

const reader = (cells: Record<string, unknown>) => (column: string) => cells[column];
const rejection = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RowRejected) return error.rejection;
    throw error;
  }
  throw new Error('not rejected');
};

describe('import mappings', () => {
  it('maps known fields to columns; an unnamed field is read from its own column', () => {
    expect(validateRecordMapping('CUSTOMERS', { reference: 'Customer ID', 'billingAddress.city': 'City' })).toEqual({
      mapping: { reference: 'Customer ID', 'billingAddress.city': 'City' },
    });
    expect(validateRecordMapping('SUBSCRIPTIONS', undefined)).toEqual({ mapping: {} });
    expect(validateRecordMapping('CUSTOMERS', { cutoverAt: 'x' })).toEqual({
      problem: expect.objectContaining({ field: 'mapping.cutoverAt' }),
    });
    expect(validateRecordMapping('SUBSCRIPTIONS', { seats: '' })).toEqual({ problem: expect.objectContaining({ field: 'mapping.seats' }) });
    expect(validateRecordMapping('SUBSCRIPTIONS', [])).toEqual({ problem: expect.objectContaining({ field: 'mapping' }) });
    expect(missingRequiredColumn('CUSTOMERS', ['ref', 'name', 'currency'], { reference: 'ref' })).toBeNull();
    expect(missingRequiredColumn('SUBSCRIPTIONS', ['reference', 'customer'], {})).toBe('planVersion');
    expect(missingRequiredColumn('SUBSCRIPTIONS', ['reference', 'customer', 'Plan'], { plan: 'Plan' })).toBeNull();
    // a plan by reference, its version by number (else its latest ACTIVE one)
    expect(rowToSubscription(reader({ reference: 's', customer: 'c', plan: 'pro', planVersionNumber: '2' }), {}).planVersion).toEqual({
      plan: 'pro',
      version: 2,
    });
    expect(rowToSubscription(reader({ reference: 's', customer: 'c', plan: 'pro' }), {}).planVersion).toEqual({
      plan: 'pro',
      version: null,
    });
  });
});

describe('customer rows', () => {
  const mapping: RecordMapping = { reference: 'id', taxRate: 'vat' };

  it('reads createCustomer’s fields (empty cells are not given) and validates them by its rules', () => {
    const customer = rowToCustomer(
      reader({ id: 'acme', name: 'Acme', currency: 'eur', vat: '21.5', 'billingAddress.city': 'Delft', email: '' }),
      mapping,
    );
    expect(customer).toMatchObject({ reference: 'acme', name: 'Acme', currency: 'EUR', email: null, taxRate: new Decimal('21.5') });
    expect(customer.billingAddress).toMatchObject({ city: 'Delft', line1: null });
  });

  it('names the field and its column of a bad cell', () => {
    expect(rejection(() => rowToCustomer(reader({ name: 'A', currency: 'EUR' }), mapping))).toEqual({
      field: 'reference',
      column: 'id',
      message: 'reference is required',
    });
    expect(rejection(() => rowToCustomer(reader({ id: 'a', name: 'A', currency: 'EUR', vat: '1e3' }), mapping))).toMatchObject({
      field: 'taxRate',
      column: 'vat',
    });
    expect(rejection(() => rowToCustomer(reader({ id: 'a', name: 'A', currency: 'EUR', vat: '101' }), mapping))).toMatchObject({
      field: 'taxRate',
    });
    expect(rejection(() => rowToCustomer(reader({ id: 'a b', name: 'A', currency: 'EUR' }), mapping))).toMatchObject({
      field: 'reference',
    });
    expect(rejection(() => rowToCustomer(reader({ id: 'a', name: 'A\u0000', currency: 'EUR' }), mapping))).toMatchObject({ field: 'name' });
    expect(rejection(() => rowToCustomer(reader({ id: 'a', name: 'A', currency: 'EUR', country: 'Holland' }), mapping))).toMatchObject({
      field: 'country',
    });
  });
});

describe('subscription rows', () => {
  it('reads RFC 3339 instants and whole numbers from text (CSV) or JSON values', () => {
    const row = rowToSubscription(
      reader({
        reference: 's1',
        customer: 'acme',
        planVersion: 'v',
        startAt: '2019-01-01T00:00:00+01:00',
        cutoverAt: '2026-12-01T00:00:00Z',
        seats: '3',
        trialDays: 0,
      }),
      {},
    );
    expect(row).toMatchObject({
      startAt: new Date('2018-12-31T23:00:00Z'),
      cutoverAt: new Date('2026-12-01T00:00:00Z'),
      seats: 3,
      trialDays: 0,
      endAt: null,
    });
  });

  it('refuses a date without an offset, an impossible date and a fractional seat count, naming the field', () => {
    const row = (cells: Record<string, unknown>) =>
      rejection(() => rowToSubscription(reader({ reference: 's', customer: 'c', planVersion: 'v', ...cells }), {}));
    expect(row({ startAt: '2026-01-01' })).toMatchObject({ field: 'startAt' });
    expect(row({ cutoverAt: '2026-02-30T00:00:00Z' })).toMatchObject({ field: 'cutoverAt' });
    expect(row({ seats: '1.5' })).toMatchObject({ field: 'seats' });
    expect(row({ planVersion: '' })).toMatchObject({ field: 'planVersion' });
    expect(row({ planVersion: '', plan: 'pro', planVersionNumber: '0' })).toMatchObject({ field: 'planVersionNumber' });
  });
});

describe('idempotency by reference', () => {
  it('a row equal to what exists differs in nothing; a changed one names the fields, in order', () => {
    const existing = {
      name: 'Acme',
      email: 'a@x.test',
      taxRate: new Decimal('21.0'),
      billingAddress: { line1: null, city: 'Delft' },
      at: new Date(5),
    };
    expect(
      differingFields(existing, {
        name: 'Acme',
        taxRate: new Decimal('21'),
        billingAddress: { city: 'Delft', line1: null },
        at: new Date(5),
      }),
    ).toEqual([]);
    expect(differingFields(existing, { email: 'b@x.test', name: 'Acme', at: new Date(6) })).toEqual(['email', 'at']);
    expect(differingFields({ endAt: null }, { endAt: null })).toEqual([]);
  });

  it('property: a record never differs from itself, and a changed text field is always named', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('name', 'email', 'city'), fc.option(fc.string(), { nil: null })),
        fc.string(),
        (record, other) => {
          expect(differingFields(record, { ...record })).toEqual([]);
          const field = Object.keys(record)[0];
          if (field && record[field] !== other) expect(differingFields(record, { ...record, [field]: other })).toEqual([field]);
        },
      ),
    );
  });
});
