import fc from 'fast-check';
import { AppError, Decimal } from '@meterline/kit';
import {
  attemptIdempotencyKey,
  checkPaymentMethodReference,
  checkStripeSecretKey,
  checkStripeWebhookSecret,
  fromMinorUnits,
  lastFour,
  maxAttempts,
  nextAttemptAt,
  parseRetryScheduleDays,
  toMinorUnits,
} from '../src/domain/collection';
import { openSecret, sealSecret } from '../src/billing/payment-secrets';

const d = (value: string) => new Decimal(value);
const DAY_MS = 86_400_000;

describe('amounts in a provider’s minor units', () => {
  it.each([
    ['12.34', 'EUR', '1234'],
    ['0.01', 'USD', '1'],
    ['100', 'EUR', '10000'],
    ['1234', 'JPY', '1234'],
    ['1', 'JPY', '1'],
    ['1.234', 'BHD', '1234'],
    ['0.5', 'KWD', '500'],
    ['99999999999999999.99', 'EUR', '9999999999999999999'],
  ])('%s %s is %s minor units, and back', (amount, currency, minor) => {
    expect(toMinorUnits(d(amount), currency)).toBe(minor);
    expect(fromMinorUnits(minor, currency).eq(d(amount))).toBe(true);
  });

  it.each([
    ['12.345', 'EUR'],
    ['1.5', 'JPY'],
    ['1.2345', 'BHD'],
    ['0', 'EUR'],
    ['-1', 'EUR'],
  ])('refuses %s %s (not a positive whole number of minor units)', (amount, currency) => {
    expect(() => toMinorUnits(d(amount), currency)).toThrow(RangeError);
  });

  it('refuses a minor-unit count that is not a whole number', () => {
    for (const bad of ['1.5', '-1', '1e3', '']) expect(() => fromMinorUnits(bad, 'EUR')).toThrow(RangeError);
  });

  it('round-trips every amount of the currency’s minor unit exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.constantFrom('EUR', 'JPY', 'BHD', 'CLF'), (minor, currency) => {
        const amount = fromMinorUnits(minor.toString(), currency);
        expect(toMinorUnits(amount, currency)).toBe(minor.toString());
      }),
    );
  });
});

describe('the dunning schedule', () => {
  const failedAt = new Date('2026-03-10T12:00:00Z');

  it('retries 3, 5 and 7 days after each failure, then gives up', () => {
    const schedule = [3, 5, 7];
    expect(nextAttemptAt(failedAt, 1, schedule)).toEqual(new Date(failedAt.getTime() + 3 * DAY_MS));
    expect(nextAttemptAt(failedAt, 2, schedule)).toEqual(new Date(failedAt.getTime() + 5 * DAY_MS));
    expect(nextAttemptAt(failedAt, 3, schedule)).toEqual(new Date(failedAt.getTime() + 7 * DAY_MS));
    expect(nextAttemptAt(failedAt, 4, schedule)).toBeNull();
    expect(maxAttempts(schedule)).toBe(4);
    expect(nextAttemptAt(failedAt, 1, [])).toBeNull();
    expect(() => nextAttemptAt(failedAt, 0, schedule)).toThrow(RangeError);
  });

  it('parses PAYMENT_RETRY_SCHEDULE_DAYS', () => {
    expect(parseRetryScheduleDays('3,5,7')).toEqual([3, 5, 7]);
    expect(parseRetryScheduleDays(' 1 , 2 ')).toEqual([1, 2]);
    expect(parseRetryScheduleDays('')).toEqual([]);
    expect(parseRetryScheduleDays('none')).toEqual([]);
    for (const bad of ['0', '3,x', '1.5', '366', '-1', Array(21).fill('1').join(',')])
      expect(parseRetryScheduleDays(bad)).toHaveProperty('reason');
  });

  it('makes every attempt strictly later than the one before, and never more than the schedule allows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 365 }), { maxLength: 20 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (schedule, first) => {
          // Run the collection: every attempt fails, at the instant it was scheduled.
          const attempts = [first];
          for (let n = 1; ; n++) {
            const next = nextAttemptAt(attempts[n - 1], n, schedule);
            if (!next) break;
            expect(next.getTime()).toBeGreaterThan(attempts[n - 1].getTime());
            attempts.push(next);
            expect(attempts.length).toBeLessThanOrEqual(maxAttempts(schedule));
          }
          expect(attempts).toHaveLength(maxAttempts(schedule));
        },
      ),
    );
  });

  it('gives each attempt of a collection its own idempotency key', () => {
    expect(attemptIdempotencyKey('c1', 1)).not.toBe(attemptIdempotencyKey('c1', 2));
    expect(attemptIdempotencyKey('c1', 1)).toBe(attemptIdempotencyKey('c1', 1));
  });
});

describe('provider settings', () => {
  const refused = (run: () => unknown, field: string) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      return;
    }
    throw new Error('not refused');
  };

  it('takes Stripe secret keys, webhook secrets and payment methods of the right shape only', () => {
    expect(checkStripeSecretKey('k', 'sk_test_abcdefgh1234')).toBe('sk_test_abcdefgh1234');
    expect(checkStripeSecretKey('k', 'rk_live_abcdefgh1234')).toBe('rk_live_abcdefgh1234');
    for (const bad of ['pk_test_abcdefgh1234', 'sk_test_', 'sk_prod_abcdefgh1234', ' sk_test_abcdefgh1234'])
      refused(() => checkStripeSecretKey('input.secretKey', bad), 'input.secretKey');
    expect(checkStripeWebhookSecret('w', 'whsec_abcdefgh1234')).toBe('whsec_abcdefgh1234');
    refused(() => checkStripeWebhookSecret('input.webhookSecret', 'sk_test_abcdefgh1234'), 'input.webhookSecret');
    expect(checkPaymentMethodReference('p', 'stripe', 'pm_card_visa')).toBe('pm_card_visa');
    refused(() => checkPaymentMethodReference('input.paymentMethod', 'stripe', 'card_123'), 'input.paymentMethod');
    expect(lastFour('sk_test_abcdefgh1234')).toBe('1234');
  });

  it('seals secrets so that only the same PAYMENT_SECRETS_KEY opens them', () => {
    const sealed = sealSecret('key-one', 'sk_test_abcdefgh1234');
    expect(sealed).not.toContain('abcdefgh');
    expect(sealSecret('key-one', 'sk_test_abcdefgh1234')).not.toBe(sealed); // a fresh IV each time
    expect(openSecret('key-one', sealed)).toBe('sk_test_abcdefgh1234');
    expect(() => openSecret('key-two', sealed)).toThrow();
    expect(() =>
      openSecret(
        'key-one',
        sealed.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toThrow();
  });
});
