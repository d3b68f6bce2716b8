import { badInput, isUuid, notFound, type RequestContext, type Transaction } from '@meterline/kit';
import type { CellReader } from '@meterline/kit/file-import';
import type { HistoryLimits } from '../domain/subscription';
import { differingFields, rowToCustomer, rowToSubscription, type RecordImportKind, type RecordMapping } from '../domain/record-import';
import { emitCustomerCreated } from '../events/customer.events';
import { CustomerEntity } from '../store/customer.entity';
import { CustomerRepository } from '../store/customer.repository';
import { SubscriptionEntity } from '../store/subscription.entity';
import { checkNewSubscription, createSubscriptionIn } from './subscription-creation';

/** What became of a row: created, already there as it is, or there with other values (reported, not applied). */
export type RowOutcome =
  { outcome: 'CREATED' | 'UNCHANGED'; reference: string } | { outcome: 'CONFLICT'; reference: string; fields: string[] };

export interface RowApplication {
  ctx: RequestContext;
  tx: Transaction;
  mapping: RecordMapping;
  limits: HistoryLimits;
}

/** Applies one row of an import in `tx`; throws RowRejected or an AppError (the row is rejected) when it cannot be. */
export function applyRecordRow(kind: RecordImportKind, read: CellReader, app: RowApplication): Promise<RowOutcome> {
  return kind === 'CUSTOMERS' ? applyCustomerRow(read, app) : applySubscriptionRow(read, app);
}

async function applyCustomerRow(read: CellReader, { ctx, tx, mapping }: RowApplication): Promise<RowOutcome> {
  const customer = rowToCustomer(read, mapping);
  const existing = await tx.manager.findOneBy(CustomerEntity, { platformId: ctx.platformId, reference: customer.reference });
  if (existing) {
    const fields = differingFields(existing as unknown as Record<string, unknown>, { ...customer });
    return fields.length === 0
      ? { outcome: 'UNCHANGED', reference: customer.reference }
      : { outcome: 'CONFLICT', reference: customer.reference, fields };
  }
  const created = await new CustomerRepository(ctx).insert(tx, customer);
  await emitCustomerCreated(tx, created);
  return { outcome: 'CREATED', reference: customer.reference };
}

async function applySubscriptionRow(read: CellReader, { ctx, tx, mapping, limits }: RowApplication): Promise<RowOutcome> {
  const row = rowToSubscription(read, mapping);
  const customer =
    (isUuid(row.customer) ? await tx.manager.findOneBy(CustomerEntity, { platformId: ctx.platformId, id: row.customer }) : null) ??
    (await tx.manager.findOneBy(CustomerEntity, { platformId: ctx.platformId, reference: row.customer }));
  if (!customer) throw notFound('Customer', 'customer');
  const planVersion = typeof row.planVersion === 'string' ? row.planVersion : await versionOfPlan(tx, ctx.platformId, row.planVersion);
  const existing = await tx.manager.findOne(SubscriptionEntity, {
    where: { platformId: ctx.platformId, reference: row.reference },
    relations: { phases: true },
  });
  if (existing) {
    const first = [...existing.phases].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
    const given = {
      customer: customer.id,
      planVersion,
      ...(row.startAt ? { startAt: row.startAt } : {}),
      ...(row.billingAnchor ? { billingAnchor: row.billingAnchor } : {}),
      endAt: row.endAt,
      cutoverAt: row.cutoverAt,
      seats: row.seats ?? 1,
    };
    const known = {
      customer: existing.customerId,
      planVersion: first?.planVersionId,
      startAt: existing.startAt,
      billingAnchor: existing.anchor,
      endAt: existing.endAt,
      cutoverAt: existing.cutoverAt,
      seats: first?.seats,
    };
    const fields = differingFields(known, given);
    return fields.length === 0
      ? { outcome: 'UNCHANGED', reference: row.reference }
      : { outcome: 'CONFLICT', reference: row.reference, fields };
  }
  const input = { ...row, planVersion, draft: false };
  const checked = checkNewSubscription(input, customer, ctx.clock.now(), limits);
  await createSubscriptionIn(ctx, tx, customer, input, checked);
  return { outcome: 'CREATED', reference: row.reference };
}

/** A plan's version by plan reference: the numbered one, else its latest ACTIVE one (refused naming the field when none). */
async function versionOfPlan(
  tx: Transaction,
  platformId: string,
  { plan, version }: { plan: string; version: number | null },
): Promise<string> {
  const [row] = (await tx.manager.query(
    `SELECT id FROM plan_versions
      WHERE platform_id = $1 AND snapshot->>'planReference' = $2
        AND ($3::int IS NULL AND status = 'ACTIVE' OR (snapshot->>'version')::int = $3)
      ORDER BY (snapshot->>'version')::int DESC LIMIT 1`,
    [platformId, plan, version],
  )) as Array<{ id: string }>;
  if (!row)
    throw version === null
      ? badInput('plan', `The plan "${plan}" has no ACTIVE version (or no such plan)`)
      : badInput('planVersionNumber', `The plan "${plan}" has no version ${version}`);
  return row.id;
}
