import { TestClock, createLogger, type SubgraphServices } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';
import { refreshRequestedDrafts } from '../src/jobs/draft-refresher';
import {
  customerCreated,
  INVOICE_FIELDS,
  planVersionActivated,
  publishSubscribedCustomer,
  publish,
  subscriptionEvent,
  usageRecorded,
  type InvoiceView,
} from './invoicing-fixtures';

/**
 * Drafts are current when read: with no background refresh at all (INVOICE_REFRESHERS=0), a draft read after its
 * usage was applied shows that usage on the first read, through every way the API reads a draft. A change (here the
 * subscription's arrival) is due for the background refresher at once, usage only after INVOICE_REFRESH_DELAY_MS.
 */
describe('drafts current when read', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  let subgraph: SubgraphUnderTest;
  let services: SubgraphServices;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(
      createInvoicingSubgraph({ graceMs: 3_600_000, refreshers: 0, issueIntervalMs: 60_000, refreshDelayMs: 60_000 }),
      {
        clock,
        ownDatabase: true,
      },
    );
    services = { db: subgraph.running.db, clock, log: createLogger('test', 'silent') } as unknown as SubgraphServices;
  });
  afterAll(() => subgraph?.stop());

  it('recomputes a stale draft before answering with it, by id, in lists and as the upcoming invoice', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const subscriptionId = '6f1c2a52-5f43-4d0e-9d1f-0a3f6c1b2e01';
    const { customer } = await publishSubscribedCustomer(
      subgraph,
      platformId,
      clock,
      [{ name: 'API calls', chargeType: 'USAGE', metric: 'api_calls', price: { model: 'PER_UNIT', unitPrice: '0.5' } }],
      '2026-03-01T00:00:00.000Z',
      subscriptionId,
    );
    const count = async (sql: string) => Number(((await subgraph.running.db.ds.query(sql, [platformId])) as Array<{ n: string }>)[0].n);
    // The subscription's arrival asked for its drafts; one refresh round (the job, run by hand) opens March's.
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM draft_refresh_requests WHERE platform_id = $1`)) > 0, 'a request');
    await waitFor(
      async () =>
        (await refreshRequestedDrafts(services, 3_600_000)) === 0 &&
        (await count(`SELECT count(*) AS n FROM invoices WHERE platform_id = $1`)) === 1,
      'the draft of March',
    );

    await publish(
      subgraph,
      'metering',
      usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour: '2026-03-05T10:00Z', sum: '30', count: 3 }]),
    );
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM usage_items WHERE platform_id = $1`)) === 3, 'the usage applied');
    expect(await count(`SELECT count(*) AS n FROM draft_refresh_requests WHERE platform_id = $1`)).toBeGreaterThan(0);
    // Usage asks for a refresh from INVOICE_REFRESH_DELAY_MS on (here 60 s): a background round leaves it to readers.
    expect(await refreshRequestedDrafts(services, 3_600_000)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM draft_refresh_requests WHERE platform_id = $1`)).toBeGreaterThan(0);
    const stored = await count(`SELECT count(*) AS n FROM invoices WHERE platform_id = $1 AND total = 0`);
    expect(stored).toBe(1); // nothing in the background recomputed it

    const list = await send<{ invoices: { edges: Array<{ node: InvoiceView }> } }>(
      `query ($customer: ID) { invoices(customer: $customer, status: DRAFT, first: 5) { edges { node { ${INVOICE_FIELDS} } } } }`,
      { customer: customer.id },
    );
    expect(list.errors).toBeUndefined();
    const [draft] = list.data!.invoices.edges.map((e) => e.node);
    expect(draft.total.amount).toBe('15');
    expect(draft.lines.map((l) => [l.description, l.quantity, l.amount.amount])).toEqual([['API calls', '30', '15']]);
    expect(await count(`SELECT count(*) AS n FROM draft_refresh_requests WHERE platform_id = $1`)).toBe(0);

    // More usage: read by id and as the subscription's upcoming invoice (an entity reference), current at once.
    await publish(
      subgraph,
      'metering',
      usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour: '2026-03-06T10:00Z', sum: '10', count: 1 }]),
    );
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM usage_items WHERE platform_id = $1`)) === 4, 'more usage applied');
    const byId = await send<{ invoice: { total: { amount: string } } }>(`query ($id: ID!) { invoice(id: $id) { total { amount } } }`, {
      id: draft.id,
    });
    expect(byId.data!.invoice.total.amount).toBe('20');
    await publish(
      subgraph,
      'metering',
      usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour: '2026-03-07T10:00Z', sum: '2', count: 1 }]),
    );
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM usage_items WHERE platform_id = $1`)) === 5, 'still more usage');
    const upcoming = await send<{ _entities: Array<{ upcomingInvoice: { total: { amount: string } } }> }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on CustomerSubscription { upcomingInvoice { total { amount } } } } }`,
      { reps: [{ __typename: 'CustomerSubscription', id: subscriptionId }] },
    );
    expect(upcoming.errors).toBeUndefined();
    expect(upcoming.data!._entities[0].upcomingInvoice.total.amount).toBe('21');
  });
  it("lists a customer's invoices with what a refresh adds: late usage of an issued period shows as its correction at once", async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const version = planVersionActivated(platformId, clock, [
      { name: 'API calls', chargeType: 'USAGE', metric: 'api_calls', price: { model: 'PER_UNIT', unitPrice: '2' } },
    ]);
    const customer = customerCreated(platformId, clock, null);
    const subscriptionId = '6f1c2a52-5f43-4d0e-9d1f-0a3f6c1b2e02';
    await publish(subgraph, 'catalog', version.event);
    await publish(subgraph, 'subscriptions', customer.event);
    // February only: once its invoice is issued, the customer has no draft left for a read to freshen.
    await publish(
      subgraph,
      'subscriptions',
      subscriptionEvent('ended', platformId, clock, {
        id: subscriptionId,
        customerId: customer.id,
        taxRate: null,
        startAt: '2026-02-01T00:00:00.000Z',
        endAt: '2026-03-01T00:00:00.000Z',
        status: 'ENDED',
        phases: [{ startsAt: '2026-02-01T00:00:00.000Z', endsAt: '2026-03-01T00:00:00.000Z', planVersionId: version.id, seats: 1 }],
      }),
    );
    const count = async (sql: string) => Number(((await subgraph.running.db.ds.query(sql, [platformId])) as Array<{ n: string }>)[0].n);
    await waitFor(
      async () =>
        (await refreshRequestedDrafts(services, 3_600_000)) === 0 &&
        (await count(`SELECT count(*) AS n FROM invoices WHERE platform_id = $1`)) === 1,
      'the draft of February',
    );
    const list = `query ($customer: ID) { invoices(customer: $customer, first: 10) { edges { node { id kind status total { amount } } } } }`;
    type Listed = { invoices: { edges: Array<{ node: { id: string; kind: string; status: string; total: { amount: string } } }> } };
    const [february] = (await send<Listed>(list, { customer: customer.id })).data!.invoices.edges.map((e) => e.node);
    const issued = await send(`mutation ($id: ID!) { issueInvoice(id: $id) { status } }`, { id: february.id });
    expect(issued.errors).toBeUndefined();

    await publish(
      subgraph,
      'metering',
      usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour: '2026-02-20T10:00Z', sum: '5', count: 1 }]),
    );
    await waitFor(
      async () => (await count(`SELECT count(*) AS n FROM usage_items WHERE platform_id = $1`)) === 1,
      'the late usage applied',
    );
    expect(await count(`SELECT count(*) AS n FROM invoices WHERE platform_id = $1`)).toBe(1); // no background round ran
    const after = (await send<Listed>(list, { customer: customer.id })).data!.invoices.edges.map((e) => e.node);
    expect(after.map((i) => [i.kind, i.status, i.total.amount]).sort()).toEqual([
      ['CORRECTION', 'DRAFT', '10'],
      ['SUBSCRIPTION', 'ISSUED', '0'],
    ]);
  });
});
