import type { Decimal } from '@meterline/kit/domain';
import { periodContaining, type BillingPeriod, type Period } from '@meterline/periods';

/** What an alert watches: a metric's usage in the billing period, or the total of the period's draft invoice. */
export type AlertKind = 'USAGE' | 'SPEND';

/** One threshold of an alert: reached when the value watched is at least `value`. */
export interface AlertThreshold {
  value: Decimal;
  label: string | null;
}

/** A threshold as the API takes it: an exact decimal string and an optional label. */
export interface ThresholdInput {
  value: Decimal;
  label?: string | null;
}

/** Most thresholds one alert may have. */
export const MAX_THRESHOLDS = 20;

/** The first reason a list of thresholds is refused, with the field it names (relative to the list), or null. */
export function thresholdsRefusal(thresholds: readonly ThresholdInput[]): { field: string; reason: string } | null {
  if (thresholds.length === 0) return { field: '', reason: 'an alert needs at least one threshold' };
  if (thresholds.length > MAX_THRESHOLDS) return { field: '', reason: `an alert has at most ${MAX_THRESHOLDS} thresholds` };
  for (const [i, t] of thresholds.entries()) {
    if (!t.value.isFinite() || t.value.lte(0)) return { field: `[${i}].value`, reason: 'a threshold must be a decimal greater than 0' };
    if (i > 0 && t.value.lte(thresholds[i - 1].value))
      return {
        field: `[${i}].value`,
        reason: `thresholds must be strictly ascending: ${t.value.toFixed()} follows ${thresholds[i - 1].value.toFixed()}`,
      };
  }
  return null;
}

/** The canonical text of a threshold value: how triggers name it (10, 10.0 and 10.00 are one threshold). */
export const thresholdKey = (value: Decimal): string => value.toFixed();

/**
 * The thresholds a value reaches that have not fired yet in this period (`fired`: thresholdKey of those that did), in
 * ascending order: a value that jumps over several thresholds fires each of them. A value that went down (a correction
 * moved usage out of the period) fires nothing and un-fires nothing.
 */
export function thresholdsToFire(thresholds: readonly AlertThreshold[], value: Decimal, fired: ReadonlySet<string>): AlertThreshold[] {
  return thresholds.filter((t) => value.gte(t.value) && !fired.has(thresholdKey(t.value)));
}

/** A subscription as alerts read it: its billing calendar and life. */
export interface AlertSubscription {
  id: string;
  billingPeriod: BillingPeriod;
  anchor: Date;
  startAt: Date;
  endAt: Date | null;
}

/** A billing period of a subscription in which an alert is evaluated, and the part of it the subscription lives in. */
export interface AlertWindow {
  subscriptionId: string;
  period: Period;
  /** period ∩ the subscription's life: where its usage counts. */
  start: Date;
  end: Date;
}

/**
 * The periods of a subscription that usage at `instants` falls in and that are still running at `now` (an alert
 * watches the current period; usage arriving for a period already over does not fire), one window per period.
 */
export function windowsTouched(sub: AlertSubscription, instants: readonly Date[], now: Date): AlertWindow[] {
  const out = new Map<number, AlertWindow>();
  for (const at of instants) {
    if (at < sub.startAt || at < sub.anchor || (sub.endAt && at >= sub.endAt)) continue;
    const period = periodContaining(sub.anchor, sub.billingPeriod, at);
    if (period.end <= now || out.has(period.start.getTime())) continue;
    out.set(period.start.getTime(), {
      subscriptionId: sub.id,
      period: { start: period.start, end: period.end },
      start: period.start > sub.startAt ? period.start : sub.startAt,
      end: sub.endAt && sub.endAt < period.end ? sub.endAt : period.end,
    });
  }
  return [...out.values()].sort((a, b) => a.period.start.getTime() - b.period.start.getTime());
}
