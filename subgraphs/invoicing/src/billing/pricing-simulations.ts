import { randomUUID } from 'node:crypto';
import {
  badInput,
  clockOfPlatform,
  Decimal,
  groupBy,
  isUuid,
  Loaders,
  notFound,
  type RequestContext,
  type SubgraphServices,
  type Transaction,
} from '@meterline/kit';
import {
  compareLines,
  substitutePhases,
  withCorrections,
  type ComparedLineInput,
  type SimulationScope,
} from '../domain/pricing-simulation';
import type { InvoiceDraft } from '../domain/invoice-calculation';
import { lineFromJson, type StoredLineJson } from '../store/invoice-lines';
import {
  failSimulation,
  insertSimulation,
  invoicesToCompare,
  lockNextSimulation,
  scopeCustomers,
  writeSimulationChunk,
  type NewSimulatedPeriod,
  type SimulatedLineJson,
  type SimulationRow,
} from '../store/pricing-simulations.repository';
import { customerIdOf, planVersionIdsOf } from '../store/reports.repository';
import type { Reader } from '../store/usage.repository';
import { freshenCustomers } from './current-drafts';
import { calculate, usageOfWork } from './invoice-drafts';
import { customersByIds, subscriptionsOfCustomers, versionsByIds, type BilledSubscription } from './read-models';

export interface SimulationRequest {
  scope: SimulationScope;
  customer?: string | null;
  plan?: string | null;
  planVersion: string;
  from: Date;
  to: Date;
  idempotencyKey?: string | null;
}

/** Customers priced per round of the runner: one transaction, a handful of queries. */
export const SIMULATION_CHUNK = 200;
/** The longest span a run may cover (ten years of monthly periods is 120 per subscription). */
const MAX_SPAN_MS = 10 * 366 * 24 * 3_600_000;

/**
 * A new simulation run, checked and queued for the runner (`runPendingSimulations`): scope CUSTOMER needs `customer`,
 * PLAN needs `plan`; the target version is any version invoicing knows (drafts included). The phases substituted are
 * those on a version of `plan` when given, else every phase. Writes nothing but the run.
 */
export async function createPricingSimulation(ctx: RequestContext, input: SimulationRequest): Promise<SimulationRow> {
  if (!(input.from instanceof Date) || Number.isNaN(input.from.getTime())) throw badInput('input.from', 'from must be a date-time');
  if (!(input.to instanceof Date) || Number.isNaN(input.to.getTime())) throw badInput('input.to', 'to must be a date-time');
  if (input.from >= input.to) throw badInput('input.to', 'to must be after from');
  if (input.to.getTime() - input.from.getTime() > MAX_SPAN_MS) throw badInput('input.to', 'a simulation covers at most ten years');
  if (input.idempotencyKey != null && (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 200))
    throw badInput('input.idempotencyKey', 'idempotencyKey must be 1 to 200 characters');
  const reader = ctx.db.ds;
  if (!isUuid(input.planVersion)) throw badInput('input.planVersion', 'planVersion must be a plan version id');
  const [version] = (await reader.manager.query(
    `SELECT snapshot->>'planId' AS plan_id FROM plan_versions WHERE platform_id = $1 AND id = $2`,
    [ctx.platformId, input.planVersion],
  )) as Array<{ plan_id: string }>;
  if (!version) throw notFound('Plan version', 'input.planVersion');
  let customerId: string | null = null;
  if (input.scope === 'CUSTOMER') {
    if (input.customer == null || input.customer.trim() === '') throw badInput('input.customer', 'scope CUSTOMER needs a customer');
    customerId = await customerIdOf(reader, ctx.platformId, input.customer);
    if (!customerId) throw notFound('Customer', 'input.customer');
  } else if (input.customer != null) throw badInput('input.customer', 'a customer is given with scope CUSTOMER only');
  let planId: string | null = null;
  if (input.plan != null) {
    if (input.plan.trim() === '') throw badInput('input.plan', 'plan must not be empty');
    const [row] = (await reader.manager.query(
      `SELECT snapshot->>'planId' AS plan_id FROM plan_versions WHERE platform_id = $1 AND (snapshot->>'planReference' = $2 OR snapshot->>'planId' = $2) LIMIT 1`,
      [ctx.platformId, input.plan],
    )) as Array<{ plan_id: string }>;
    if (!row) throw notFound('Pricing plan', 'input.plan');
    planId = row.plan_id;
  } else if (input.scope === 'PLAN') throw badInput('input.plan', 'scope PLAN needs a plan');
  return ctx.db.transact((tx) =>
    insertSimulation(tx, {
      id: randomUUID(),
      platform_id: ctx.platformId,
      scope: input.scope,
      customer_id: customerId,
      plan_id: planId,
      plan_version_id: input.planVersion,
      from_at: input.from,
      to_at: input.to,
      created_at: ctx.clock.now(),
      idempotencyKey: input.idempotencyKey ?? null,
    }),
  );
}

