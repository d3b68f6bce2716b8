import { waitFor } from '@meterline/kit/testing';
import {
  ACTIVATE_METER,
  CREATE_CUSTOMER,
  CREATE_METER,
  gatewayClient,
  INGEST,
  newTenant,
  startPlatform,
  type GatewayClient,
} from './testkit';

/**
 * Issue 6 end to end, through the gateway only, on the test clock. The subscription starts on 2026-04-01T00:00:00Z:
 * April has 30 days (2,592,000 s), so a change at 00:00 of day d leaves (31 − d)/30 of the period, and every proration
 * below is a whole number of days over 30. One hour of grace after a period's end before its draft is issued.
 */
const GRACE_MS = 3_600_000;
const APRIL = { start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z' };
const MAY = { start: '2026-05-01T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' };
const SEATS_CHANGE_AT = '2026-04-11T00:00:00.000Z'; // 20 of 30 days left: 2/3 of the period
const UPGRADE_AT = '2026-04-21T00:00:00.000Z'; // 10 of 30 days left: 1/3 of the period
/** Drafts follow usage and changes within seconds (the refresher is woken by each usage message and polls every 100 ms). */
const FOLLOWS_WITHIN_MS = 10_000;

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const codeOf = (errors: Errors) => ({ code: errors?.[0]?.extensions?.code, field: errors?.[0]?.extensions?.field });

interface Line {
  id: string;
  kind: string;
  description: string;
  quantity: string | null;
  amount: { amount: string; currency: string };
  credited: { amount: string };
}
interface Invoice {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  dueAt: string | null;
  issuesAt: string | null;
  issuedAt: string | null;
  paidAt: string | null;
  voidReason: string | null;
  taxRate: string | null;
  lines: Line[];
  subtotal: { amount: string };
  tax: { amount: string };
  total: { amount: string };
  deductions: { amount: string };
  amountDue: { amount: string };
  credited: { amount: string };
}

const INVOICE = `id number kind status periodStart periodEnd dueAt issuesAt issuedAt paidAt voidReason taxRate
  lines { id kind description quantity amount { amount currency } credited { amount } }
  subtotal { amount } tax { amount } total { amount } deductions { amount } amountDue { amount } credited { amount }`;
const INVOICES = `query ($customer: ID!, $status: InvoiceStatus, $kind: InvoiceKind) {
  invoices(customer: $customer, status: $status, kind: $kind, first: 100) { totalCount edges { node { ${INVOICE} } } }
}`;
const INVOICE_BY_ID = `query ($id: ID!) { invoice(id: $id) { ${INVOICE} } }`;
const SET_PRICE = `mutation ($input: SetPriceInput!) { setPrice(input: $input) { id } }`;
const VERSION_STATUS = `mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`;
const CREATE_SUBSCRIPTION = `mutation ($input: CreateSubscriptionInput!) { createSubscription(input: $input) { id status } }`;
const CHANGE = `mutation ($input: ChangeSubscriptionInput!) { changeSubscription(input: $input) { id phases { startsAt seats } } }`;
const CREDIT_NOTE = `mutation ($input: CreateCreditNoteInput!) {
  createCreditNote(input: $input) {
    number reason lines { invoiceLineId description amount { amount currency } } subtotal { amount } tax { amount } total { amount }
    invoice { number credited { amount } }
  }
}`;

/** [kind, description, amount]: what the assertions compare (descriptions are the calculation's, ISO instants in UTC). */
type Expected = [kind: string, description: string, amount: string];
const linesOf = (invoice: Invoice): Expected[] => invoice.lines.map((l) => [l.kind, l.description, l.amount.amount]);
const totalsOf = (invoice: Invoice) => ({
  subtotal: invoice.subtotal.amount,
  tax: invoice.tax.amount,
  total: invoice.total.amount,
  deductions: invoice.deductions.amount,
  amountDue: invoice.amountDue.amount,
});

// v1 and v2 ("the upgrade") of the plan: same items, higher prices in v2. All EUR, monthly, recurring ones in advance.
const PRICES = {
  v1: {
    'platform-fee': { model: 'FLAT', amount: '300' },
    seats: { model: 'PER_UNIT', unitPrice: '25' },
    'api-calls': {
      model: 'GRADUATED',
      tiers: [
        { upTo: '1000', unitPrice: '0.01' },
        { upTo: null, unitPrice: '0.005' },
      ],
    },
    payments: { model: 'PERCENTAGE', rate: '2', fixedFee: '0.25' },
  },
  v2: {
    'platform-fee': { model: 'FLAT', amount: '600' },
    seats: { model: 'PER_UNIT', unitPrice: '40' },
    'api-calls': {
      model: 'GRADUATED',
      tiers: [
        { upTo: '1000', unitPrice: '0.02' },
        { upTo: null, unitPrice: '0.015' },
      ],
    },
    payments: { model: 'PERCENTAGE', rate: '2.5', fixedFee: '0.30' },
  },
} as const;
const RECURRING_ITEMS = new Set(['platform-fee', 'seats']);

/** The meter `api` (API calls and card payments), product `platform` with four items, and the plan's versions v1, v2. */
async function catalogue(client: GatewayClient): Promise<{ v1: string; v2: string }> {
  await client.expectData(CREATE_METER, {
    input: {
      reference: 'api',
      name: 'API and payments',
      values: [
        { reference: 'calls', type: 'NUMBER' },
        { reference: 'payment', type: 'AMOUNT', currency: 'EUR' },
      ],
      metrics: [
        { reference: 'api_calls_total', aggregation: 'SUM', valueReference: 'calls' },
        { reference: 'payment_volume', aggregation: 'SUM', valueReference: 'payment' },
      ],
    },
  });
  await client.expectData(ACTIVATE_METER, { meter: 'api' });

  await client.expectData(`mutation { createProduct(input: { reference: "platform", name: "Platform" }) { id } }`);
  const items = [
    { reference: 'platform-fee', name: 'Platform fee', chargeType: 'RECURRING' },
    { reference: 'seats', name: 'Seats', chargeType: 'SEAT' },
    { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'api_calls_total' },
    { reference: 'payments', name: 'Card payments', chargeType: 'USAGE', meterReference: 'api', metricReference: 'payment_volume' },
  ];
  for (const item of items) {
    await client.expectData(`mutation ($input: CreateProductItemInput!) { createProductItem(input: $input) { id } }`, {
      input: { product: 'platform', ...item },
    });
  }
  await client.expectData(`mutation { changeProductStatus(product: "platform", action: ACTIVATE) { status } }`);

  const { createPricingPlan } = await client.expectData<{ createPricingPlan: { versions: Array<{ id: string }> } }>(
    `mutation { createPricingPlan(input: { reference: "scale", name: "Scale", currency: "EUR", billingPeriod: MONTH }) { versions { id } } }`,
  );
  const setPrices = async (planVersion: string, prices: Record<string, unknown>) => {
    for (const [productItem, price] of Object.entries(prices)) {
      await client.expectData(SET_PRICE, {
        input: { planVersion, productItem, price, ...(RECURRING_ITEMS.has(productItem) ? { recurringTiming: 'IN_ADVANCE' } : {}) },
      });
    }
  };
  const v1 = createPricingPlan.versions[0].id;
  await setPrices(v1, PRICES.v1);
  await client.expectData(VERSION_STATUS, { v: v1 });
  const { createPlanVersion } = await client.expectData<{ createPlanVersion: { id: string } }>(
    `mutation { createPlanVersion(plan: "scale") { id } }`,
  );
  const v2 = createPlanVersion.id;
  await setPrices(v2, PRICES.v2);
  await client.expectData(VERSION_STATUS, { v: v2 });
  return { v1, v2 };
}

const apiCalls = (reference: string, calls: string, timestamp: string) => ({
  meterReference: 'api',
  customerReference: 'acme',
  reference,
  timestamp,
  meterValues: [{ reference: 'calls', number: calls }],
});
const payment = (reference: string, amount: string, timestamp: string) => ({
  meterReference: 'api',
  customerReference: 'acme',
  reference,
  timestamp,
  meterValues: [{ reference: 'payment', amount: { currency: 'EUR', quantity: amount } }],
});

describe('invoicing end to end, through the gateway on the test clock', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let client: GatewayClient;
  /** What the billing scenario issued, for the federation checks after it. */
  let billed: { aprilId: string; subscriptionId: string } | undefined;
  beforeAll(async () => {
    // A database of its own: stacks of other test files run on the real clock and would issue this test's drafts.
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      // Payment terms longer than the two months the scenario spans: due dates and OVERDUE are payments.test.ts's story.
      serviceEnv: {
        invoicing: { INVOICE_GRACE_PERIOD_MS: String(GRACE_MS), INVOICE_ISSUE_INTERVAL_MS: '200', INVOICE_PAYMENT_TERMS_DAYS: '90' },
      },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('keeps the draft current with usage, seat changes and an upgrade, issues INV-000001 to the cent, corrects late usage on the next invoice, credits, pays and voids', async () => {
    await platform.setClock('2026-04-01T06:00:00Z');
    const { apiKey } = await newTenant(platform.databaseUrl);
    client = gatewayClient(platform.gatewayUrl, apiKey);
    const { v1, v2 } = await catalogue(client);
    const { createCustomer } = await client.expectData<{ createCustomer: { id: string } }>(CREATE_CUSTOMER, {
      input: { reference: 'acme', name: 'Acme', currency: 'EUR', taxRate: '19' },
    });
    const customer = createCustomer.id;

    // The plan version reaches subscriptions through NATS: retry until it has arrived.
    const subscription = await waitFor(async () => {
      const response = await client.send<{ createSubscription: { id: string; status: string } }>(CREATE_SUBSCRIPTION, {
        input: { customer: 'acme', planVersion: v1, startAt: APRIL.start, seats: 5 },
      });
      return response.data?.createSubscription;
    }, 'the active plan version to reach subscriptions');
    expect(subscription.status).toBe('ACTIVE');

    const invoices = async (filter: { status?: string; kind?: string } = {}) =>
      (await client.expectData<{ invoices: { edges: Array<{ node: Invoice }> } }>(INVOICES, { customer, ...filter })).invoices.edges.map(
        (e) => e.node,
      );
    const invoiceById = async (id: string) => (await client.expectData<{ invoice: Invoice }>(INVOICE_BY_ID, { id })).invoice;
    /** Polls until `find` returns an invoice whose lines are `lines`; on timeout, says what it saw last. */
    const invoiceWith = async (find: () => Promise<Invoice | undefined | null>, lines: Expected[], what: string): Promise<Invoice> => {
      let seen: unknown = 'nothing';
      try {
        return await waitFor(
          async () => {
            const invoice = await find();
            seen = invoice ? linesOf(invoice) : invoice;
            return invoice && JSON.stringify(linesOf(invoice)) === JSON.stringify(lines) ? invoice : undefined;
          },
          what,
          FOLLOWS_WITHIN_MS,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}; expected ${JSON.stringify(lines)}, last seen ${JSON.stringify(seen)}`);
      }
    };
    const draftOf = (periodStart: string) => async () =>
      (await invoices({ status: 'DRAFT', kind: 'SUBSCRIPTION' })).find((i) => i.periodStart === periodStart);
    const aprilDraft = draftOf(APRIL.start);

    // ── 1. The April draft exists from the period's start: 5 seats on v1, no usage yet.
    // Platform fee 300 in advance; seats 5 × 25 = 125 in advance; graduated usage of 0 (no first-tier flat fee) = 0;
    // no payments = 0. Subtotal 425; tax 19 % × 425 = 80.75; total 505.75.
    const opened = await invoiceWith(
      aprilDraft,
      [
        ['RECURRING', 'Platform fee (in advance)', '300'],
        ['SEAT', 'Seats (in advance)', '125'],
        ['USAGE', 'API calls', '0'],
        ['USAGE', 'Card payments', '0'],
      ],
      'the April draft to open',
    );
    expect(opened).toMatchObject({ kind: 'SUBSCRIPTION', status: 'DRAFT', number: null, periodStart: APRIL.start, periodEnd: APRIL.end });
    expect(opened).toMatchObject({ issuesAt: '2026-05-01T01:00:00.000Z', dueAt: null }); // period end + one hour of grace
    expect(opened.taxRate).toBe('19');
    expect(totalsOf(opened)).toEqual({ subtotal: '425', tax: '80.75', total: '505.75', deductions: '0', amountDue: '505.75' });

    // ── 2. Usage on April 3 (GraphQL). Metering learns of the customer through NATS: wait for it, or the events would
    // be stored as unmatched.
    await platform.setClock('2026-04-03T12:00:00Z');
    await waitFor(
      () =>
        client.expectData(`{ usage(customer: "acme", metric: "api_calls_total", from: "${APRIL.start}", to: "${APRIL.end}") { value } }`),
      'metering to know the customer',
    );
    const first = await client.expectData<{ ingestUsageEvents: { results: Array<{ status: string }> } }>(INGEST, {
      events: [apiCalls('calls-1', '1000', '2026-04-03T10:00:00Z'), payment('pay-1', '120.00', '2026-04-03T11:00:00+02:00')],
    });
    expect(first.ingestUsageEvents.results.map((r) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    // Still on v1: API calls 1000 × 0.01 = 10; payments 2 % × 120 = 2.40, + 1 × 0.25 = 2.65.
    await invoiceWith(
      aprilDraft,
      [
        ['RECURRING', 'Platform fee (in advance)', '300'],
        ['SEAT', 'Seats (in advance)', '125'],
        ['USAGE', 'API calls', '10'],
        ['USAGE', 'Card payments', '2.65'],
      ],
      'the draft to bill the first usage',
    );

    // ── 3. Seats 5 → 8 on April 11 00:00: 20 of 30 days left.
    // Credit 125 × 20/30 = 83.333… → −83.33; charge 8 × 25 = 200 × 20/30 = 133.333… → 133.33 (each rounded before netting).
    await platform.setClock(SEATS_CHANGE_AT);
    await client.expectData(CHANGE, { input: { subscription: subscription.id, effective: 'AT', at: SEATS_CHANGE_AT, seats: 8 } });
    await invoiceWith(
      aprilDraft,
      [
        ['RECURRING', 'Platform fee (in advance)', '300'],
        ['SEAT', 'Seats (in advance)', '125'],
        ['PRORATION_CREDIT', `Seats: unused time from ${SEATS_CHANGE_AT}`, '-83.33'],
        ['PRORATION_CHARGE', `Seats: remaining time from ${SEATS_CHANGE_AT}`, '133.33'],
        ['USAGE', 'API calls', '10'],
        ['USAGE', 'Card payments', '2.65'],
      ],
      'the draft to prorate the seat change',
    );

    // ── 4. More usage on April 15 through the REST door (the seed's JSON shape), with a late payment stamped in the
    // period's first hour, before everything sent so far.
    await platform.setClock('2026-04-15T12:00:00Z');
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const seedShape = (e: ReturnType<typeof apiCalls> | ReturnType<typeof payment>) => ({
      meter_reference: e.meterReference,
      customer_reference: e.customerReference,
      reference: e.reference,
      timestamp: e.timestamp,
      meter_values: e.meterValues,
    });
    const rest = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        [
          apiCalls('calls-2', '1200', '2026-04-14T08:00:00Z'),
          payment('pay-2', '80.50', '2026-04-14T09:00:00Z'),
          payment('pay-3', '1000.00', '2026-04-15T10:00:00Z'),
          payment('pay-0', '33.33', '2026-04-01T00:30:00Z'), // late: earlier than every event already sent
        ].map(seedShape),
      ),
    });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
      'ACCEPTED',
      'ACCEPTED',
    ]);
    // API calls 2200 on v1: 1000 × 0.01 + 1200 × 0.005 = 10 + 6 = 16.
    // Payments 120 + 80.50 + 1000 + 33.33 = 1233.83 in 4 transactions: 2 % = 24.6766, + 4 × 0.25 = 25.6766 → 25.68.
    await invoiceWith(
      aprilDraft,
      [
        ['RECURRING', 'Platform fee (in advance)', '300'],
        ['SEAT', 'Seats (in advance)', '125'],
        ['PRORATION_CREDIT', `Seats: unused time from ${SEATS_CHANGE_AT}`, '-83.33'],
        ['PRORATION_CHARGE', `Seats: remaining time from ${SEATS_CHANGE_AT}`, '133.33'],
        ['USAGE', 'API calls', '16'],
        ['USAGE', 'Card payments', '25.68'],
      ],
      'the draft to bill the REST and late usage',
    );

    // ── 5. Upgrade to v2 on April 21 00:00: 10 of 30 days left. Usage is priced by the phase in which it happened: what
    // came before the upgrade stays on v1, on a line of its own stretch; v2's stretch starts at zero (tiers restart).
    await platform.setClock(UPGRADE_AT);
    await client.expectData(CHANGE, { input: { subscription: subscription.id, effective: 'AT', at: UPGRADE_AT, planVersion: v2 } });
    // Platform fee: credit 300 × 10/30 = −100, charge 600 × 10/30 = 200.
    // Seats: credit 200 × 10/30 = 66.666… → −66.67; charge 8 × 40 = 320 × 10/30 = 106.666… → 106.67.
    // API calls and payments before the upgrade: 16 and 25.68 on v1, as before; after it, none yet on v2: 0 and 0.
    const callsBefore = `API calls (${APRIL.start} – ${UPGRADE_AT})`;
    const callsAfter = `API calls (${UPGRADE_AT} – ${APRIL.end})`;
    const paymentsBefore = `Card payments (${APRIL.start} – ${UPGRADE_AT})`;
    const paymentsAfter = `Card payments (${UPGRADE_AT} – ${APRIL.end})`;
    await invoiceWith(
      aprilDraft,
      [
        ['RECURRING', 'Platform fee (in advance)', '300'],
        ['PRORATION_CREDIT', `Platform fee: unused time from ${UPGRADE_AT}`, '-100'],
        ['PRORATION_CHARGE', `Platform fee: remaining time from ${UPGRADE_AT}`, '200'],
        ['SEAT', 'Seats (in advance)', '125'],
        ['PRORATION_CREDIT', `Seats: unused time from ${SEATS_CHANGE_AT}`, '-83.33'],
        ['PRORATION_CHARGE', `Seats: remaining time from ${SEATS_CHANGE_AT}`, '133.33'],
        ['PRORATION_CREDIT', `Seats: unused time from ${UPGRADE_AT}`, '-66.67'],
        ['PRORATION_CHARGE', `Seats: remaining time from ${UPGRADE_AT}`, '106.67'],
        ['USAGE', callsBefore, '16'],
        ['USAGE', callsAfter, '0'],
        ['USAGE', paymentsBefore, '25.68'],
        ['USAGE', paymentsAfter, '0'],
      ],
      'the draft to bill the upgrade',
    );

    // ── 6. The period has ended but the grace hour runs: a late event stamped 23:15 on April 30 still lands on the draft.
    await platform.setClock('2026-05-01T00:30:00Z');
    await client.expectData(INGEST, { events: [apiCalls('calls-3', '143', '2026-04-30T23:15:00Z')] });
    // It happened after the upgrade: 143 calls on v2, 143 × 0.02 = 2.86.
    const APRIL_LINES: Expected[] = [
      ['RECURRING', 'Platform fee (in advance)', '300'],
      ['PRORATION_CREDIT', `Platform fee: unused time from ${UPGRADE_AT}`, '-100'],
      ['PRORATION_CHARGE', `Platform fee: remaining time from ${UPGRADE_AT}`, '200'],
      ['SEAT', 'Seats (in advance)', '125'],
      ['PRORATION_CREDIT', `Seats: unused time from ${SEATS_CHANGE_AT}`, '-83.33'],
      ['PRORATION_CHARGE', `Seats: remaining time from ${SEATS_CHANGE_AT}`, '133.33'],
      ['PRORATION_CREDIT', `Seats: unused time from ${UPGRADE_AT}`, '-66.67'],
      ['PRORATION_CHARGE', `Seats: remaining time from ${UPGRADE_AT}`, '106.67'],
      ['USAGE', callsBefore, '16'],
      ['USAGE', callsAfter, '2.86'],
      ['USAGE', paymentsBefore, '25.68'],
      ['USAGE', paymentsAfter, '0'],
    ];
    const inGrace = await invoiceWith(aprilDraft, APRIL_LINES, 'the late event in the grace period to reach the draft');
    expect(inGrace.status).toBe('DRAFT');
    // The May period has opened: its draft exists from its start.
    const mayDraft = await waitFor(draftOf(MAY.start), 'the May draft to open');
    expect(mayDraft.issuesAt).toBe('2026-06-01T01:00:00.000Z');

    // ── 7. Past the end plus the grace hour: issued, numbered INV-000001, immutable.
    await platform.setClock('2026-05-01T01:00:01Z');
    const april = await waitFor(async () => {
      const invoice = await invoiceById(inGrace.id);
      return invoice.status === 'ISSUED' && invoice;
    }, 'the April invoice to be issued');
    expect(april).toMatchObject({ number: 'INV-000001', kind: 'SUBSCRIPTION', periodStart: APRIL.start });
    expect(Date.parse(april.dueAt!) - Date.parse(april.issuedAt!)).toBe(90 * 86_400_000); // payment due after the terms
    expect(linesOf(april)).toEqual(APRIL_LINES);
    expect(april.lines.map((l) => [l.kind, l.quantity])).toEqual([
      ['RECURRING', null],
      ['PRORATION_CREDIT', null],
      ['PRORATION_CHARGE', null],
      ['SEAT', '5'],
      ['PRORATION_CREDIT', null],
      ['PRORATION_CHARGE', '8'],
      ['PRORATION_CREDIT', null],
      ['PRORATION_CHARGE', '8'],
      ['USAGE', '2200'],
      ['USAGE', '143'],
      ['USAGE', '1233.83'],
      ['USAGE', '0'],
    ]);
    // Subtotal = sum of the rounded lines:
    //   platform fee 300 − 100 + 200 = 400
    //   seats 125 − 83.33 + 133.33 − 66.67 + 106.67 = 215
    //   usage 16 + 2.86 + 25.68 + 0 = 44.54
    //   400 + 215 + 44.54 = 659.54
    // Tax 19 % × 659.54 = 125.3126 → 125.31 (rounded once, on the subtotal). Total 659.54 + 125.31 = 784.85; nothing withheld.
    expect(totalsOf(april)).toEqual({ subtotal: '659.54', tax: '125.31', total: '784.85', deductions: '0', amountDue: '784.85' });
    expect(april.lines.every((l) => l.amount.currency === 'EUR')).toBe(true);

    // ── 8. A late event after issue (stamped April 20): INV-000001 does not change; a CORRECTION draft carries the difference.
    await client.expectData(INGEST, { events: [apiCalls('calls-4', '57', '2026-04-20T12:00:00Z')] });
    // Before the upgrade: 2257 calls on v1, 1000 × 0.01 + 1257 × 0.005 = 16.285 → 16.29; already billed 16 → 0.29.
    // Tax 19 % × 0.29 = 0.0551 → 0.06; total 0.35.
    const correction = await invoiceWith(
      async () => (await invoices({ kind: 'CORRECTION' })).find((i) => i.periodStart === APRIL.start),
      [['USAGE', `Correction for ${APRIL.start} – ${APRIL.end}: ${callsBefore}`, '0.29']],
      'a correction of April',
    );
    expect(correction).toMatchObject({ status: 'DRAFT', number: null, periodStart: APRIL.start, periodEnd: APRIL.end });
    expect(correction.lines[0].quantity).toBe('57');
    expect(totalsOf(correction)).toEqual({ subtotal: '0.29', tax: '0.06', total: '0.35', deductions: '0', amountDue: '0.35' });
    // It goes out with the next invoice: at the end of May plus the grace hour.
    expect(correction.issuesAt).toBe('2026-06-01T01:00:00.000Z');
    expect(await invoiceById(april.id)).toEqual(april);

    // ── 9. Past the end of May plus grace: the correction and the May invoice are issued together, numbers gapless
    // (the correction's period comes first).
    // May on v2 with 8 seats, no usage: platform fee 600; seats 8 × 40 = 320; usage 0 and 0. Subtotal 920;
    // tax 19 % × 920 = 174.80; total 1094.80.
    await platform.setClock('2026-06-01T01:00:01Z');
    const issuedCorrection = await waitFor(async () => {
      const invoice = await invoiceById(correction.id);
      return invoice.status === 'ISSUED' && invoice;
    }, 'the correction to be issued');
    const may = await waitFor(async () => {
      const invoice = await invoiceById(mayDraft.id);
      return invoice.status === 'ISSUED' && invoice;
    }, 'the May invoice to be issued');
    expect(issuedCorrection).toMatchObject({ number: 'INV-000002', kind: 'CORRECTION' });
    expect(linesOf(issuedCorrection)).toEqual(linesOf(correction));
    expect(may).toMatchObject({ number: 'INV-000003', kind: 'SUBSCRIPTION', periodStart: MAY.start, periodEnd: MAY.end });
    expect(linesOf(may)).toEqual([
      ['RECURRING', 'Platform fee (in advance)', '600'],
      ['SEAT', 'Seats (in advance)', '320'],
      ['USAGE', 'API calls', '0'],
      ['USAGE', 'Card payments', '0'],
    ]);
    expect(totalsOf(may)).toEqual({ subtotal: '920', tax: '174.8', total: '1094.8', deductions: '0', amountDue: '1094.8' });
    expect(await invoiceById(april.id)).toEqual(april);

    // ── 10. A credit note for part of INV-000001's platform fee line, then over-crediting refused.
    const feeLine = april.lines[0];
    const note = await client.expectData<{
      createCreditNote: {
        number: string;
        lines: Array<{ invoiceLineId: string; amount: { amount: string } }>;
        subtotal: { amount: string };
        tax: { amount: string };
        total: { amount: string };
        invoice: { number: string; credited: { amount: string } };
      };
    }>(CREDIT_NOTE, { input: { invoice: april.id, reason: 'Goodwill', lines: [{ invoiceLine: feeLine.id, amount: '50' }] } });
    // 50 credited; tax 19 % × 50 = 9.50; total 59.50.
    expect(note.createCreditNote).toMatchObject({
      number: 'CN-000001',
      lines: [{ invoiceLineId: feeLine.id, amount: { amount: '50' } }],
      subtotal: { amount: '50' },
      tax: { amount: '9.5' },
      total: { amount: '59.5' },
      invoice: { number: 'INV-000001', credited: { amount: '59.5' } },
    });
    // 300 − 50 = 250 is left on the line: 250.01 is too much.
    const over = await client.send(CREDIT_NOTE, {
      input: { invoice: april.id, reason: 'Too much', lines: [{ invoiceLine: feeLine.id, amount: '250.01' }] },
    });
    expect(codeOf(over.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'lines[0].amount' });
    const credited = await invoiceById(april.id);
    expect(credited.lines[0].credited.amount).toBe('50');
    expect(credited.credited.amount).toBe('59.5');
    // The invoice itself does not change; what is due drops by the credit note: 784.85 − 59.50 = 725.35.
    expect({ lines: linesOf(credited), totals: totalsOf(credited), number: credited.number }).toEqual({
      lines: APRIL_LINES,
      totals: { ...totalsOf(april), amountDue: '725.35' },
      number: 'INV-000001',
    });

    // ── 11. INV-000001 paid; INV-000003 voided, but only with a reason.
    const paid = await client.expectData<{ markInvoicePaid: { status: string; paidAt: string; number: string } }>(
      `mutation ($id: ID!) { markInvoicePaid(id: $id, paidAt: "2026-05-20T00:00:00Z") { status paidAt number } }`,
      { id: april.id },
    );
    expect(paid.markInvoicePaid).toEqual({ status: 'PAID', paidAt: '2026-05-20T00:00:00.000Z', number: 'INV-000001' });
    const VOID = `mutation ($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { status number voidReason voidedAt } }`;
    const unexplained = await client.send(VOID, { id: may.id, reason: '  ' });
    expect(codeOf(unexplained.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await invoiceById(may.id)).status).toBe('ISSUED');
    const voided = await client.expectData<{ voidInvoice: { status: string; number: string; voidReason: string } }>(VOID, {
      id: may.id,
      reason: 'Billed by mistake',
    });
    expect(voided.voidInvoice).toMatchObject({ status: 'VOID', number: 'INV-000003', voidReason: 'Billed by mistake' });

    // Numbers are gapless and a voided one stays taken; the June draft has none yet.
    const all = await invoices();
    expect(
      all
        .filter((i) => i.number)
        .map((i) => [i.number, i.kind, i.status, i.periodStart])
        .sort(),
    ).toEqual([
      ['INV-000001', 'SUBSCRIPTION', 'PAID', APRIL.start],
      ['INV-000002', 'CORRECTION', 'ISSUED', APRIL.start],
      ['INV-000003', 'SUBSCRIPTION', 'VOID', MAY.start],
    ]);
    expect(all.filter((i) => !i.number).map((i) => [i.status, i.periodStart])).toEqual([['DRAFT', '2026-06-01T00:00:00.000Z']]);

    billed = { aprilId: april.id, subscriptionId: subscription.id };
  });

  // Federation (DESIGN §1): related resources expand through their owners' entities. Kept apart from the billing
  // scenario above so that each failure names the one thing that broke.
  it('resolves an issued invoice’s customer in subscriptions and its lines’ product items in catalog', async () => {
    expect(billed).toBeDefined();
    const federated = await client.expectData<{
      invoice: {
        number: string;
        customer: { reference: string; name: string; invoices: { totalCount: number } };
        lines: Array<{ productItem: { name: string; reference: string } | null }>;
      };
    }>(
      `query ($id: ID!) {
        invoice(id: $id) { number customer { reference name invoices { totalCount } } lines { productItem { name reference } } }
      }`,
      { id: billed!.aprilId },
    );
    expect(federated.invoice).toEqual({
      number: 'INV-000001',
      // Customer.invoices comes back from invoicing: April, its correction, May and the June draft.
      customer: { reference: 'acme', name: 'Acme', invoices: { totalCount: 4 } },
      lines: [
        ...Array.from({ length: 3 }, () => ({ productItem: { name: 'Platform fee', reference: 'platform-fee' } })),
        ...Array.from({ length: 5 }, () => ({ productItem: { name: 'Seats', reference: 'seats' } })),
        ...Array.from({ length: 2 }, () => ({ productItem: { name: 'API calls', reference: 'api-calls' } })),
        ...Array.from({ length: 2 }, () => ({ productItem: { name: 'Card payments', reference: 'payments' } })),
      ],
    });
  });

  it('resolves an invoice’s subscription in subscriptions', async () => {
    expect(billed).toBeDefined();
    const response = await client.send<{ invoice: { subscription: { id: string; status: string; seats: number } } }>(
      `query ($id: ID!) { invoice(id: $id) { number subscription { id status seats } } }`,
      { id: billed!.aprilId },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.invoice.subscription).toEqual({ id: billed!.subscriptionId, status: 'ACTIVE', seats: 8 });
  });

  it('shows a subscription’s upcoming invoice and its invoices, from invoicing', async () => {
    expect(billed).toBeDefined();
    const response = await client.send<{
      subscription: {
        upcomingInvoice: { number: string | null; status: string; periodStart: string } | null;
        invoices: { totalCount: number };
      };
    }>(`query ($id: ID!) { subscription(id: $id) { id upcomingInvoice { number status periodStart } invoices { totalCount } } }`, {
      id: billed!.subscriptionId,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.subscription).toEqual({
      id: billed!.subscriptionId,
      upcomingInvoice: { number: null, status: 'DRAFT', periodStart: '2026-06-01T00:00:00.000Z' },
      invoices: { totalCount: 4 },
    });
  });

  it('gives each event its cost and the invoice that bills it (UsageEvent.estimatedCost and .invoice, from invoicing)', async () => {
    expect(billed).toBeDefined();
    const details = async (reference: string) => {
      const response = await client.send<{
        usageEvents: {
          edges: Array<{
            node: {
              metricValues: Array<{ metric: string; value: string }>;
              estimatedCost: { amount: string; currency: string } | null;
              invoice: { number: string; kind: string } | null;
            };
          }>;
        };
      }>(
        `query ($reference: String!) { usageEvents(filter: { reference: $reference }, first: 1) { edges { node {
           metricValues { metric value } estimatedCost { amount currency } invoice { number kind } } } } }`,
        { reference },
      );
      expect(response.errors).toBeUndefined();
      return response.data!.usageEvents.edges[0].node;
    };
    // pay-1, 120.00 on April 3, priced by v1 (in force then): its own fee, 2 % × 120 + 0.25 = 2.65; billed on INV-000001.
    // The four payments' fees 2.65 + 1.86 + 20.25 + 0.9166 are allocated to their line, 25.68, by largest remainder.
    expect(await details('pay-1')).toEqual({
      metricValues: [{ metric: 'payment_volume', value: '120' }],
      estimatedCost: { amount: '2.65', currency: 'EUR' },
      invoice: { number: 'INV-000001', kind: 'SUBSCRIPTION' },
    });
    // calls-4, 57 calls on April 20 that arrived after April was issued: its share of the v1 stretch's line (2257 calls,
    // 16.29) by value, 57/2257 × 16.285 = 0.4113 → 0.41 after largest remainder; billed on April's correction, INV-000002.
    expect(await details('calls-4')).toEqual({
      metricValues: [{ metric: 'api_calls_total', value: '57' }],
      estimatedCost: { amount: '0.41', currency: 'EUR' },
      invoice: { number: 'INV-000002', kind: 'CORRECTION' },
    });
  });
});
