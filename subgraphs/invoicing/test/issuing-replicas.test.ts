import { randomUUID } from 'node:crypto';
import { TestClock } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';

/**
 * Two invoicing replicas on one database run the billing run at once (DESIGN §3: issued once, numbered gapless per
 * platform). Drafts are written straight into the table: this is about the issuing job, not about how drafts come to be.
 */
describe('the billing run on two replicas', () => {
  const clock = new TestClock('2026-05-01T12:00:00Z');
  const options = { graceMs: 0, issueIntervalMs: 10, refreshIntervalMs: 10 };
  let first: SubgraphUnderTest;
  let second: SubgraphUnderTest;
  beforeAll(async () => {
    first = await startSubgraphForTest(createInvoicingSubgraph(options), { clock, ownDatabase: true });
    second = await startSubgraphForTest(createInvoicingSubgraph(options), { clock, databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  async function dueDrafts(platformId: string, customers: number, periodsEach: number): Promise<void> {
    const rows: unknown[][] = [];
    for (let c = 0; c < customers; c += 1) {
      const customerId = randomUUID();
      const subscriptionId = randomUUID();
      for (let p = 0; p < periodsEach; p += 1) {
        const start = new Date(Date.UTC(2025, p, 1));
        const end = new Date(Date.UTC(2025, p + 1, 1));
        rows.push([platformId, customerId, subscriptionId, start, end]);
      }
    }
    await first.running.db.query(
      `INSERT INTO invoices (platform_id, customer_id, subscription_id, kind, status, currency, period_start, period_end, subtotal, tax, total,
                             deductions, amount_due, lines, issues_at, created_at)
       SELECT r.platform_id, r.customer_id, r.subscription_id, 'SUBSCRIPTION', 'DRAFT', 'EUR', r.period_start, r.period_end, 10, 0, 10, 0, 10,
              '[]', r.period_end, r.period_end
         FROM jsonb_to_recordset($1::jsonb) AS r(platform_id uuid, customer_id uuid, subscription_id uuid, period_start timestamptz, period_end timestamptz)`,
      [
        JSON.stringify(
          rows.map(([platform_id, customer_id, subscription_id, period_start, period_end]) => ({
            platform_id,
            customer_id,
            subscription_id,
            period_start,
            period_end,
          })),
        ),
      ],
    );
  }

  it('issues each due draft once, numbered 1..n per platform without a gap, with one issued event each', async () => {
    const platforms = [randomUUID(), randomUUID()];
    await dueDrafts(platforms[0], 60, 4);
    await dueDrafts(platforms[1], 25, 2);
    await waitFor(async () => {
      const [{ left }] = await first.running.db.query<{ left: number }>(
        `SELECT count(*)::int AS left FROM invoices WHERE platform_id = ANY($1::uuid[]) AND status = 'DRAFT'`,
        [platforms],
      );
      return left === 0;
    }, 'every draft issued');
    for (const [platformId, expected] of [
      [platforms[0], 240],
      [platforms[1], 50],
    ] as const) {
      const numbers = await first.running.db.query<{ number: string }>(
        `SELECT number FROM invoices WHERE platform_id = $1 AND status = 'ISSUED' ORDER BY number`,
        [platformId],
      );
      expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: expected }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
      const [{ events, invoices }] = await first.running.db.query<{ events: number; invoices: number }>(
        `SELECT count(*)::int AS events, count(DISTINCT envelope::jsonb -> 'data' ->> 'id')::int AS invoices
           FROM outbox WHERE platform_id = $1 AND type = 'invoicing.invoice.issued'`,
        [platformId],
      );
      expect({ events, invoices }).toEqual({ events: expected, invoices: expected });
    }
    // A customer's periods are numbered in period order.
    const [{ disorder }] = await first.running.db.query<{ disorder: number }>(
      `SELECT count(*)::int AS disorder FROM invoices a JOIN invoices b
          ON a.platform_id = b.platform_id AND a.customer_id = b.customer_id AND a.period_start < b.period_start AND a.number > b.number
        WHERE a.platform_id = ANY($1::uuid[])`,
      [platforms],
    );
    expect(disorder).toBe(0);
  });
});
