import { waitFor } from '@meterline/kit/testing';
import { createApiCallsMeter, CREATE_CUSTOMER, gatewayClient, MARCH_2026, newTenant, startPlatform } from './testkit';

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
});
