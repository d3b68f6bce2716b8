import { waitFor } from '@meterline/kit/testing';
import { parse } from 'csv-parse/sync';
import { Scenario } from './scenario';
import { gatewayClient, newApiKey, newTenant, startPlatform } from './testkit';

const RUN = `id status error rejectedRows rejections { rowNumber field message } periodStart periodEnd downloadPath
  file { name columns rowCount }
  counts { matched differs missingInMeterline missingInFile total }
  customerTotals { customerReference customer { id } theirs ours delta open lines }`;
const LINE = `id customerReference customer { id } periodStart periodEnd item currency theirs ours delta outcome invoiceIds invoiceLineIds rowNumbers note reviewed`;

interface LineView {
  id: string;
  customerReference: string;
  customer: { id: string } | null;
  periodStart: string;
  periodEnd: string;
  item: string;
  currency: string | null;
  theirs: string | null;
  ours: string | null;
  delta: string;
  outcome: string;
  invoiceIds: string[];
  invoiceLineIds: string[];
  rowNumbers: number[];
  note: string | null;
  reviewed: boolean;
}

interface LinePage {
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: Array<{ node: LineView }>;
}

interface RunView {
  id: string;
  status: string;
  error: string | null;
  rejectedRows: number;
  rejections: Array<{ rowNumber: number; field: string; message: string }>;
  periodStart: string | null;
  periodEnd: string | null;
  downloadPath: string;
  file: { name: string; columns: string[]; rowCount: number };
  counts: Record<string, number>;
  customerTotals: Array<{
    customerReference: string;
    customer: { id: string } | null;
    theirs: string;
    ours: string;
    delta: string;
    open: number;
    lines: number;
  }>;
}

/** The old system's March invoice lines, with known differences from what Meterline bills (see the test). */
const OLD_FILE = [
  'Account,Month,Product,Net amount,Currency',
  'acme,2026-03,Base fee,100.00,EUR',
  'acme,2026-03,API usage,49.50,EUR',
  'acme,2026-03,Setup fee,25,EUR',
  'beta,2026-03,base fee,100,EUR',
  'oldco,2026-03,Base fee,80,EUR',
  'acme,2026-03,Base fee,"1,5",EUR',
].join('\n');

/**
 * Issue 16 (point 5), reconciliation with the old billing system through the gateway: three customers' March drafts,
 * a file of the old system's lines with known differences (an amount off, an item Meterline does not bill, a line the
 * old system lacks, a customer Meterline does not know, a customer absent from the file, a row that does not read);
 * the comparison finds exactly them, totals per customer, downloads as CSV, lines can be marked reviewed, other
 * tenants see nothing, and only admin keys upload.
 */
