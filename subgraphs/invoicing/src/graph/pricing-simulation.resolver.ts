import { badInput, Decimal, isUuid, loadById, Money, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { createPricingSimulation } from '../billing/pricing-simulations';
import { totalsByCurrency } from '../domain/pricing-simulation';
import type { InvoiceEntity } from '../store/invoice.entity';
import { Invoice } from './invoice.type';
import { InvoiceRepository } from '../store/invoice.repository';
import {
  countSimulatedPeriods,
  simulatedPeriods,
  simulationsByIds,
  simulationTotals,
  type SimulatedPeriodRow,
  type SimulationRow,
} from '../store/pricing-simulations.repository';
import {
  CreatePricingSimulationInput,
  PricingSimulation,
  PricingSimulationCustomerTotal,
  PricingSimulationTotal,
  SimulatedPeriod,
  SimulatedPeriodArgs,
  SimulatedPeriodConnection,
  type PricingSimulationScope,
  type PricingSimulationStatus,
} from './pricing-simulation.type';

/** The CSV of a run over REST (the gateway proxies /v1/reports/* to invoicing). */
export const simulationCsvPath = (id: string) => `/v1/reports/simulation?run=${id}`;

function simulationOf(row: SimulationRow): PricingSimulation {
  return {
    id: row.id,
    status: row.status as PricingSimulationStatus,
    scope: row.scope as PricingSimulationScope,
    customer: row.customer_id ? { id: row.customer_id } : null,
    planId: row.plan_id,
    planVersionId: row.plan_version_id,
    from: row.from_at,
    to: row.to_at,
    progress: { customersDone: row.customers_done, customersTotal: row.customers_total, periods: row.periods },
    error: row.error,
    csvPath: simulationCsvPath(row.id),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

const money = (text: string | null, currency: string) => (text === null ? null : Money.of(new Decimal(text), currency));

function periodOf(simulationId: string, row: SimulatedPeriodRow): SimulatedPeriod {
  const c = row.currency.trim();
  const current = new Decimal(row.current_total);
  const simulated = new Decimal(row.simulated_total);
  return {
    id: `${simulationId}:${row.position}`,
    customer: { id: row.customer_id },
    customerReference: row.customer_reference,
    subscription: { id: row.subscription_id },
    invoice: { id: row.invoice_id },
    invoiceStatus: row.invoice_status,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    currentSubtotal: Money.of(new Decimal(row.current_subtotal), c),
    currentTotal: Money.of(current, c),
    simulatedSubtotal: Money.of(new Decimal(row.simulated_subtotal), c),
    simulatedTotal: Money.of(simulated, c),
    difference: Money.of(simulated.minus(current), c),
    lines: row.lines.map((l) => ({
      kind: l.kind as SimulatedPeriod['lines'][number]['kind'],
      productItem: l.productItemId ? { id: l.productItemId } : null,
      description: l.description,
      currentQuantity: l.currentQuantity === null ? null : new Decimal(l.currentQuantity),
      currentAmount: money(l.currentAmount, c),
      simulatedQuantity: l.simulatedQuantity === null ? null : new Decimal(l.simulatedQuantity),
      simulatedAmount: money(l.simulatedAmount, c),
      difference: Money.of(new Decimal(l.difference), c),
    })),
  };
}

const encodeCursor = (position: number) => Buffer.from(`simulated:${position}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^simulated:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput('after', 'after is not a cursor of this list');
  return Number(match[1]);
}

const simulationById = (ctx: RequestContext, id: string) =>
  loadById(ctx.loaders, 'pricingSimulationById', (ids) => simulationsByIds(ctx.db.ds, ctx.platformId, ids), id);

@Resolver(() => PricingSimulation)
export class PricingSimulationResolver {
  @Query(() => PricingSimulation, { nullable: true, description: 'A pricing simulation run with its progress and results' })
  async pricingSimulation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PricingSimulation | null> {
    if (!isUuid(id)) return null;
    const row = await simulationById(ctx, id);
    return row ? simulationOf(row) : null;
  }

  @Mutation(() => PricingSimulation, {
    description:
      'Starts a pricing simulation: the scope’s billing periods overlapping [from, to) priced from stored usage with another plan version (a draft is fine), next to what their invoices say. Touches no invoice, emits no event',
  })
  async createPricingSimulation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreatePricingSimulationInput) input: CreatePricingSimulationInput,
  ): Promise<PricingSimulation> {
    return simulationOf(await createPricingSimulation(ctx, input));
  }

  @FieldResolver(() => [PricingSimulationTotal], { description: 'Overall, per currency' })
  async totals(@Root() simulation: PricingSimulation, @Ctx() ctx: RequestContext): Promise<PricingSimulationTotal[]> {
    const rows = await simulationTotals(ctx.db.ds, ctx.platformId, simulation.id, false);
    return totalsByCurrency(
      rows.map((r) => ({ currency: r.currency.trim(), current: new Decimal(r.current), simulated: new Decimal(r.simulated) })),
    ).map((t) => ({
      currency: t.currency,
      current: Money.of(t.current, t.currency),
      simulated: Money.of(t.simulated, t.currency),
      difference: Money.of(t.difference, t.currency),
    }));
  }

  @FieldResolver(() => [PricingSimulationCustomerTotal], { description: 'Per customer and currency, in customer id order' })
  async customerTotals(@Root() simulation: PricingSimulation, @Ctx() ctx: RequestContext): Promise<PricingSimulationCustomerTotal[]> {
    const rows = await simulationTotals(ctx.db.ds, ctx.platformId, simulation.id, true);
    return rows.map((r) => {
      const currency = r.currency.trim();
      const current = new Decimal(r.current);
      const simulated = new Decimal(r.simulated);
      return {
        customer: { id: r.customer_id! },
        customerReference: r.customer_reference,
        periods: r.periods,
        currency,
        current: Money.of(current, currency),
        simulated: Money.of(simulated, currency),
        difference: Money.of(simulated.minus(current), currency),
      };
    });
  }

  @FieldResolver(() => SimulatedPeriodConnection, {
    description: 'Each billing period compared with its lines, by customer id then period',
  })
  async periods(@Root() simulation: PricingSimulation, @Ctx() ctx: RequestContext, @Args() args: SimulatedPeriodArgs) {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'first must be between 1 and 100');
    const afterPosition = args.after ? decodeCursor(args.after) : null;
    const customerId = args.customer == null ? null : isUuid(args.customer) ? args.customer : '00000000-0000-0000-0000-000000000000';
    const rows = await simulatedPeriods(ctx.db.ds, ctx.platformId, simulation.id, { customerId, afterPosition, limit: first + 1 });
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.position), node: periodOf(simulation.id, row) }));
    return {
      edges,
      totalCount: await countSimulatedPeriods(ctx.db.ds, ctx.platformId, simulation.id, customerId),
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: afterPosition !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }
}

@Resolver(() => SimulatedPeriod)
export class SimulatedPeriodResolver {
  @FieldResolver(() => Invoice, { nullable: true, description: 'The invoice (or draft) compared' })
  invoice(@Root() period: SimulatedPeriod, @Ctx() ctx: RequestContext): Promise<InvoiceEntity | null> {
    return new InvoiceRepository(ctx).byId(period.invoice.id);
  }
}
