import { signTenantHeaders, systemClock } from '@meterline/kit';
import { startSubgraphForTest, subgraphClient, type SubgraphUnderTest } from '@meterline/kit/testing';
import { meteringSubgraph } from '../src';
import { INGEST } from './support';

/** Roles are enforced where the data is: the subgraph checks the signed role itself, whatever the gateway let through. */
describe('roles in the metering subgraph', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(meteringSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const CREATE = `mutation { createMeter(input: { reference: "calls", name: "Calls", values: [{ reference: "n", type: NUMBER }],
    metrics: [{ reference: "calls_total", aggregation: SUM, valueReference: "n" }] }) { id } }`;
  const EVENTS = {
    events: [{ meterReference: 'calls', customerReference: 'acme', reference: 'e1', meterValues: [{ reference: 'n', number: '1' }] }],
  };

  it('lets a read key query but not change anything, and an ingest key only ingest', async () => {
    const { platformId } = subgraph.clientForNewPlatform();
    const as = (role: 'admin' | 'read' | 'ingest' | 'partner') => subgraphClient(subgraph.running.url, platformId, subgraph.secret, role);

    const readCreate = await as('read')(CREATE);
    expect(readCreate.errors?.[0]).toMatchObject({
      message: 'A read key runs queries only; this is a mutation',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(readCreate.data ?? null).toBeNull();
    expect((await as('read')('{ meters { totalCount } }')).data).toEqual({ meters: { totalCount: 0 } });

    expect((await as('admin')(CREATE)).errors).toBeUndefined();
    const ingestQuery = await as('ingest')('{ meters { totalCount } }');
    expect(ingestQuery.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await as('ingest')(CREATE)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const ingested = await as('ingest')<{ ingestUsageEvents: { results: Array<{ status: string }> } }>(INGEST, EVENTS);
    expect(ingested.errors).toBeUndefined();
    expect(ingested.data?.ingestUsageEvents.results.map((r) => r.status)).toEqual(['UNMATCHED']);

    // REST takes usage data from admin and ingest keys only.
    const rest = await fetch(subgraph.running.url.replace(/\/graphql$/, '/v1/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed(platformId, 'read') },
      body: '[]',
    });
    expect(rest.status).toBe(403);
  });

  const signed = (platformId: string, role: 'read') => signTenantHeaders(subgraph.secret, { platformId, role }, systemClock);
});