const text = (value: { toFixed(): string } | null) => (value === null ? null : value.toFixed());

/**
 * The compared periods of some customers of a run: for each subscription invoice of theirs overlapping the run's
 * periods on which a phase is substituted, its lines next to those the same billing code computes (`calculate`, the
 * same usage stretch queries) with the target version in place. Reads only.
 */
export async function simulateCustomers(
  reader: Reader,
  run: Pick<SimulationRow, 'platform_id' | 'plan_version_id' | 'from_at' | 'to_at'>,
  replacedVersions: ReadonlySet<string> | null,
  customerIds: readonly string[],
  firstPosition: number,
): Promise<NewSimulatedPeriod[]> {
  const platformId = run.platform_id;
  const customers = await customersByIds(reader, platformId, [...customerIds]);
  const subscriptions = await subscriptionsOfCustomers(reader, platformId, [...customerIds]);
  const replaced = (versionId: string) => (replacedVersions ? replacedVersions.has(versionId) : true);
  const simulated: BilledSubscription[] = subscriptions.map((s) => ({
    ...s,
    phases: substitutePhases(s.phases, replaced, run.plan_version_id),
  }));
  const versions = await versionsByIds(reader, platformId, [
    ...new Set([run.plan_version_id, ...subscriptions.flatMap((s) => s.phases.map((p) => p.planVersionId))]),
  ]);
  if (!versions.has(run.plan_version_id)) throw new Error(`plan version ${run.plan_version_id} is not known to invoicing`);
  const byId = new Map(simulated.map((s) => [s.id, s]));
  const originalById = new Map(subscriptions.map((s) => [s.id, s]));
  const invoices = await invoicesToCompare(reader, platformId, customerIds, run.from_at, run.to_at);
  const work = invoices.flatMap((invoice) => {
    const sub = byId.get(invoice.subscription_id);
    const original = originalById.get(invoice.subscription_id);
    if (!sub || !original || !customers.has(sub.customerId)) return [];
    const period = { start: invoice.period_start, end: invoice.period_end };
    // Only periods a substituted phase bills in: the others would bill the same.
    const touched = original.phases.some(
      (p) => replaced(p.planVersionId) && p.startsAt < period.end && (p.endsAt === null || p.endsAt > period.start),
    );
    if (!touched || sub.phases.some((p) => !versions.has(p.planVersionId))) return [];
    return [{ invoice, sub, period }];
  });
  const usage = await usageOfWork(
    reader,
    platformId,
    work,
    groupBy(simulated, (s) => s.customerId),
    versions,
  );
  return work.map(({ invoice, sub, period }, index): NewSimulatedPeriod => {
    const draft: InvoiceDraft = calculate(sub, customers.get(sub.customerId)!, versions, usage[index], period);
    const compared = (lines: StoredLineJson[] | null): ComparedLineInput[] =>
      (lines ?? []).map(lineFromJson).map((l) => ({
        kind: l.kind,
        productItemId: l.productItemId,
        description: l.description,
        quantity: l.quantity,
        amount: l.amount,
        windowStart: l.windowStart,
        windowEnd: l.windowEnd,
      }));
    // What the period is billed today: the invoice and its corrections (late usage priced after it was issued).
    const current = withCorrections(
      compared(invoice.lines),
      invoice.corrections.flatMap((c) => compared(c.lines)),
    );
    const billed = (of: 'subtotal' | 'total') =>
      invoice.corrections.reduce((sum, c) => sum.plus(c[of]), new Decimal(invoice[of])).toFixed();
    const next: ComparedLineInput[] = draft.lines.map((l) => ({
      kind: l.kind,
      productItemId: l.productItemId,
      description: l.description,
      quantity: l.quantity,
      amount: l.amount,
      windowStart: l.window?.start ?? null,
      windowEnd: l.window?.end ?? null,
    }));
    const lines: SimulatedLineJson[] = compareLines(current, next).map((l) => ({
      kind: l.kind,
      productItemId: l.productItemId,
      description: l.description,
      currentQuantity: text(l.currentQuantity),
      currentAmount: text(l.currentAmount),
      simulatedQuantity: text(l.simulatedQuantity),
      simulatedAmount: text(l.simulatedAmount),
      difference: l.difference.toFixed(),
    }));
    return {
      position: firstPosition + index,
      customer_id: sub.customerId,
      subscription_id: sub.id,
      invoice_id: invoice.id,
      invoice_status: invoice.status,
      currency: invoice.currency.trim(),
      period_start: period.start,
      period_end: period.end,
      current_subtotal: billed('subtotal'),
      current_total: billed('total'),
      simulated_subtotal: draft.subtotal.toFixed(),
      simulated_total: draft.total.toFixed(),
      lines,
    };
  });
}

