import { signTenantHeaders, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { meteringSubgraph } from '../src';
import { MAX_USAGE_GROUP_BY } from '../src/store/usage.repository';
import { announceCustomer, ok, type Send } from './support';

// Issue 14: one input layer at every door — GraphQL variables and inline literals, REST, file rows. Bad values answer
// BAD_USER_INPUT (or a per-event/per-row rejection) naming the field; accepted values read back exactly as sent.

const INGEST = `mutation ($events: [UsageEventInput!]!) {
  ingestUsageEvents(events: $events) { accepted rejected results { index status reason field eventId } }
}`;
const EVENT = `query ($id: ID!) { usageEvent(id: $id) { reference customerReference timestamp properties values { reference quantity } } }`;

type Errors = Array<{ message: string; extensions: { code: string; field?: string } }>;
type IngestResults = {
  ingestUsageEvents: { results: Array<{ status: string; field: string | null; reason: string | null; eventId: string | null }> };
};

const event = (reference: string, extra: Record<string, unknown> = {}) => ({
  meterReference: 'tokens',
  customerReference: 'acme',
  reference,
  timestamp: '2026-01-15T12:00:00Z',
  meterValues: [{ reference: 'count', number: '1' }],
  ...extra,
});

describe('the input layer at every door of metering', () => {
  let subgraph: SubgraphUnderTest;
  let base: string;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(meteringSubgraph);
    base = subgraph.running.url.replace(/\/graphql$/, '');
  });
  afterAll(() => subgraph?.stop());

  async function tenant(): Promise<{ platformId: string; send: Send }> {
    const client = subgraph.clientForNewPlatform();
    await ok(client.send, `mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }`, {
      input: {
        reference: 'tokens',
        name: 'Tokens',
        values: [{ reference: 'count', type: 'NUMBER' }],
        properties: ['model'],
        metrics: [{ reference: 'tokens_total', aggregation: 'SUM', valueReference: 'count' }],
      },
    });
    await ok(client.send, `mutation { changeMeterStatus(meter: "tokens", action: ACTIVATE) { status } }`);
    await announceCustomer(subgraph, client.platformId, 'acme');
    return client;
  }

  const badInput = (errors: Errors | undefined, field: string) => {
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
  };

  it('GraphQL variables: a NUL, a lone surrogate, a JSON object given as a string or array, a bad DateTime — BAD_USER_INPUT naming the path', async () => {
    const { send } = await tenant();
    const cases: Array<[Record<string, unknown>, string]> = [
      [event('nul\u0000ref'), 'events[0].reference'],
      [event('r', { customerReference: 'acme\ud800' }), 'events[0].customerReference'],
      [event('r', { properties: '{"model":"x"}' }), 'events[0].properties'],
      [event('r', { properties: ['model'] }), 'events[0].properties'],
      [event('r', { properties: { model: 'gpt\u0000' } }), 'events[0].properties'],
      [event('r', { meterValues: [{ reference: 'count', number: 'x'.repeat(100_001) }] }), 'events[0].meterValues[0].number'],
    ];
    for (const [bad, field] of cases) {
      const response = await send(INGEST, { events: [event('fine'), bad] });
      badInput(response.errors as Errors, field.replace('events[0]', 'events[1]'));
    }
    const usage = `query ($from: DateTime!) { usage(customer: "acme", metric: "tokens_total", from: $from, to: "2026-02-01T00:00:00Z") { value } }`;
    for (const from of [
      '2026-02-30T00:00:00Z',
      '2026-01-01T24:00:00Z',
      'yesterday',
      '2026-01-01T00:00:00',
      '2026-13-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
    ])
      badInput((await send(usage, { from })).errors as Errors, 'from');
  });

  it('GraphQL inline literals: the same values in the query text — BAD_USER_INPUT naming the path', async () => {
    const { send } = await tenant();
    const usage = (from: string) =>
      `{ usage(customer: "acme", metric: "tokens_total", from: "${from}", to: "2026-02-01T00:00:00Z") { value } }`;
    badInput((await send(usage('2026-02-30T00:00:00Z'))).errors as Errors, 'from');
    badInput((await send(usage('2026-01-01T24:00:00Z'))).errors as Errors, 'from');
    const ingest = (properties: string) =>
      `mutation { ingestUsageEvents(events: [{ meterReference: "tokens", customerReference: "acme", reference: "r", meterValues: [{ reference: "count", number: "1" }], properties: ${properties} }]) { accepted } }`;
    badInput((await send(ingest('"{}"'))).errors as Errors, 'events[0].properties');
    badInput((await send(ingest('["a"]'))).errors as Errors, 'events[0].properties');
    badInput((await send(ingest('{ model: "a\\u0000" }'))).errors as Errors, 'events[0].properties');
    badInput((await send(`{ meter(meter: "tok\\u0000ens") { id } }`)).errors as Errors, 'meter');
  });

  it(`GraphQL: usage(groupBy:) takes at most ${MAX_USAGE_GROUP_BY} names`, async () => {
    const { send } = await tenant();
    const usage = `query ($g: [String!]) { usage(customer: "acme", metric: "tokens_total", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", groupBy: $g) { value } }`;
    expect((await send(usage, { g: ['model'] })).errors).toBeUndefined();
    badInput((await send(usage, { g: Array.from({ length: MAX_USAGE_GROUP_BY + 1 }, (_, i) => `p${i}`) })).errors as Errors, 'groupBy');
    badInput((await send(usage, { g: Array.from({ length: 10_001 }, (_, i) => `p${i}`) })).errors as Errors, 'groupBy');
  });

  it('GraphQL: per-event values (decimals, date-times, references) are rejected alone naming the field; accepted ones read back identical', async () => {
    const { send } = await tenant();
    const bad: Array<[Record<string, unknown>, string]> = [
      ...['1e400', 'NaN', 'Infinity', '1,5', '.5', '+1', ''].map((number): [Record<string, unknown>, string] => [
        event(`n${number}`, { meterValues: [{ reference: 'count', number }] }),
        'meterValues[0].number',
      ]),
      ...['2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', 'yesterday', '2026-01-15T12:00:00', '2026-13-01T00:00:00Z'].map(
        (timestamp): [Record<string, unknown>, string] => [event(`t${timestamp}`, { timestamp }), 'timestamp'],
      ),
      [event(' spaced'), 'reference'],
      [event('tab\t'), 'reference'],
      [event('r', { customerReference: 'acme ' }), 'customerReference'],
    ];
    const kept = event('kept ref', {
      timestamp: '2026-01-15T13:00:00.123+01:00',
      meterValues: [{ reference: 'count', number: '0.000000000000000000000000000000000001' }],
      properties: { model: '  gpt-4\twith spaces  ' },
    });
    const data = await ok<IngestResults>(send, INGEST, { events: [...bad.map(([e]) => e), kept] });
    const results = data.ingestUsageEvents.results;
    bad.forEach(([, field], i) => expect(results[i]).toMatchObject({ status: 'REJECTED', field }));
    expect(results[bad.length].status).toBe('ACCEPTED');
    const stored = await ok<{ usageEvent: Record<string, unknown> }>(send, EVENT, { id: results[bad.length].eventId });
    expect(stored.usageEvent).toEqual({
      reference: 'kept ref',
      customerReference: 'acme',
      timestamp: '2026-01-15T12:00:00.123Z',
      properties: { model: '  gpt-4\twith spaces  ' },
      values: [{ reference: 'count', quantity: '0.000000000000000000000000000000000001' }],
    });
  });

  it('REST: the same values in the seed shape are rejected per event naming the seed field; accepted ones read back identical', async () => {
    const { platformId, send } = await tenant();
    const seed = (reference: string, extra: Record<string, unknown> = {}) => ({
      meter_reference: 'tokens',
      customer_reference: 'acme',
      reference,
      timestamp: '2026-01-15T12:00:00Z',
      meter_values: [{ reference: 'count', number: '1' }],
      ...extra,
    });
    const body =
      '[' +
      [
        JSON.stringify(seed('a', { meter_values: [{ reference: 'count', number: '1,5' }] })),
        // a JSON number too large for a float, written as it came: never read as Infinity
        JSON.stringify(seed('b')).replace('"number":"1"', '"number":1e400'),
        JSON.stringify(seed('c', { timestamp: '2026-02-30T00:00:00Z' })),
        JSON.stringify(seed('d\u0000')),
        JSON.stringify(seed('e', { properties: { model: 'x\udc00' } })),
        JSON.stringify(seed(' f')),
        JSON.stringify(seed('kept', { properties: { model: ' as is ' }, meter_values: [{ reference: 'count', number: '12.50' }] })),
      ].join(',') +
      ']';
    const response = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { ...signTenantHeaders(subgraph.secret, { platformId, role: 'admin' }, systemClock), 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Array<{ status: string; field: string | null; eventId: string | null }> };
    expect(results.map((r) => [r.status, r.field])).toEqual([
      ['REJECTED', 'meter_values[0].number'],
      ['REJECTED', 'meter_values[0].number'],
      ['REJECTED', 'timestamp'],
      ['REJECTED', 'reference'],
      ['REJECTED', 'properties.model'],
      ['REJECTED', 'reference'],
      ['ACCEPTED', null],
    ]);
    const stored = await ok<{ usageEvent: Record<string, unknown> }>(send, EVENT, { id: results[6].eventId });
    expect(stored.usageEvent).toMatchObject({
      reference: 'kept',
      properties: { model: ' as is ' },
      values: [{ reference: 'count', quantity: '12.5' }],
    });
  });

  it('CSV rows: cells are taken as they are (never trimmed); a bad cell rejects its row naming the column', async () => {
    const { platformId, send } = await tenant();
    const csv = [
      'user,ref,at,n,model',
      'acme,ok-1,2026-01-15T12:00:00Z,5, spaced model ',
      'acme, ok-2,2026-01-15T12:00:00Z,5,x',
      'acme,ok-3,2026-02-30T00:00:00Z,5,x',
      'acme,ok-4,2026-01-15T24:00:00Z,5,x',
      'acme,ok-5,2026-01-15T12:00:00Z,1e400,x',
      'acme,ok-6,2026-01-15T12:00:00Z, 5,x',
      'acme ,ok-7,2026-01-15T12:00:00Z,5,x',
      '',
    ].join('\n');
    const mapping = {
      customer: 'user',
      meterReference: 'tokens',
      reference: 'ref',
      timestamp: 'at',
      values: [{ reference: 'count', column: 'n' }],
      properties: { model: 'model' },
    };
    const uploaded = await fetch(`${base}/v1/imports?format=csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, {
      method: 'POST',
      headers: signTenantHeaders(subgraph.secret, { platformId, role: 'admin' }, systemClock),
      body: csv,
    });
    expect(uploaded.status).toBe(202);
    const { id } = (await uploaded.json()) as { id: string };
    const done = await waitFor(async () => {
      const data = await ok<{
        eventImport: { status: string; accepted: number; rejectedRows: { edges: Array<{ node: { rowNumber: number; field: string } }> } };
      }>(
        send,
        `query ($id: ID!) { eventImport(id: $id) { status accepted rejectedRows(first: 20) { edges { node { rowNumber field } } } } }`,
        { id },
      );
      return data.eventImport.status === 'COMPLETED' ? data.eventImport : undefined;
    }, 'the import to complete');
    expect(done.accepted).toBe(1);
    expect(done.rejectedRows.edges.map((e) => [e.node.rowNumber, e.node.field])).toEqual([
      [2, 'ref'],
      [3, 'at'],
      [4, 'at'],
      [5, 'n'],
      [6, 'n'],
      [7, 'user'],
    ]);
    const events = await ok<{ usageEvents: { edges: Array<{ node: { reference: string; properties: Record<string, unknown> } }> } }>(
      send,
      `{ usageEvents(first: 10) { edges { node { reference properties } } } }`,
    );
    expect(events.usageEvents.edges.map((e) => e.node)).toEqual([{ reference: 'ok-1', properties: { model: ' spaced model ' } }]);
  });
});
