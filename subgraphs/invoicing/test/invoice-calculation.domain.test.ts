import fc from 'fast-check';
import { Decimal } from '@meterline/kit';
import {
  calculateInvoice,
  type BillingInput,
  type PhaseForBilling,
  type PriceLine,
  type VersionForBilling,
} from '../src/domain/invoice-calculation';

const d = (iso: string) => new Date(iso);
const APRIL = { start: d('2026-04-01T00:00:00Z'), end: d('2026-05-01T00:00:00Z') }; // 30 days: easy fractions

const item = (
  id: string,
  chargeType: PriceLine['chargeType'],
  price: Record<string, unknown>,
  extra: Partial<PriceLine> = {},
): PriceLine => ({
  productItemId: id,
  productItemName: id,
  chargeType,
  metricReference: chargeType === 'USAGE' ? `${id}_total` : null,
  deduction: false,
  recurringTiming: chargeType === 'RECURRING' || chargeType === 'SEAT' ? 'IN_ADVANCE' : null,
  price,
  ...extra,
});

const graduated = {
  model: 'GRADUATED',
  tiers: [
    { upTo: '5', unitPrice: '7' },
    { upTo: '10', unitPrice: '6.5' },
    { upTo: null, unitPrice: '6' },
  ],
};
const v1: VersionForBilling = {
  id: 'v1',
  minimumCommitment: null,
  prices: [
    item('platform', 'RECURRING', { model: 'FLAT', amount: '99' }),
    item('seats', 'SEAT', { model: 'PER_UNIT', unitPrice: '10' }),
    item('api', 'USAGE', graduated),
    item('cards', 'USAGE', { model: 'PERCENTAGE', rate: '2.9', fixedFee: '0.30' }),
  ],
};
const v2: VersionForBilling = {
  ...v1,
  id: 'v2',
  prices: v1.prices.map((p) => (p.productItemId === 'platform' ? { ...p, price: { model: 'FLAT', amount: '149' } } : p)),
};
const phase = (startsAt: string, endsAt: string | null, seats: number, planVersionId = 'v1'): PhaseForBilling => ({
  startsAt: d(startsAt),
  endsAt: endsAt ? d(endsAt) : null,
  planVersionId,
  seats,
  overrides: {},
});

const base = (over: Partial<BillingInput> = {}): BillingInput => ({
  period: APRIL,
  subscriptionStart: d('2026-03-01T00:00:00Z'),
  subscriptionEnd: null,
  trialEnd: null,
  phases: [phase('2026-03-01T00:00:00Z', null, 5)],
  versions: new Map([
    ['v1', v1],
    ['v2', v2],
  ]),
  usage: new Map<string, never>(),
  currency: 'EUR',
  taxRate: null,
  ...over,
});

const summary = (input: BillingInput) => {
  const invoice = calculateInvoice(input);
  return {
    lines: invoice.lines.map((l) => [l.kind, l.productItemId, l.amount.toFixed(2)]),
    subtotal: invoice.subtotal.toFixed(2),
    tax: invoice.tax.toFixed(2),
    total: invoice.total.toFixed(2),
    amountDue: invoice.amountDue.toFixed(2),
  };
};

