import { randomUUID } from 'node:crypto';
import { newEvent, systemClock, type EventEnvelope } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { invoicingSubgraph } from '../src';

interface DeadLetterPage {
  invoicingDeadLetters: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; type: string; error: string; attempts: number; payload: EventEnvelope } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const DEAD_LETTERS = `query ($first: Int, $after: String) {
  invoicingDeadLetters(first: $first, after: $after) {
    totalCount edges { cursor node { id type error attempts payload } } pageInfo { hasNextPage endCursor }
  }
}`;
const REPLAY = `mutation ($id: ID!) { replayInvoicingDeadLetter(id: $id) { replayed deadLetter { id attempts error } } }`;

describe('a usage message invoicing cannot apply', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(invoicingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  async function publish(event: EventEnvelope) {
    const { bus } = subgraph.running;
    await bus.ensureStream('metering');
    await bus.js.publish(bus.subjectOf(event.type), JSON.stringify(event), { msgID: event.id });
  }

  const usage = (platformId: string, metric: string, dimensions: Record<string, string>) =>
    newEvent(
      'metering.usage.recorded',
      platformId,
      {
        items: [
          {
            eventId: randomUUID(),
            customerId: randomUUID(),
            subscriptionId: null,
            meterId: randomUUID(),
            metric,
            aggregation: 'SUM',
            at: '2026-01-05T10:15:00.123Z',
            dimensions,
            state: { count: 1, sum: '2' },
          },
        ],
      },
      systemClock,
    );

  it('goes to the dead letters after its deliveries while the rest of its batch is applied; replayed after a fix', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const poisonMetric = `poison_${randomUUID().replace(/-/g, '')}`;
    // The "bug": a constraint the handler's write breaks on every delivery (a non-transient failure).
    await subgraph.running.db.query(`ALTER TABLE usage_items ADD CONSTRAINT ${poisonMetric} CHECK (metric <> '${poisonMetric}')`);
    try {
      const longValue = 'x'.repeat(10_000);
      const before = usage(platformId, 'calls', { region: 'eu' });
      const poison = usage(platformId, poisonMetric, { region: 'eu' });
      // Once its key was the values themselves: "index row requires 11544 bytes". Now a hash: it is applied.
      const long = usage(platformId, 'calls', { region: longValue });
      await Promise.all([publish(before), publish(poison), publish(long)]);

      const totals = await waitFor(async () => {
        const rows = await subgraph.running.db.query<{ dimensions: { region: string }; dimensions_key: string }>(
          `SELECT dimensions, dimensions_key FROM usage_totals WHERE platform_id = $1 AND metric = 'calls'`,
          [platformId],
        );
        return rows.length === 2 && rows;
      }, 'the other messages of the batch to be applied');
      expect(totals.map((t) => t.dimensions.region.length).sort((a, b) => a - b)).toEqual([2, 10_000]);
      for (const t of totals) expect(t.dimensions_key).toMatch(/^[0-9a-f]{64}$/);

      const page = await waitFor(
        async () => {
          const response = await send<DeadLetterPage>(DEAD_LETTERS, { first: 10 });
          return response.data?.invoicingDeadLetters.totalCount === 1 && response.data.invoicingDeadLetters;
        },
        'the poison message in the dead letters',
        40_000,
      );
      const [{ node }] = page.edges;
      expect(node).toMatchObject({ id: poison.id, type: 'metering.usage.recorded', attempts: 5 });
      expect(node.error).toContain(poisonMetric);
      expect(node.payload).toEqual(JSON.parse(JSON.stringify(poison)));
      // The gauge is read in the background (every 5 s): the next reading shows it.
      await waitFor(
        async () => {
          const metrics = await fetch(subgraph.running.url.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
          return /^dead_letters\{stream="METERING[^"]*"[^}]*\} [1-9]/m.test(metrics);
        },
        'the dead_letters gauge',
        15_000,
      );

      // Another tenant sees none of it and cannot replay it; a read key may not look.
      const other = subgraph.clientForNewPlatform();
      expect((await other.send<DeadLetterPage>(DEAD_LETTERS)).data?.invoicingDeadLetters.totalCount).toBe(0);
      expect((await other.send(REPLAY, { id: poison.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const reader = subgraph.clientForNewPlatform('read');
      expect((await reader.send(DEAD_LETTERS)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

      // Replayed before the fix: still failing, one more attempt.
      const again = await send<{ replayInvoicingDeadLetter: { replayed: boolean; deadLetter: { attempts: number } } }>(REPLAY, {
        id: poison.id,
      });
      expect(again.data?.replayInvoicingDeadLetter).toMatchObject({ replayed: false, deadLetter: { attempts: 6 } });
    } finally {
      await subgraph.running.db.query(`ALTER TABLE usage_items DROP CONSTRAINT IF EXISTS ${poisonMetric}`);
    }
    // After the fix: applied through the same handler, and gone from the dead letters.
    const [letter] = (await send<DeadLetterPage>(DEAD_LETTERS)).data!.invoicingDeadLetters.edges;
    const replayed = await send<{ replayInvoicingDeadLetter: { replayed: boolean } }>(REPLAY, { id: letter.node.id });
    expect(replayed.data?.replayInvoicingDeadLetter.replayed).toBe(true);
    expect((await send<DeadLetterPage>(DEAD_LETTERS)).data?.invoicingDeadLetters.totalCount).toBe(0);
    const rows = await subgraph.running.db.query(`SELECT 1 FROM usage_items WHERE platform_id = $1 AND metric = $2`, [
      platformId,
      poisonMetric,
    ]);
    expect(rows).toHaveLength(1);
  });
});
