import { createHash } from 'node:crypto';
import { readPersistedOperations } from '@meterline/contracts';
import { postGraphQL, waitFor } from '@meterline/kit/testing';
import {
  callEvent,
  createApiCallsMeter,
  CREATE_CUSTOMER,
  CUSTOMER_USAGE,
  gatewayClient,
  INGEST,
  MARCH_2026,
  newApiKey,
  newTenant,
  startPlatform,
} from './testkit';

type IngestData = {
  ingestUsageEvents: {
    accepted: number;
    unmatched: number;
    duplicates: number;
    conflicts: number;
    rejected: number;
    results: Array<{ index: number; status: string; reason: string | null; field: string | null }>;
  };
};
type UsageData = { customer: { id: string; name: string; usage: { value: string } } | null };

describe('the thin slice, through the gateway only', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;

  beforeAll(async () => {
    platform = await startPlatform();
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('matches usage sent before the customer existed once subscriptions announces the customer', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    await createApiCallsMeter(client);

    const early = await client.expectData<IngestData>(INGEST, {
      events: [callEvent('acme', 'evt-1', '10'), callEvent('acme', 'evt-2', '2.5')],
    });
    expect(early.ingestUsageEvents).toMatchObject({ unmatched: 2, accepted: 0 });
    expect(early.ingestUsageEvents.results.map((r) => r.reason)).toEqual(['UNKNOWN_CUSTOMER', 'UNKNOWN_CUSTOMER']);

    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme Inc.', currency: 'EUR' } });
    await client.expectData(INGEST, { events: [callEvent('acme', 'evt-3', '0.25')] });

    const usage = await waitFor(async () => {
      const data = await client.expectData<UsageData>(CUSTOMER_USAGE, { reference: 'acme', metric: 'api_calls_total', ...MARCH_2026 });
      return data.customer?.usage.value === '12.75' && data.customer;
    }, 'the three events to count for acme');
    expect(usage.name).toBe('Acme Inc.');
  });

  it('reports duplicates, conflicts and rejected events per event without failing the others, and never counts twice', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    await createApiCallsMeter(client);
    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'globex', name: 'Globex', currency: 'USD' } });
    await client.expectData(INGEST, { events: [callEvent('globex', 'a', '1')] });

    const second = await client.expectData<IngestData>(INGEST, {
      events: [
        callEvent('globex', 'a', '1'), // same content: duplicate
        callEvent('globex', 'a', '5'), // same reference, other content: conflict, the first stays
        { ...callEvent('globex', 'b', 'ten'), reference: 'b' }, // not a number
        callEvent('globex', 'c', '3', '2026-03-05 10:00'), // not RFC 3339
        callEvent('globex', 'd', '4'),
      ],
    });
    expect(second.ingestUsageEvents.results.map((r) => [r.status, r.field])).toEqual([
      ['DUPLICATE', null],
      ['CONFLICT', null],
      ['REJECTED', 'meterValues[0].number'],
      ['REJECTED', 'timestamp'],
      [expect.stringMatching(/ACCEPTED|UNMATCHED/), null],
    ]);

    await waitFor(async () => {
      const data = await client.expectData<UsageData>(CUSTOMER_USAGE, { reference: 'globex', metric: 'api_calls_total', ...MARCH_2026 });
      return data.customer?.usage.value === '5';
    }, 'globex usage to be 1 + 4');
  });

  it('keeps platforms apart: another platform sees neither the customer nor the meter', async () => {
    const owner = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
    const stranger = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
    await createApiCallsMeter(owner);
    const { createCustomer } = await owner.expectData<{ createCustomer: { id: string } }>(CREATE_CUSTOMER, {
      input: { reference: 'initech', name: 'Initech', currency: 'EUR' },
    });

    const byReference = await stranger.expectData<{ customer: unknown }>(`{ customer(reference: "initech") { id } }`);
    expect(byReference.customer).toBeNull();
    const byId = await stranger.expectData<{ customer: unknown }>(`query ($id: ID!) { customer(id: $id) { id } }`, {
      id: createCustomer.id,
    });
    expect(byId.customer).toBeNull();
    const meters = await stranger.expectData<{ meters: { totalCount: number } }>(`{ meters { totalCount } }`);
    expect(meters.meters.totalCount).toBe(0);
  });

  it('gives each role what it may do: read queries, ingest sends events only, at the gateway and in the subgraphs', async () => {
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const admin = gatewayClient(platform.gatewayUrl, apiKey);
    await createApiCallsMeter(admin);
    const read = gatewayClient(platform.gatewayUrl, await newApiKey(platform.databaseUrl, platformId, 'read'));
    const ingestKey = await newApiKey(platform.databaseUrl, platformId, 'ingest');
    const ingest = gatewayClient(platform.gatewayUrl, ingestKey);

    expect((await read.expectData<{ meters: { totalCount: number } }>('{ meters { totalCount } }')).meters.totalCount).toBe(1);
    const readWrite = await read.send('mutation { createCustomer(input: { reference: "r", name: "R", currency: "EUR" }) { id } }');
    expect(readWrite.errors?.[0]).toMatchObject({
      message: 'A read key runs queries only; this is a mutation',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await ingest.send('{ meters { totalCount } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const body = JSON.stringify([
      {
        meter_reference: 'api_calls',
        customer_reference: 'nobody',
        reference: 'role-1',
        meter_values: [{ reference: 'calls', number: '1' }],
      },
    ]);
    const post = (key: string) =>
      fetch(platform.gatewayUrl.replace(/\/graphql$/, '/v1/events'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
    expect((await post(ingestKey)).status).toBe(200);
    const refused = await post(await newApiKey(platform.databaseUrl, platformId, 'read'));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('runs persisted operations by documentId or APQ hash; a partner key runs nothing else', async () => {
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const admin = gatewayClient(platform.gatewayUrl, apiKey);
    await createApiCallsMeter(admin);
    await admin.expectData(CREATE_CUSTOMER, { input: { reference: 'acme', name: 'Acme', currency: 'EUR' } });
    const partnerKey = await newApiKey(platform.databaseUrl, platformId, 'partner');
    const usage = [...readPersistedOperations().values()].find((o) => o.name === 'CustomerUsage')!;
    const variables = { customer: 'acme', metric: 'api_calls_total', from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    await waitFor(async () => !(await admin.send(usage.body, variables)).errors, 'metering to know acme');
    const post = async (key: string, body: Record<string, unknown>) => {
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { data?: { usage?: { value: string } }; errors?: Array<{ extensions: { code: string } }> };
      return { status: response.status, value: json.data?.usage?.value, code: json.errors?.[0]?.extensions.code };
    };
    expect(await post(partnerKey, { documentId: `sha256:${usage.id}`, variables })).toEqual({ status: 200, value: '0', code: undefined });
    expect(await post(partnerKey, { extensions: { persistedQuery: { version: 1, sha256Hash: usage.id } }, variables })).toMatchObject({
      status: 200,
      value: '0',
    });
    // Free text, and registering a query of its own (APQ), are refused for partners; an unknown document for everyone.
    expect(await post(partnerKey, { query: usage.body, variables })).toMatchObject({ status: 403, code: 'PERSISTED_OPERATION_REQUIRED' });
    const own = '{ meters { totalCount } }';
    const ownHash = createHash('sha256').update(own).digest('hex');
    expect(await post(partnerKey, { query: own, extensions: { persistedQuery: { version: 1, sha256Hash: ownHash } } })).toMatchObject({
      status: 403,
      code: 'PERSISTED_OPERATION_REQUIRED',
    });
    expect(await post(apiKey, { documentId: 'sha256:0000' })).toMatchObject({ status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' });
    // Other keys may send free text and use APQ: the hash alone first is not found, then registered with its text.
    expect(await post(apiKey, { query: usage.body, variables })).toMatchObject({ status: 200, value: '0' });
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: ownHash } } };
    expect((await post(apiKey, apq)).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(apiKey, { ...apq, query: own })).status).toBe(200);
    expect((await post(apiKey, apq)).status).toBe(200);
    // …but what an admin registered is still no persisted operation for a partner.
    expect(await post(partnerKey, apq)).toMatchObject({ status: 403, code: 'PERSISTED_OPERATION_REQUIRED' });
  });

  it('makes any mutation idempotent with idempotencyKey, through the gateway', async () => {
    const client = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
    const create = `mutation ($key: String, $name: String!) {
      createCustomer(idempotencyKey: $key, input: { reference: "idem", name: $name, currency: "EUR" }) { id name } }`;
    const first = await client.expectData<{ createCustomer: { id: string } }>(create, { key: 'signup-42', name: 'Idem' });
    expect(await client.expectData(create, { key: 'signup-42', name: 'Idem' })).toEqual(first);
    expect((await client.send(create, { key: 'signup-42', name: 'Other' })).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'idempotencyKey',
    });
  });

  it('refuses a wrong API key with UNAUTHENTICATED', async () => {
    const response = await postGraphQL(platform.gatewayUrl, '{ meters { totalCount } }', {}, { authorization: 'Bearer ml_nope_nope' });
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const missing = await postGraphQL(platform.gatewayUrl, '{ meters { totalCount } }');
    expect(missing.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('has every subgraph refuse a request without the signed tenant headers', async () => {
    for (const name of ['metering', 'catalog', 'subscriptions', 'invoicing', 'webhooks']) {
      const response = await postGraphQL(
        `${platform.urls[name]}/graphql`,
        '{ __typename }',
        {},
        {
          'x-meterline-platform-id': '00000000-0000-4000-8000-000000000000',
          'x-meterline-role': 'admin',
        },
      );
      expect({ name, status: response.status, code: response.errors?.[0].extensions?.code }).toEqual({
        name,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });
});
