import { eventContracts, type EventEnvelope } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { meteringSubgraph } from '../src';
import { announceCustomer, createActiveMeter, INGEST, ok, postEvents, type IngestData, type Send } from './support';

const seedEvent = (customer: string, reference: string, amount: string, extra: Record<string, unknown> = {}) => ({
  meter_reference: 'transactions',
  customer_reference: customer,
  reference,
  timestamp: '2025-04-17T15:33:00+02:00',
  meter_values: [{ reference: 'amount_processed', amount: { currency: 'EUR', quantity: amount } }],
  properties: { region: 'eu-west', payment_method: 'credit_card' },
  ...extra,
});

async function transactionsMeter(send: Send) {
  await createActiveMeter(send, {
    reference: 'transactions',
    name: 'Transactions',
    values: [{ reference: 'amount_processed', type: 'AMOUNT', currency: 'EUR' }],
    properties: ['region', 'payment_method'],
    metrics: [
      { reference: 'processed', aggregation: 'SUM', valueReference: 'amount_processed' },
      { reference: 'payers', aggregation: 'UNIQUE_COUNT', property: 'payment_method' },
    ],
  });
}

async function usageRecorded(subgraph: SubgraphUnderTest, platformId: string): Promise<EventEnvelope[]> {
  const rows = await subgraph.running.db.query<{ envelope: unknown }>(
    `SELECT envelope FROM outbox WHERE platform_id = $1 AND type = 'metering.usage.recorded' ORDER BY seq`,
    [platformId],
  );
  return rows.map((r) => eventContracts().check(r.envelope));
}

