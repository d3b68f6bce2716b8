import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent, signTenantHeaders, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createMeteringSubgraph } from '../src';

type Send = ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send'];

const definition = createMeteringSubgraph({
  directory: mkdtempSync(join(tmpdir(), 'backfill-test-')),
  nodeId: 'backfill-node',
  pollIntervalMs: 50,
});
const MAPPING = JSON.stringify({
  customer: 'customer',
  meterReference: 'scans',
  timestamp: 'at',
  reference: 'ref',
  values: [{ reference: 'count', column: 'n' }],
});

// Issue 16: historical usage imported with backfill=true is stored and counted in usage, but never sent to invoicing.
describe('usage backfill (file imports marked backfill=true)', () => {
  let subgraph: SubgraphUnderTest;
  let base: string;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(definition);
    base = subgraph.running.url.replace(/\/graphql$/, '');
  });
  afterAll(() => subgraph?.stop());

  async function ok<T>(send: Send, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await send<T>(query, variables);
    if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data;
  }

  async function tenant() {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await ok(send, `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`, {
      input: {
        reference: 'scans',
        name: 'Scans',
        values: [{ reference: 'count', type: 'NUMBER' }],
        metrics: [{ reference: 'scans_total', aggregation: 'SUM', valueReference: 'count' }],
      },
    });
    await ok(send, `mutation { changeMeterStatus(meter: "scans", action: ACTIVATE) { status } }`);
    const customer = newEvent(
      'subscriptions.customer.created',
      platformId,
      { id: randomUUID(), reference: 'acme', name: 'acme', currency: 'EUR' },
      systemClock,
    );
    await subgraph.running.bus.js.publish(subgraph.running.bus.subjectOf(customer.type), JSON.stringify(customer), { msgID: customer.id });
    await waitFor(
      async () => (await subgraph.running.db.query(`SELECT 1 FROM customers WHERE platform_id = $1`, [platformId])).length > 0,
      'the customer',
    );
    return { platformId, send };
  }

  async function upload(platformId: string, send: Send, csv: string, query: string) {
    const response = await fetch(`${base}/v1/imports?format=csv&mapping=${encodeURIComponent(MAPPING)}${query}`, {
      method: 'POST',
      headers: signTenantHeaders(subgraph.secret, { platformId, role: 'admin' }, systemClock),
      body: csv,
    });
    const json = (await response.json()) as { id: string; errors?: Array<{ extensions: Record<string, unknown> }> };
    if (response.status !== 202) return { status: response.status, json };
    const done = await waitFor(async () => {
      const { eventImport } = await ok<{ eventImport: { status: string; accepted: number; duplicates: number; backfill: boolean } }>(
        send,
        `query ($id: ID!) { eventImport(id: $id) { status accepted duplicates backfill } }`,
        { id: json.id },
      );
      return eventImport.status === 'COMPLETED' && eventImport;
    }, 'the import');
    return { status: 202, json, done };
  }

  const usageItemsSent = async (platformId: string) =>
    Number(
      (
        await subgraph.running.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM outbox WHERE platform_id = $1 AND type = 'metering.usage.recorded'`,
          [platformId],
        )
      )[0].n,
    );

  it('stores and counts backfilled events, sends none of them to invoicing, and a later live copy is a duplicate', async () => {
    const { platformId, send } = await tenant();
    const history = 'customer,at,ref,n\nacme,2025-03-03T10:00:00Z,h-1,5\nacme,2025-03-04T10:00:00Z,h-2,7\n';
    const backfilled = await upload(platformId, send, history, '&backfill=true');
    expect(backfilled.done).toEqual({ status: 'COMPLETED', accepted: 2, duplicates: 0, backfill: true });
    const { usage } = await ok<{ usage: { value: string } }>(
      send,
      `{ usage(customer: "acme", metric: "scans_total", from: "2025-03-01T00:00:00Z", to: "2025-04-01T00:00:00Z") { value } }`,
    );
    expect(usage.value).toBe('12');
    const events = await ok<{ usageEvents: { edges: Array<{ node: { reference: string; backfill: boolean; status: string } }> } }>(
      send,
      `{ usageEvents(first: 10) { edges { node { reference backfill status } } } }`,
    );
    expect(events.usageEvents.edges.map((e) => e.node).sort((a, b) => (a.reference < b.reference ? -1 : 1))).toEqual([
      { reference: 'h-1', backfill: true, status: 'MATCHED' },
      { reference: 'h-2', backfill: true, status: 'MATCHED' },
    ]);
    expect(await usageItemsSent(platformId)).toBe(0);

    // The same events again, live: duplicates of the backfilled ones, so nothing is billed twice
    const live = await upload(platformId, send, history, '');
    expect(live.done).toEqual({ status: 'COMPLETED', accepted: 0, duplicates: 2, backfill: false });
    expect(await usageItemsSent(platformId)).toBe(0);
    // A new live event is sent as usual
    await upload(platformId, send, 'customer,at,ref,n\nacme,2025-03-05T10:00:00Z,l-1,1\n', '&backfill=false');
    expect(await usageItemsSent(platformId)).toBe(1);
  });

  it('a backfilled event matched later (its customer arrives after it) still reaches no invoice', async () => {
    const { platformId, send } = await tenant();
    const done = await upload(platformId, send, 'customer,at,ref,n\nlate,2025-03-03T10:00:00Z,h-1,5\n', '&backfill=true');
    expect(done.done).toMatchObject({ status: 'COMPLETED', accepted: 0 });
    const customer = newEvent(
      'subscriptions.customer.created',
      platformId,
      { id: randomUUID(), reference: 'late', name: 'late', currency: 'EUR' },
      systemClock,
    );
    await subgraph.running.bus.js.publish(subgraph.running.bus.subjectOf(customer.type), JSON.stringify(customer), { msgID: customer.id });
    await waitFor(async () => {
      const { usageEvents } = await ok<{ usageEvents: { edges: Array<{ node: { status: string; backfill: boolean } }> } }>(
        send,
        `{ usageEvents(first: 10) { edges { node { status backfill } } } }`,
      );
      return usageEvents.edges[0]?.node.status === 'MATCHED' && usageEvents.edges[0].node.backfill;
    }, 'the event to be matched');
    expect(await usageItemsSent(platformId)).toBe(0);
  });

  it('refuses a backfill flag that is not true or false, naming it', async () => {
    const { platformId, send } = await tenant();
    const refused = await upload(platformId, send, 'customer,at,ref,n\n', '&backfill=yes');
    expect(refused.status).toBe(400);
    expect(refused.json.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'backfill' });
  });
});
