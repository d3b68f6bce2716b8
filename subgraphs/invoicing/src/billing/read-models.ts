import { Decimal } from '@meterline/kit';
import type { Reader } from '../store/usage.repository';
import type { BillingPeriod } from '@meterline/periods';
import type { PhaseForBilling, PriceLine, VersionForBilling } from '../domain/invoice-calculation';

/** A customer as invoicing knows it (from subscriptions' events). */
export interface BilledCustomer {
  id: string;
  currency: string;
  taxRate: Decimal | null;
}

/** A subscription as invoicing knows it (from subscriptions' events): its whole phase history. */
export interface BilledSubscription {
  id: string;
  customerId: string;
  status: string;
  billingPeriod: BillingPeriod;
  anchor: Date;
  startAt: Date;
  endAt: Date | null;
  trialEnd: Date | null;
  /** Billing cutover: no invoice for a period before the one holding it. */
  cutoverAt: Date | null;
  phases: PhaseForBilling[];
}

interface PhaseJson {
  startsAt: string;
  endsAt: string | null;
  planVersionId: string;
  seats: number;
  overrides: Record<string, Record<string, unknown>>;
}

interface SubscriptionRow {
  id: string;
  customer_id: string;
  status: string;
  billing_period: BillingPeriod;
  anchor: Date;
  start_at: Date;
  end_at: Date | null;
  trial_end: Date | null;
  cutover_at: Date | null;
  phases: PhaseJson[];
}

function subscriptionOf(row: SubscriptionRow): BilledSubscription {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    billingPeriod: row.billing_period,
    anchor: row.anchor,
    startAt: row.start_at,
    endAt: row.end_at,
    trialEnd: row.trial_end,
    cutoverAt: row.cutover_at,
    phases: row.phases.map((p) => ({
      startsAt: new Date(p.startsAt),
      endsAt: p.endsAt ? new Date(p.endsAt) : null,
      planVersionId: p.planVersionId,
      seats: p.seats,
      overrides: p.overrides,
    })),
  };
}

export type { Reader } from '../store/usage.repository';

const SUBSCRIPTION_COLUMNS = `id, customer_id, status, billing_period, anchor, start_at, end_at, trial_end, cutover_at, phases`;

export async function customersByIds(tx: Reader, platformId: string, ids: string[]): Promise<Map<string, BilledCustomer>> {
  const rows = (await tx.manager.query(
    `SELECT id, currency, tax_rate::text AS tax_rate FROM customers WHERE platform_id = $1 AND id = ANY($2::uuid[])`,
    [platformId, ids],
  )) as Array<{ id: string; currency: string; tax_rate: string | null }>;
  return new Map(
    rows.map((r) => [r.id, { id: r.id, currency: r.currency, taxRate: r.tax_rate === null ? null : new Decimal(r.tax_rate) }]),
  );
}

/** The subscriptions that bill (every status but DRAFT) of several customers, in one query. */
export async function subscriptionsOfCustomers(tx: Reader, platformId: string, customerIds: string[]): Promise<BilledSubscription[]> {
  const rows = (await tx.manager.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE platform_id = $1 AND customer_id = ANY($2::uuid[]) AND status <> 'DRAFT'
      ORDER BY start_at, id`,
    [platformId, customerIds],
  )) as SubscriptionRow[];
  return rows.map(subscriptionOf);
}

/** The customers of subscriptions (any status), in one query; an unknown id is absent. */
export async function customersOfSubscriptions(tx: Reader, platformId: string, ids: string[]): Promise<string[]> {
  const rows = (await tx.manager.query(
    `SELECT DISTINCT customer_id::text AS customer_id FROM subscriptions WHERE platform_id = $1 AND id = ANY($2::uuid[])`,
    [platformId, ids],
  )) as Array<{ customer_id: string }>;
  return rows.map((r) => r.customer_id);
}

interface VersionSnapshot {
  id: string;
  status?: string;
  minimumCommitment: string | null;
  prices: PriceLine[];
}

/**
 * Plan versions already read, by platform and id: what billing reads of a version (its prices, its commitment) never
 * changes once it is active (catalog's rule; drafts are not kept), so a refresh round does not read and parse the same snapshots again.
 * Bounded; the oldest entries go first.
 */
const knownVersions = new Map<string, VersionForBilling>();
const KNOWN_VERSIONS_MAX = 5_000;

/** Plan versions (catalog's snapshots) with their prices in line order. */
export async function versionsByIds(tx: Reader, platformId: string, ids: string[]): Promise<Map<string, VersionForBilling>> {
  const out = new Map<string, VersionForBilling>();
  const missing = ids.filter((id) => {
    const known = knownVersions.get(`${platformId}:${id}`);
    if (known) out.set(id, known);
    return !known;
  });
  if (missing.length === 0) return out;
  const rows = (await tx.manager.query(`SELECT snapshot FROM plan_versions WHERE platform_id = $1 AND id = ANY($2::uuid[])`, [
    platformId,
    missing,
  ])) as Array<{ snapshot: VersionSnapshot }>;
  for (const { snapshot: v } of rows) {
    const version: VersionForBilling = {
      id: v.id,
      minimumCommitment: v.minimumCommitment,
      // Already in invoice line order (the event's contract).
      prices: v.prices.map((p) => ({
        productItemId: p.productItemId,
        productItemName: p.productItemName,
        chargeType: p.chargeType,
        metricReference: p.metricReference,
        deduction: p.deduction,
        recurringTiming: p.recurringTiming,
        price: p.price,
      })),
    };
    out.set(v.id, version);
    // A draft still changes (a pricing simulation may read one): read again each time.
    if (v.status === 'DRAFT') continue;
    if (knownVersions.size >= KNOWN_VERSIONS_MAX) knownVersions.delete(knownVersions.keys().next().value!);
    knownVersions.set(`${platformId}:${v.id}`, version);
  }
  return out;
}
