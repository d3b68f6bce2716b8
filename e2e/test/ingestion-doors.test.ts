import { waitFor } from '@meterline/kit/testing';
import { callEvent, createApiCallsMeter, CREATE_CUSTOMER, gatewayClient, MARCH_2026, newTenant, startPlatform } from './testkit';

type UsageData = { usage: { value: string } };
const USAGE = `query ($from: DateTime!, $to: DateTime!) { usage(customer: "acme", metric: "api_calls_total", from: $from, to: $to) { value } }`;

describe('the bulk doors through the gateway', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform();
  }, 120_000);
  afterAll(() => platform?.stop());

  it('takes the seed’s JSON on POST /v1/events and CSV files on POST /v1/imports with the same API keys', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const ingestKey = (await newTenant(platform.databaseUrl, 'read')).apiKey;
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    await createApiCallsMeter(client);
    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');

    const events = [1, 2, 3].map((n) => ({
      meter_reference: 'api_calls',
      customer_reference: 'acme',
      reference: `rest-${n}`,
      timestamp: '2026-03-10T08:00:00+01:00',
      meter_values: [{ reference: 'calls', number: String(n * 10) }],
    }));
    const post = (key: string) =>
      fetch(`${base}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: events.map((e) => JSON.stringify(e)).join('\n'),
      });
    const refused = await fetch(`${base}/v1/events`, { method: 'POST', body: '[]', headers: { authorization: 'Bearer ml_wrong_key' } });
    expect(refused.status).toBe(401);
    expect((await post(ingestKey)).status).toBe(403); // a read key may not ingest
    const accepted = await post(apiKey);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accepted: expect.any(Number), rejected: 0 });

    const csv = 'customer,calls,at\nacme,5,2026-03-11T00:00:00Z\nacme,"7",2026-03-12T00:00:00Z\n';
    const mapping = encodeURIComponent(
      JSON.stringify({
        customer: 'customer',
        meterReference: 'api_calls',
        timestamp: 'at',
        values: [{ reference: 'calls', column: 'calls' }],
      }),
    );
    const upload = await fetch(`${base}/v1/imports?format=csv&mapping=${mapping}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: csv,
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    await waitFor(async () => {
      const data = await client.expectData<{ eventImport: { status: string; accepted: number } }>(
        `query ($id: ID!) { eventImport(id: $id) { status accepted } }`,
        { id },
      );
      return data.eventImport.status === 'COMPLETED' && data.eventImport.accepted === 2;
    }, 'the import to complete');

    await waitFor(
      async () => (await client.expectData<UsageData>(USAGE, MARCH_2026)).usage.value === '72',
      'usage of 10 + 20 + 30 + 5 + 7',
    );
  });

  it('refuses a 10,000-character property value at every door, naming the event and field, and takes the rest', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    await createApiCallsMeter(client);
    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const long = 'x'.repeat(10_000);
    type Result = { index: number; status: string; field: string | null };

    // GraphQL
    const graphql = await client.expectData<{ ingestUsageEvents: { accepted: number; rejected: number; results: Result[] } }>(
      `mutation ($events: [UsageEventInput!]!) { ingestUsageEvents(events: $events) { accepted rejected results { index status field } } }`,
      {
        events: [
          { ...callEvent('acme', 'gql-1', '1'), properties: { region: 'eu' } },
          { ...callEvent('acme', 'gql-2', '1000'), properties: { region: long } },
          { ...callEvent('acme', 'gql-3', '2'), properties: { region: 'us' } },
        ],
      },
    );
    // The other two are taken: ACCEPTED, or UNMATCHED until metering has heard of the customer just created.
    expect(graphql.ingestUsageEvents.rejected).toBe(1);
    expect(graphql.ingestUsageEvents.results.map((r) => r.status === 'REJECTED')).toEqual([false, true, false]);
    expect(graphql.ingestUsageEvents.results[1]).toEqual({ index: 1, status: 'REJECTED', field: 'properties.region' });

    // REST
    const seed = (reference: string, calls: string, region: string) => ({
      meter_reference: 'api_calls',
      customer_reference: 'acme',
      reference,
      timestamp: '2026-03-10T08:00:00+01:00',
      meter_values: [{ reference: 'calls', number: calls }],
      properties: { region },
    });
    const rest = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([seed('rest-1', '4', 'eu'), seed('rest-2', '1000', long)]),
    });
    expect(rest.status).toBe(200);
    const restBody = (await rest.json()) as { accepted: number; rejected: number; results: Result[] };
    expect(restBody.rejected).toBe(1);
    expect(restBody.results[0].status).not.toBe('REJECTED');
    expect(restBody.results[1]).toMatchObject({ index: 1, status: 'REJECTED', field: 'properties.region' });

    // File rows
    const csv = `customer,calls,at,region\nacme,8,2026-03-11T00:00:00Z,eu\nacme,1000,2026-03-12T00:00:00Z,${long}\n`;
    const mapping = encodeURIComponent(
      JSON.stringify({
        customer: 'customer',
        meterReference: 'api_calls',
        timestamp: 'at',
        values: [{ reference: 'calls', column: 'calls' }],
        properties: { region: 'region' },
      }),
    );
    const upload = await fetch(`${base}/v1/imports?format=csv&mapping=${mapping}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: csv,
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    type ImportData = {
      eventImport: {
        status: string;
        accepted: number;
        rejected: number;
        rejectedRows: { edges: Array<{ node: { rowNumber: number; field: string } }> };
      };
    };
    const done = await waitFor(async () => {
      const data = await client.expectData<ImportData>(
        `query ($id: ID!) { eventImport(id: $id) { status accepted rejected rejectedRows { edges { node { rowNumber field } } } } }`,
        { id },
      );
      return data.eventImport.status === 'COMPLETED' && data.eventImport;
    }, 'the import to complete');
    expect(done).toMatchObject({ accepted: 1, rejected: 1 });
    expect(done.rejectedRows.edges.map((e) => e.node)).toEqual([{ rowNumber: 2, field: 'region' }]);

    await waitFor(async () => (await client.expectData<UsageData>(USAGE, MARCH_2026)).usage.value === '15', 'usage of 1 + 2 + 4 + 8');
  });
});
