import { waitFor } from '@meterline/kit/testing';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { codeOf, graduated, Scenario, type EventSpec, type Invoice, type Line } from './scenario';
import { growthPlanWithDraft } from './simulation-plan';
import { gatewayClient, newApiKey, newTenant, startPlatform } from './testkit';

interface Money {
  amount: string;
  currency: string;
}
interface SimulatedLineView {
  kind: string;
  description: string;
  productItem: { id: string } | null;
  currentQuantity: string | null;
  currentAmount: Money | null;
  simulatedQuantity: string | null;
  simulatedAmount: Money | null;
  difference: Money;
}
interface SimulatedPeriodView {
  customer: { id: string };
  customerReference: string | null;
  subscription: { id: string };
  invoice: { id: string; status: string } | null;
  invoiceStatus: string;
  periodStart: string;
  periodEnd: string;
  currentTotal: Money;
  simulatedTotal: Money;
  simulatedSubtotal: Money;
  difference: Money;
  lines: SimulatedLineView[];
}
interface SimulationView {
  id: string;
  status: string;
  csvPath: string;
  progress: { customersDone: number; customersTotal: number | null; periods: number };
  totals: Array<{ currency: string; current: Money; simulated: Money; difference: Money }>;
  customerTotals: Array<{
    customer: { id: string };
    customerReference: string | null;
    periods: number;
    current: Money;
    simulated: Money;
    difference: Money;
  }>;
  periods: { totalCount: number; edges: Array<{ node: SimulatedPeriodView }> };
}

const SIMULATION = `id status csvPath progress { customersDone customersTotal periods }
  totals { currency current { amount currency } simulated { amount currency } difference { amount currency } }
  customerTotals { customer { id } customerReference periods current { amount } simulated { amount } difference { amount } }
  periods(first: 100) { totalCount edges { node {
    customer { id } customerReference subscription { id } invoice { id status } invoiceStatus periodStart periodEnd
    currentTotal { amount currency } simulatedTotal { amount currency } simulatedSubtotal { amount } difference { amount }
    lines { kind description productItem { id } currentQuantity currentAmount { amount currency } simulatedQuantity
      simulatedAmount { amount currency } difference { amount currency } } } } }`;
const CREATE = `mutation ($input: CreatePricingSimulationInput!) { createPricingSimulation(input: $input) { id status } }`;
const FULL_INVOICE = `id kind status periodStart periodEnd subtotal { amount } total { amount }
  lines { kind description quantity amount { amount currency } windowStart windowEnd productItem { id } }`;

/**
 * Issue 16 (point 4), pricing simulation through the gateway on the test clock: customer X on version V1 with usage
 * over two periods (February issued, March a draft) is simulated onto V2 while V2 is still a DRAFT; then V2 is
 * activated and customer Y subscribes to it with the same start and the same usage: Y's real invoices equal the
 * simulation line by line. The simulation changed none of X's invoices; its CSV says the same; a read key may read it,
 * not start one; bad inputs are coded.
 */
