import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTenantHeaders, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createMeteringSubgraph } from '../src';
import { announceCustomer, announceSubscription, createActiveMeter, INGEST, ok, postEvents, type IngestData, type Send } from './support';

const definition = createMeteringSubgraph({
  directory: mkdtempSync(join(tmpdir(), 'subscriptions-test-')),
  nodeId: 'subscriptions-test-node',
  pollIntervalMs: 50,
});

const EVENT = `query ($id: ID!) { usageEvent(id: $id) { reference status unmatchedReason subscriptionId customer { id } } }`;
type EventView = { reference: string; status: string; unmatchedReason: string | null; subscriptionId: string | null };

const call = (reference: string, subscriptionId?: unknown) => ({
  meterReference: 'calls',
  customerReference: 'acme',
  reference,
  timestamp: '2026-02-01T10:00:00Z',
  meterValues: [{ reference: 'n', number: '1' }],
  ...(subscriptionId === undefined ? {} : { subscriptionId }),
});

describe('usage events naming their subscription', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(definition);
  });
  afterAll(() => subgraph?.stop());

  /** A platform with an active `calls` meter and the customer acme (its id returned), unless acme is to come later. */
  async function platform(withAcme = true): Promise<{ platformId: string; send: Send; acme: string }> {
    const { platformId, send } = subgraph.clientForNewPlatform();
    await createActiveMeter(send, {
      reference: 'calls',
      name: 'Calls',
      values: [{ reference: 'n', type: 'NUMBER' }],
      metrics: [{ reference: 'calls_total', aggregation: 'SUM', valueReference: 'n' }],
    });
    return { platformId, send, acme: withAcme ? await announceCustomer(subgraph, platformId, 'acme') : '' };
  }

  async function ingest(send: Send, events: unknown[]) {
    return (await ok<IngestData>(send, INGEST, { events })).ingestUsageEvents;
  }

  async function event(send: Send, id: string | null): Promise<EventView> {
    return (await ok<{ usageEvent: EventView }>(send, EVENT, { id })).usageEvent;
  }

  async function callsTotal(send: Send): Promise<string> {
    const data = await ok<{ usage: { value: string } }>(
      send,
      `{ usage(customer: "acme", metric: "calls_total", from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { value } }`,
    );
    return data.usage.value;
  }

  it('GraphQL: a known subscription of the customer is accepted, stored and shown; a malformed one is rejected naming subscriptionId', async () => {
    const { platformId, send, acme } = await platform();
    const subscription = randomUUID();
    await announceSubscription(subgraph, platformId, { id: subscription, customerId: acme, status: 'ACTIVE' });
    const result = await ingest(send, [call('g1', subscription.toUpperCase()), call('g2', 'sub_42'), call('g3'), call('g4', null)]);
    expect(result.results.map((r) => [r.status, r.field, r.reason])).toEqual([
      ['ACCEPTED', null, null],
      ['REJECTED', 'subscriptionId', 'subscriptionId must be a subscription id (a UUID)'],
      ['ACCEPTED', null, null],
      ['ACCEPTED', null, null],
    ]);
    expect(await event(send, result.results[0].eventId)).toMatchObject({ status: 'MATCHED', subscriptionId: subscription });
    expect(await event(send, result.results[2].eventId)).toMatchObject({ status: 'MATCHED', subscriptionId: null });

    const listed = await ok<{ usageEvents: { totalCount: number; edges: Array<{ node: { reference: string } }> } }>(
      send,
      `query ($s: ID) { usageEvents(filter: { subscriptionId: $s }) { totalCount edges { node { reference } } } }`,
      { s: subscription },
    );
    expect(listed.usageEvents).toEqual({ totalCount: 1, edges: [{ node: { reference: 'g1' } }] });
    const malformed = await send(`{ usageEvents(filter: { subscriptionId: "nope" }) { totalCount } }`);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.subscriptionId' });
  });

  it('REST: subscription_id is accepted and stored; a malformed one is rejected naming subscription_id', async () => {
    const { platformId, send, acme } = await platform();
    const subscription = randomUUID();
    await announceSubscription(subgraph, platformId, { id: subscription, customerId: acme, status: 'ACTIVE' });
    const seed = (reference: string, extra: Record<string, unknown>) => ({
      meter_reference: 'calls',
      customer_reference: 'acme',
      reference,
      timestamp: '2026-02-01T10:00:00Z',
      meter_values: [{ reference: 'n', number: '1' }],
      ...extra,
    });
    const posted = await postEvents(
      subgraph,
      platformId,
      JSON.stringify([seed('r1', { subscription_id: subscription }), seed('r2', { subscription_id: 42 }), seed('r3', {})]),
    );
    expect(posted.status).toBe(200);
    expect(posted.body.results!.map((r) => [r.status, r.field])).toEqual([
      ['ACCEPTED', null],
      ['REJECTED', 'subscription_id'],
      ['ACCEPTED', null],
    ]);
    expect(posted.body.results![1].reason).toBe('subscription_id must be a subscription id (a UUID)');
    expect(await event(send, posted.body.results![0].eventId as string)).toMatchObject({ status: 'MATCHED', subscriptionId: subscription });
    expect(await event(send, posted.body.results![2].eventId as string)).toMatchObject({ subscriptionId: null });
  });

  it('file imports: a mapped subscription column is stored; an empty cell names none; a malformed one is rejected at its column', async () => {
    const { platformId, send, acme } = await platform();
    const subscription = randomUUID();
    await announceSubscription(subgraph, platformId, { id: subscription, customerId: acme, status: 'ACTIVE' });
    const csv = ['customer,ref,calls,sub', `acme,f1,1,${subscription}`, 'acme,f2,2,', 'acme,f3,3,sub_42', ''].join('\n');
    const mapping = {
      customer: 'customer',
      meterReference: 'calls',
      reference: 'ref',
      subscription: 'sub',
      values: [{ reference: 'n', column: 'calls' }],
    };
    const base = subgraph.running.url.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/v1/imports?format=csv&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, {
      method: 'POST',
      headers: signTenantHeaders(subgraph.secret, { platformId, role: 'ingest' }, systemClock),
      body: csv,
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    type Import = { status: string; accepted: number; rejected: number; rejectedRows: { edges: Array<{ node: unknown }> } };
    const done = await waitFor(async () => {
      const data = await ok<{ eventImport: Import }>(
        send,
        `query ($id: ID!) { eventImport(id: $id) { status accepted rejected rejectedRows { edges { node { rowNumber field reason } } } } }`,
        { id },
      );
      return data.eventImport.status === 'COMPLETED' ? data.eventImport : undefined;
    }, 'the import to complete');
    expect(done).toMatchObject({ accepted: 2, rejected: 1 });
    expect(done.rejectedRows.edges).toEqual([
      { node: { rowNumber: 3, field: 'sub', reason: 'subscription_id must be a subscription id (a UUID)' } },
    ]);
    const stored = await subgraph.running.db.query<{ reference: string; subscription_id: string | null }>(
      `SELECT reference, subscription_id FROM usage_events WHERE platform_id = $1 ORDER BY reference`,
      [platformId],
    );
    expect(stored).toEqual([
      { reference: 'f1', subscription_id: subscription },
      { reference: 'f2', subscription_id: null },
    ]);
  });

  it('an unknown subscription is UNMATCHED UNKNOWN_SUBSCRIPTION until subscriptions.subscription.activated announces it', async () => {
    const { platformId, send, acme } = await platform();
    const subscription = randomUUID();
    const result = await ingest(send, [call('u1', subscription), call('u2', subscription)]);
    expect(result).toMatchObject({ accepted: 0, unmatched: 2 });
    expect(result.results.map((r) => r.reason)).toEqual(['UNKNOWN_SUBSCRIPTION', 'UNKNOWN_SUBSCRIPTION']);
    expect(await event(send, result.results[0].eventId)).toMatchObject({
      status: 'UNMATCHED',
      unmatchedReason: 'UNKNOWN_SUBSCRIPTION',
      subscriptionId: subscription,
    });
    expect(await callsTotal(send)).toBe('0');

    await announceSubscription(subgraph, platformId, { id: subscription, customerId: acme, status: 'ACTIVE' });
    expect(await event(send, result.results[0].eventId)).toMatchObject({ status: 'MATCHED', unmatchedReason: null });
    await waitFor(async () => (await callsTotal(send)) === '2', 'the matched events to count');
  });

  it('a subscription of another customer, or a draft, leaves the event UNMATCHED', async () => {
    const { platformId, send, acme } = await platform();
    const globex = await announceCustomer(subgraph, platformId, 'globex');
    const theirs = randomUUID();
    const draft = randomUUID();
    await announceSubscription(subgraph, platformId, { id: theirs, customerId: globex, status: 'ACTIVE' });
    await announceSubscription(subgraph, platformId, { id: draft, customerId: acme, status: 'DRAFT' }, 'changed');
    const result = await ingest(send, [call('o1', theirs), call('o2', draft)]);
    expect(result.results.map((r) => [r.status, r.reason])).toEqual([
      ['UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
      ['UNMATCHED', 'UNKNOWN_SUBSCRIPTION'],
    ]);
    // Another event about the other customer's subscription does not make it acme's.
    await announceSubscription(subgraph, platformId, { id: theirs, customerId: globex, status: 'CANCELED' }, 'canceled');
    expect(await event(send, result.results[0].eventId)).toMatchObject({ status: 'UNMATCHED', unmatchedReason: 'UNKNOWN_SUBSCRIPTION' });
    // The draft activated: its event is matched.
    await announceSubscription(subgraph, platformId, { id: draft, customerId: acme, status: 'ACTIVE' });
    expect(await event(send, result.results[1].eventId)).toMatchObject({ status: 'MATCHED' });
  });

  it('the subscription is part of the content: a repeat naming another one, or none, is a CONFLICT and the first stays', async () => {
    const { platformId, send, acme } = await platform();
    const [first, other] = [randomUUID(), randomUUID()];
    await announceSubscription(subgraph, platformId, { id: first, customerId: acme, status: 'ACTIVE' });
    const stored = await ingest(send, [call('c1', first)]);
    const repeats = await ingest(send, [call('c1', first), call('c1', other), call('c1')]);
    expect(repeats.results.map((r) => r.status)).toEqual(['DUPLICATE', 'CONFLICT', 'CONFLICT']);
    expect(repeats.results.every((r) => r.eventId === stored.results[0].eventId)).toBe(true);
    expect(await event(send, stored.results[0].eventId)).toMatchObject({ subscriptionId: first });
  });

  it('a subscription known before its customer: the customer’s arrival matches the event', async () => {
    const { platformId, send } = await platform(false);
    const subscription = randomUUID();
    const result = await ingest(send, [call('b1', subscription)]);
    expect(result.results[0].reason).toBe('UNKNOWN_CUSTOMER');
    // The customer id is made here, so the subscription can name it before metering knows the customer.
    const customerId = randomUUID();
    await announceSubscription(subgraph, platformId, { id: subscription, customerId, status: 'ACTIVE' });
    expect(await event(send, result.results[0].eventId)).toMatchObject({ unmatchedReason: 'UNKNOWN_CUSTOMER' });
    await announceCustomer(subgraph, platformId, 'acme', 1, customerId);
    expect(await event(send, result.results[0].eventId)).toMatchObject({ status: 'MATCHED', subscriptionId: subscription });
  });

  it('reprocessUnmatchedEvents handles UNKNOWN_SUBSCRIPTION: still unmatched until metering knows it, then matched once', async () => {
    const { platformId, send, acme } = await platform();
    const subscription = randomUUID();
    const result = await ingest(send, [call('m1', subscription)]);
    const REPROCESS = `mutation { reprocessUnmatchedEvents(filter: { reason: UNKNOWN_SUBSCRIPTION }) { examined matched stillUnmatched } }`;
    const reprocess = async () => (await ok<{ reprocessUnmatchedEvents: unknown }>(send, REPROCESS)).reprocessUnmatchedEvents;
    expect(await reprocess()).toEqual({ examined: 1, matched: 0, stillUnmatched: 1 });
    expect(await event(send, result.results[0].eventId)).toMatchObject({ unmatchedReason: 'UNKNOWN_SUBSCRIPTION' });
    // Metering learns the subscription without its rematching (as a projection restored from a backup would).
    await subgraph.running.db.query(
      `INSERT INTO subscriptions (platform_id, id, customer_id, status, updated_at) VALUES ($1, $2, $3, 'ACTIVE', now())`,
      [platformId, subscription, acme],
    );
    expect(await reprocess()).toEqual({ examined: 1, matched: 1, stillUnmatched: 0 });
    expect(await reprocess()).toEqual({ examined: 0, matched: 0, stillUnmatched: 0 });
    expect(await event(send, result.results[0].eventId)).toMatchObject({ status: 'MATCHED', subscriptionId: subscription });
    await waitFor(async () => (await callsTotal(send)) === '1', 'the reprocessed event to count');
  });
});
