import { newEvent, systemClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { meteringSubgraph } from '../src';

const INGEST = `mutation ($events: [UsageEventInput!]!) { ingestUsageEvents(events: $events) { results { status eventId } } }`;
const EVENT = `query ($id: ID!) { usageEvent(id: $id) { timestamp receivedAt } }`;
const DAY = 86_400_000;

// Issue 16: metering learns sandbox clocks from subscriptions.platform.clock_advanced; an event without a timestamp
// takes its sandbox's time (so it lands in the sandbox's current period), other platforms' events real time.
describe('metering on sandbox clocks', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(meteringSubgraph);
  });
  afterAll(() => subgraph?.stop());

  async function ingestWithoutTimestamp(send: ReturnType<SubgraphUnderTest['clientForNewPlatform']>['send']) {
    const ingested = await send<{ ingestUsageEvents: { results: Array<{ status: string; eventId: string }> } }>(INGEST, {
      events: [
        { meterReference: 'nothing', customerReference: 'nobody', reference: 'e-1', meterValues: [{ reference: 'count', number: '1' }] },
      ],
    });
    expect(ingested.errors).toBeUndefined();
    const [result] = ingested.data!.ingestUsageEvents.results;
    expect(result.status).toBe('UNMATCHED'); // stored with its time all the same
    const read = await send<{ usageEvent: { timestamp: string; receivedAt: string } }>(EVENT, { id: result.eventId });
    return read.data!.usageEvent;
  }

  it('stamps an event without timestamp with its sandbox’s time once the advance arrived, another platform’s with real time', async () => {
    const sandbox = subgraph.clientForNewPlatform('admin', { sandbox: true });
    const other = subgraph.clientForNewPlatform();
    const offsetMs = 45 * DAY;
    const advanced = newEvent(
      'subscriptions.platform.clock_advanced',
      sandbox.platformId,
      { offsetMs, now: new Date(Date.now() + offsetMs).toISOString() },
      systemClock,
    );
    const { bus } = subgraph.running;
    await bus.js.publish(bus.subjectOf(advanced.type), JSON.stringify(advanced), { msgID: advanced.id });
    await waitFor(async () => {
      const rows = await subgraph.running.db.query(`SELECT 1 FROM platform_clocks WHERE platform_id = $1`, [sandbox.platformId]);
      return rows.length === 1 ? true : undefined;
    }, 'metering to project the advance');

    const sandboxed = await ingestWithoutTimestamp(sandbox.send);
    expect(Math.abs(Date.parse(sandboxed.timestamp) - (Date.now() + offsetMs))).toBeLessThan(60_000);
    expect(sandboxed.receivedAt).toBe(sandboxed.timestamp);
    const real = await ingestWithoutTimestamp(other.send);
    expect(Math.abs(Date.parse(real.timestamp) - Date.now())).toBeLessThan(60_000);
  });
});
