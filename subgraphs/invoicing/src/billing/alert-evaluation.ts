import { Decimal, type Transaction } from '@meterline/kit';
import type { Period } from '@meterline/periods';
import { thresholdKey, thresholdsToFire, windowsTouched, type AlertWindow } from '../domain/alert-thresholds';
import { quantityOfRows } from '../domain/period-usage';
import { alertsWatching, firedThresholds, insertTriggers, type TriggerRow, type WatchedAlert } from '../store/alert.repository';
import { usageOfQueries } from '../store/usage.repository';
import type { BilledSubscription } from './read-models';

/** A value an alert watches, read in one billing period. */
interface Reading {
  alert: WatchedAlert;
  subscriptionId: string;
  period: Period;
  value: Decimal;
  currency: string | null;
}

/**
 * Records the thresholds the readings reach that had not fired in their period, and emits `invoicing.alert.triggered`
 * for each in the same transaction (outbox). The unique (alert, threshold, period start) row decides: a threshold
 * another transaction fired meanwhile is skipped, so each fires once whatever the redeliveries and concurrency.
 */
async function fire(tx: Transaction, platformId: string, readings: readonly Reading[], now: Date): Promise<number> {
  if (readings.length === 0) return 0;
  const fired = await firedThresholds(
    tx,
    platformId,
    readings.map((r) => ({ alertId: r.alert.id, periodStart: r.period.start })),
  );
  const rows: Array<TriggerRow & { reading: Reading }> = readings.flatMap((reading) =>
    thresholdsToFire(
      reading.alert.thresholds,
      reading.value,
      fired.get(`${reading.alert.id}|${reading.period.start.getTime()}`) ?? new Set(),
    ).map((t) => ({
      reading,
      alertId: reading.alert.id,
      customerId: reading.alert.customerId,
      subscriptionId: reading.subscriptionId,
      threshold: thresholdKey(t.value),
      thresholdLabel: t.label,
      value: reading.value.toFixed(),
      periodStart: reading.period.start,
      periodEnd: reading.period.end,
    })),
  );
  const inserted = await insertTriggers(tx, platformId, rows, now);
  const readingOf = new Map(rows.map((r) => [`${r.alertId}|${r.periodStart.getTime()}|${r.threshold}`, r.reading]));
  for (const row of inserted) {
    const reading = readingOf.get(`${row.alertId}|${row.periodStart.getTime()}|${row.threshold}`)!;
    await tx.emit('invoicing.alert.triggered', platformId, {
      triggerId: row.id,
      alertId: reading.alert.id,
      alertName: reading.alert.name,
      kind: reading.alert.kind,
      customerId: reading.alert.customerId,
      customerReference: reading.alert.customerReference,
      subscriptionId: row.subscriptionId,
      metric: reading.alert.metric,
      currency: reading.currency,
      threshold: row.threshold,
      thresholdLabel: row.thresholdLabel,
      value: row.value,
      periodStart: row.periodStart.toISOString(),
      periodEnd: row.periodEnd.toISOString(),
      triggeredAt: now.toISOString(),
    });
  }
  return inserted.length;
}

/** Usage just applied (the items newly inserted): a customer's metric at an instant. */
export interface AppliedUsage {
  customerId: string;
  metric: string;
  at: Date;
}

/**
 * USAGE alerts, evaluated in the transaction that applied the usage (the usage consumer's): for each alert on a metric
 * that received usage, the exact value of the metric in each running billing period of the customer's subscription(s)
 * that the usage fell in (the alert's subscription, when it names one: usage naming it or naming none; else all of the
 * customer's usage), read from the totals this transaction just merged. Returns how many thresholds fired.
 */
export async function evaluateUsageAlerts(
  tx: Transaction,
  platformId: string,
  alerts: readonly WatchedAlert[],
  applied: readonly AppliedUsage[],
  subscriptionsOf: ReadonlyMap<string, readonly BilledSubscription[]>,
  now: Date,
): Promise<number> {
  const asked: Array<{ alert: WatchedAlert; window: AlertWindow; subscriptionIds: Array<string | null> }> = [];
  for (const alert of alerts) {
    if (alert.kind !== 'USAGE') continue;
    const instants = applied.filter((u) => u.customerId === alert.customerId && u.metric === alert.metric).map((u) => u.at);
    if (instants.length === 0) continue;
    const subscriptions = subscriptionsOf.get(alert.customerId) ?? [];
    for (const sub of subscriptions) {
      if (alert.subscriptionId && sub.id !== alert.subscriptionId) continue;
      const subscriptionIds = alert.subscriptionId ? [sub.id, null] : [null, ...subscriptions.map((s) => s.id)];
      for (const window of windowsTouched(sub, instants, now)) asked.push({ alert, window, subscriptionIds });
    }
  }
  if (asked.length === 0) return 0;
  const usage = await usageOfQueries(
    tx,
    platformId,
    asked.map(({ alert, window, subscriptionIds }) => ({
      customerId: alert.customerId,
      metric: alert.metric!,
      subscriptionIds,
      start: window.start,
      end: window.end,
      transactions: false,
    })),
  );
  return fire(
    tx,
    platformId,
    asked.map(({ alert, window }, i) => ({
      alert,
      subscriptionId: window.subscriptionId,
      period: window.period,
      value: quantityOfRows(usage[i]),
      currency: null,
    })),
    now,
  );
}

/** A draft just priced: its subscription, period, currency and total. */
export interface PricedDraft {
  customerId: string;
  subscriptionId: string;
  period: Period;
  currency: string;
  total: Decimal;
}

/**
 * SPEND alerts, evaluated where drafts are priced (every refresh: the background refresher, a read, the issuer): each
 * draft of a period still running, against its customer's spend alerts (of its subscription, or of any). Customers with
 * spend alerts have their usage's refresh asked for at once (`customersWithSpendAlerts`), so this runs within a
 * refresher poll of the usage, not after INVOICE_REFRESH_DELAY_MS. Returns how many thresholds fired.
 */
export async function evaluateSpendAlerts(tx: Transaction, platformId: string, drafts: readonly PricedDraft[], now: Date): Promise<number> {
  const running = drafts.filter((d) => d.period.end > now);
  if (running.length === 0) return 0;
  const alerts = (await alertsWatching(tx, platformId, [...new Set(running.map((d) => d.customerId))])).filter((a) => a.kind === 'SPEND');
  return fire(
    tx,
    platformId,
    alerts.flatMap((alert) =>
      running
        .filter((d) => d.customerId === alert.customerId && (!alert.subscriptionId || alert.subscriptionId === d.subscriptionId))
        .map((d) => ({ alert, subscriptionId: d.subscriptionId, period: d.period, value: d.total, currency: d.currency })),
    ),
    now,
  );
}

/** The customers (of those given) that have a SPEND alert: their drafts are priced without waiting for the debounce. */
export function customersWithSpendAlerts(alerts: readonly WatchedAlert[]): Set<string> {
  return new Set(alerts.filter((a) => a.kind === 'SPEND').map((a) => a.customerId));
}
