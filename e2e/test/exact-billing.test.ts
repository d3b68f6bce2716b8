import { randomUUID } from 'node:crypto';
import { waitFor } from '@meterline/kit/testing';
import { codeOf, graduated, Scenario, sumCents, windowsOf, type EventSpec, type UsageEventDetails } from './scenario';
import { startPlatform } from './testkit';

/** The `api` meter: a NUMBER value `calls`, summed by the metric `calls`. */
const CALLS_METER = {
  reference: 'api',
  values: [{ reference: 'calls', type: 'NUMBER' as const }],
  metrics: [{ reference: 'calls', aggregation: 'SUM' as const, valueReference: 'calls' }],
};

/**
 * Issue 13, exact attribution, one case per `it`, through the gateway only, each on its own tenant and in its own
 * month(s) of the shared test clock (the cases run in order, the clock only moves forward). Drafts are issued by hand
 * (issueInvoice): the grace period is a year, so the billing run never issues anything behind a case's back. All
 * prices in EUR; a line is rounded once, half-up, to the cent; Decimals come back without trailing zeros.
 */
const A_YEAR_MS = String(365 * 24 * 3_600_000);

const calls = (customer: string, reference: string, timestamp: string, n: string, subscriptionId?: string): EventSpec => ({
  meter: 'api',
  customer,
  reference,
  timestamp,
  numbers: { calls: n },
  ...(subscriptionId ? { subscriptionId } : {}),
});

