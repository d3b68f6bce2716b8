import { randomUUID } from 'node:crypto';
import { newEvent, TestClock } from '@meterline/kit';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import {
  afterExhaustedMessage,
  isSuccessStatus,
  MAX_ATTEMPTS,
  nextAttemptAt,
  RESPONSE_BODY_LIMIT,
  RETRY_DELAYS_MS,
  truncatedResponseBody,
} from '../src/domain/delivery-schedule';
import { ALL_EVENT_TYPES, checkEndpointUrl, checkEventTypes, endpointReceives, isPrivateAddress } from '../src/domain/endpoint';
import {
  sourceEventTypes,
  sourceProducers,
  TEST_WEBHOOK_TYPE,
  WEBHOOK_SOURCES,
  webhookBodyFor,
  webhookEventTypes,
} from '../src/domain/event-types';
import { newEndpointSecret, signWebhook } from '../src/domain/signature';
import { SecretBox } from '../src/store/secret-box';

const HOUR = 3_600_000;

describe('the retry schedule', () => {
  it('is at once, 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h seven times: 13 attempts over about 3 days', () => {
    expect(RETRY_DELAYS_MS.slice(0, 6)).toEqual([5_000, 300_000, 1_800_000, 2 * HOUR, 5 * HOUR, 10 * HOUR]);
    expect(MAX_ATTEMPTS).toBe(13);
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / (24 * HOUR)).toBeGreaterThan(3);
    expect(total / (24 * HOUR)).toBeLessThan(3.5);
  });

  it('gives the next time from the failed attempt, and null once exhausted', () => {
    const at = new Date('2026-05-01T00:00:00Z');
    expect(nextAttemptAt(1, at)).toEqual(new Date('2026-05-01T00:00:05Z'));
    expect(nextAttemptAt(2, at)).toEqual(new Date('2026-05-01T00:05:00Z'));
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, at)).toEqual(new Date(at.getTime() + 10 * HOUR));
    expect(nextAttemptAt(MAX_ATTEMPTS, at)).toBeNull();
    expect(() => nextAttemptAt(0, at)).toThrow(RangeError);
  });

  it('never shortens: each delay is at least the one before, and every attempt up to the last has a next time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ATTEMPTS - 2 }),
        fc.date({ noInvalidDate: true, min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-01-01T00:00:00Z') }),
        (n, at) => {
          const a = nextAttemptAt(n, at)!;
          const b = nextAttemptAt(n + 1, at)!;
          return a.getTime() > at.getTime() && b.getTime() >= a.getTime();
        },
      ),
    );
  });

  it('counts 2xx as success and everything else, redirects included, as failure', () => {
    expect([200, 201, 204, 299].every(isSuccessStatus)).toBe(true);
    expect([199, 301, 302, 400, 410, 500, 503].some(isSuccessStatus)).toBe(false);
  });

  it('keeps at most 1024 characters of a response body, marked when cut', () => {
    expect(truncatedResponseBody('ok')).toBe('ok');
    const long = truncatedResponseBody('x'.repeat(5000));
    expect(long).toHaveLength(RESPONSE_BODY_LIMIT + 1);
    expect(long.endsWith('…')).toBe(true);
  });

  it('disables an endpoint at the K-th exhausted message in a row, with a reason', () => {
    expect(afterExhaustedMessage(0, 3, 'HTTP 500')).toEqual({ consecutiveFailed: 1, disableReason: null });
    expect(afterExhaustedMessage(1, 3, 'HTTP 500').disableReason).toBeNull();
    expect(afterExhaustedMessage(2, 3, 'HTTP 500').disableReason).toMatch(/3 messages in a row failed .*HTTP 500/);
    expect(afterExhaustedMessage(0, 1, 'ECONNREFUSED').disableReason).toMatch(/1 message in a row/);
  });
});

describe('endpoint URLs and event types', () => {
  it('takes http and https URLs and refuses anything else, credentials and fragments, naming why', () => {
    expect(checkEndpointUrl('https://hooks.example.com/meterline', false)).toEqual({ value: 'https://hooks.example.com/meterline' });
    expect(checkEndpointUrl('http://127.0.0.1:8080/x', false)).toEqual({ value: 'http://127.0.0.1:8080/x' });
    expect(checkEndpointUrl('ftp://example.com/', false)).toEqual({ reason: 'must be an http or https URL' });
    expect(checkEndpointUrl('not a url', false)).toEqual({ reason: 'must be an absolute http or https URL' });
    expect(checkEndpointUrl('https://user:pw@example.com/', false)).toEqual({ reason: 'must not carry a user name or password' });
    expect(checkEndpointUrl('https://user@example.com/', false)).toEqual({ reason: 'must not carry a user name or password' });
    expect(checkEndpointUrl('https://example.com/#x', false)).toEqual({ reason: 'must not have a fragment (#…)' });
    expect(checkEndpointUrl(`https://example.com/${'a'.repeat(2100)}`, false)).toEqual({ reason: 'must be at most 2048 characters' });
  });

  it('refuses loopback, private and link-local hosts when private addresses are blocked', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://localhost:3000/',
      'http://10.1.2.3/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://192.168.0.10/',
      'http://[fd00::1]/',
    ])
      expect(checkEndpointUrl(url, true)).toEqual({ reason: 'must not point at a loopback, private or link-local address' });
    expect(checkEndpointUrl('https://93.184.215.14/', true)).toEqual({ value: 'https://93.184.215.14/' });
    expect(checkEndpointUrl('https://hooks.example.com/', true)).toEqual({ value: 'https://hooks.example.com/' });
  });

  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
    ])
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'example.com'])
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('takes known event types or * alone; empty means all', () => {
    expect(checkEventTypes([])).toEqual({ value: [ALL_EVENT_TYPES] });
    expect(checkEventTypes(['*'])).toEqual({ value: ['*'] });
    expect(checkEventTypes(['invoice.paid', 'invoice.paid', 'customer.updated'])).toEqual({ value: ['invoice.paid', 'customer.updated'] });
    expect(checkEventTypes(['invoice.paid', '*'])).toEqual({ reason: '"*" stands alone: it already means every event type' });
    expect(checkEventTypes(['invoice.payed'])).toEqual({ reason: 'unknown event type "invoice.payed" (see webhookEventTypes)' });
    expect(checkEventTypes([TEST_WEBHOOK_TYPE])).toHaveProperty('reason');
  });

  it('matches: * and empty receive every type, a list only its own', () => {
    const types = webhookEventTypes().map((t) => t.type);
    fc.assert(
      fc.property(fc.subarray(types), fc.constantFrom(...types), (chosen, type) => {
        expect(endpointReceives(chosen, type)).toBe(chosen.length === 0 || chosen.includes(type));
        expect(endpointReceives(['*'], type)).toBe(true);
      }),
    );
  });
});