describe('reconciliation with the old billing system, end to end', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({ testClock: true, ownDatabase: true });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('finds exactly the known differences of a file, with totals, CSV download and reviews', async () => {
    await platform.setClock('2026-03-20T12:00:00Z');
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const s = Scenario.of(client, platformId);
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const upload = async (body: string, key = apiKey, contentType = 'text/csv') => {
      const response = await fetch(`${base}/v1/reconciliation-files?name=old-march.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    await s.createMeter({
      reference: 'api',
      values: [{ reference: 'calls', type: 'NUMBER' }],
      metrics: [{ reference: 'calls', aggregation: 'SUM', valueReference: 'calls' }],
    });
    await s.createProduct('platform', [
      { reference: 'base', name: 'Base fee', chargeType: 'RECURRING' },
      { reference: 'api-calls', name: 'API calls', chargeType: 'USAGE', meterReference: 'api', metricReference: 'calls' },
    ]);
    const [version] = await s.createPlan(
      'growth',
      [{ base: { model: 'FLAT', amount: '100' }, 'api-calls': { model: 'PER_UNIT', unitPrice: '0.5' } }],
      ['base'],
    );
    const ids: Record<string, string> = {};
    for (const customer of ['acme', 'beta', 'gamma']) {
      ids[customer] = await s.createCustomer(customer, 'calls');
      await s.subscribe({ customer, planVersion: version, startAt: '2026-03-01T00:00:00Z' });
    }
    await s.ingestAccepted([
      { meter: 'api', customer: 'acme', reference: 'a-1', timestamp: '2026-03-05T10:00:00Z', numbers: { calls: '100' } },
      { meter: 'api', customer: 'beta', reference: 'b-1', timestamp: '2026-03-06T10:00:00Z', numbers: { calls: '20' } },
    ]);
    const drafts = await waitFor(async () => {
      const { invoices } = await client.expectData<{
        invoices: {
          edges: Array<{
            node: { id: string; customer: { id: string }; total: { amount: string }; lines: Array<{ id: string; description: string }> };
          }>;
        };
      }>(`{ invoices(status: DRAFT, first: 10) { edges { node { id customer { id } total { amount } lines { id description } } } } }`);
      const totals = invoices.edges.map((e) => e.node.total.amount).sort();
      return totals.join() === ['100', '110', '150'].join() && invoices.edges.map((e) => e.node);
    }, 'the March drafts with their usage');
    const draftOf = (customer: string) => drafts.find((d) => d.customer.id === ids[customer])!;

    // Upload: who may, and what the mapping step sees.
    const readKey = await newApiKey(platform.databaseUrl, platformId, 'read');
    expect((await upload(OLD_FILE, readKey)).status).toBe(403);
    expect(await upload('Account,Month\n')).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'file' } }] },
    });
    const uploaded = await upload(OLD_FILE);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      name: 'old-march.csv',
      columns: ['Account', 'Month', 'Product', 'Net amount', 'Currency'],
      rowCount: 6,
    });
    expect((uploaded.body.preview as unknown[])[1]).toEqual({
      Account: 'acme',
      Month: '2026-03',
      Product: 'API usage',
      'Net amount': '49.50',
      Currency: 'EUR',
    });
    const fileId = uploaded.body.id as string;
    // The same lines as a JSON array of objects (values as strings: a JSON number has lost its digits already).
    const json = await upload(JSON.stringify(parse(OLD_FILE, { columns: true })), apiKey, 'application/json');
    expect(json).toMatchObject({ status: 201, body: { columns: ['Account', 'Month', 'Product', 'Net amount', 'Currency'], rowCount: 6 } });
    expect((json.body.preview as unknown[])[1]).toEqual((uploaded.body.preview as unknown[])[1]);
    expect(await upload(JSON.stringify([{ Account: 'acme', 'Net amount': 100 }]), apiKey, 'application/json')).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'file' } }] },
    });

    // The mapping is checked against the file's columns, naming the field.
    const start = `mutation ($input: StartReconciliationInput!) { startReconciliation(input: $input) { id status } }`;
    const mapping = { customerReference: 'Account', periodLabel: 'Month', item: 'Product', amount: 'Net amount', currency: 'Currency' };
    const wrong = await client.send(start, { input: { fileId, mapping: { ...mapping, amount: 'Amount' } } });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mapping.amount' });
    const { startReconciliation } = await client.expectData<{ startReconciliation: { id: string; status: string } }>(start, {
      input: { fileId, mapping, itemAliases: [{ theirs: 'API usage', ours: 'API calls' }] },
    });
    expect(startReconciliation.status).toBe('QUEUED');

    const runQuery = `query ($id: ID!) { reconciliation(id: $id) { ${RUN} } }`;
    const run = await waitFor(async () => {
      const { reconciliation } = await client.expectData<{ reconciliation: RunView }>(runQuery, { id: startReconciliation.id });
      return reconciliation.status === 'COMPLETED' && reconciliation;
    }, 'the reconciliation to complete');
    expect(run).toMatchObject({
      error: null,
      rejectedRows: 1,
      rejections: [{ rowNumber: 6, field: 'amount' }],
      periodStart: '2026-03-01T00:00:00.000Z',
      periodEnd: '2026-04-01T00:00:00.000Z',
      counts: { matched: 3, differs: 1, missingInMeterline: 2, missingInFile: 2, total: 8 },
    });
    expect(run.customerTotals.map((t) => [t.customerReference, t.customer?.id ?? null, t.theirs, t.ours, t.delta, t.open])).toEqual([
      ['acme', ids.acme, '174.5', '150', '-24.5', 2],
      ['beta', ids.beta, '100', '110', '10', 1],
      ['gamma', ids.gamma, '0', '100', '100', 1],
      ['oldco', null, '80', '0', '-80', 1],
    ]);

    const linesQuery = `query ($id: ID!, $outcome: ReconciliationOutcome, $customer: String, $after: String) {
      reconciliation(id: $id) { lines(outcome: $outcome, customer: $customer, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${LINE} } } } } }`;
    const allLines = async (filter: Record<string, string> = {}) => {
      const out: LineView[] = [];
      let after: string | null = null;
      for (;;) {
        const answer: { reconciliation: { lines: LinePage } } = await client.expectData(linesQuery, { id: run.id, ...filter, after });
        const { reconciliation } = answer;
        out.push(...reconciliation.lines.edges.map((e) => e.node));
        if (!reconciliation.lines.pageInfo.hasNextPage) return out;
        after = reconciliation.lines.pageInfo.endCursor;
      }
    };
    const lines = await allLines();
    // Exactly the known differences, and the rest matched.
    expect(lines.map((l) => [l.customerReference, l.item, l.outcome, l.theirs, l.ours, l.delta])).toEqual([
      ['acme', 'Base fee', 'MATCHED', '100', '100', '0'],
      ['acme', 'API calls', 'DIFFERS', '49.5', '50', '0.5'],
      ['acme', 'Setup fee', 'MISSING_IN_METERLINE', '25', null, '-25'],
      ['beta', 'Base fee', 'MATCHED', '100', '100', '0'],
      ['beta', 'API calls', 'MISSING_IN_FILE', null, '10', '10'],
      ['gamma', 'Base fee', 'MISSING_IN_FILE', null, '100', '100'],
      ['gamma', 'API calls', 'MATCHED', null, '0', '0'],
      ['oldco', 'Base fee', 'MISSING_IN_METERLINE', '80', null, '-80'],
    ]);
    const acmeApi = lines[1];
    expect(acmeApi).toMatchObject({ customer: { id: ids.acme }, rowNumbers: [2], invoiceIds: [draftOf('acme').id], currency: 'EUR' });
    expect(acmeApi.invoiceLineIds).toEqual([draftOf('acme').lines.find((l) => l.description === 'API calls')!.id]);
    expect(lines[7].note).toBe('no Meterline customer with this reference');
    expect((await allLines({ outcome: 'MISSING_IN_FILE' })).map((l) => l.customerReference)).toEqual(['beta', 'gamma']);
    expect((await allLines({ customer: 'acme', outcome: 'DIFFERS' })).map((l) => l.id)).toEqual([acmeApi.id]);

    // Reviewed: the finance person works through the open lines.
    const review = `mutation ($input: MarkReconciliationLinesReviewedInput!) { markReconciliationLinesReviewed(input: $input) { id reviewed } }`;
    const reviewed = await client.expectData<{ markReconciliationLinesReviewed: Array<{ id: string; reviewed: boolean }> }>(review, {
      input: { reconciliationId: run.id, lineIds: [acmeApi.id, lines[2].id] },
    });
    expect(reviewed.markReconciliationLinesReviewed).toEqual([
      { id: acmeApi.id, reviewed: true },
      { id: lines[2].id, reviewed: true },
    ]);
    const after = await client.expectData<{ reconciliation: RunView }>(runQuery, { id: run.id });
    expect(after.reconciliation.customerTotals[0]).toMatchObject({ customerReference: 'acme', open: 0 });

    // The CSV download: the same lines, cell by cell, for admin and read keys.
    for (const key of [apiKey, readKey]) {
      const response = await fetch(`${base}${run.downloadPath}`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;
      expect(rows.map((r) => [r.customer_reference, r.item, r.outcome, r.theirs, r.ours, r.delta, r.reviewed])).toEqual(
        lines.map((l) => [
          l.customerReference,
          l.item,
          l.outcome,
          l.theirs ?? '',
          l.ours ?? '',
          l.delta,
          String([acmeApi.id, lines[2].id].includes(l.id)),
        ]),
      );
      expect(rows[1]).toMatchObject({
        period_start: '2026-03-01T00:00:00.000Z',
        row_numbers: '2',
        invoice_line_ids: acmeApi.invoiceLineIds[0],
      });
    }

    // More usage refreshes acme's draft; the same file again: the draft's line ids are unchanged, the delta follows.
    await s.ingestAccepted([
      { meter: 'api', customer: 'acme', reference: 'a-2', timestamp: '2026-03-07T10:00:00Z', numbers: { calls: '1' } },
    ]);
    await waitFor(
      async () =>
        (
          await client.expectData<{ invoice: { total: { amount: string } } }>(
            `query ($id: ID!) { invoice(id: $id) { total { amount } } }`,
            { id: draftOf('acme').id },
          )
        ).invoice.total.amount === '150.5',
      'acme’s draft with the call more',
    );
    const again = await client.expectData<{ startReconciliation: { id: string } }>(start, {
      input: { fileId, mapping, itemAliases: [{ theirs: 'api usage', ours: 'api calls' }] },
    });
    await waitFor(async () => {
      const { reconciliation } = await client.expectData<{ reconciliation: RunView }>(runQuery, { id: again.startReconciliation.id });
      return reconciliation.status === 'COMPLETED';
    }, 'the second run');
    const { reconciliation: second } = await client.expectData<{ reconciliation: { lines: { edges: Array<{ node: LineView }> } } }>(
      `query ($id: ID!) { reconciliation(id: $id) { lines(customer: "acme", first: 10) { edges { node { ${LINE} } } } } }`,
      { id: again.startReconciliation.id },
    );
    expect(second.lines.edges[1].node).toMatchObject({
      item: 'API calls',
      ours: '50.5',
      delta: '1',
      invoiceLineIds: acmeApi.invoiceLineIds,
    });

    // Another tenant sees none of it; ids of ours are NOT_FOUND there.
    const other = await newTenant(platform.databaseUrl);
    const otherClient = gatewayClient(platform.gatewayUrl, other.apiKey);
    expect(await otherClient.expectData(runQuery, { id: run.id })).toEqual({ reconciliation: null });
    expect((await otherClient.send(start, { input: { fileId, mapping } })).errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.fileId',
    });
    const otherDownload = await fetch(`${base}${run.downloadPath}`, { headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(otherDownload.status).toBe(404);
    const { reconciliations } = await otherClient.expectData<{ reconciliations: { totalCount: number } }>(
      `{ reconciliations { totalCount } }`,
    );
    expect(reconciliations.totalCount).toBe(0);
  });
});
