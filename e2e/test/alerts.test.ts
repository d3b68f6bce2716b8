import { Bus, createLogger } from '@meterline/kit';
import { waitFor } from '@meterline/kit/testing';
import type { AlertTriggeredPayload } from '@meterline/contracts';
import { codeOf, Scenario } from './scenario';
import { startPlatform } from './testkit';

const CALLS_METER = {
  reference: 'api',
  values: [{ reference: 'n', type: 'NUMBER' as const }],
  metrics: [{ reference: 'calls', aggregation: 'SUM', valueReference: 'n' }],
};

const CREATE = `mutation ($input: CreateAlertInput!) { createAlert(input: $input) { id kind currency thresholds { value label } } }`;
const TRIGGERS = `query ($id: ID!) { alert(id: $id) { name triggers(first: 20) { totalCount edges { node {
  threshold { value label } value periodStart periodEnd triggeredAt customer { id reference } } } } } }`;

interface Received {
  at: number;
  data: AlertTriggeredPayload;
}

/**
 * Alerts through the gateway (issue 15, point 7): usage events ingested over GraphQL cross a usage alert's thresholds
 * and a spend alert's on a priced plan; each trigger is seen through GraphQL within a short poll and as an
 * `invoicing.alert.triggered` event on NATS (a test consumer on the stack's namespace). The latency from the ingest
 * call to the event is printed, never asserted (bench figure, README "Alerts").
 */
describe('alerts end to end', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let bus: Bus;
  const received: Received[] = [];
  beforeAll(async () => {
    // The default INVOICE_REFRESH_DELAY_MS (10 s): a spend alert must not wait for it.
    platform = await startPlatform({ testClock: true, ownDatabase: true });
    bus = await Bus.connect({
      url: platform.natsUrl,
      name: 'e2e alerts',
      namespace: platform.namespace,
      log: createLogger('e2e', 'silent'),
    });
    const stream = await bus.ensureStream('invoicing');
    const consumer = await bus.js.consumers.get(stream, { filter_subjects: bus.subjectOf('invoicing.alert.triggered') });
    const messages = await consumer.consume();
    void (async () => {
      for await (const m of messages) received.push({ at: Date.now(), data: (m.json() as { data: AlertTriggeredPayload }).data });
    })();
  }, 120_000);
  afterAll(async () => {
    await bus?.close();
    await platform?.stop();
  });

  it('fires usage and spend thresholds as usage arrives, to GraphQL and NATS, once per threshold per period', async () => {
    await platform.setClock('2026-03-10T12:00:00Z');
    const s = await Scenario.open(platform);
    await s.createMeter(CALLS_METER);
    await s.createProduct('platform', [
      { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
    ]);
    const [version] = await s.createPlan('usage', [{ 'api-calls': { model: 'PER_UNIT', unitPrice: '0.5' } }]);
    const customerId = await s.createCustomer('acme', 'calls');
    await s.subscribe({ customer: 'acme', planVersion: version, startAt: '2026-03-01T00:00:00Z' });

    // The customer reaches invoicing over NATS: until then an alert on it is NOT_FOUND on input.customer.
    const create = (input: Record<string, unknown>) =>
      waitFor(async () => {
        const response = await s.client.send<{ createAlert: { id: string; currency: string | null } }>(CREATE, {
          input: { customer: 'acme', ...input },
        });
        return codeOf(response.errors).code === 'NOT_FOUND' ? undefined : response;
      }, 'invoicing to know the customer');
    const usageAlert = await create({
      kind: 'USAGE',
      metric: 'calls',
      name: 'API calls',
      thresholds: [10, 20, 30, 40].map((v) => ({ value: String(v), label: `${v} calls` })),
    });
    expect(usageAlert.errors).toBeUndefined();
    const spendAlert = await create({ kind: 'SPEND', name: 'Spend', thresholds: [{ value: '10.00' }] });
    expect(spendAlert.data!.createAlert.currency).toBe('EUR');
    const refused = await s.client.send(CREATE, {
      input: { customer: 'acme', kind: 'USAGE', metric: 'calls', name: 'x', thresholds: [{ value: '20' }, { value: '10' }] },
    });
    expect(codeOf(refused.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.thresholds[1].value' });

    const triggersOf = async (id: string) =>
      (
        await s.client.expectData<{
          alert: { triggers: { totalCount: number; edges: Array<{ node: Record<string, unknown> & { threshold: { value: string } } }> } };
        }>(TRIGGERS, { id })
      ).alert.triggers;
    const latencies: number[] = [];
    const ofPlatform = () => received.filter((r) => r.data.customerId === customerId);
    // 10 calls per batch: each batch reaches the next usage threshold; the second one also 10 EUR of spend.
    for (let batch = 1; batch <= 4; batch += 1) {
      const sent = Date.now();
      await s.ingestAccepted([
        { meter: 'api', customer: 'acme', reference: `b-${batch}`, timestamp: `2026-03-10T11:0${batch}:00Z`, numbers: { n: '10' } },
      ]);
      const usageEvent = await waitFor(
        async () => ofPlatform().find((r) => r.data.kind === 'USAGE' && r.data.threshold === String(batch * 10)),
        `the ${batch * 10} calls event`,
        10_000,
        5,
      );
      latencies.push(usageEvent.at - sent);
      await waitFor(async () => (await triggersOf(usageAlert.data!.createAlert.id)).totalCount === batch, `trigger ${batch}`, 5_000, 20);
      if (batch === 2) {
        const spendEvent = await waitFor(async () => ofPlatform().find((r) => r.data.kind === 'SPEND'), 'the spend event', 10_000, 5);
        latencies.push(spendEvent.at - sent);
        expect(spendEvent.data).toMatchObject({ alertName: 'Spend', currency: 'EUR', threshold: '10', value: '10', metric: null });
      }
    }
    // The same event again (a duplicate) and more usage in the period: nothing fires twice.
    await s.ingest([{ meter: 'api', customer: 'acme', reference: 'b-4', timestamp: '2026-03-10T11:04:00Z', numbers: { n: '10' } }]);
    await s.ingestAccepted([{ meter: 'api', customer: 'acme', reference: 'b-5', timestamp: '2026-03-10T11:05:00Z', numbers: { n: '5' } }]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const usageTriggers = await triggersOf(usageAlert.data!.createAlert.id);
    expect(usageTriggers.edges.map((e) => e.node.threshold.value)).toEqual(['40', '30', '20', '10']);
    expect(usageTriggers.edges[0].node).toMatchObject({
      threshold: { value: '40', label: '40 calls' },
      value: '40',
      periodStart: '2026-03-01T00:00:00.000Z',
      periodEnd: '2026-04-01T00:00:00.000Z',
      customer: { id: customerId, reference: 'acme' },
    });
    expect((await triggersOf(spendAlert.data!.createAlert.id)).totalCount).toBe(1);
    expect(ofPlatform()).toHaveLength(5);
    expect(ofPlatform().find((r) => r.data.threshold === '10' && r.data.kind === 'USAGE')!.data).toMatchObject({
      alertId: usageAlert.data!.createAlert.id,
      customerReference: 'acme',
      metric: 'calls',
      value: '10',
      thresholdLabel: '10 calls',
    });

    const feed = await s.client.expectData<{ alertTriggers: { totalCount: number } }>(
      `{ alertTriggers(since: "2026-03-01T00:00:00Z", first: 50) { totalCount } }`,
    );
    expect(feed.alertTriggers.totalCount).toBe(5);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `alerts: ingest call → invoicing.alert.triggered on NATS, ${latencies.length} triggers: median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms (${latencies.join(', ')} ms)`,
    );
  });
});