describe('calculateInvoice', () => {
  it('bills a month with a seat change and an upgrade mid-period, graduated and percentage usage, and tax — as computed by hand', () => {
    const invoice = summary(
      base({
        phases: [
          phase('2026-03-01T00:00:00Z', '2026-04-11T00:00:00Z', 5),
          phase('2026-04-11T00:00:00Z', '2026-04-21T00:00:00Z', 8),
          phase('2026-04-21T00:00:00Z', null, 8, 'v2'),
        ],
        usage: new Map<string, never>([
          ['api_total', { kind: 'quantity', quantity: new Decimal(20) } as never],
          ['cards_total', { kind: 'amounts', amounts: [new Decimal(100), new Decimal(5)] } as never],
        ]),
        taxRate: new Decimal(21),
      }),
    );
    expect(invoice.lines).toEqual([
      ['RECURRING', 'platform', '99.00'], // in advance, v1
      ['PRORATION_CREDIT', 'platform', '-33.00'], // upgrade on Apr 21: 99 × 10/30
      ['PRORATION_CHARGE', 'platform', '49.67'], // 149 × 10/30 = 49.666…
      ['SEAT', 'seats', '50.00'], // 5 × 10 in advance
      ['PRORATION_CREDIT', 'seats', '-33.33'], // Apr 11: 50 × 20/30
      ['PRORATION_CHARGE', 'seats', '53.33'], // 80 × 20/30
      ['USAGE', 'api', '127.50'], // 5 × 7 + 5 × 6.5 + 10 × 6
      ['USAGE', 'cards', '3.65'], // 2.90 + 0.30 + 0.145 + 0.30 = 3.645, half-up
    ]);
    expect(invoice).toMatchObject({ subtotal: '316.82', tax: '66.53', total: '383.35', amountDue: '383.35' });
  });

  it('starts recurring charges after the trial and prorates the first period', () => {
    const invoice = summary(
      base({ subscriptionStart: APRIL.start, phases: [phase('2026-04-01T00:00:00Z', null, 5)], trialEnd: d('2026-04-11T00:00:00Z') }),
    );
    expect(invoice.lines.filter((l) => l[0] !== 'USAGE')).toEqual([
      ['RECURRING', 'platform', '66.00'], // 99 × 20/30
      ['SEAT', 'seats', '33.33'], // 50 × 20/30
    ]);
  });

  it('credits the unused part when a subscription ends mid-period, and bills in arrears by the time used', () => {
    const ended = base({ subscriptionEnd: d('2026-04-16T00:00:00Z') });
    expect(summary(ended).lines.slice(0, 2)).toEqual([
      ['RECURRING', 'platform', '99.00'],
      ['PRORATION_CREDIT', 'platform', '-49.50'],
    ]);
    const arrears: VersionForBilling = {
      ...v1,
      prices: v1.prices.map((p) => (p.productItemId === 'platform' ? { ...p, recurringTiming: 'IN_ARREARS' } : p)),
    };
    const inArrears = summary({ ...ended, versions: new Map([['v1', arrears]]) });
    expect(inArrears.lines[0]).toEqual(['RECURRING', 'platform', '49.50']);
  });

  it('tops usage up to the minimum commitment, bills zero usage with its first-tier flat fee, and one-offs in the first period only', () => {
    const withMinimum: VersionForBilling = {
      ...v1,
      minimumCommitment: '200',
      prices: [
        ...v1.prices,
        item('onboarding', 'ONE_OFF', { model: 'FLAT', amount: '500' }),
        item('kyc', 'USAGE', { model: 'VOLUME', tiers: [{ upTo: null, unitPrice: '1', flatFee: '5' }] }),
      ],
    };
    const first = summary(
      base({ subscriptionStart: APRIL.start, phases: [phase('2026-04-01T00:00:00Z', null, 1)], versions: new Map([['v1', withMinimum]]) }),
    );
    expect(first.lines).toContainEqual(['ONE_OFF', 'onboarding', '500.00']);
    expect(first.lines).toContainEqual(['USAGE', 'kyc', '5.00']);
    expect(first.lines.at(-1)).toEqual(['MINIMUM_COMMITMENT', null, '195.00']); // 200 − (0 + 0 + 5)
    const later = summary(base({ versions: new Map([['v1', withMinimum]]) }));
    expect(later.lines.map((l) => l[1])).not.toContain('onboarding');
  });

  it('shows deduction items without making them due, rounds per line in JPY, and applies overrides', () => {
    const yen: VersionForBilling = {
      id: 'v1',
      minimumCommitment: null,
      prices: [
        item('fees', 'USAGE', { model: 'PERCENTAGE', rate: '1.5' }, { deduction: true }),
        item('calls', 'USAGE', { model: 'PER_UNIT', unitPrice: '0.5' }),
        item('seats', 'SEAT', { model: 'PER_UNIT', unitPrice: '1000' }),
      ],
    };
    const overridden: PhaseForBilling = {
      ...phase('2026-03-01T00:00:00Z', null, 3),
      overrides: { seats: { model: 'PER_UNIT', unitPrice: '900' } },
    };
    const invoice = summary(
      base({
        currency: 'JPY',
        phases: [overridden],
        versions: new Map([['v1', yen]]),
        usage: new Map<string, never>([
          ['fees_total', { kind: 'amounts', amounts: [new Decimal(1000), new Decimal(30)] } as never],
          ['calls_total', { kind: 'quantity', quantity: new Decimal(5) } as never],
        ]),
      }),
    );
    expect(invoice.lines).toEqual([
      ['USAGE', 'fees', '15.00'], // 15 + 0.45 = 15.45 → 15 yen
      ['USAGE', 'calls', '3.00'], // 2.5 → 3 yen, half-up
      ['SEAT', 'seats', '2700.00'], // the customer's 900 per seat
    ]);
    expect(invoice).toMatchObject({ subtotal: '2718.00', amountDue: '2703.00' });
  });
});

describe('calculateInvoice invariants', () => {
  it('totals are sums of rounded lines, and splitting a period at any change never bills more than the higher rate for the whole period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 * 24 - 1 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (hour, seatsBefore, seatsAfter) => {
          const at = new Date(APRIL.start.getTime() + hour * 3_600_000).toISOString();
          const invoice = calculateInvoice(
            base({ phases: [phase('2026-03-01T00:00:00Z', at, seatsBefore), phase(at, null, seatsAfter)], taxRate: new Decimal('19.5') }),
          );
          const sum = invoice.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
          expect(invoice.subtotal.equals(sum)).toBe(true);
          for (const l of invoice.lines) expect(l.amount.decimalPlaces()).toBeLessThanOrEqual(2);
          const seats = invoice.lines.filter((l) => l.productItemId === 'seats').reduce((s, l) => s.plus(l.amount), new Decimal(0));
          expect(seats.lessThanOrEqualTo(new Decimal(Math.max(seatsBefore, seatsAfter) * 10).plus('0.01'))).toBe(true);
          expect(invoice.total.equals(invoice.subtotal.plus(invoice.tax))).toBe(true);
        },
      ),
    );
  });
});