/** A tenant with the meter `api` (SUM `calls`), the product item "API calls" and, per plan, its versions' prices. */
async function apiCallsTenant(
  platform: { databaseUrl: string; gatewayUrl: string },
  plans: Record<string, Array<Record<string, unknown>>>,
) {
  const s = await Scenario.open(platform);
  await s.createMeter(CALLS_METER);
  await s.createProduct('platform', [
    { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
  ]);
  const versions: Record<string, string[]> = {};
  for (const [plan, prices] of Object.entries(plans))
    versions[plan] = await s.createPlan(
      plan,
      prices.map((p) => ({ 'api-calls': p })),
    );
  return { s, versions };
}

const perUnit = (unitPrice: string) => ({ model: 'PER_UNIT', unitPrice });

describe('exact billing (issue 13), through the gateway on the test clock', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: A_YEAR_MS } },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('1. bills usage from a 14:05 start to the millisecond, and a 14:05 period boundary likewise (late usage on that period’s correction)', async () => {
    await platform.setClock('2026-03-10T16:00:00Z');
    // 1 EUR a call; the events carry powers of two, so an amount says which events it holds.
    const { s, versions } = await apiCallsTenant(platform, { usage: [perUnit('1')] });
    await s.createCustomer('acme', 'calls');
    await s.createCustomer('globex', 'calls');
    const START = '2026-03-10T14:05:00.000Z';
    // acme: start and anchor at 14:05, so the periods run from 14:05 on the 10th to 14:05 on the 10th.
    await s.subscribe({ customer: 'acme', planVersion: versions.usage[0], startAt: START, billingAnchor: START });
    // globex: the same start, anchored on the 1st: its first window is the rest of March.
    await s.subscribe({ customer: 'globex', planVersion: versions.usage[0], startAt: START, billingAnchor: '2026-03-01T00:00:00Z' });

    await s.ingestAccepted([
      calls('acme', 'a-1', '2026-03-10T14:00:00.000Z', '1'), // before the start: not billed
      calls('acme', 'a-2', '2026-03-10T14:04:59.999Z', '2'), // 1 ms before the start: not billed
      calls('acme', 'a-3', '2026-03-10T14:05:00.000Z', '4'), // at the start: billed
      calls('acme', 'a-4', '2026-03-10T15:30:00.000Z', '8'),
      calls('globex', 'g-1', '2026-03-10T14:04:59.999Z', '1'),
      calls('globex', 'g-2', '2026-03-10T14:05:00.000Z', '2'),
    ]);
    // acme: 4 + 8 = 12 calls × 1 = 12; the window is the whole period, so the line is plainly "API calls".
    const march = await s.invoiceWith({ customer: 'acme' }, START, [['USAGE', 'API calls', '12']]);
    expect(march).toMatchObject({ status: 'DRAFT', periodEnd: '2026-04-10T14:05:00.000Z' });
    expect(windowsOf(march)).toEqual([['API calls', START, '2026-04-10T14:05:00.000Z']]);
    // globex: 2 calls in [14:05 on the 10th, April 1st), a window shorter than the period [March 1st, April 1st).
    const globex = await s.invoiceWith({ customer: 'globex' }, '2026-03-01T00:00:00Z', [
      ['USAGE', `API calls (${START} – 2026-04-01T00:00:00.000Z)`, '2'],
    ]);
    expect(windowsOf(globex)).toEqual([[`API calls (${START} – 2026-04-01T00:00:00.000Z)`, START, '2026-04-01T00:00:00.000Z']]);
    // What nothing bills has no cost and no invoice.
    for (const reference of ['a-1', 'a-2', 'g-1'])
      expect(await s.usageEvent(reference)).toMatchObject({ status: 'MATCHED', estimatedCost: null, invoice: null });
    expect(await s.usageEvent('a-3')).toMatchObject({ estimatedCost: { amount: '4' }, invoice: { id: march.id } });

    // ── The boundary at 14:05 on April 10th: 14:05:00.000 opens the next period.
    await platform.setClock('2026-04-10T15:00:00Z');
    await s.ingestAccepted([calls('acme', 'a-5', '2026-04-10T14:05:00.000Z', '16')]);
    const april = await s.invoiceWith({ customer: 'acme' }, '2026-04-10T14:05:00Z', [['USAGE', 'API calls', '16']]);
    // The first period is issued first (nothing changed: 12)…
    const issued = await s.issue(march);
    expect(issued).toMatchObject({ status: 'ISSUED', number: 'INV-000001', subtotal: { amount: '12' } });
    // …then 14:04:59.999 arrives late: it belongs to the first period, so it goes on that period's correction
    // (32 × 1 = 32), never on the second period.
    await s.ingestAccepted([calls('acme', 'a-6', '2026-04-10T14:04:59.999Z', '32')]);
    const correction = await s.invoiceWith(
      { customer: 'acme' },
      START,
      [['USAGE', `Correction for ${START} – 2026-04-10T14:05:00.000Z: API calls`, '32']],
      'CORRECTION',
    );
    expect(correction.lines[0].quantity).toBe('32');
    expect((await s.invoice(april.id)).lines.map((l) => l.amount.amount)).toEqual(['16']);
    expect(await s.invoice(march.id)).toEqual(issued);
    expect(await s.usageEvent('a-6')).toMatchObject({
      estimatedCost: { amount: '32' },
      invoice: { id: correction.id, kind: 'CORRECTION' },
    });
    expect(await s.usageEvent('a-5')).toMatchObject({ estimatedCost: { amount: '16' }, invoice: { id: april.id, status: 'DRAFT' } });
  });

  it('2. prices usage before an upgrade at the old price and after it at the new one (a downgrade likewise); a seats change does not split', async () => {
    await platform.setClock('2026-05-31T12:00:00Z');
    // "API calls", graduated: the first 100 calls, then the rest.
    //   v1 (standard):  0.10, then 0.05
    //   v2 (upgrade):   0.20, then 0.10
    //   v3 (downgrade): 0.05, then 0.01
    const { s, versions } = await apiCallsTenant(platform, {
      scale: [
        graduated(['100', '0.10'], [null, '0.05']),
        graduated(['100', '0.20'], [null, '0.10']),
        graduated(['100', '0.05'], [null, '0.01']),
      ],
    });
    const [v1, v2, v3] = versions.scale;
    await s.createCustomer('acme', 'calls');
    const subscription = await s.subscribe({ customer: 'acme', planVersion: v1, startAt: '2026-05-01T00:00:00Z', seats: 1 });
    const SEATS_AT = '2026-05-05T07:07:07.007Z';
    const UPGRADE_AT = '2026-05-10T09:17:23.456Z';
    const DOWNGRADE_AT = '2026-05-20T18:42:00.001Z';
    await s.change(subscription, SEATS_AT, { seats: 5 });
    await s.change(subscription, UPGRADE_AT, { planVersion: v2 });
    await s.change(subscription, DOWNGRADE_AT, { planVersion: v3 });

    await s.ingestAccepted([
      calls('acme', 'c-1', '2026-05-03T12:00:00Z', '60'),
      calls('acme', 'c-2', '2026-05-06T00:00:00Z', '60'), // after the seats change: same stretch
      calls('acme', 'c-3', '2026-05-10T09:17:23.455Z', '10'), // 1 ms before the upgrade
      calls('acme', 'c-4', UPGRADE_AT, '50'), // at the upgrade
      calls('acme', 'c-5', '2026-05-15T00:00:00Z', '100'),
      calls('acme', 'c-6', '2026-05-20T18:42:00.000Z', '1'), // 1 ms before the downgrade
      calls('acme', 'c-7', DOWNGRADE_AT, '3'), // at the downgrade
      calls('acme', 'c-8', '2026-05-25T00:00:00Z', '40'),
    ]);
    // Three stretches, tiers restarting in each:
    //   [May 1, upgrade)       v1: 60 + 60 + 10 = 130 calls: 100 × 0.10 + 30 × 0.05 = 10 + 1.5 = 11.5
    //   [upgrade, downgrade)   v2: 50 + 100 + 1 = 151 calls: 100 × 0.20 + 51 × 0.10 = 20 + 5.1 = 25.1
    //   [downgrade, June 1)    v3: 3 + 40 = 43 calls: 43 × 0.05 = 2.15
    // (Priced at the period's end price, v3, all 324 calls would be 100 × 0.05 + 224 × 0.01 = 7.24.)
    const MAY = '2026-05-01T00:00:00.000Z';
    const JUNE = '2026-06-01T00:00:00.000Z';
    const may = await s.invoiceWith({ customer: 'acme' }, MAY, [
      ['USAGE', `API calls (${MAY} – ${UPGRADE_AT})`, '11.5'],
      ['USAGE', `API calls (${UPGRADE_AT} – ${DOWNGRADE_AT})`, '25.1'],
      ['USAGE', `API calls (${DOWNGRADE_AT} – ${JUNE})`, '2.15'],
    ]);
    expect(may.lines.map((l) => [l.quantity, l.windowStart, l.windowEnd])).toEqual([
      ['130', MAY, UPGRADE_AT],
      ['151', UPGRADE_AT, DOWNGRADE_AT],
      ['43', DOWNGRADE_AT, JUNE],
    ]);
    expect(may.subtotal.amount).toBe('38.75'); // 11.5 + 25.1 + 2.15
  });

  it('3. bills each unit of usage on one subscription: an overlap is refused, back-to-back lives split at T, a named subscription wins', async () => {
    await platform.setClock('2026-06-20T00:00:00Z');
    // Both plans price the metric `calls`: basic at 1 a call, pro at 2.
    const { s, versions } = await apiCallsTenant(platform, { basic: [perUnit('1')], pro: [perUnit('2')] });
    await s.createCustomer('acme', 'calls');
    await s.createCustomer('globex', 'calls');
    const JUNE = '2026-06-01T00:00:00.000Z';
    const JULY = '2026-07-01T00:00:00.000Z';
    const T = '2026-06-15T12:34:56.789Z';
    const a = await s.subscribe({ customer: 'acme', planVersion: versions.basic[0], startAt: JUNE });

    // A second subscription pricing `calls` while A runs is refused: nothing could be billed twice.
    const refused = await s.trySubscribe({ customer: 'acme', planVersion: versions.pro[0], startAt: T, billingAnchor: JUNE });
    expect(refused.data?.createSubscription).toBeUndefined();
    expect(codeOf(refused.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planVersion' });
    expect(codeOf(refused.errors).message).toContain(`Subscription ${a} of this customer already prices metric 'calls' from ${T}`);

    // Back to back: A ends at T, B starts at T (anchored on June 1st, so both bill the June period).
    expect(await s.cancel(a, T)).toMatchObject({ endAt: T });
    const b = await s.subscribe({ customer: 'acme', planVersion: versions.pro[0], startAt: T, billingAnchor: JUNE });
    // A draft C pricing `calls` from June 25th may exist (drafts do not bill), but not be activated (B prices it).
    const c = await s.subscribe({ customer: 'acme', planVersion: versions.basic[0], startAt: '2026-06-25T00:00:00Z', draft: true });
    const activation = await s.client.send(`mutation ($id: ID!) { activateSubscription(subscription: $id) { id } }`, { id: c });
    expect(codeOf(activation.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subscription' });
    expect(codeOf(activation.errors).message).toContain(
      `Subscription ${b} of this customer already prices metric 'calls' from 2026-06-25T00:00:00.000Z`,
    );
    const g = await s.subscribe({ customer: 'globex', planVersion: versions.basic[0], startAt: JUNE });

    const results = await s.ingest([
      calls('acme', 'e-a1', '2026-06-15T12:34:56.788Z', '1'), // T − 1 ms, unnamed: A
      calls('acme', 'e-b1', T, '2'), // T, unnamed: B
      calls('acme', 'e-b2', '2026-06-18T00:00:00Z', '4', b), // names B: B
      calls('acme', 'e-a2', '2026-06-10T00:00:00Z', '16', a), // names A: A
      calls('acme', 'e-x', '2026-06-10T00:00:00Z', '8', b), // names B, but B had not started: billed nowhere, not on A
      calls('acme', 'e-unknown', '2026-06-10T00:00:00Z', '32', randomUUID()),
      calls('acme', 'e-other', '2026-06-18T00:00:00Z', '64', g), // globex's subscription
      calls('acme', 'e-draft', '2026-06-19T00:00:00Z', '128', c), // a draft
    ]);
    const statuses = () =>
      Promise.all(['e-a1', 'e-b1', 'e-b2', 'e-a2', 'e-x', 'e-unknown', 'e-other', 'e-draft'].map((r) => s.usageEvent(r)));
    const shown = (events: UsageEventDetails[]) => events.map((e) => [e.reference, e.status, e.unmatchedReason]);
    // Events naming B may wait a moment for metering to learn of B (then they are matched automatically).
    const events = await waitFor(async () => {
      const now = await statuses();
      return now.slice(0, 5).every((e) => e.status === 'MATCHED') && now;
    }, 'the events naming a known subscription to be matched').catch(async () => statuses());
    expect(shown(events)).toEqual([
      ['e-a1', 'MATCHED', null],
      ['e-b1', 'MATCHED', null],
      ['e-b2', 'MATCHED', null],
      ['e-a2', 'MATCHED', null],
      ['e-x', 'MATCHED', null],
      ['e-unknown', 'UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
      ['e-other', 'UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
      ['e-draft', 'UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
    ]);
    expect(results.slice(5).map((r) => [r.reference, r.status, r.reason])).toEqual([
      ['e-unknown', 'UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
      ['e-other', 'UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
      ['e-draft', 'UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
    ]);

    // A, [June 1, T): 1 + 16 = 17 calls × 1 = 17.   B, [T, July 1): 2 + 4 = 6 calls × 2 = 12.
    const onA = await s.invoiceWith({ subscription: a }, JUNE, [['USAGE', `API calls (${JUNE} – ${T})`, '17']]);
    const onB = await s.invoiceWith({ subscription: b }, JUNE, [['USAGE', `API calls (${T} – ${JULY})`, '12']]);
    expect(windowsOf(onA)).toEqual([[`API calls (${JUNE} – ${T})`, JUNE, T]]);
    expect(windowsOf(onB)).toEqual([[`API calls (${T} – ${JULY})`, T, JULY]]);
    // Nothing billed twice: acme's June invoices hold 17 + 6 = 23 calls of the 31 matched (e-x's 8 are nobody's).
    const june = (await s.invoices({ customer: 'acme' })).filter((i) => i.periodStart === JUNE);
    expect(june.map((i) => i.id).sort()).toEqual([onA.id, onB.id].sort());
    expect(june.flatMap((i) => i.lines.map((l) => l.quantity)).sort()).toEqual(['17', '6']);
    // Read again now that the drafts exist: an event links to the invoice that bills it.
    const byRef = Object.fromEntries((await statuses()).map((e) => [e.reference, e]));
    expect(byRef['e-a1'].invoice?.id).toBe(onA.id);
    expect(byRef['e-a2'].invoice?.id).toBe(onA.id);
    expect(byRef['e-b1'].invoice?.id).toBe(onB.id);
    expect(byRef['e-b2'].invoice?.id).toBe(onB.id);
    expect(byRef['e-x']).toMatchObject({ subscriptionId: b, estimatedCost: null, invoice: null });
    expect(byRef['e-b2']).toMatchObject({ subscriptionId: b, estimatedCost: { amount: '8' } });
  });

  it('4. prices PERCENTAGE on the real transactions: fixed fee, min/max, free transactions and free amount; a late earlier one shifts the free ones', async () => {
    await platform.setClock('2026-07-20T00:00:00Z');
    const s = await Scenario.open(platform);
    await s.createMeter({
      reference: 'payments',
      values: [{ reference: 'payment', type: 'AMOUNT', currency: 'EUR' }],
      metrics: [{ reference: 'volume', aggregation: 'SUM', valueReference: 'payment' }],
    });
    await s.createProduct('pay', [
      { reference: 'card-payments', name: 'Card payments', chargeType: 'USAGE', meterReference: 'payments', metricReference: 'volume' },
    ]);
    // 2 % + 0.30 a transaction, at least 0.50 and at most 5.00; the first 2 transactions free, and the first 100.00 of
    // amount (a transaction wholly inside what is left of it is free; one straddling it pays the rate on the excess).
    const [version] = await s.createPlan('payments', [
      {
        'card-payments': {
          model: 'PERCENTAGE',
          rate: '2',
          fixedFee: '0.30',
          minPerTransaction: '0.50',
          maxPerTransaction: '5',
          freeTransactions: '2',
          freeAmount: '100',
        },
      },
    ]);
    await s.createCustomer('acme', 'volume');
    await s.subscribe({ customer: 'acme', planVersion: version, startAt: '2026-07-01T00:00:00Z' });
    const pay = (reference: string, timestamp: string, amount: string): EventSpec => ({
      meter: 'payments',
      customer: 'acme',
      reference,
      timestamp,
      amounts: { payment: amount },
    });
    await s.ingestAccepted([
      pay('p-1', '2026-07-02T10:00:00Z', '30.00'),
      pay('p-2', '2026-07-03T10:00:00Z', '50.00'),
      pay('p-3', '2026-07-04T10:00:00Z', '15.00'),
      pay('p-4', '2026-07-05T10:00:00Z', '45.00'),
      pay('p-5', '2026-07-06T10:00:00Z', '5.00'),
      pay('p-6', '2026-07-07T10:00:00Z', '400.00'),
      pay('p-7', '2026-07-08T10:00:00Z', '123.45'),
    ]);
    // In timestamp order (cumulative amount before → after):
    //   p-1  30.00  1st transaction: free                                   0 → 30
    //   p-2  50.00  2nd transaction: free                                  30 → 80
    //   p-3  15.00  wholly inside the 20.00 left of the free amount: free   80 → 95
    //   p-4  45.00  5.00 free, 40.00 × 2 % = 0.80 + 0.30 = 1.10             95 → 140
    //   p-5   5.00  0.10 + 0.30 = 0.40, raised to the minimum 0.50
    //   p-6 400.00  8.00 + 0.30 = 8.30, capped at the maximum 5.00
    //   p-7 123.45  2.469 + 0.30 = 2.769
    // 1.10 + 0.50 + 5.00 + 2.769 = 9.369 → 9.37. Volume 30 + 50 + 15 + 45 + 5 + 400 + 123.45 = 668.45.
    // (Estimated from the total instead — 2 % × 668.45 + 0.30 × 7 = 15.469 — it would be 15.47.)
    const JULY = '2026-07-01T00:00:00Z';
    const before = await s.invoiceWith({ customer: 'acme' }, JULY, [['USAGE', 'Card payments', '9.37']]);
    expect(before.lines[0].quantity).toBe('668.45');

    // A late payment with an earlier timestamp becomes the 1st transaction; everything after it shifts:
    //   p-0  20.00  1st: free                                               0 → 20
    //   p-1  30.00  2nd: free                                              20 → 50
    //   p-2  50.00  wholly inside the 50.00 left of the free amount: free   50 → 100
    //   p-3  15.00  nothing free is left: 0.30 + 0.30 = 0.60
    //   p-4  45.00  0.90 + 0.30 = 1.20
    //   p-5   5.00  0.50 (minimum);  p-6 400.00  5.00 (maximum);  p-7 123.45  2.769
    // 0.60 + 1.20 + 0.50 + 5.00 + 2.769 = 10.069 → 10.07: one more free transaction, and the bill goes up by 0.70.
    await s.ingestAccepted([pay('p-0', '2026-07-01T12:00:00Z', '20.00')]);
    const after = await s.invoiceWith({ customer: 'acme' }, JULY, [['USAGE', 'Card payments', '10.07']]);
    expect(after.lines[0].quantity).toBe('688.45');
    // Each payment costs its own fee; the rounded line is allocated by largest remainder: p-7's 2.769 → 2.77
    // (0.60 + 1.20 + 0.50 + 5.00 + 2.77 = 10.07).
    const costs = (await s.usageEvents({ customerReference: 'acme', meterReference: 'payments' }))
      .map((e) => [e.reference, e.estimatedCost?.amount ?? null, e.invoice?.id ?? null])
      .sort();
    expect(costs).toEqual([
      ['p-0', '0', after.id],
      ['p-1', '0', after.id],
      ['p-2', '0', after.id],
      ['p-3', '0.6', after.id],
      ['p-4', '1.2', after.id],
      ['p-5', '0.5', after.id],
      ['p-6', '5', after.id],
      ['p-7', '2.77', after.id],
    ]);
  });

  it('5. a change backdated into an issued period goes on a CORRECTION with the exact difference (an upgrade; a cancellation)', async () => {
    await platform.setClock('2026-08-29T00:00:00Z');
    const s = await Scenario.open(platform);
    await s.createMeter(CALLS_METER);
    await s.createProduct('platform', [
      { reference: 'platform-fee', name: 'Platform fee', chargeType: 'RECURRING' },
      { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
    ]);
    // v1: 300 a month in advance; calls 0.01 up to 1000, then 0.005.  v2: 600; calls 0.02 up to 1000, then 0.015.
    const [v1, v2] = await s.createPlan(
      'scale',
      [
        { 'platform-fee': { model: 'FLAT', amount: '300' }, 'api-calls': graduated(['1000', '0.01'], [null, '0.005']) },
        { 'platform-fee': { model: 'FLAT', amount: '600' }, 'api-calls': graduated(['1000', '0.02'], [null, '0.015']) },
      ],
      ['platform-fee'],
    );
    await s.createCustomer('acme', 'calls');
    await s.createCustomer('globex', 'calls');
    const AUG = '2026-08-01T00:00:00.000Z';
    const SEP = '2026-09-01T00:00:00.000Z';
    // August has 31 days; from 12:00 on the 16th, 15.5 days are left: exactly half the period.
    const AT = '2026-08-16T12:00:00.000Z';
    const acme = await s.subscribe({ customer: 'acme', planVersion: v1, startAt: AUG });
    const globex = await s.subscribe({ customer: 'globex', planVersion: v1, startAt: AUG });
    await s.ingestAccepted([
      calls('acme', 'a-1', '2026-08-05T00:00:00Z', '800'),
      calls('acme', 'a-2', '2026-08-20T06:00:00Z', '700'),
      calls('acme', 'a-3', '2026-08-28T00:00:00Z', '500'),
      calls('globex', 'g-1', '2026-08-05T00:00:00Z', '800'),
      calls('globex', 'g-2', '2026-08-20T06:00:00Z', '700'),
    ]);
    // acme: 2000 calls on v1: 1000 × 0.01 + 1000 × 0.005 = 15.   globex: 1500 calls: 10 + 500 × 0.005 = 12.5.
    const acmeAugust = await s.invoiceWith({ customer: 'acme' }, AUG, [
      ['RECURRING', 'Platform fee (in advance)', '300'],
      ['USAGE', 'API calls', '15'],
    ]);
    const globexAugust = await s.invoiceWith({ customer: 'globex' }, AUG, [
      ['RECURRING', 'Platform fee (in advance)', '300'],
      ['USAGE', 'API calls', '12.5'],
    ]);
    await platform.setClock('2026-09-01T00:10:00Z');
    const acmeIssued = await s.issue(acmeAugust);
    const globexIssued = await s.issue(globexAugust);
    expect([acmeIssued.status, globexIssued.status]).toEqual(['ISSUED', 'ISSUED']);

    // ── acme upgrades to v2, backdated to the 16th at 12:00, after August was issued.
    await s.change(acme, AT, { planVersion: v2 });
    // August recomputed: platform fee 300, credit 300 × ½ = −150, charge 600 × ½ = 300;
    //   calls [Aug 1, AT) on v1: 800 → 8;  [AT, Sep 1) on v2: 700 + 500 = 1200 → 1000 × 0.02 + 200 × 0.015 = 23.
    // Already issued: fee 300, calls 15 over the whole period. A correction corrects per kind, item and usage stretch, so
    // a reader sees what each stretch now bills: +8 for [Aug 1, AT) on v1, +23 for [AT, Sep 1) on v2, and −15 for the
    // whole-period line issued before the change. Difference: −150, +300, +8 + 23 − 15 = +16. Total 166.
    const label = `Correction for ${AUG} – ${SEP}`;
    const acmeCorrection = await s.invoiceWith(
      { customer: 'acme' },
      AUG,
      [
        ['PRORATION_CREDIT', `${label}: Platform fee: unused time from ${AT}`, '-150'],
        ['PRORATION_CHARGE', `${label}: Platform fee: remaining time from ${AT}`, '300'],
        ['USAGE', `${label}: API calls (${AUG} – ${AT})`, '8'],
        ['USAGE', `${label}: API calls (${AT} – ${SEP})`, '23'],
        ['USAGE', `${label}: API calls`, '-15'],
      ],
      'CORRECTION',
    );
    expect(acmeCorrection).toMatchObject({ status: 'DRAFT', periodEnd: SEP, subtotal: { amount: '166' } });
    expect(await s.invoice(acmeIssued.id)).toEqual(acmeIssued);
    // September on v2: 600 in advance, no calls yet.
    await s.invoiceWith({ customer: 'acme' }, SEP, [
      ['RECURRING', 'Platform fee (in advance)', '600'],
      ['USAGE', 'API calls', '0'],
    ]);

    // ── globex is canceled, backdated to the same instant.
    expect(await s.cancel(globex, AT)).toMatchObject({ endAt: AT });
    // August recomputed: fee 300, credit for the unused half −150; calls [Aug 1, AT): 800 → 8.
    // Already issued: fee 300, calls 12.5 over the whole period (g-2, after the end, is no longer billed). Difference:
    // −150; +8 for the stretch [Aug 1, AT) and −12.5 for the whole-period line: −4.5.
    const globexCorrection = await s.invoiceWith(
      { customer: 'globex' },
      AUG,
      [
        ['PRORATION_CREDIT', `${label}: Platform fee: unused time after the end ${AT}`, '-150'],
        ['USAGE', `${label}: API calls (${AUG} – ${AT})`, '8'],
        ['USAGE', `${label}: API calls`, '-12.5'],
      ],
      'CORRECTION',
    );
    expect(globexCorrection.subtotal.amount).toBe('-154.5');
    expect(await s.invoice(globexIssued.id)).toEqual(globexIssued);
  });

  it('6. event costs add up to the line (graduated SUM and COUNT), and each event names the invoice that bills it', async () => {
    await platform.setClock('2026-10-31T12:00:00Z');
    const s = await Scenario.open(platform);
    await s.createMeter(CALLS_METER);
    await s.createMeter({
      reference: 'logins',
      values: [{ reference: 'n', type: 'NUMBER' }],
      metrics: [{ reference: 'logins', aggregation: 'COUNT' }],
    });
    await s.createProduct('platform', [
      { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
      { reference: 'logins', name: 'Logins', chargeType: 'USAGE', meterReference: 'logins', metricReference: 'logins' },
    ]);
    const [version] = await s.createPlan('usage', [
      {
        'api-calls': graduated(['100', '0.0333'], ['1000', '0.0117'], [null, '0.00777']),
        logins: perUnit('0.0149'),
      },
    ]);
    await s.createCustomer('acme', 'calls');
    await s.subscribe({ customer: 'acme', planVersion: version, startAt: '2026-10-01T00:00:00Z' });
    const callValues = ['37', '41', '59', '113', '250', '503', '7'];
    const days = ['02', '05', '08', '12', '19', '23', '30'];
    const login = (reference: string, day: string): EventSpec => ({
      meter: 'logins',
      customer: 'acme',
      reference,
      timestamp: `2026-10-${day}T09:00:00Z`,
      numbers: { n: '1' },
    });
    await s.ingestAccepted([
      ...callValues.map((n, i) => calls('acme', `k-${i + 1}`, `2026-10-${days[i]}T08:00:00Z`, n)),
      ...days.map((day, i) => login(`l-${i + 1}`, day)),
    ]);
    // Calls 1010: 100 × 0.0333 + 900 × 0.0117 + 10 × 0.00777 = 3.33 + 10.53 + 0.0777 = 13.9377 → 13.94.
    // Logins 7 × 0.0149 = 0.1043 → 0.10.
    const OCT = '2026-10-01T00:00:00.000Z';
    const draft = await s.invoiceWith({ customer: 'acme' }, OCT, [
      ['USAGE', 'API calls', '13.94'],
      ['USAGE', 'Logins', '0.1'],
    ]);
    const costsOf = async (meterReference: string) =>
      (await s.usageEvents({ customerReference: 'acme', meterReference })).sort((x, y) => x.reference.localeCompare(y.reference));
    const amounts = (events: UsageEventDetails[]) => events.map((e) => e.estimatedCost?.amount ?? 'none');
    // Calls by value: 13.9377 × v / 1010 each, floored to the cent (0.51 0.56 0.81 1.55 3.44 6.94 0.09 = 13.90), the 4
    // cents left to the largest remainders (k-5 0.0099, k-4 0.0094, k-7 0.0066, k-2 0.0058).
    let callCosts = await costsOf('api');
    expect(amounts(callCosts)).toEqual(['0.51', '0.57', '0.81', '1.56', '3.45', '6.94', '0.1']);
    expect(sumCents(amounts(callCosts))).toBe('13.94');
    // Logins one unit each: 0.0149 → 0.01 each (0.07), the 3 cents left to three of the equal remainders.
    let loginCosts = await costsOf('logins');
    expect(amounts(loginCosts).sort()).toEqual(['0.01', '0.01', '0.01', '0.01', '0.02', '0.02', '0.02']);
    expect(sumCents(amounts(loginCosts))).toBe('0.1');
    expect(new Set([...callCosts, ...loginCosts].map((e) => `${e.invoice?.id} ${e.invoice?.status}`))).toEqual(
      new Set([`${draft.id} DRAFT`]),
    );

    // ── Issued; then a late call event and a late login (both stamped October 15th) go on October's correction.
    await platform.setClock('2026-11-01T00:10:00Z');
    const issued = await s.issue(draft);
    await s.ingestAccepted([calls('acme', 'k-8', '2026-10-15T08:00:00Z', '91'), login('l-8', '15')]);
    // Calls 1101: 3.33 + 10.53 + 101 × 0.00777 = 0.78477 → 14.64477 → 14.64; billed 13.94 → +0.70.
    // Logins 8 × 0.0149 = 0.1192 → 0.12; billed 0.10 → +0.02.
    const label = `Correction for ${OCT} – 2026-11-01T00:00:00.000Z`;
    const correction = await s.invoiceWith(
      { customer: 'acme' },
      OCT,
      [
        ['USAGE', `${label}: API calls`, '0.7'],
        ['USAGE', `${label}: Logins`, '0.02'],
      ],
      'CORRECTION',
    );
    // The costs are shares of the period's recomputed lines, 14.64 and 0.12 = what the issued invoice and its correction
    // bill together. Calls: 14.64477 × v / 1101, floored (0.49 0.54 0.78 1.50 3.32 6.69 0.09, k-8 1.21 = 14.62), the 2
    // cents left to k-2 (0.0054) and k-5 (0.0053).
    callCosts = await costsOf('api');
    expect(amounts(callCosts)).toEqual(['0.49', '0.55', '0.78', '1.5', '3.33', '6.69', '0.09', '1.21']);
    expect(sumCents(amounts(callCosts))).toBe(sumCents([issued.lines[0].amount.amount, correction.lines[0].amount.amount]));
    expect(sumCents(amounts(callCosts))).toBe('14.64');
    loginCosts = await costsOf('logins');
    expect(amounts(loginCosts).sort()).toEqual(['0.01', '0.01', '0.01', '0.01', '0.02', '0.02', '0.02', '0.02']);
    expect(sumCents(amounts(loginCosts))).toBe('0.12');
    // The events that were on the draft are on the issued invoice; the late ones on the correction.
    const invoiceOf = (events: UsageEventDetails[]) => events.map((e) => [e.reference, e.invoice?.id, e.invoice?.kind]);
    expect(invoiceOf([...callCosts, ...loginCosts])).toEqual([
      ...callCosts.map((e) => [e.reference, ...(e.reference === 'k-8' ? [correction.id, 'CORRECTION'] : [issued.id, 'SUBSCRIPTION'])]),
      ...loginCosts.map((e) => [e.reference, ...(e.reference === 'l-8' ? [correction.id, 'CORRECTION'] : [issued.id, 'SUBSCRIPTION'])]),
    ]);
  });
});
