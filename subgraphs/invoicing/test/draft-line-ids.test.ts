import { TestClock, createLogger, type SubgraphServices } from '@meterline/kit';
import { startSubgraphForTest, waitFor, type SubgraphUnderTest } from '@meterline/kit/testing';
import { createInvoicingSubgraph, defaultBillingOptions } from '../src';
import { issueDueDrafts } from '../src/billing/invoice-issuing';
import { refreshRequestedDrafts } from '../src/jobs/draft-refresher';
import { publish, publishSubscribedCustomer, usageRecorded } from './invoicing-fixtures';

interface LineView {
  id: string;
  description: string;
  amount: { amount: string };
}

/**
 * Draft line ids are derived from the invoice and the line's stable key: a refresh rewrites the lines with the same
 * ids (exports and reconciliations of a draft stay comparable), and an issued invoice keeps them.
 */
describe('draft line ids', () => {
  const clock = new TestClock('2026-03-10T12:00:00Z');
  const options = { graceMs: 3_600_000, refreshers: 0, issueIntervalMs: 60_000, refreshDelayMs: 0 };
  let subgraph: SubgraphUnderTest;
  let services: SubgraphServices;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(createInvoicingSubgraph(options), { clock, ownDatabase: true });
    services = { db: subgraph.running.db, clock, log: createLogger('test', 'silent') } as unknown as SubgraphServices;
  });
  afterAll(() => subgraph?.stop());

  it('keeps the ids of a draft across refreshes and on the issued invoice', async () => {
    const { platformId, send } = subgraph.clientForNewPlatform();
    const { customer } = await publishSubscribedCustomer(
      subgraph,
      platformId,
      clock,
      [
        { name: 'Platform fee', chargeType: 'RECURRING', price: { model: 'FLAT', amount: '10' } },
        { name: 'API calls', chargeType: 'USAGE', metric: 'api_calls', price: { model: 'PER_UNIT', unitPrice: '0.5' } },
      ],
      '2026-03-01T00:00:00.000Z',
    );
    const count = async (sql: string) => Number(((await subgraph.running.db.ds.query(sql, [platformId])) as Array<{ n: string }>)[0].n);
    const lines = async (status: string): Promise<{ id: string; lines: LineView[] } | undefined> => {
      const r = await send<{ invoices: { edges: Array<{ node: { id: string; lines: LineView[] } }> } }>(
        `query ($c: ID) { invoices(customer: $c, status: ${status}, first: 5) { edges { node { id lines { id description amount { amount } } } } } }`,
        { c: customer.id },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.invoices.edges[0]?.node;
    };
    const usage = async (hour: string, sum: string, applied: number) => {
      await publish(subgraph, 'metering', usageRecorded(platformId, clock, customer.id, [{ metric: 'api_calls', hour, sum, count: 1 }]));
      await waitFor(async () => (await count(`SELECT count(*) AS n FROM usage_items WHERE platform_id = $1`)) === applied, 'usage applied');
      await refreshRequestedDrafts(services, options.graceMs);
    };
    await waitFor(
      async () =>
        (await refreshRequestedDrafts(services, options.graceMs)) >= 0 &&
        (await count(`SELECT count(*) AS n FROM invoices WHERE platform_id = $1`)) === 1,
      'the draft of March',
    );
    await usage('2026-03-05T10:00Z', '30', 1);
    const first = (await lines('DRAFT'))!;
    expect(first.lines.map((l) => [l.description, l.amount.amount])).toEqual([
      ['Platform fee (in advance)', '10'],
      ['API calls', '15'],
    ]);
    await usage('2026-03-06T10:00Z', '10', 2);
    const second = (await lines('DRAFT'))!;
    expect(second.lines.map((l) => l.amount.amount)).toEqual(['10', '20']);
    expect(second.lines.map((l) => l.id)).toEqual(first.lines.map((l) => l.id));
    const stored = async () =>
      (await subgraph.running.db.ds.query(`SELECT lines FROM invoices WHERE id = $1`, [first.id])) as Array<{ lines: unknown }>;
    const beforeIssue = await stored();

    // Issued: the lines are the last draft's, ids included; later usage of March goes to a correction, not onto them.
    clock.set('2026-04-01T01:00:00Z');
    await issueDueDrafts(services, { ...defaultBillingOptions, ...options });
    const issued = (await lines('ISSUED'))!;
    expect(issued.id).toBe(first.id);
    expect(issued.lines.map((l) => l.id)).toEqual(first.lines.map((l) => l.id));
    await usage('2026-03-07T10:00Z', '4', 3);
    expect(await stored()).toEqual(beforeIssue);
    expect((await lines('ISSUED'))!.lines).toEqual(issued.lines);
    // Distinct ids across invoices: April's draft does not reuse March's.
    const april = (await lines('DRAFT'))!;
    expect(april.lines.some((l) => first.lines.some((f) => f.id === l.id))).toBe(false);

    // A period's second correction has line ids of its own, not the first correction's.
    const corrections = async () =>
      (await subgraph.running.db.ds.query(
        `SELECT id, status, lines FROM invoices WHERE platform_id = $1 AND kind = 'CORRECTION' ORDER BY created_at, id`,
        [platformId],
      )) as Array<{ id: string; status: string; lines: Array<{ id: string }> }>;
    const [firstCorrection] = await corrections();
    expect(firstCorrection.status).toBe('DRAFT');
    clock.set('2026-05-01T02:00:00Z'); // a correction is issued with the invoice of the period it was opened in
    await issueDueDrafts(services, { ...defaultBillingOptions, ...options });
    expect((await corrections())[0].status).not.toBe('DRAFT');
    await usage('2026-03-08T10:00Z', '6', 4);
    const [issuedCorrection, secondCorrection] = await corrections();
    expect(secondCorrection.status).toBe('DRAFT');
    expect(issuedCorrection.lines.map((l) => l.id)).toEqual(firstCorrection.lines.map((l) => l.id));
    expect(secondCorrection.lines.some((l) => issuedCorrection.lines.some((f) => f.id === l.id))).toBe(false);
  });
});