describe('payload mapping', () => {
  const platformId = randomUUID();
  const clock = new TestClock('2026-05-02T10:00:00Z');

  it('has one public type per source event, every source a real event type of its producer', () => {
    const types = Object.values(WEBHOOK_SOURCES).map((s) => s!.type);
    expect(new Set(types).size).toBe(types.length);
    expect(sourceEventTypes('invoicing')).toContain('invoicing.payment.recorded');
    expect(sourceEventTypes('subscriptions')).toContain('subscriptions.customer.updated');
    expect(sourceProducers()).toEqual(['invoicing', 'subscriptions']);
    expect(webhookEventTypes().map((t) => t.type)).toEqual([...types, TEST_WEBHOOK_TYPE]);
  });

  it('maps a payment to payment.succeeded with amounts as decimal strings', () => {
    const event = newEvent(
      'invoicing.payment.recorded',
      platformId,
      {
        id: randomUUID(),
        invoiceId: randomUUID(),
        invoiceNumber: 'INV-000001',
        customerId: randomUUID(),
        currency: 'EUR',
        amount: '50.50',
        paidAt: '2026-05-02T09:00:00.000Z',
        method: 'CARD',
        reference: 'card-1',
        invoiceAmountPaid: '50.50',
        invoiceAmountDue: '69.5',
        invoiceStatus: 'ISSUED',
      },
      clock,
    );
    const body = webhookBodyFor(event)!;
    expect(body.type).toBe('payment.succeeded');
    expect(body.timestamp).toBe('2026-05-02T10:00:00.000Z');
    expect(body.data).toMatchObject({ amount: '50.50', invoiceAmountDue: '69.5', currency: 'EUR', method: 'CARD' });
    expect(body.data).not.toHaveProperty('invoiceAmountPaid');
  });

  it('maps a subscription without its internal prices, with the phase in force', () => {
    const [v1, v2] = [randomUUID(), randomUUID()];
    const event = newEvent(
      'subscriptions.subscription.changed',
      platformId,
      {
        id: randomUUID(),
        status: 'ACTIVE',
        customer: { id: randomUUID(), reference: 'acme', currency: 'EUR', taxRate: null },
        billingPeriod: 'MONTH',
        anchor: '2026-04-01T00:00:00.000Z',
        startAt: '2026-04-01T00:00:00.000Z',
        endAt: null,
        trialEnd: null,
        phases: [
          {
            startsAt: '2026-04-01T00:00:00.000Z',
            endsAt: '2026-05-01T00:00:00.000Z',
            planVersionId: v1,
            seats: 1,
            overrides: { x: { model: 'FLAT' } },
          },
          { startsAt: '2026-05-01T00:00:00.000Z', endsAt: null, planVersionId: v2, seats: 3, overrides: {} },
        ],
      },
      clock,
    );
    const body = webhookBodyFor(event)!;
    expect(body.type).toBe('subscription.changed');
    expect(body.data).toMatchObject({ customerReference: 'acme', planVersionId: v2, seats: 3 });
    expect(JSON.stringify(body)).not.toContain('overrides');
  });

  it('has no webhook for events nobody maps', () => {
    expect(webhookBodyFor({ type: 'metering.usage.recorded', occurredAt: clock.now().toISOString(), data: {} })).toBeNull();
  });
});

describe('signing', () => {
  it('signs so that the standardwebhooks library verifies, and refuses a changed body or another secret', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        const secret = newEndpointSecret();
        expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
        const now = new Date();
        const headers = signWebhook(secret, 'msg_1', now, json);
        expect(headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
        expect(new Webhook(secret).verify(json, { ...headers })).toEqual(JSON.parse(json));
        expect(() => new Webhook(secret).verify(`${json} `, { ...headers })).toThrow();
        expect(() => new Webhook(newEndpointSecret()).verify(json, { ...headers })).toThrow();
      }),
      { numRuns: 30 },
    );
  });

  it('seals secrets at rest and opens them only with the same key', () => {
    const box = new SecretBox('key one');
    const secret = newEndpointSecret();
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box.open(sealed)).toBe(secret);
    expect(box.seal(secret)).not.toBe(sealed);
    expect(() => new SecretBox('key two').open(sealed)).toThrow();
  });
});
