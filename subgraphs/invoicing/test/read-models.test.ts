import { randomUUID } from 'node:crypto';
import { Decimal, newEvent, systemClock, type EventEnvelope } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import fc from 'fast-check';
import {
  Aggregations,
  finalValue,
  mergeStates,
  stateFromJson,
  stateToJson,
  type AggregateState,
  type AggregateStateJson,
} from '@meterline/usage';
import { invoicingSubgraph } from '../src';

describe('invoicing’s read models, fed by NATS only', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(invoicingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  async function publish(producer: string, event: EventEnvelope, msgID = event.id) {
    const { bus } = subgraph.running;
    await bus.ensureStream(producer);
    await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID });
  }

  it('keeps customers, subscriptions and plan versions, newest state winning', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const customerId = randomUUID();
    const customer = (taxRate: string) =>
      newEvent(
        'subscriptions.customer.updated',
        platformId,
        { id: customerId, reference: 'acme', name: 'Acme', currency: 'EUR', email: null, country: 'NL', taxRate, archived: false },
        systemClock,
      );
    const older = customer('9');
    const newer = customer('21');
    await publish('subscriptions', newer);
    await publish('subscriptions', { ...older, occurredAt: new Date(Date.parse(newer.occurredAt) - 60_000).toISOString() });
    const subscriptionId = randomUUID();
    await publish(
      'subscriptions',
      newEvent(
        'subscriptions.subscription.activated',
        platformId,
        {
          id: subscriptionId,
          status: 'ACTIVE',
          customer: { id: customerId, reference: 'acme', currency: 'EUR', taxRate: '21' },
          billingPeriod: 'MONTH',
          anchor: '2026-01-31T10:00:00.000Z',
          startAt: '2026-01-31T10:00:00.000Z',
          endAt: null,
          trialEnd: null,
          phases: [{ startsAt: '2026-01-31T10:00:00.000Z', endsAt: null, planVersionId: randomUUID(), seats: 5, overrides: {} }],
        },
        systemClock,
      ),
    );
    const rows = await waitFor(async () => {
      const [c] = await subgraph.running.db.query<{ tax_rate: string }>(`SELECT tax_rate::text FROM customers WHERE platform_id = $1`, [
        platformId,
      ]);
      const [s] = await subgraph.running.db.query<{ phases: Array<{ seats: number }> }>(
        `SELECT phases FROM subscriptions WHERE platform_id = $1`,
        [platformId],
      );
      return c && s && { c, s };
    }, 'the projections');
    await new Promise((r) => setTimeout(r, 300));
    const [c] = await subgraph.running.db.query<{ tax_rate: string }>(`SELECT tax_rate::text FROM customers WHERE platform_id = $1`, [
      platformId,
    ]);
    expect(c.tax_rate).toBe('21');
    expect(rows.s.phases[0].seats).toBe(5);
  });

  it('keeps what documents show of a customer: name, e-mail, billing address and tax id (null from events without them)', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const id = randomUUID();
    const read = () =>
      subgraph.running.db.query<{ name: string; email: string | null; billing_address: unknown; tax_id: string | null; updated_at: Date }>(
        `SELECT name, email, billing_address, tax_id, updated_at FROM customers WHERE platform_id = $1 AND id = $2`,
        [platformId, id],
      );
    // As published before the address and tax id travelled (the fields are optional): nothing to show but the name.
    const created = newEvent(
      'subscriptions.customer.created',
      platformId,
      { id, reference: 'acme', name: 'Acme', currency: 'EUR' },
      systemClock,
    );
    await publish('subscriptions', created);
    const [first] = await waitFor(async () => ((await read()).length ? read() : undefined), 'the customer');
    expect(first).toMatchObject({ name: 'Acme', email: null, billing_address: null, tax_id: null });
    const address = { line1: 'Dam 1', line2: null, city: 'Amsterdam', postalCode: '1012 JS', state: null, country: 'NL' };
    await publish(
      'subscriptions',
      newEvent(
        'subscriptions.customer.updated',
        platformId,
        {
          id,
          reference: 'acme',
          name: 'Acme B.V.',
          currency: 'EUR',
          email: 'ap@acme.test',
          country: 'NL',
          taxRate: null,
          archived: false,
          billingAddress: address,
          taxId: 'NL001',
        },
        systemClock,
      ),
    );
    const [updated] = await waitFor(async () => {
      const rows = await read();
      return rows[0]?.name === 'Acme B.V.' ? rows : undefined;
    }, 'the update');
    expect(updated).toMatchObject({ name: 'Acme B.V.', email: 'ap@acme.test', billing_address: address, tax_id: 'NL001' });
  });

  it('keeps each event’s usage once and merges it into totals per customer, metric, subscription, hour and dimensions', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const customerId = randomUUID();
    const meterId = randomUUID();
    const item = (sum: string, region: string, at = '2026-01-05T10:15:00.123Z', eventId = randomUUID()) => ({
      eventId,
      customerId,
      subscriptionId: null,
      meterId,
      metric: 'calls_total',
      aggregation: 'SUM',
      at,
      dimensions: { region },
      state: { count: 1, sum },
    });
    const repeated = item('4', 'eu', '2026-01-05T10:59:59.999Z');
    const first = newEvent('metering.usage.recorded', platformId, { items: [item('10.5', 'eu'), item('1', 'us'), repeated] }, systemClock);
    // the same event re-emitted in another message (a re-processing run): counted once
    const second = newEvent('metering.usage.recorded', platformId, { items: [item('0.25', 'eu'), repeated, repeated] }, systemClock);
    await publish('metering', first);
    await publish('metering', first, `${first.id}-again`); // a redelivery under another msgID: the inbox ignores it
    await publish('metering', second);
    const totals = await waitFor(async () => {
      const rows = await subgraph.running.db.query<{ dimensions: { region: string }; state: AggregateStateJson; bucket_start: Date }>(
        `SELECT dimensions, state, bucket_start FROM usage_totals WHERE platform_id = $1 ORDER BY dimensions->>'region'`,
        [platformId],
      );
      return rows.length === 2 && rows[0].state.count === 3 && rows;
    }, 'the usage totals');
    const metric = { aggregation: 'SUM' as const, valueReference: 'v', property: null, filters: {} };
    expect(
      totals.map((t) => [
        t.dimensions.region,
        finalValue(metric, stateFromJson(t.state)).toFixed(),
        t.state.count,
        t.bucket_start.toISOString(),
      ]),
    ).toEqual([
      ['eu', new Decimal('14.75').toFixed(), 3, '2026-01-05T10:00:00.000Z'],
      ['us', '1', 1, '2026-01-05T10:00:00.000Z'],
    ]);
    const items = await subgraph.running.db.query<{ at: Date }>(`SELECT at FROM usage_items WHERE platform_id = $1 ORDER BY at`, [
      platformId,
    ]);
    expect(items).toHaveLength(4);
    expect(items[3].at.toISOString()).toBe('2026-01-05T10:59:59.999Z');
  });

  it('merges states in SQL (usage_state_merge) exactly as mergeStates does', async () => {
    const decimal = fc
      .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }))
      .map(([units, scale]) => new Decimal(units).dividedBy(10 ** scale));
    const state: fc.Arbitrary<AggregateState> = fc.record({
      count: fc.integer({ min: 0, max: 1000 }),
      sum: decimal,
      max: fc.option(decimal, { nil: null }),
      min: fc.option(decimal, { nil: null }),
      latest: fc.option(
        fc.record({
          value: decimal,
          at: fc
            .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-01-02T00:00:00Z'), noInvalidDate: true })
            .map((d) => d.toISOString()),
          id: fc.constantFrom('a1', 'b2', 'c3', '0f'),
        }),
        { nil: null },
      ),
      distinct: fc.uniqueArray(fc.constantFrom('eu', 'us', 'apac', 'x', 'Y', '1'), { maxLength: 4 }).map((v) => [...v].sort()),
    });
    const comparable = (s: AggregateState) => ({
      count: s.count,
      sum: s.sum.toFixed(),
      max: s.max?.toFixed() ?? null,
      min: s.min?.toFixed() ?? null,
      latest: s.latest ? { ...s.latest, value: s.latest.value.toFixed() } : null,
      distinct: s.distinct,
    });
    await fc.assert(
      fc.asyncProperty(state, state, fc.constantFrom(...Aggregations, undefined), async (a, b, aggregation) => {
        const [ja, jb] = [stateToJson(a, aggregation), stateToJson(b, aggregation)];
        const [row] = await subgraph.running.db.query<{ merged: AggregateStateJson }>(
          `SELECT usage_state_merge($1::jsonb, $2::jsonb) AS merged`,
          [JSON.stringify(ja), JSON.stringify(jb)],
        );
        expect(comparable(stateFromJson(row.merged))).toEqual(comparable(mergeStates(stateFromJson(ja), stateFromJson(jb))));
      }),
      { numRuns: 300 },
    );
  });
});
