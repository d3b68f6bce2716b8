import { ensureDatabase } from '@meterline/kit';
import { OwnPostgresServer, waitFor } from '@meterline/kit/testing';
import { Client } from 'pg';
import { createApiCallsMeter, CREATE_CUSTOMER, CUSTOMER_USAGE, gatewayClient, MARCH_2026, newTenant, startPlatform } from './testkit';

type UsageData = { customer: { usage: { value: string } } | null };
type EventResults = { results: Array<{ reference: string | null; status: string }> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An at-least-once client of the bulk door, as an integrator would write one: sends each batch until it is answered,
 * waiting Retry-After on 503; any other refusal (a 401 above all) is recorded, and the batch is dropped as a client
 * that trusts the status would drop it.
 */
function bulkClient(eventsUrl: string, apiKey: string) {
  const statuses: number[] = [];
  const delivered = new Set<string>();
  const dropped: Array<{ status: number; body: string }> = [];
  let batches = 0;
  const sendBatch = async (references: string[]) => {
    const body = references
      .map((reference) =>
        JSON.stringify({
          meter_reference: 'api_calls',
          customer_reference: 'umbrella',
          reference,
          timestamp: '2026-03-10T08:00:00+01:00',
          meter_values: [{ reference: 'calls', number: '1' }],
        }),
      )
      .join('\n');
    for (;;) {
      const response = await fetch(eventsUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
        body,
      }).catch(() => undefined); // the connection itself failed: retry like a 503
      statuses.push(response?.status ?? 0);
      if (response?.ok) {
        const { results } = (await response.json()) as EventResults;
        for (const r of results) if (r.status === 'ACCEPTED' || r.status === 'DUPLICATE') delivered.add(r.reference!);
        return;
      }
      const text = (await response?.text()) ?? '';
      if (response && response.status !== 503) {
        dropped.push({ status: response.status, body: text.slice(0, 300) });
        return;
      }
      await sleep(1_000 * Number(response?.headers.get('retry-after') ?? '1'));
    }
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      batches += 1;
      await sendBatch(Array.from({ length: 25 }, (_, i) => `pg-outage-${batches}-${i}`));
      await sleep(50);
    }
  })();
  return {
    statuses,
    delivered,
    dropped,
    sentCount: () => batches * 25,
    async stop() {
      running = false;
      await loop;
    },
  };
}

// The whole platform runs on a Postgres server of this test's own, stopped under load and started again.
describe('a Postgres outage under load', () => {
  let postgres: OwnPostgresServer;
  let platform: Awaited<ReturnType<typeof startPlatform>>;

  beforeAll(async () => {
    postgres = await OwnPostgresServer.start();
    const databaseUrl = postgres.urlOf('meterline_e2e_postgres_outage');
    await ensureDatabase(databaseUrl);
    // A short key cache, so that the outage outlasts it and the gateway's own key lookups meet the stopped database.
    platform = await startPlatform({ databaseUrl, serviceEnv: { gateway: { API_KEY_CACHE_MS: '1000' } } });
  }, 180_000);

  afterAll(async () => {
    await postgres?.resume().catch(() => undefined);
    await platform?.stop();
    await postgres?.stop();
  });

  it('answers 503 with Retry-After (never 401) while it is down, and counts every accepted event exactly once after', async () => {
    const { apiKey, platformId } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    await createApiCallsMeter(client);
    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'umbrella', name: 'Umbrella Corp', currency: 'EUR' } });
    // the customer has reached metering's projection: events from now on are matched
    await waitFor(
      async () =>
        (await client.expectData<UsageData>(CUSTOMER_USAGE, { reference: 'umbrella', metric: 'api_calls_total', ...MARCH_2026 })).customer,
      'the customer in metering',
    );

    const load = bulkClient(platform.gatewayUrl.replace(/\/graphql$/, '/v1/events'), apiKey);
    await sleep(2_000);
    const before = load.statuses.length;
    await postgres.pause();
    await sleep(5_000);
    const duringOutage = load.statuses.slice(before);
    const readyz = await fetch(platform.gatewayUrl.replace(/\/graphql$/, '/readyz'));
    const readiness = await readyz.json();
    await postgres.resume();
    await sleep(3_000);
    await load.stop();

    expect(duringOutage).toContain(503);
    expect(load.statuses).not.toContain(401);
    expect(load.dropped).toEqual([]);
    expect(readyz.status).toBe(503);
    expect(readiness).toMatchObject({ dependencies: { postgres: 'down' } });
    expect(load.delivered.size).toBe(load.sentCount());

    // Every delivered event is stored once and counted once: nothing lost, nothing doubled.
    await waitFor(
      async () => {
        const data = await client.expectData<UsageData>(CUSTOMER_USAGE, {
          reference: 'umbrella',
          metric: 'api_calls_total',
          ...MARCH_2026,
        });
        return data.customer?.usage.value === String(load.delivered.size);
      },
      `usage to reach ${load.delivered.size}`,
      30_000,
    );
    const db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: number; refs: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT reference)::int AS refs FROM metering.usage_events WHERE platform_id = $1`,
        [platformId],
      );
      expect(rows[0]).toEqual({ n: load.delivered.size, refs: load.delivered.size });
    } finally {
      await db.end();
    }
  }, 180_000);
});