/** The versions whose phases a run substitutes: the plan's, or every phase (null). */
async function replacedVersionsOf(reader: Reader, run: SimulationRow): Promise<Set<string> | null> {
  return run.plan_id ? new Set(await planVersionIdsOf(reader, run.platform_id, run.plan_id)) : null;
}

/**
 * One chunk of a run, in the caller's transaction that holds the run's row. The chunk's customers' drafts are brought
 * up to date first (`freshen`, in transactions of its own, as a read does), so a draft compares as it stands now.
 */
async function runChunk(
  tx: Transaction,
  run: SimulationRow,
  now: Date,
  freshen: (customerIds: string[]) => Promise<unknown>,
): Promise<void> {
  const replaced = await replacedVersionsOf(tx, run);
  const planFilter = run.scope === 'PLAN' && replaced ? [...replaced] : null;
  const total = run.customers_total ?? (await scopeCustomers(tx, run, planFilter, null, null)).length;
  const customers = await scopeCustomers(tx, run, planFilter, run.next_customer, SIMULATION_CHUNK);
  if (customers.length > 0) await freshen([...customers]);
  const periods = customers.length === 0 ? [] : await simulateCustomers(tx, run, replaced, customers, run.periods);
  await writeSimulationChunk(tx, run, {
    periods,
    customers: customers.length,
    customersTotal: total,
    nextCustomer: customers.length === SIMULATION_CHUNK ? customers[customers.length - 1] : null,
    now,
  });
}

/**
 * The runner's round: takes the oldest run to do (runs another replica holds are skipped) and prices its next chunk of
 * customers; answers 1 when it did some work (the worker goes on at once), else 0. A run that cannot be computed ends
 * FAILED with the reason; an outage leaves it as it was, for the next round.
 */
export async function runPendingSimulations(services: Pick<SubgraphServices, 'db' | 'clock' | 'log'>): Promise<number> {
  return services.db.transact(async (tx) => {
    const run = await lockNextSimulation(tx);
    if (!run) return 0;
    try {
      await tx.manager.query('SAVEPOINT simulation_chunk');
      const clock = clockOfPlatform(services.clock, run.platform_id);
      const ctx: RequestContext = {
        platformId: run.platform_id,
        role: 'admin',
        requestId: `pricing-simulation-${run.id}`,
        log: services.log,
        db: services.db,
        clock,
        loaders: new Loaders(),
      };
      await runChunk(tx, run, clock.now(), (customerIds) => freshenCustomers(ctx, customerIds));
    } catch (error) {
      if (isConnectionError(error)) throw error;
      await tx.manager.query('ROLLBACK TO SAVEPOINT simulation_chunk');
      services.log.warn({ err: error, simulationId: run.id }, 'pricing simulation failed');
      // The reason stays in the log: a client never sees internal text (DESIGN §5).
      await failSimulation(
        tx,
        run,
        `the simulation could not be computed (see the invoicing log, simulation ${run.id})`,
        services.clock.now(),
      );
    }
    return 1;
  });
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('08') || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01';
}