describe('the REST door, events out, event lists and reprocessing', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(meteringSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('accepts the seed’s JSON verbatim (array and NDJSON), with per-event results in the seed’s field names', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await transactionsMeter(send);
    await announceCustomer(subgraph, platformId, 'acme');
    const array = await postEvents(
      subgraph,
      platformId,
      JSON.stringify([seedEvent('acme', 'acme_txn_001', '749.98'), seedEvent('acme', 'acme_txn_002', 'lots')]),
    );
    expect(array.status).toBe(200);
    expect(array.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(array.body.results![1]).toMatchObject({ status: 'REJECTED', field: 'meter_values[0].amount.quantity' });

    const ndjson = [
      JSON.stringify(seedEvent('acme', 'acme_txn_001', '749.98')),
      '{"meter_reference": oops',
      JSON.stringify(seedEvent('acme', 'acme_txn_003', '0.02')),
    ].join('\n');
    const lines = await postEvents(subgraph, platformId, ndjson, 'application/x-ndjson');
    expect(lines.body.results!.map((r) => [r.status, r.field])).toEqual([
      ['DUPLICATE', null],
      ['REJECTED', 'line'],
      ['ACCEPTED', null],
    ]);
    const broken = await postEvents(subgraph, platformId, '[{"meter_reference": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'body' } }] });
  });

  it('publishes one metering.usage.recorded per batch with an item per event and metric, at the event’s own instant', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await transactionsMeter(send);
    const acme = await announceCustomer(subgraph, platformId, 'acme');
    const globex = await announceCustomer(subgraph, platformId, 'globex');
    const batch = Array.from({ length: 300 }, (_, i) =>
      seedEvent(i % 3 === 0 ? 'globex' : 'acme', `t${i}`, '1.5', i % 2 ? { properties: { region: 'us', payment_method: 'sepa' } } : {}),
    );
    await postEvents(subgraph, platformId, JSON.stringify(batch));
    const [message, ...others] = await usageRecorded(subgraph, platformId);
    expect(others).toHaveLength(0);
    expect(message.version).toBe(2);
    const items = (
      message.data as {
        items: Array<{
          eventId: string;
          customerId: string;
          subscriptionId: string | null;
          metric: string;
          at: string;
          dimensions: Record<string, string>;
          state: { sum: string; count: number; distinct: string[] };
        }>;
      }
    ).items;
    // 300 events × 2 metrics, each at its own instant (13:33Z), not an hour
    expect(items).toHaveLength(600);
    expect(new Set(items.map((d) => d.at))).toEqual(new Set(['2025-04-17T13:33:00.000Z']));
    expect(new Set(items.map((d) => d.eventId)).size).toBe(300);
    expect(items.every((d) => d.state.count === 1 && d.subscriptionId === null)).toBe(true);
    const processedFor = (customerId: string) =>
      items.filter((d) => d.customerId === customerId && d.metric === 'processed').reduce((n, d) => n + Number(d.state.sum), 0);
    expect([processedFor(acme), processedFor(globex)]).toEqual([200 * 1.5, 100 * 1.5]);
    expect(items.find((d) => d.metric === 'payers' && d.dimensions.payment_method === 'sepa')?.state.distinct).toEqual(['sepa']);
  });

  it('lists events with filters and pages, with processing details, and reprocesses unmatched ones explicitly, once', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    // Events for a meter that does not exist yet: unmatched, UNKNOWN_METER.
    await ok<IngestData>(send, INGEST, {
      events: Array.from({ length: 5 }, (_, i) => ({
        meterReference: 'transactions',
        customerReference: 'acme',
        reference: `u${i}`,
        timestamp: '2026-02-01T00:00:00Z',
        meterValues: [{ reference: 'amount_processed', amount: { currency: 'EUR', quantity: '10' } }],
      })),
    });
    const LIST = `query ($filter: UsageEventFilter, $after: String) {
      usageEvents(first: 2, after: $after, filter: $filter) { totalCount edges { node { reference status unmatchedReason meter { reference } customer { id } values { reference quantity currency } } } pageInfo { endCursor hasNextPage } }
    }`;
    type List = {
      usageEvents: {
        totalCount: number;
        edges: Array<{ node: Record<string, unknown> }>;
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const page1 = await ok<List>(send, LIST, { filter: { status: 'UNMATCHED', unmatchedReason: 'UNKNOWN_METER' } });
    expect(page1.usageEvents.totalCount).toBe(5);
    expect(page1.usageEvents.edges[0].node).toMatchObject({
      status: 'UNMATCHED',
      unmatchedReason: 'UNKNOWN_METER',
      meter: null,
      values: [{ reference: 'amount_processed', quantity: '10', currency: 'EUR' }],
    });
    // Events of one batch share their receive time; pages follow (receivedAt, id) and neither skip nor repeat.
    const seen = page1.usageEvents.edges.map((e) => e.node.reference);
    for (let cursor = page1.usageEvents.pageInfo; cursor.hasNextPage;) {
      const next = await ok<List>(send, LIST, { filter: { status: 'UNMATCHED' }, after: cursor.endCursor });
      seen.push(...next.usageEvents.edges.map((e) => e.node.reference));
      cursor = next.usageEvents.pageInfo;
    }
    expect([...seen].sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);

    await transactionsMeter(send);
    const customerId = await announceCustomer(subgraph, platformId, 'acme');
    // The customer's arrival does not touch UNKNOWN_METER events; an explicit reprocess does, once.
    const REPROCESS = `mutation { reprocessUnmatchedEvents(filter: { meterReference: "transactions" }) { examined matched stillUnmatched } }`;
    expect((await ok<{ reprocessUnmatchedEvents: unknown }>(send, REPROCESS)).reprocessUnmatchedEvents).toEqual({
      examined: 5,
      matched: 5,
      stillUnmatched: 0,
    });
    expect((await ok<{ reprocessUnmatchedEvents: unknown }>(send, REPROCESS)).reprocessUnmatchedEvents).toEqual({
      examined: 0,
      matched: 0,
      stillUnmatched: 0,
    });
    const matched = await ok<List>(send, LIST, { filter: { status: 'MATCHED', customerReference: 'acme' } });
    expect(matched.usageEvents.totalCount).toBe(5);
    expect(matched.usageEvents.edges[0].node).toMatchObject({ meter: { reference: 'transactions' }, customer: { id: customerId } });
    const recorded = await usageRecorded(subgraph, platformId);
    expect(recorded).toHaveLength(1);
    await waitFor(async () => {
      const usage = await ok<{ usage: { value: string } }>(
        send,
        `{ usage(customer: "acme", metric: "processed", from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { value } }`,
      );
      return usage.usage.value === '50';
    }, 'reprocessed events to count');
  });
});
