import { randomUUID } from 'node:crypto';
import { newEvent, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { meteringSubgraph } from '../src';

const CREATE_METER = `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id status } }`;
const ACTIVATE = `mutation ($meter: String!) { changeMeterStatus(meter: $meter, action: ACTIVATE) { status } }`;
const INGEST = `mutation ($events: [UsageEventInput!]!) {
  ingestUsageEvents(events: $events) { accepted unmatched duplicates conflicts rejected results { index status reason field eventId } }
}`;
const USAGE = `query ($id: ID!) {
  _entities(representations: [{ __typename: "Customer", id: $id }]) {
    ... on Customer { usage(metric: "tokens_total", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { value } }
  }
}`;

type Send = SubgraphUnderTest['clientForNewPlatform'] extends (...a: never[]) => { send: infer S } ? S : never;
type IngestResult = { ingestUsageEvents: { results: Array<{ status: string; reason: string | null; field: string | null }> } };

const tokens = (customer: string, reference: string, value: string, extra: Record<string, unknown> = {}) => ({
  meterReference: 'tokens',
  customerReference: customer,
  reference,
  timestamp: '2026-01-15T12:00:00Z',
  meterValues: [{ reference: 'count', number: value }],
  ...extra,
});

async function tokensMeter(send: Send, activate = true) {
  const created = await send(CREATE_METER, {
    input: {
      reference: 'tokens',
      name: 'Tokens',
      values: [{ reference: 'count', type: 'NUMBER' }],
      metrics: [{ reference: 'tokens_total', aggregation: 'SUM', valueReference: 'count' }],
    },
  });
  expect(created.errors).toBeUndefined();
  if (activate) expect((await send(ACTIVATE, { meter: 'tokens' })).errors).toBeUndefined();
}

describe('metering ingestion and the customer projection', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(meteringSubgraph);
  });
  afterAll(() => subgraph?.stop());

  /** Publishes subscriptions.customer.created as the subscriptions subgraph would, `times` times with distinct msgIDs. */
  async function announceCustomer(platformId: string, reference: string, times = 1): Promise<string> {
    const id = randomUUID();
    const event = newEvent('subscriptions.customer.created', platformId, { id, reference, name: reference, currency: 'EUR' }, systemClock);
    const { bus } = subgraph.running;
    for (let i = 0; i < times; i++) {
      await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: `${event.id}-${i}` });
    }
    return id;
  }

  it('stores events it cannot attribute as unmatched, with the reason, and rejects invalid ones naming the field', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const unknownMeter = await send<IngestResult>(INGEST, { events: [tokens('c1', 'e1', '1')] });
    expect(unknownMeter.data?.ingestUsageEvents.results[0]).toMatchObject({ status: 'UNMATCHED', reason: 'UNKNOWN_METER' });

    await tokensMeter(send, false);
    const draft = await send<IngestResult>(INGEST, { events: [tokens('c1', 'e2', '1')] });
    expect(draft.data?.ingestUsageEvents.results[0]).toMatchObject({ status: 'UNMATCHED', reason: 'INACTIVE_METER' });

    await send(ACTIVATE, { meter: 'tokens' });
    const mixed = await send<IngestResult>(INGEST, {
      events: [
        { ...tokens('c1', 'e3', '1'), meterValues: [{ reference: 'seconds', number: '1' }] },
        tokens('c1', 'e4', '1'),
        { ...tokens('c1', 'e5', '1'), meterValues: [{ reference: 'count', number: '1', amount: { currency: 'EUR', quantity: '1' } }] },
        { ...tokens('c1', 'e6', '1'), properties: { region: { nested: true } } },
        { ...tokens('c1', '', '1') },
      ],
    });
    expect(mixed.data?.ingestUsageEvents.results.map((r) => [r.status, r.field ?? r.reason])).toEqual([
      ['UNMATCHED', 'UNKNOWN_VALUE'],
      ['UNMATCHED', 'UNKNOWN_CUSTOMER'],
      ['REJECTED', 'meterValues[0]'],
      ['REJECTED', 'properties.region'],
      ['REJECTED', 'reference'],
    ]);
  });

  it('refuses more than 1000 events in one call with BAD_USER_INPUT on events', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const events = Array.from({ length: 1001 }, (_, i) => tokens('c', `e${i}`, '1'));
    const response = await send(INGEST, { events });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
  });

  it('matches a customer’s waiting events once, however often subscriptions.customer.created is delivered', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await tokensMeter(send);
    await send(INGEST, { events: [tokens('acme', 'a', '100'), tokens('acme', 'b', '0.5'), tokens('other', 'c', '7')] });

    const customerId = await announceCustomer(platformId, 'acme', 3);
    const usage = await waitFor(async () => {
      const response = await send<{ _entities: Array<{ usage: { value: string } }> }>(USAGE, { id: customerId });
      return response.data?._entities[0].usage.value === '100.5' && response.data._entities[0].usage.value;
    }, 'acme usage to be matched');
    expect(usage).toBe('100.5');

    const [inbox] = await subgraph.running.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbox WHERE platform_id = $1 AND type = 'subscriptions.customer.created'`,
      [platformId],
    );
    expect(inbox.n).toBe(1);
    const [other] = await subgraph.running.db.query<{ status: string }>(
      `SELECT status FROM usage_events WHERE platform_id = $1 AND customer_reference = 'other'`,
      [platformId],
    );
    expect(other.status).toBe('UNMATCHED');
  });

  it('refuses to activate a meter twice or to deprecate a draft, with INVALID_STATUS_TRANSITION', async () => {
    const { send } = subgraph.clientForNewPlatform();
    await tokensMeter(send);
    const again = await send(ACTIVATE, { meter: 'tokens' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATUS_TRANSITION', field: 'status' });
    const unknown = await send(ACTIVATE, { meter: 'nope' });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'meter' });
  });

  it('refuses a meter whose metric aggregates a value it does not have, naming the field', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const response = await send(CREATE_METER, {
      input: {
        reference: 'bad',
        name: 'Bad',
        values: [{ reference: 'count', type: 'NUMBER' }],
        metrics: [{ reference: 'm', aggregation: 'SUM', valueReference: 'missing' }],
      },
    });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metrics[0].valueReference' });
  });
});
