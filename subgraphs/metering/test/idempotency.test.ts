import { startSubgraphForTest, type SubgraphUnderTest } from '@meterline/kit/testing';
import { meteringSubgraph } from '../src';
import { ok } from './support';

/** Every mutation takes an optional idempotencyKey (kit): a retry returns the first result without doing the work again. */
describe('idempotent mutations', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(meteringSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const CREATE = `mutation ($key: String, $name: String!) { createMeter(idempotencyKey: $key, input: { reference: "calls", name: $name,
    values: [{ reference: "n", type: NUMBER }], metrics: [{ reference: "calls_total", aggregation: SUM, valueReference: "n" }] }) { id name } }`;
  const INGEST = `mutation ($key: String) { ingestUsageEvents(idempotencyKey: $key, events: [
    { meterReference: "calls", customerReference: "acme", reference: "e1", meterValues: [{ reference: "n", number: "1" }] }]) {
    accepted unmatched duplicates } }`;

  it('replays the first result to a retry, refuses the key with other input, and keeps platforms apart', async () => {
    const { send } = subgraph.clientForNewPlatform();
    const first = await ok<{ createMeter: { id: string; name: string } }>(send, CREATE, { key: 'k-1', name: 'Calls' });
    const retry = await ok<{ createMeter: { id: string; name: string } }>(send, CREATE, { key: 'k-1', name: 'Calls' });
    expect(retry).toEqual(first);
    expect(await ok(send, '{ meters { totalCount } }')).toEqual({ meters: { totalCount: 1 } });

    const other = await send(CREATE, { key: 'k-1', name: 'Other name' });
    expect(other.errors?.[0]).toMatchObject({
      message: 'This idempotency key was used with other input',
      extensions: { code: 'CONFLICT', field: 'idempotencyKey' },
    });
    // Without a key the work is done again (here: refused, the reference exists).
    expect((await send(CREATE, { name: 'Calls' })).errors?.[0].extensions?.code).toBe('CONFLICT');

    // Ingestion retried with its key: the same answer (accepted), not "duplicate".
    const ingested = await ok(send, INGEST, { key: 'batch-7' });
    expect(await ok(send, INGEST, { key: 'batch-7' })).toEqual(ingested);
    expect(ingested).toEqual({ ingestUsageEvents: { accepted: 0, unmatched: 1, duplicates: 0 } });
    expect((await ok(send, INGEST)).ingestUsageEvents).toMatchObject({ duplicates: 1 });

    // Another platform's key space is its own.
    const stranger = subgraph.clientForNewPlatform();
    const theirs = await ok<{ createMeter: { id: string } }>(stranger.send, CREATE, { key: 'k-1', name: 'Calls' });
    expect(theirs.createMeter.id).not.toBe(first.createMeter.id);
  });
});
