import {
  badInput,
  checkReference,
  exactName,
  exactOptionalText,
  isUuid,
  notFound,
  type Decimal,
  type RequestContext,
  type Transaction,
} from '@meterline/kit';
import { thresholdKey, thresholdsRefusal, type AlertKind, type ThresholdInput } from '../domain/alert-thresholds';
import { AlertEntity, type ThresholdJson } from '../store/alert.entity';

export interface AlertRequest {
  customer: string;
  subscription?: string | null;
  kind: AlertKind;
  metric?: string | null;
  currency?: string | null;
  name: string;
  thresholds: ThresholdInput[];
}

export interface AlertChange {
  id: string;
  name?: string | null;
  thresholds?: ThresholdInput[] | null;
}

/** Checked thresholds as stored (canonical decimal text), or BAD_USER_INPUT naming the threshold. */
function thresholdsJson(field: string, thresholds: readonly ThresholdInput[]): ThresholdJson[] {
  const refusal = thresholdsRefusal(thresholds);
  if (refusal) throw badInput(`${field}${refusal.field}`, `${field}${refusal.field}: ${refusal.reason}`);
  return thresholds.map((t, i) => ({
    value: thresholdKey(t.value as Decimal),
    label: exactOptionalText(`${field}[${i}].label`, t.label ?? null, 'name'),
  }));
}

/** A customer invoicing knows (its projection), by id or reference; NOT_FOUND naming `field` otherwise. */
async function customerOf(tx: Transaction, platformId: string, field: string, given: string) {
  const [row] = (await tx.manager.query(
    isUuid(given)
      ? `SELECT id::text AS id, reference, currency FROM customers WHERE platform_id = $1 AND id = $2::uuid`
      : `SELECT id::text AS id, reference, currency FROM customers WHERE platform_id = $1 AND reference = $2`,
    [platformId, given],
  )) as Array<{ id: string; reference: string; currency: string }>;
  if (!row) throw notFound('Customer', field);
  return { ...row, currency: row.currency.trim() };
}

/** Whether invoicing knows a metric of the platform: a plan version prices it, or the customer has usage of it. */
async function metricKnown(tx: Transaction, platformId: string, customerId: string, metric: string): Promise<boolean> {
  const [row] = (await tx.manager.query(
    `SELECT EXISTS (SELECT 1 FROM plan_versions v, jsonb_array_elements(v.snapshot->'prices') p
                     WHERE v.platform_id = $1 AND p->>'metricReference' = $3)
         OR EXISTS (SELECT 1 FROM usage_totals t WHERE t.platform_id = $1 AND t.customer_id = $2 AND t.metric = $3) AS known`,
    [platformId, customerId, metric],
  )) as Array<{ known: boolean }>;
  return row.known;
}

/**
 * A new alert on a customer (id or reference): USAGE needs a metric invoicing knows; SPEND watches the current draft's
 * total, in the customer's currency (a currency given must be it). An optional subscription must be the customer's.
 */
export function createAlert(ctx: RequestContext, input: AlertRequest): Promise<AlertEntity> {
  return ctx.db.transact(async (tx) => {
    const name = exactName('input.name', input.name);
    const thresholds = thresholdsJson('input.thresholds', input.thresholds);
    const customer = await customerOf(tx, ctx.platformId, 'input.customer', input.customer);
    let subscriptionId: string | null = null;
    if (input.subscription != null) {
      const [sub] = isUuid(input.subscription)
        ? ((await tx.manager.query(
            `SELECT id::text AS id FROM subscriptions WHERE platform_id = $1 AND id = $2::uuid AND customer_id = $3`,
            [ctx.platformId, input.subscription, customer.id],
          )) as Array<{ id: string }>)
        : [];
      if (!sub) throw notFound('Subscription of this customer', 'input.subscription');
      subscriptionId = sub.id;
    }
    let metric: string | null = null;
    let currency: string | null = null;
    if (input.kind === 'USAGE') {
      if (input.currency != null) throw badInput('input.currency', 'input.currency: a USAGE alert counts units, it has no currency');
      if (input.metric == null) throw badInput('input.metric', 'input.metric: a USAGE alert needs the reference of the metric it watches');
      metric = checkReference('input.metric', input.metric);
      if (!(await metricKnown(tx, ctx.platformId, customer.id, metric)))
        throw badInput('input.metric', `input.metric: no plan version prices a metric "${metric}" and the customer has no usage of it`);
    } else {
      if (input.metric != null) throw badInput('input.metric', 'input.metric: a SPEND alert watches the draft’s total, not a metric');
      if (input.currency != null && input.currency !== customer.currency)
        throw badInput('input.currency', `input.currency: the customer is invoiced in ${customer.currency}, not ${input.currency}`);
      currency = customer.currency;
    }
    const now = ctx.clock.now();
    return tx.manager.save(
      tx.manager.create(AlertEntity, {
        platformId: ctx.platformId,
        customerId: customer.id,
        subscriptionId,
        kind: input.kind,
        metric,
        currency,
        name,
        thresholds,
        archivedAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  });
}

async function lockedAlert(tx: Transaction, platformId: string, id: string, field: string): Promise<AlertEntity> {
  const alert = isUuid(id)
    ? await tx.manager.findOne(AlertEntity, { where: { platformId, id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!alert || alert.archivedAt) throw notFound('Alert', field);
  return alert;
}

/** Renames an alert or replaces its thresholds; what fired stays fired (a threshold kept does not fire again this period). */
export function updateAlert(ctx: RequestContext, input: AlertChange): Promise<AlertEntity> {
  return ctx.db.transact(async (tx) => {
    const alert = await lockedAlert(tx, ctx.platformId, input.id, 'input.id');
    if (input.name != null) alert.name = exactName('input.name', input.name);
    if (input.thresholds != null) alert.thresholds = thresholdsJson('input.thresholds', input.thresholds);
    alert.updatedAt = ctx.clock.now();
    return tx.manager.save(alert);
  });
}

/** Deletes an alert: archived, so it no longer fires and leaves the lists; its triggers stay in the feed. */
export function deleteAlert(ctx: RequestContext, id: string): Promise<AlertEntity> {
  return ctx.db.transact(async (tx) => {
    const alert = await lockedAlert(tx, ctx.platformId, id, 'id');
    alert.archivedAt = ctx.clock.now();
    alert.updatedAt = alert.archivedAt;
    return tx.manager.save(alert);
  });
}
