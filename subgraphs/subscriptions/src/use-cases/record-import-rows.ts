import { isUuid, notFound, type RequestContext, type Transaction } from '@meterline/kit';
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
  const existing = await tx.manager.findOne(SubscriptionEntity, {
    where: { platformId: ctx.platformId, reference: row.reference },
    relations: { phases: true },
  });
  if (existing) {
    const first = [...existing.phases].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
    const given = {
      customer: customer.id,
      planVersion: row.planVersion,
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
  const input = { ...row, draft: false };
  const checked = checkNewSubscription(input, customer, ctx.clock.now(), limits);
  await createSubscriptionIn(ctx, tx, customer, input, checked);
  return { outcome: 'CREATED', reference: row.reference };
}
