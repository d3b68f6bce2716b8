import { TestClock, type EventOf } from '@meterline/kit';
import { startSubgraphForTest, subgraphClient, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';
import { onUsageRecordedBatch } from '../src/store/projections/usage.projection';
import { producedEvents, publish, publishSubscribedCustomer, usageRecorded } from './invoicing-fixtures';

const TRIGGERS = `query ($customer: ID) { alertTriggers(customer: $customer, first: 50) { totalCount edges { node {
  threshold { value label } value periodStart periodEnd alert { id name kind } subscription { id } } } } }`;

interface TriggerView {
  threshold: { value: string; label: string | null };
  value: string;
  periodStart: string;
  periodEnd: string;
  alert: { id: string; name: string; kind: string };
  subscription: { id: string } | null;
}

/**
 * Alerts against the real Postgres and NATS: usage alerts fire in the usage consumer's transaction, once per threshold
 * per period (redelivery and concurrent batches included), re-armed by a new period; spend alerts fire when the
 * customer's draft is priced, which usage asks for at once for customers with spend alerts (the others wait for
 * INVOICE_REFRESH_DELAY_MS, here a minute).
 */
describe('usage and spend alerts', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(
      createInvoicingSubgraph({
        graceMs: 3_600_000,
        refreshers: 1,
        refreshIntervalMs: 50,
        issueIntervalMs: 60_000,
        refreshDelayMs: 60_000,
      }),
      { clock, ownDatabase: true },
    );
  });
  afterAll(() => subgraph?.stop());

  /** A platform with a customer on a plan pricing api_calls at 0.5 EUR, subscribed from 1 March (monthly). */
  async function customerOnPlan() {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const { customer, subscriptionId } = await publishSubscribedCustomer(
      subgraph,
      platformId,
      clock,
      [{ name: 'API calls', chargeType: 'USAGE', metric: 'api_calls', price: { model: 'PER_UNIT', unitPrice: '0.5' } }],
      '2026-03-01T00:00:00.000Z',
    );
    await waitFor(
      async () =>
        (await subgraph.running.db.query(`SELECT 1 FROM subscriptions WHERE platform_id = $1 AND id = $2`, [platformId, subscriptionId]))
          .length === 1,
      'the subscription projected',
    );
    const usage = (hour: string, sum: string, count = 1) =>
      usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour, sum, count }]);
    const triggers = async () =>
      (await send<{ alertTriggers: { totalCount: number; edges: Array<{ node: TriggerView }> } }>(TRIGGERS, { customer: customer.id }))
        .data!.alertTriggers;
    return { platformId, send, customer, subscriptionId, usage, triggers };
  }

  const CREATE = `mutation ($input: CreateAlertInput!) { createAlert(input: $input) { id name kind metric currency thresholds { value label }
    customer { id } subscription { id } archived } }`;

  it('fires each usage threshold once per period: crossings, two at once, redelivery, rollover', async () => {
    const { platformId, send, customer, subscriptionId, usage, triggers } = await customerOnPlan();
    const created = await send<{ createAlert: { id: string; thresholds: Array<{ value: string }>; currency: string | null } }>(CREATE, {
      input: {
        customer: customer.event.data.reference,
        kind: 'USAGE',
        metric: 'api_calls',
        name: 'API calls',
        thresholds: [{ value: '10' }, { value: '20.0', label: 'half' }, { value: '40' }],
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAlert.thresholds.map((t) => t.value)).toEqual(['10', '20', '40']);
    expect(created.data!.createAlert.currency).toBeNull();

    await publish(subgraph, 'metering', usage('2026-03-05T10:00Z', '9'));
    await waitFor(
      async () => (await subgraph.running.db.query(`SELECT 1 FROM usage_items WHERE platform_id = $1`, [platformId])).length === 1,
      'usage',
    );
    expect((await triggers()).totalCount).toBe(0);

    const first = usage('2026-03-06T10:00Z', '3', 3);
    await publish(subgraph, 'metering', first);
    await waitFor(async () => (await triggers()).totalCount === 1, 'the first threshold');
    expect((await triggers()).edges[0].node).toMatchObject({
      threshold: { value: '10', label: null },
      value: '12',
      periodStart: '2026-03-01T00:00:00.000Z',
      periodEnd: '2026-04-01T00:00:00.000Z',
      subscription: { id: subscriptionId },
      alert: { id: created.data!.createAlert.id, kind: 'USAGE' },
    });

    // The same items again (a re-emission under a new message id) and the same message again: nothing new.
    await publish(subgraph, 'metering', { ...first, id: crypto.randomUUID() });
    await publish(subgraph, 'metering', first, crypto.randomUUID());
    // One jump over two thresholds fires both.
    await publish(subgraph, 'metering', usage('2026-03-07T10:00Z', '30'));
    await waitFor(async () => (await triggers()).totalCount === 3, 'both thresholds');
    expect((await triggers()).edges.map((e) => [e.node.threshold.value, e.node.value]).sort()).toEqual([
      ['10', '12'],
      ['20', '42'],
      ['40', '42'],
    ]);

    // Usage of March arriving in April (the period is over) fires nothing; April's usage fires April's thresholds.
    clock.set('2026-04-02T00:00:00Z');
    await publish(subgraph, 'metering', usage('2026-03-31T10:00Z', '100'));
    await publish(subgraph, 'metering', usage('2026-04-01T10:00Z', '15'));
    await waitFor(async () => (await triggers()).totalCount === 4, 'April’s first threshold');
    expect((await triggers()).edges[0].node).toMatchObject({
      threshold: { value: '10' },
      value: '15',
      periodStart: '2026-04-01T00:00:00.000Z',
    });
    clock.set('2026-03-10T12:00:00Z');

    const events = (await producedEvents(subgraph, platformId)).filter((t) => t === 'invoicing.alert.triggered');
    expect(events).toHaveLength(4);
    const [payload] = await subgraph.running.db.query<{ data: Record<string, unknown> }>(
      `SELECT envelope->'data' AS data FROM outbox WHERE platform_id = $1 AND type = 'invoicing.alert.triggered' ORDER BY seq LIMIT 1`,
      [platformId],
    );
    expect(payload.data).toMatchObject({
      alertId: created.data!.createAlert.id,
      alertName: 'API calls',
      kind: 'USAGE',
      customerId: customer.id,
      customerReference: customer.event.data.reference,
      subscriptionId,
      metric: 'api_calls',
      currency: null,
      threshold: '10',
      value: '12',
      periodStart: '2026-03-01T00:00:00.000Z',
    });
  });

  it('two concurrent batches crossing the same threshold fire it once', async () => {
    const { platformId, send, customer, usage, triggers } = await customerOnPlan();
    await send(CREATE, {
      input: { customer: customer.id, kind: 'USAGE', metric: 'api_calls', name: 'calls', thresholds: [{ value: '10' }, { value: '15' }] },
    });
    const batches = [usage('2026-03-05T10:00Z', '8'), usage('2026-03-05T11:00Z', '8')] as Array<EventOf<'metering.usage.recorded'>>;
    await Promise.all(batches.map((b) => subgraph.running.db.transact((tx) => onUsageRecordedBatch(tx, [b], 60_000))));
    const seen = await triggers();
    // Neither batch alone reaches 10: whichever commits second sees 16 and fires both, once.
    expect(seen.edges.map((e) => [e.node.threshold.value, e.node.value]).sort()).toEqual([
      ['10', '16'],
      ['15', '16'],
    ]);
    const rows = await subgraph.running.db.query<{ n: string }>(`SELECT count(*) AS n FROM alert_triggers WHERE platform_id = $1`, [
      platformId,
    ]);
    expect(Number(rows[0].n)).toBe(2);
  });

  it('fires a spend alert on the draft priced at once for its customer, in the invoice currency', async () => {
    const { platformId, send, customer, usage, triggers } = await customerOnPlan();
    const created = await send<{ createAlert: { id: string; currency: string } }>(CREATE, {
      input: { customer: customer.id, kind: 'SPEND', currency: 'EUR', name: 'Spend', thresholds: [{ value: '5.00', label: 'five euros' }] },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAlert.currency).toBe('EUR');
    await publish(subgraph, 'metering', usage('2026-03-05T10:00Z', '12', 2));
    // The refresh delay is a minute here: the draft priced within a refresher poll is the spend alert's doing.
    await waitFor(async () => (await triggers()).totalCount === 1, 'the spend threshold');
    expect((await triggers()).edges[0].node).toMatchObject({
      threshold: { value: '5', label: 'five euros' },
      value: '6',
      alert: { kind: 'SPEND' },
    });
    const [payload] = await subgraph.running.db.query<{ data: Record<string, unknown> }>(
      `SELECT envelope->'data' AS data FROM outbox WHERE platform_id = $1 AND type = 'invoicing.alert.triggered'`,
      [platformId],
    );
    expect(payload.data).toMatchObject({ kind: 'SPEND', currency: 'EUR', metric: null, threshold: '5', value: '6' });

    // Deleted: no more triggers; the ones recorded stay in the feed.
    const deleted = await send<{ deleteAlert: { archived: boolean } }>(`mutation ($id: ID!) { deleteAlert(id: $id) { archived } }`, {
      id: created.data!.createAlert.id,
    });
    expect(deleted.data!.deleteAlert.archived).toBe(true);
    const listed = await send<{ alerts: { totalCount: number } }>(`query ($c: ID) { alerts(customer: $c) { totalCount } }`, {
      c: customer.id,
    });
    expect(listed.data!.alerts.totalCount).toBe(0);
    expect((await triggers()).totalCount).toBe(1);
  });

  it('names the field of what it refuses', async () => {
    const { platformId, send, customer, subscriptionId } = await customerOnPlan();
    const refusal = async (input: Record<string, unknown>) =>
      (
        await send(CREATE, {
          input: { customer: customer.id, name: 'a', kind: 'USAGE', metric: 'api_calls', thresholds: [{ value: '1' }], ...input },
        })
      ).errors?.[0].extensions;
    expect(await refusal({ metric: 'nope' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.metric' });
    expect(await refusal({ metric: null })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.metric' });
    expect(await refusal({ thresholds: [{ value: '5' }, { value: '5.0' }] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.thresholds[1].value',
    });
    expect(await refusal({ thresholds: [{ value: '0' }] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.thresholds[0].value' });
    expect(await refusal({ thresholds: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.thresholds' });
    expect(await refusal({ currency: 'EUR' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.currency' });
    expect(await refusal({ kind: 'SPEND', metric: null, currency: 'USD' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.currency',
    });
    expect(await refusal({ customer: 'nobody' })).toMatchObject({ code: 'NOT_FOUND', field: 'input.customer' });
    expect(await refusal({ subscription: crypto.randomUUID() })).toMatchObject({ code: 'NOT_FOUND', field: 'input.subscription' });
    expect(await refusal({ subscription: subscriptionId })).toBeUndefined();
    expect(await refusal({ name: '' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });

    // A read key reads alerts and cannot change them.
    const read = subgraphClient(subgraph.running.url, platformId, subgraph.secret, 'read');
    expect(
      (await read(CREATE, { input: { customer: customer.id, name: 'r', kind: 'SPEND', thresholds: [{ value: '1' }] } })).errors?.[0]
        .extensions,
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await read(`query ($c: ID) { alerts(customer: $c) { totalCount } }`, { c: customer.id })).data).toEqual({
      alerts: { totalCount: 1 },
    });

    const other = subgraph.clientForNewPlatform();
    expect(
      (await other.send(CREATE, { input: { customer: customer.id, name: 'a', kind: 'SPEND', thresholds: [{ value: '1' }] } })).errors?.[0]
        .extensions,
    ).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.customer',
    });
  });
});