describe('pricing simulation end to end, through the gateway on the test clock', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({
      testClock: true,
      ownDatabase: true,
      // Drafts stay drafts until issued here (a month of grace): the test decides when February is issued.
      serviceEnv: { invoicing: { INVOICE_GRACE_PERIOD_MS: String(30 * 24 * 3_600_000), INVOICE_ISSUE_INTERVAL_MS: '200' } },
    });
  }, 120_000);
  afterAll(() => platform?.stop());

  it('equals the invoices a real subscription to the simulated version produces, touching no invoice', async () => {
    await platform.setClock('2026-03-20T12:00:00Z');
    const { platformId, apiKey } = await newTenant(platform.databaseUrl);
    const client = gatewayClient(platform.gatewayUrl, apiKey);
    const s = Scenario.of(client, platformId);
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');

    // V2, a DRAFT: a higher base fee, cheaper calls past 50, a minimum commitment of 100 on usage.
    const { v1, v2 } = await growthPlanWithDraft(s, {
      base: { model: 'FLAT', amount: '110' },
      'api-calls': graduated(['50', '0'], [null, '0.3']),
    });
    await client.expectData(`mutation ($v: ID!) { updatePlanVersion(input: { planVersion: $v, minimumCommitment: "100" }) { id } }`, {
      v: v2,
    });

    const usage = (customer: string): EventSpec[] => [
      { meter: 'api', customer, reference: `${customer}-1`, timestamp: '2026-02-03T10:00:00Z', numbers: { calls: '120' } },
      { meter: 'api', customer, reference: `${customer}-2`, timestamp: '2026-02-20T10:00:00Z', numbers: { calls: '200' } },
      { meter: 'api', customer, reference: `${customer}-3`, timestamp: '2026-03-05T10:00:00Z', numbers: { calls: '90' } },
      { meter: 'api', customer, reference: `${customer}-4`, timestamp: '2026-03-18T10:00:00Z', numbers: { calls: '400' } },
    ];
    await s.createCustomer('x', 'calls');
    const xSubscription = await s.subscribe({ customer: 'x', planVersion: v1, startAt: '2026-02-01T00:00:00Z' });
    await s.ingestAccepted(usage('x'));
    // February: 100 + (320 − 100) × 0.5 = 210; March: 100 + 390 × 0.5 = 295 (the first 100 calls free each period).
    const xFebruary = await s.invoiceWith({ subscription: xSubscription }, '2026-02-01T00:00:00Z', [
      ['RECURRING', 'Base fee (in advance)', '100'],
      ['USAGE', 'API calls', '110'],
    ]);
    await s.issue(xFebruary);
    await s.invoiceWith({ subscription: xSubscription }, '2026-03-01T00:00:00Z', [
      ['RECURRING', 'Base fee (in advance)', '100'],
      ['USAGE', 'API calls', '195'],
    ]);
    const xBefore = await s.invoices({ subscription: xSubscription });
    const outbox = async () => {
      const db = new Client({ connectionString: platform.databaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoicing.outbox WHERE platform_id = $1`, [
          platformId,
        ]);
        return rows[0].n;
      } finally {
        await db.end();
      }
    };
    const eventsBefore = await outbox();

    // Bad inputs are coded and name their field; the draft version is known once catalog's event reached invoicing.
    const input = { scope: 'CUSTOMER', customer: 'x', planVersion: v2, from: '2026-02-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    expect(codeOf((await client.send(CREATE, { input: { ...input, customer: null } })).errors)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.customer',
    });
    expect(codeOf((await client.send(CREATE, { input: { ...input, to: input.from } })).errors)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.to',
    });
    expect(codeOf((await client.send(CREATE, { input: { ...input, scope: 'PLAN', customer: null } })).errors)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.plan',
    });
    expect(codeOf((await client.send(CREATE, { input: { ...input, customer: 'nobody' } })).errors)).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.customer',
    });
    const readKey = await newApiKey(platform.databaseUrl, platformId, 'read');
    const reader = gatewayClient(platform.gatewayUrl, readKey);
    expect(codeOf((await reader.send(CREATE, { input })).errors).code).toBe('FORBIDDEN');

    const simulate = async (given: Record<string, unknown>): Promise<SimulationView> => {
      const created = await waitFor(async () => {
        const response = await client.send<{ createPricingSimulation: { id: string } }>(CREATE, { input: given });
        if (codeOf(response.errors).field === 'input.planVersion') return undefined; // the draft is still on its way
        if (!response.data) throw new Error(JSON.stringify(response.errors));
        return response.data.createPricingSimulation;
      }, 'the draft version to reach invoicing');
      return waitFor(async () => {
        const { pricingSimulation } = await reader.expectData<{ pricingSimulation: SimulationView }>(
          `query ($id: ID!) { pricingSimulation(id: $id) { ${SIMULATION} } }`,
          { id: created.id },
        );
        if (pricingSimulation.status === 'FAILED') throw new Error('the simulation failed');
        return pricingSimulation.status === 'COMPLETED' ? pricingSimulation : undefined;
      }, 'the simulation to complete');
    };
    const simulation = await simulate(input);
    expect(simulation.progress).toEqual({ customersDone: 1, customersTotal: 1, periods: 2 });
    const [february, march] = simulation.periods.edges.map((e) => e.node);
    expect([february.periodStart, march.periodStart]).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    expect([february.invoiceStatus, march.invoiceStatus]).toEqual(['ISSUED', 'DRAFT']);
    // The current side is what X's invoices say.
    for (const period of [february, march]) {
      const invoice = xBefore.find((i) => i.periodStart === period.periodStart)!;
      expect(period.invoice?.id).toBe(invoice.id);
      expect(period.currentTotal.amount).toBe(invoice.total.amount);
      expect(period.lines.filter((l) => l.currentAmount).map((l) => [l.kind, l.description, l.currentAmount!.amount])).toEqual(
        invoice.lines.map((l) => [l.kind, l.description, l.amount.amount]),
      );
    }
    // February under V2: 110 + (320 − 50) × 0.3 = 81 of usage, topped up by 19 to the commitment of 100: 210;
    // March: 110 + (490 − 50) × 0.3 = 242.
    expect(
      february.lines.map((l) => [l.kind, l.currentAmount?.amount ?? null, l.simulatedAmount?.amount ?? null, l.difference.amount]),
    ).toEqual([
      ['RECURRING', '100', '110', '10'],
      ['USAGE', '110', '81', '-29'],
      ['MINIMUM_COMMITMENT', null, '19', '19'],
    ]);
    expect(
      march.lines.map((l) => [l.kind, l.currentAmount?.amount ?? null, l.simulatedAmount?.amount ?? null, l.difference.amount]),
    ).toEqual([
      ['RECURRING', '100', '110', '10'],
      ['USAGE', '195', '132', '-63'],
    ]);
    expect(simulation.totals).toEqual([
      {
        currency: 'EUR',
        current: { amount: '505', currency: 'EUR' },
        simulated: { amount: '452', currency: 'EUR' },
        difference: { amount: '-53', currency: 'EUR' },
      },
    ]);
    expect(simulation.customerTotals).toEqual([
      {
        customer: { id: s.customerId('x') },
        customerReference: 'x',
        periods: 2,
        current: { amount: '505' },
        simulated: { amount: '452' },
        difference: { amount: '-53' },
      },
    ]);

    // Touching no invoice, emitting no event: X's invoices are as they were, invoicing's outbox holds nothing new.
    expect(await s.invoices({ subscription: xSubscription })).toEqual(xBefore);
    expect(await outbox()).toBe(eventsBefore);

    // The proof: V2 goes live, Y subscribes to it with X's start and X's usage, and its invoices are the simulation.
    await client.expectData(`mutation ($v: ID!) { changePlanVersionStatus(planVersion: $v, action: ACTIVATE) { status } }`, { v: v2 });
    await s.createCustomer('y', 'calls');
    const ySubscription = await s.subscribe({ customer: 'y', planVersion: v2, startAt: '2026-02-01T00:00:00Z' });
    await s.ingestAccepted(usage('y'));
    const expectedOf = (period: SimulatedPeriodView) =>
      period.lines
        .filter((l) => l.simulatedAmount)
        .map((l) => [l.kind, l.description, l.simulatedAmount!.amount] as [string, string, string]);
    const yFebruary = await s.invoiceWith({ subscription: ySubscription }, february.periodStart, expectedOf(february));
    const yMarch = await s.invoiceWith({ subscription: ySubscription }, march.periodStart, expectedOf(march));
    await s.issue(yFebruary);
    for (const [period, invoice] of [
      [february, yFebruary],
      [march, yMarch],
    ] as Array<[SimulatedPeriodView, Invoice]>) {
      const { invoice: full } = await client.expectData<{
        invoice: Omit<Invoice, 'lines'> & { lines: Array<Line & { productItem: { id: string } | null }> };
      }>(`query ($id: ID!) { invoice(id: $id) { ${FULL_INVOICE} } }`, { id: invoice.id });
      expect(full.total.amount).toBe(period.simulatedTotal.amount);
      expect(full.subtotal.amount).toBe(period.simulatedSubtotal.amount);
      expect(full.lines.map((l) => [l.kind, l.description, l.quantity, l.amount.amount, l.productItem?.id ?? null])).toEqual(
        period.lines
          .filter((l) => l.simulatedAmount)
          .map((l) => [l.kind, l.description, l.simulatedQuantity, l.simulatedAmount!.amount, l.productItem?.id ?? null]),
      );
    }

    // Scope PLAN: every customer of growth; Y is already on V2, so its periods do not differ.
    const byPlan = await simulate({ scope: 'PLAN', plan: 'growth', planVersion: v2, from: input.from, to: input.to });
    expect(byPlan.progress).toMatchObject({ customersDone: 2, customersTotal: 2, periods: 4 });
    const yTotals = byPlan.customerTotals.find((c) => c.customerReference === 'y')!;
    expect(yTotals.difference.amount).toBe('0');
    expect(byPlan.customerTotals.find((c) => c.customerReference === 'x')!.simulated.amount).toBe('452');

    // The CSV: one row per compared line, the same cells.
    const response = await fetch(`${base}${simulation.csvPath}`, { headers: { authorization: `Bearer ${readKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.period_start, r.line_kind, r.description, r.current_amount, r.simulated_amount, r.difference])).toEqual(
      [february, march].flatMap((p) =>
        p.lines.map((l) => [
          p.periodStart,
          l.kind,
          l.description,
          l.currentAmount?.amount ?? '',
          l.simulatedAmount?.amount ?? '',
          l.difference.amount,
        ]),
      ),
    );
    expect(new Set(rows.map((r) => r.customer_reference))).toEqual(new Set(['x']));
    // Another tenant's run is not found; an unknown parameter is coded.
    const other = await newTenant(platform.databaseUrl);
    const foreign = await fetch(`${base}${simulation.csvPath}`, { headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(foreign.status).toBe(404);
    const unknown = await fetch(`${base}${simulation.csvPath}&customer=x`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(unknown.status).toBe(400);
  }, 240_000);
});
