import { randomUUID } from 'node:crypto';
import { Decimal, eventContracts, TestClock } from '@meterline/kit';
import { lockCustomerInvoices, requestDraftRefresh, takeCustomerRequests, takeDueRequests } from '../src/store/draft-requests';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';
import {
  activatedOnOneVersion,
  customerCreated,
  INVOICE_FIELDS,
  planVersionActivated,
  producedEvents,
  publish,
  subscriptionEvent,
  usageRecorded,
  type InvoiceView,
  type PhaseFixture,
} from './invoicing-fixtures';

const money = (value: string) => new Decimal(value).toFixed();

/**
 * Invoicing on its own: read models fed over NATS, drafts kept current by the refresher, the billing run with a test
 * clock, corrections for late usage, credit notes, paid and void. Amounts are worked out by hand in each test.
 */
describe('invoices', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(createInvoicingSubgraph({ graceMs: 3_600_000, refreshIntervalMs: 20, issueIntervalMs: 50 }), {
      clock,
      ownDatabase: true,
    });
  });
  afterAll(() => subgraph?.stop());

  /** A customer (21 % tax) on a plan: 100 in advance, 10 per seat, graduated API calls, 2 % + 0.10 per payment. */
  async function customerOnPlan(seats = 2, { platformId, send } = subgraph.clientForNewPlatform()) {
    const version = planVersionActivated(platformId, clock, [
      { name: 'Platform fee', chargeType: 'RECURRING', price: { model: 'FLAT', amount: '100' } },
      { name: 'Seats', chargeType: 'SEAT', price: { model: 'PER_UNIT', unitPrice: '10' } },
      {
        name: 'API calls',
        chargeType: 'USAGE',
        metric: 'api_calls',
        price: {
          model: 'GRADUATED',
          tiers: [
            { upTo: '1000', unitPrice: '0' },
            { upTo: null, unitPrice: '0.01' },
          ],
        },
      },
      { name: 'Payments', chargeType: 'USAGE', metric: 'payment_volume', price: { model: 'PERCENTAGE', rate: '2', fixedFee: '0.10' } },
    ]);
    const customer = customerCreated(platformId, clock, '21');
    const subscriptionId = randomUUID();
    await publish(subgraph, 'catalog', version.event);
    await publish(subgraph, 'subscriptions', customer.event);
    await publish(
      subgraph,
      'subscriptions',
      subscriptionEvent('activated', platformId, clock, {
        id: subscriptionId,
        customerId: customer.id,
        taxRate: '21',
        startAt: '2026-03-01T00:00:00.000Z',
        phases: [{ startsAt: '2026-03-01T00:00:00.000Z', endsAt: null, planVersionId: version.id, seats }],
      }),
    );
    const invoices = async (status?: string) => {
      const response = await send<{ invoices: { edges: Array<{ node: InvoiceView }> } }>(
        `query ($customer: ID, $status: InvoiceStatus) { invoices(customer: $customer, status: $status, first: 50) { edges { node { ${INVOICE_FIELDS} } } } }`,
        { customer: customer.id, status },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response
        .data!.invoices.edges.map((e) => e.node)
        .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.kind.localeCompare(b.kind));
    };
    return { platformId, send, version, customerId: customer.id, subscriptionId, invoices };
  }

  /** UsageEvent.estimatedCost / .invoice as the gateway asks for them: with metering's fields that invoicing requires. */
  async function eventDetails(
    c: Awaited<ReturnType<typeof customerOnPlan>>,
    events: Array<{
      customerId?: string;
      timestamp: string;
      receivedAt?: string;
      metricValues: Array<{ metric: string; value: string }>;
    }>,
  ) {
    const response = await c.send<{
      _entities: Array<{ estimatedCost: { amount: string; currency: string } | null; invoice: { id: string } | null }>;
    }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on UsageEvent { estimatedCost { amount currency } invoice { id } } } }`,
      {
        reps: events.map((e) => ({
          __typename: 'UsageEvent',
          id: randomUUID(),
          timestamp: e.timestamp,
          receivedAt: e.receivedAt ?? clock.now().toISOString(),
          properties: {},
          customer: { id: e.customerId ?? c.customerId },
          metricValues: e.metricValues,
        })),
      },
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!._entities;
  }

  const summary = (invoice: InvoiceView) => ({
    lines: invoice.lines.map((l) => [l.kind, l.description, l.amount.amount]),
    subtotal: invoice.subtotal.amount,
    tax: invoice.tax.amount,
    total: invoice.total.amount,
  });

  it('opens a draft at the period’s start and keeps it current as usage arrives', async () => {
    clock.set('2026-03-10T12:00:00Z');
    const c = await customerOnPlan();
    const [draft] = await waitFor(async () => {
      const list = await c.invoices();
      return list.length === 1 && list;
    }, 'the draft of March');
    expect(draft).toMatchObject({ status: 'DRAFT', kind: 'SUBSCRIPTION', number: null, periodStart: '2026-03-01T00:00:00.000Z' });
    expect(draft).toMatchObject({ issuesAt: '2026-04-01T01:00:00.000Z', dueAt: null }); // period end + one hour of grace
    expect(summary(draft)).toEqual({
      lines: [
        ['RECURRING', 'Platform fee (in advance)', '100'],
        ['SEAT', 'Seats (in advance)', '20'],
        ['USAGE', 'API calls', '0'],
        ['USAGE', 'Payments', '0'],
      ],
      subtotal: '120',
      tax: money('25.2'),
      total: money('145.2'),
    });

    // 1,500 calls (1,000 free, 500 × 0.01 = 5.00) and two payments of 150 and 50 (2 % of 200 + 2 × 0.10 = 4.20), in
    // several messages: a late one for March 2 arrives last.
    await publish(
      subgraph,
      'metering',
      usageRecorded(c.platformId, clock, c.customerId, [{ metric: 'api_calls', hour: '2026-03-05T10:00Z', sum: '1000', count: 10 }]),
    );
    await publish(
      subgraph,
      'metering',
      usageRecorded(c.platformId, clock, c.customerId, [{ metric: 'payment_volume', hour: '2026-03-06T10:00Z', sum: '200', count: 2 }]),
    );
    await publish(
      subgraph,
      'metering',
      usageRecorded(c.platformId, clock, c.customerId, [{ metric: 'api_calls', hour: '2026-03-02T08:00Z', sum: '500', count: 5 }]),
    );
    const current = await waitFor(async () => {
      const [invoice] = await c.invoices();
      return invoice.total.amount === money('156.33') && invoice;
    }, 'the draft with the usage');
    // 129.20 × 21 % = 27.132 → 27.13
    expect(summary(current)).toEqual({
      lines: [
        ['RECURRING', 'Platform fee (in advance)', '100'],
        ['SEAT', 'Seats (in advance)', '20'],
        ['USAGE', 'API calls', '5'],
        ['USAGE', 'Payments', money('4.2')],
      ],
      subtotal: money('129.2'),
      tax: money('27.13'),
      total: money('156.33'),
    });
    const calls = current.lines[2];
    expect(calls.quantity).toBe('1500');
    expect(calls.productItem).toEqual({ id: c.version.items.get('API calls') });
    expect(calls.breakdown.map((b) => [b.quantity, b.amount])).toEqual([
      ['1000', '0'],
      ['500', '5'],
    ]);

    // Event cost: a share of the line it falls in, counted in when its usage has not arrived yet. 10 more calls make 1,510
    // billing 5.10: the 10 carry 10/1,510 of it, 0.03 after the largest-remainder allocation; a payment of 50 carries
    // its own fee, 2 % + 0.10. An unpriced metric is billed by nothing and on no invoice.
    const events = await eventDetails(c, [
      { timestamp: '2026-03-05T10:20:00Z', metricValues: [{ metric: 'api_calls', value: '10' }] },
      { timestamp: '2026-03-06T10:20:00Z', metricValues: [{ metric: 'payment_volume', value: '50' }] },
      { timestamp: '2026-03-06T10:20:00Z', metricValues: [{ metric: 'not_priced', value: '50' }] },
    ]);
    expect(events).toEqual([
      { estimatedCost: { amount: money('0.03'), currency: 'EUR' }, invoice: { id: current.id } },
      { estimatedCost: { amount: money('1.1'), currency: 'EUR' }, invoice: { id: current.id } },
      { estimatedCost: null, invoice: null },
    ]);
  });

  it('issues after the grace period with gapless numbers, then corrects late usage on the next invoice', async () => {
    clock.set('2026-03-10T12:00:00Z');
    const c = await customerOnPlan(1);
    await publish(
      subgraph,
      'metering',
      usageRecorded(c.platformId, clock, c.customerId, [{ metric: 'api_calls', hour: '2026-03-31T23:00Z', sum: '1200', count: 3 }]),
    );
    await waitFor(async () => (await c.invoices())[0]?.lines[2].amount.amount === '2', 'March with 200 billable calls');

    // The period ended but the grace hour has not: still a draft, and usage of March's last hour still lands on it.
    clock.set('2026-04-01T00:30:00Z');
    await publish(
      subgraph,
      'metering',
      usageRecorded(c.platformId, clock, c.customerId, [{ metric: 'api_calls', hour: '2026-03-31T23:00Z', sum: '100', count: 1 }]),
    );
    await waitFor(async () => (await c.invoices())[0]?.lines[2].amount.amount === '3', 'the late usage within grace');
    const [open] = await c.invoices();
    expect(open.status).toBe('DRAFT');

    clock.set('2026-04-01T01:00:00Z');
    const [march, april] = await waitFor(async () => {
      const list = await c.invoices();
      return list.length === 2 && list[0].status === 'ISSUED' && list;
    }, 'March issued and April opened');
    // Issued: due after the deployment's default payment terms (30 days).
    expect(march).toMatchObject({ number: 'INV-000001', issuedAt: '2026-04-01T01:00:00.000Z', dueAt: '2026-05-01T01:00:00.000Z' });
    // 100 + 10 + 3.00 = 113.00; tax 23.73; total 136.73
    expect(summary(march)).toMatchObject({ subtotal: '113', tax: money('23.73'), total: money('136.73') });
    expect(april).toMatchObject({ status: 'DRAFT', periodStart: '2026-04-01T00:00:00.000Z', number: null });

    // Usage for March after it was issued: March never changes; a correction for March goes out with April's invoice.
    await publish(
      subgraph,
      'metering',
      usageRecorded(c.platformId, clock, c.customerId, [{ metric: 'api_calls', hour: '2026-03-15T09:00Z', sum: '250', count: 2 }]),
    );
    const correction = await waitFor(async () => (await c.invoices()).find((i) => i.kind === 'CORRECTION'), 'the correction of March');
    expect(correction).toMatchObject({ status: 'DRAFT', periodStart: '2026-03-01T00:00:00.000Z', issuesAt: '2026-05-01T01:00:00.000Z' });
    expect(summary(correction)).toEqual({
      lines: [['USAGE', 'Correction for 2026-03-01T00:00:00.000Z – 2026-04-01T00:00:00.000Z: API calls', money('2.5')]],
      subtotal: money('2.5'),
      tax: money('0.53'), // 2.50 × 21 % = 0.525 → 0.53 (half-up)
      total: money('3.03'),
    });
    const [marchAgain] = await c.invoices('ISSUED');
    expect(summary(marchAgain)).toEqual(summary(march));
    // The event's details say where it went: an event received before the issue is on March's invoice, one received
    // after it on the correction.
    const [before, after] = await eventDetails(c, [
      { timestamp: '2026-03-15T09:10:00Z', receivedAt: '2026-03-15T09:10:01Z', metricValues: [{ metric: 'api_calls', value: '1' }] },
      { timestamp: '2026-03-15T09:10:00Z', receivedAt: '2026-04-01T02:00:00Z', metricValues: [{ metric: 'api_calls', value: '1' }] },
    ]);
    expect([before.invoice?.id, after.invoice?.id]).toEqual([march.id, correction.id]);

    // More late usage for March updates the open correction rather than adding another one.
    await publish(
      subgraph,
      'metering',
      usageRecorded(c.platformId, clock, c.customerId, [{ metric: 'api_calls', hour: '2026-03-16T09:00Z', sum: '50', count: 1 }]),
    );
    await waitFor(
      async () => (await c.invoices()).find((i) => i.kind === 'CORRECTION')?.subtotal.amount === '3',
      'the correction with 300 calls',
    );
    expect((await c.invoices()).filter((i) => i.kind === 'CORRECTION')).toHaveLength(1);

    clock.set('2026-05-01T01:00:00Z');
    const issued = await waitFor(async () => {
      const list = await c.invoices('ISSUED');
      return list.length === 3 && list;
    }, 'April and the correction issued');
    const byNumber = [...issued].sort((a, b) => a.number!.localeCompare(b.number!));
    // Paid: announced with invoicing.invoice.paid, which keeps its contract.
    const paid = await c.send<{ markInvoicePaid: { status: string } }>(`mutation ($id: ID!) { markInvoicePaid(id: $id) { status } }`, {
      id: march.id,
    });
    expect(paid.data?.markInvoicePaid.status).toBe('PAID');
    const [paidEvent] = await subgraph.running.db.query<{ envelope: unknown }>(
      `SELECT envelope FROM outbox WHERE platform_id = $1 AND type = 'invoicing.invoice.paid'`,
      [c.platformId],
    );
    const paidEnvelope = typeof paidEvent.envelope === 'string' ? JSON.parse(paidEvent.envelope) : paidEvent.envelope;
    expect(eventContracts().check(paidEnvelope).data).toMatchObject({ id: march.id, number: 'INV-000001' });
    expect(byNumber.map((i) => [i.kind, i.periodStart.slice(0, 7), i.number])).toEqual([
      ['SUBSCRIPTION', '2026-03', 'INV-000001'],
      ['CORRECTION', '2026-03', 'INV-000002'],
      ['SUBSCRIPTION', '2026-04', 'INV-000003'],
    ]);
    // invoicing.invoice.created once per draft opened, in the order they opened — March, April (at its start), March's
    // correction (late usage), May — never for a refresh.
    const created = await subgraph.running.db.query<{ envelope: unknown }>(
      `SELECT envelope FROM outbox WHERE platform_id = $1 AND type = 'invoicing.invoice.created' ORDER BY seq`,
      [c.platformId],
    );
    const opened = created.map((e) => eventContracts().check(typeof e.envelope === 'string' ? JSON.parse(e.envelope) : e.envelope).data);
    expect(opened.map((d) => [d.kind, String(d.periodStart).slice(0, 7)])).toEqual([
      ['SUBSCRIPTION', '2026-03'],
      ['SUBSCRIPTION', '2026-04'],
      ['CORRECTION', '2026-03'],
      ['SUBSCRIPTION', '2026-05'],
    ]);
    expect(opened[0]).toMatchObject({ id: march.id, customerId: c.customerId, currency: 'EUR' });
  });

  it('prices the events of several customers and periods in one _entities as it does one by one', async () => {
    clock.set('2026-03-10T12:00:00Z');
    const platform = subgraph.clientForNewPlatform();
    const a = await customerOnPlan(1, platform);
    const b = await customerOnPlan(1, platform);
    await waitFor(async () => (await a.invoices()).length === 1 && (await b.invoices()).length === 1, 'the drafts of March');
    // A: 1,200 calls in March's last hour; March issued; then 250 late calls for March, on a correction. B: 1,005 in April.
    await publish(
      subgraph,
      'metering',
      usageRecorded(a.platformId, clock, a.customerId, [{ metric: 'api_calls', hour: '2026-03-31T23:00Z', sum: '1200', count: 3 }]),
    );
    await waitFor(async () => (await a.invoices())[0]?.lines[2].amount.amount === '2', 'March with 200 billable calls');
    clock.set('2026-04-01T01:00:00Z');
    const issued = async (c: typeof a) => {
      const list = await c.invoices();
      return list.length === 2 && list[0].status === 'ISSUED' && list;
    };
    const [aMarch] = await waitFor(() => issued(a), 'March of A issued');
    const [bMarch, bApril] = await waitFor(() => issued(b), 'March of B issued');
    await publish(
      subgraph,
      'metering',
      usageRecorded(a.platformId, clock, a.customerId, [{ metric: 'api_calls', hour: '2026-03-15T09:00Z', sum: '250', count: 2 }]),
    );
    await publish(
      subgraph,
      'metering',
      usageRecorded(b.platformId, clock, b.customerId, [{ metric: 'api_calls', hour: '2026-04-02T10:00Z', sum: '1005', count: 1 }]),
    );
    const aCorrection = await waitFor(async () => (await a.invoices()).find((i) => i.kind === 'CORRECTION'), 'the correction of March');
    await waitFor(async () => (await b.invoices())[1]?.lines[2].amount.amount === money('0.05'), 'April of B with its calls');

    const calls = [{ metric: 'api_calls', value: '10' }];
    const events = [
      // 1,450 calls in March, 1,460 with these 10: their share of 4.60 is 0.03; received before March was issued, then
      // after (the correction).
      { customerId: a.customerId, timestamp: '2026-03-15T09:10:00Z', receivedAt: '2026-03-15T09:10:01Z', metricValues: calls },
      { customerId: a.customerId, timestamp: '2026-03-15T09:10:00Z', receivedAt: '2026-04-01T02:00:00Z', metricValues: calls },
      {
        customerId: a.customerId,
        timestamp: '2026-03-20T10:00:00Z',
        receivedAt: '2026-03-20T10:00:01Z',
        metricValues: [{ metric: 'unpriced', value: '1' }],
      },
      // No March usage for B: within the free thousand. In April, 1,015 calls with these: their 0.0015 of 0.15 rounds away.
      { customerId: b.customerId, timestamp: '2026-03-20T10:00:00Z', receivedAt: '2026-03-20T10:00:01Z', metricValues: calls },
      { customerId: b.customerId, timestamp: '2026-04-02T10:20:00Z', metricValues: calls },
      // Before the subscription, of a customer invoicing does not know, of a malformed id: priced by nothing, billed nowhere.
      { customerId: a.customerId, timestamp: '2026-02-20T10:00:00Z', metricValues: calls },
      { customerId: randomUUID(), timestamp: '2026-03-20T10:00:00Z', metricValues: calls },
      { customerId: 'not-a-customer', timestamp: '2026-03-20T10:00:00Z', metricValues: calls },
    ];
    const together = await eventDetails(a, events);
    const eur = (amount: string) => ({ amount: money(amount), currency: 'EUR' });
    expect(together).toEqual([
      { estimatedCost: eur('0.03'), invoice: { id: aMarch.id } },
      { estimatedCost: eur('0.03'), invoice: { id: aCorrection.id } },
      { estimatedCost: null, invoice: null },
      { estimatedCost: eur('0'), invoice: { id: bMarch.id } },
      { estimatedCost: eur('0'), invoice: { id: bApril.id } },
      { estimatedCost: null, invoice: null },
      { estimatedCost: null, invoice: null },
      { estimatedCost: null, invoice: null },
    ]);
    const oneByOne = [];
    for (const event of events) oneByOne.push(...(await eventDetails(a, [event])));
    expect(oneByOne).toEqual(together);
    // Another platform knows none of these customers.
    expect(await eventDetails({ ...a, send: subgraph.clientForNewPlatform().send }, events.slice(0, 5))).toEqual(
      events.slice(0, 5).map(() => ({ estimatedCost: null, invoice: null })),
    );
  });

  /** A customer (no tax) with a plan version of API calls at 0.01 each, known to invoicing; the subscription is the test's. */
  async function callsAtOneCent() {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const version = planVersionActivated(platformId, clock, [
      { name: 'API calls', chargeType: 'USAGE', metric: 'api_calls', price: { model: 'PER_UNIT', unitPrice: '0.01' } },
    ]);
    const customer = customerCreated(platformId, clock, null);
    await publish(subgraph, 'catalog', version.event);
    await publish(subgraph, 'subscriptions', customer.event);
    return { platformId, send, version, customer, subscriptionId: randomUUID() };
  }

  it('bills usage from its subscription’s start instant, on the subscription it names, and says which one bills an event', async () => {
    clock.set('2026-03-10T15:00:00Z');
    const { platformId, send, version, customer, subscriptionId } = await callsAtOneCent();
    // Starts (and anchors its periods) at 14:05, not on the hour.
    await publish(
      subgraph,
      'subscriptions',
      activatedOnOneVersion(platformId, clock, {
        id: subscriptionId,
        customerId: customer.id,
        versionId: version.id,
        startAt: '2026-03-10T14:05:00.000Z',
      }),
    );
    const usage = (at: string, sum: string, subscription?: string) =>
      publish(
        subgraph,
        'metering',
        usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour: at, sum, count: 1, subscriptionId: subscription }]),
      );
    await usage('2026-03-10T14:04:59.999Z', '7000'); // a millisecond before the start: never billed
    await usage('2026-03-10T14:05:00.000Z', '100'); // the start itself: billed
    await usage('2026-03-10T14:30:00.000Z', '20', subscriptionId); // naming it: billed
    await usage('2026-03-10T14:31:00.000Z', '9000', randomUUID()); // naming another subscription: not here
    await usage('2026-03-10T16:00:00.000Z', '30'); // a whole hour later: from the hourly totals
    const lines = await waitFor(async () => {
      const response = await send<{ invoices: { edges: Array<{ node: InvoiceView & { lines: Array<{ windowStart: string }> } }> } }>(
        `query ($customer: ID) { invoices(customer: $customer, first: 5) { edges { node { ${INVOICE_FIELDS} lines { windowStart windowEnd } } } } }`,
        { customer: customer.id },
      );
      const line = response.data?.invoices.edges[0]?.node.lines[0];
      return line?.quantity === '150' && response.data!.invoices.edges[0].node;
    }, 'the draft with the usage from 14:05');
    // 150 × 0.01 = 1.50, over the window from the start to the period's end.
    expect(lines.periodStart).toBe('2026-03-10T14:05:00.000Z');
    expect(lines.lines.map((l) => [l.description, l.amount.amount])).toEqual([['API calls', money('1.5')]]);
    expect(lines.lines[0]).toMatchObject({ windowStart: '2026-03-10T14:05:00.000Z', windowEnd: '2026-04-10T14:05:00.000Z' });
    const billedBy = await send<{ _entities: Array<{ billingSubscription: { id: string } | null }> }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on UsageEvent { billingSubscription { id } } } }`,
      {
        reps: [
          ['2026-03-10T14:05:00.000Z', null],
          ['2026-03-10T14:04:59.999Z', null],
          ['2026-03-10T14:31:00.000Z', randomUUID()],
        ].map(([timestamp, named]) => ({
          __typename: 'UsageEvent',
          id: randomUUID(),
          timestamp,
          customer: { id: customer.id },
          subscriptionId: named,
          metricValues: [{ metric: 'api_calls', value: '1' }],
        })),
      },
    );
    expect(billedBy.data!._entities.map((e) => e.billingSubscription)).toEqual([{ id: subscriptionId }, null, null]);
  });

  it('splits the hourly totals of usage already recorded when a change lands inside the hour, and prices each side', async () => {
    clock.set('2026-03-10T17:00:00Z');
    const { platformId, send, version, customer, subscriptionId } = await callsAtOneCent();
    const subscription = (phases: PhaseFixture[]) =>
      subscriptionEvent(phases.length > 1 ? 'changed' : 'activated', platformId, clock, {
        id: subscriptionId,
        customerId: customer.id,
        taxRate: null,
        startAt: '2026-03-10T14:00:00.000Z',
        phases,
      });
    await publish(
      subgraph,
      'subscriptions',
      subscription([{ startsAt: '2026-03-10T14:00:00.000Z', endsAt: null, planVersionId: version.id, seats: 1 }]),
    );
    for (const [at, sum] of [
      ['2026-03-10T14:10:00.000Z', '100'],
      ['2026-03-10T14:30:00.000Z', '200'],
      ['2026-03-10T16:00:00.000Z', '50'],
    ])
      await publish(
        subgraph,
        'metering',
        usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour: at, sum, count: 1 }]),
      );
    const draftLines = async () => {
      const response = await send<{ invoices: { edges: Array<{ node: InvoiceView }> } }>(
        `query ($customer: ID) { invoices(customer: $customer, first: 5) { edges { node { ${INVOICE_FIELDS} } } } }`,
        { customer: customer.id },
      );
      return response.data?.invoices.edges[0]?.node.lines.map((l) => [l.description, l.quantity, l.amount.amount]) ?? [];
    };
    await waitFor(
      async () => JSON.stringify(await draftLines()) === JSON.stringify([['API calls', '350', money('3.5')]]) || undefined,
      'the draft',
    );
    // The price changes at 14:20 (an override), after the usage of that hour was recorded: its totals are split at 14:20.
    const item = version.items.get('API calls')!;
    clock.set('2026-03-10T17:01:00Z');
    await publish(
      subgraph,
      'subscriptions',
      subscription([
        { startsAt: '2026-03-10T14:00:00.000Z', endsAt: '2026-03-10T14:20:00.000Z', planVersionId: version.id, seats: 1 },
        {
          startsAt: '2026-03-10T14:20:00.000Z',
          endsAt: null,
          planVersionId: version.id,
          seats: 1,
          overrides: { [item]: { model: 'PER_UNIT', unitPrice: '0.02' } },
        },
      ]),
    );
    // 100 before the change at 0.01 = 1; 200 + 50 after it at 0.02 = 5.
    const expected = [
      ['API calls (2026-03-10T14:00:00.000Z – 2026-03-10T14:20:00.000Z)', '100', '1'],
      ['API calls (2026-03-10T14:20:00.000Z – 2026-04-10T14:00:00.000Z)', '250', '5'],
    ];
    await waitFor(async () => JSON.stringify(await draftLines()) === JSON.stringify(expected) || undefined, 'the draft priced per phase');
    const buckets = await subgraph.running.db.query<{ bucket_start: Date }>(
      `SELECT bucket_start FROM usage_totals WHERE platform_id = $1 ORDER BY bucket_start`,
      [platformId],
    );
    expect(buckets.map((b) => b.bucket_start.toISOString())).toEqual([
      '2026-03-10T14:00:00.000Z',
      '2026-03-10T14:20:00.000Z',
      '2026-03-10T16:00:00.000Z',
    ]);
  });

  it('credits issued invoices (never more than is left; credited whole they are settled) and voids them with a reason', async () => {
    clock.set('2026-03-10T12:00:00Z');
    const c = await customerOnPlan(3);
    const [draft] = await waitFor(async () => {
      const list = await c.invoices();
      return list.length === 1 && list;
    }, 'the draft');
    const mutate = async <T>(query: string, variables: Record<string, unknown>) => c.send<T>(query, variables);

    const refused = await mutate(`mutation ($id: ID!) { voidInvoice(id: $id, reason: "wrong") { id } }`, { id: draft.id });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'invoice' });

    const issued = await mutate<{ issueInvoice: InvoiceView }>(`mutation ($id: ID!) { issueInvoice(id: $id) { ${INVOICE_FIELDS} } }`, {
      id: draft.id,
    });
    expect(issued.errors).toBeUndefined();
    const invoice = issued.data!.issueInvoice;
    expect(invoice.status).toBe('ISSUED');
    expect(invoice.number).toBe('INV-000001');
    // 100 + 3 × 10 = 130; tax 27.30; total 157.30
    expect(summary(invoice)).toMatchObject({ subtotal: '130', tax: money('27.3'), total: money('157.3') });
    const [fee, seats] = invoice.lines;

    const tooMuch = await mutate(`mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id } }`, {
      input: { invoice: invoice.id, reason: 'goodwill', lines: [{ invoiceLine: seats.id, amount: '30.01' }] },
    });
    expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines[0].amount' });
    expect(tooMuch.errors?.[0].message).toBe('At most 30 is left to credit on this line');

    const note = await mutate<{
      createCreditNote: {
        number: string;
        subtotal: { amount: string };
        tax: { amount: string };
        total: { amount: string };
        invoice: { credited: { amount: string } };
      };
    }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { number subtotal { amount } tax { amount } total { amount } invoice { credited { amount } } } }`,
      { input: { invoice: invoice.id, reason: 'one seat unused', lines: [{ invoiceLine: seats.id, amount: '10' }] } },
    );
    expect(note.errors).toBeUndefined();
    // 10 credited + 21 % tax 2.10
    expect(note.data!.createCreditNote).toEqual({
      number: 'CN-000001',
      subtotal: { amount: '10' },
      tax: { amount: money('2.1') },
      total: { amount: money('12.1') },
      invoice: { credited: { amount: money('12.1') } },
    });

    // The rest, whole: 100 of the fee and the 20 left of the seats; tax is what is left of it (27.30 − 2.10 = 25.20).
    const rest = await mutate<{
      createCreditNote: { number: string; total: { amount: string }; lines: Array<{ invoiceLineId: string; amount: { amount: string } }> };
    }>(
      `mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { number total { amount } lines { invoiceLineId amount { amount } } } }`,
      { input: { invoice: invoice.id, reason: 'cancelled' } },
    );
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.createCreditNote).toEqual({
      number: 'CN-000002',
      total: { amount: money('145.2') },
      lines: [
        { invoiceLineId: fee.id, amount: { amount: '100' } },
        { invoiceLineId: seats.id, amount: { amount: '20' } },
      ],
    });
    const nothingLeft = await mutate(`mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input) { id } }`, {
      input: { invoice: invoice.id, reason: 'again' },
    });
    expect(nothingLeft.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });

    // Credited whole, nothing is left due: the credit notes settled it (PAID), and there is nothing left to void.
    const settled = await mutate<{ invoice: { status: string; amountDue: { amount: string } } }>(
      `query ($id: ID!) { invoice(id: $id) { status amountDue { amount } } }`,
      { id: invoice.id },
    );
    expect(settled.data!.invoice).toEqual({ status: 'PAID', amountDue: { amount: '0' } });
    const voidSettled = await mutate(`mutation ($id: ID!) { voidInvoice(id: $id, reason: "wrong") { id } }`, { id: invoice.id });
    expect(voidSettled.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'invoice' });

    // Another customer's invoice, issued by mistake: voided with a reason, keeping its number; then never paid.
    const d = await customerOnPlan(1);
    const [mistake] = await waitFor(async () => {
      const list = await d.invoices();
      return list.length === 1 && list;
    }, 'the other draft');
    await d.send(`mutation ($id: ID!) { issueInvoice(id: $id) { id } }`, { id: mistake.id });
    const noReason = await d.send(`mutation ($id: ID!) { voidInvoice(id: $id, reason: " ") { id } }`, { id: mistake.id });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const voided = await d.send<{ voidInvoice: InvoiceView }>(
      `mutation ($id: ID!) { voidInvoice(id: $id, reason: "issued by mistake") { ${INVOICE_FIELDS} } }`,
      { id: mistake.id },
    );
    expect(voided.data!.voidInvoice).toMatchObject({ status: 'VOID', number: 'INV-000001', voidReason: 'issued by mistake' });
    const paidAfterVoid = await d.send(`mutation ($id: ID!) { markInvoicePaid(id: $id) { id } }`, { id: mistake.id });
    expect(paidAfterVoid.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect(await producedEvents(subgraph, d.platformId)).toEqual([
      'invoicing.invoice.created',
      'invoicing.invoice.issued',
      'invoicing.invoice.voided',
    ]);

    // What invoicing told the others, each keeping its contract (contracts/events), in order.
    expect(await producedEvents(subgraph, c.platformId)).toEqual([
      'invoicing.invoice.created',
      'invoicing.invoice.issued',
      'invoicing.credit_note.created',
      'invoicing.credit_note.created',
      'invoicing.invoice.paid',
    ]);

    // Another platform sees none of it: the same error as for an id that does not exist.
    const other = subgraph.clientForNewPlatform();
    const foreign = await other.send(`mutation ($id: ID!) { markInvoicePaid(id: $id) { id } }`, { id: invoice.id });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows the upcoming invoice on the subscription and the invoices on the customer', async () => {
    clock.set('2026-03-10T12:00:00Z');
    const c = await customerOnPlan();
    await waitFor(async () => (await c.invoices()).length === 1, 'the draft');
    const response = await c.send<{
      _entities: Array<{ upcomingInvoice?: { status: string; total: { amount: string } }; invoices?: { totalCount: number } }>;
    }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) {
         ... on CustomerSubscription { upcomingInvoice { status total { amount } } }
         ... on Customer { invoices(first: 5) { totalCount } } } }`,
      {
        reps: [
          { __typename: 'CustomerSubscription', id: c.subscriptionId },
          { __typename: 'Customer', id: c.customerId },
        ],
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      { upcomingInvoice: { status: 'DRAFT', total: { amount: money('145.2') } } },
      { invoices: { totalCount: 1 } },
    ]);
  });

  it('a refresh round takes the requests of customers it can lock, and leaves a customer being issued to its issuer', async () => {
    const platformId = randomUUID();
    const [issuing, free] = [randomUUID(), randomUUID()];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const issuer = subgraph.running.db.transact(async (tx) => {
      await lockCustomerInvoices(tx, platformId, issuing);
      locked();
      await held;
    });
    await isLocked;
    try {
      // Asked and taken in one transaction: the running refresher never sees these requests.
      const { taken, left } = await subgraph.running.db.transact(async (tx) => {
        await requestDraftRefresh(tx, platformId, [
          { customerId: issuing, usageSince: new Date('2026-03-05T10:00:00Z') },
          { customerId: free, usageSince: new Date('2026-03-04T10:00:00Z') },
        ]);
        await requestDraftRefresh(tx, platformId, [{ customerId: free, usageSince: new Date('2026-03-01T00:00:00Z') }]);
        const taken = (await takeDueRequests(tx, 100_000)).get(platformId);
        const left = (await tx.manager.query(`SELECT customer_id FROM draft_refresh_requests WHERE platform_id = $1`, [
          platformId,
        ])) as Array<{
          customer_id: string;
        }>;
        return { taken, left };
      });
      expect(taken).toEqual(new Map([[free, new Date('2026-03-01T00:00:00Z')]]));
      expect(left).toEqual([{ customer_id: issuing }]);
    } finally {
      release();
      await issuer;
    }
  });

  it('coalesces asks for a refresh: many asks of a customer are one refresh, from the earliest usage instant', async () => {
    const platformId = randomUUID();
    const [customerId, onlyNull] = [randomUUID(), randomUUID()];
    // Inside one transaction, so the running refresher cannot take the rows between the asks.
    const taken = await subgraph.running.db.transact(async (tx) => {
      await requestDraftRefresh(tx, platformId, [
        { customerId, usageSince: new Date('2026-03-05T10:00:00Z') },
        { customerId: onlyNull, usageSince: null },
      ]);
      await requestDraftRefresh(tx, platformId, [
        { customerId, usageSince: new Date('2026-03-02T08:00:00Z') },
        { customerId, usageSince: new Date('2026-03-09T08:00:00Z') },
      ]);
      await requestDraftRefresh(tx, platformId, [
        { customerId, usageSince: null },
        { customerId: onlyNull, usageSince: null },
      ]);
      const first = await takeCustomerRequests(tx, platformId, [customerId, onlyNull]);
      const again = await takeCustomerRequests(tx, platformId, [customerId, onlyNull]);
      return { first, again };
    });
    expect(taken.first).toEqual(
      new Map([
        [customerId, new Date('2026-03-02T08:00:00Z')],
        [onlyNull, null],
      ]),
    );
    expect(taken.again.size).toBe(0);
  });
});
