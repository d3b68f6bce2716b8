import { OwnNatsServer, waitFor } from '@meterline/kit/testing';
import {
  callEvent,
  createApiCallsMeter,
  CREATE_CUSTOMER,
  CUSTOMER_USAGE,
  gatewayClient,
  INGEST,
  MARCH_2026,
  newTenant,
  startPlatform,
} from './testkit';

type UsageData = { customer: { usage: { value: string } } | null };

// The platform runs on a nats-server of this test's own, so stopping it leaves the machine's shared server alone.
describe('a NATS outage', () => {
  let nats: OwnNatsServer;
  let platform: Awaited<ReturnType<typeof startPlatform>>;

  beforeAll(async () => {
    nats = await OwnNatsServer.start();
    platform = await startPlatform({ natsUrl: nats.url });
  }, 120_000);

  afterAll(async () => {
    await nats?.resume().catch(() => undefined);
    await platform?.stop();
    await nats?.stop();
  });

  it('loses no event: the outbox keeps customer.created until NATS is back, then metering matches the usage', async () => {
    const client = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
    await createApiCallsMeter(client);

    await nats.pause();
    // Writes keep working while NATS is down: the event waits in the subscriptions outbox.
    await client.expectData(CREATE_CUSTOMER, { input: { reference: 'umbrella', name: 'Umbrella Corp', currency: 'EUR' } });
    const ingest = await client.expectData<{ ingestUsageEvents: { unmatched: number } }>(INGEST, {
      events: [callEvent('umbrella', 'u-1', '7'), callEvent('umbrella', 'u-2', '3')],
    });
    expect(ingest.ingestUsageEvents.unmatched).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const during = await client.expectData<UsageData>(CUSTOMER_USAGE, { reference: 'umbrella', metric: 'api_calls_total', ...MARCH_2026 });
    expect(during.customer?.usage.value).toBe('0');

    await nats.resume();
    await waitFor(
      async () => {
        const data = await client.expectData<UsageData>(CUSTOMER_USAGE, {
          reference: 'umbrella',
          metric: 'api_calls_total',
          ...MARCH_2026,
        });
        return data.customer?.usage.value === '10';
      },
      'the customer event to reach metering after NATS came back',
      30_000,
    );
  });
});
