import { badInput } from '@meterline/kit/domain';
import type { SubscriptionStatus } from './subscription';

/**
 * One subscription per unit of usage (issue 13): an event that names no subscription goes to the customer's one
 * subscription that prices its metric at its timestamp, so no two billing subscriptions of a customer may price the
 * same metric at the same instant. Lives and phases are half-open [start, end); a null end is open.
 */

export interface PhaseSpan {
  startsAt: Date;
  endsAt: Date | null;
  planVersionId: string;
}

export interface SubscriptionLife {
  /** Null for a subscription not written yet. */
  id: string | null;
  status: SubscriptionStatus;
  startAt: Date;
  endAt: Date | null;
  phases: PhaseSpan[];
}

/** Plan version id → the metric references its USAGE prices price. */
export type MetricsOfVersions = ReadonlyMap<string, readonly string[]>;

export interface MetricOverlap {
  subscriptionId: string;
  metric: string;
  /** The first instant both subscriptions price the metric. */
  from: Date;
}

/** What a subscription was and becomes; `before` is null for one that did not bill (new, or a draft). */
export interface SubscriptionTransition {
  before: SubscriptionLife | null;
  after: SubscriptionLife;
}

/** Milliseconds, half-open; an open end is Infinity. */
interface Span {
  start: number;
  end: number;
}

/** Drafts do not bill; ENDED subscriptions still bill their past periods, so their life counts. */
export function bills(status: SubscriptionStatus): boolean {
  return status !== 'DRAFT';
}

export function usageMetricsOf(prices: ReadonlyArray<{ chargeType: string; metricReference?: string | null }>): string[] {
  return [...new Set(prices.filter((p) => p.chargeType === 'USAGE' && p.metricReference).map((p) => p.metricReference as string))];
}

const endOf = (instant: Date | null) => (instant ? instant.getTime() : Infinity);

/** Sorted, disjoint, non-adjacent spans covering the same instants. */
function merged(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** Metric → the instants of its life the subscription prices it (phases clipped to the life). */
function coverage(subscription: SubscriptionLife, metrics: MetricsOfVersions): Map<string, Span[]> {
  const byMetric = new Map<string, Span[]>();
  if (!bills(subscription.status)) return byMetric;
  const life = { start: subscription.startAt.getTime(), end: endOf(subscription.endAt) };
  for (const phase of subscription.phases) {
    const start = Math.max(phase.startsAt.getTime(), life.start);
    const end = Math.min(endOf(phase.endsAt), life.end);
    if (start >= end) continue;
    for (const metric of metrics.get(phase.planVersionId) ?? []) byMetric.set(metric, [...(byMetric.get(metric) ?? []), { start, end }]);
  }
  for (const [metric, spans] of byMetric) byMetric.set(metric, merged(spans));
  return byMetric;
}

/** The instants of `a` not in `b` (both merged). */
function without(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of a) {
    let start = span.start;
    for (const cut of b) {
      if (cut.end <= start || cut.start >= span.end) continue;
      if (cut.start > start) out.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
    }
    if (start < span.end) out.push({ start, end: span.end });
  }
  return out;
}

/** The first instant in both, or null. */
function firstCommon(a: Span[], b: Span[]): number | null {
  let first: number | null = null;
  for (const x of a)
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      if (start < Math.min(x.end, y.end) && (first === null || start < first)) first = start;
    }
  return first;
}

/**
 * The first overlap the transition would add: an instant where `after` prices a metric that `before` did not price
 * then and another billing subscription of the customer prices too. Overlaps that already existed (before this rule)
 * are not the transition's doing and do not refuse it. Ties go to the lower subscription id, then metric.
 */
export function findMetricOverlap(
  { before, after }: SubscriptionTransition,
  others: readonly SubscriptionLife[],
  metrics: MetricsOfVersions,
): MetricOverlap | null {
  const was = before ? coverage(before, metrics) : new Map<string, Span[]>();
  const added = [...coverage(after, metrics)].map(([metric, spans]) => [metric, without(spans, was.get(metric) ?? [])] as const);
  let found: MetricOverlap | null = null;
  for (const other of others) {
    if (other.id === null || other.id === after.id) continue;
    const theirs = coverage(other, metrics);
    for (const [metric, spans] of added) {
      const at = firstCommon(spans, theirs.get(metric) ?? []);
      if (at === null) continue;
      const candidate = { subscriptionId: other.id, metric, from: new Date(at) };
      if (!found || precedes(candidate, found)) found = candidate;
    }
  }
  return found;
}

function precedes(a: MetricOverlap, b: MetricOverlap): boolean {
  if (a.from.getTime() !== b.from.getTime()) return a.from < b.from;
  if (a.subscriptionId !== b.subscriptionId) return a.subscriptionId < b.subscriptionId;
  return a.metric < b.metric;
}

/** Refuses the transition (BAD_USER_INPUT on `field`) when it would make two subscriptions price one metric at once. */
export function checkNoMetricOverlap(
  field: string,
  transition: SubscriptionTransition,
  others: readonly SubscriptionLife[],
  metrics: MetricsOfVersions,
): void {
  const overlap = findMetricOverlap(transition, others, metrics);
  if (!overlap) return;
  throw badInput(
    field,
    `Subscription ${overlap.subscriptionId} of this customer already prices metric '${overlap.metric}' from ` +
      `${overlap.from.toISOString()}; an event without subscriptionId could not be attributed. ` +
      'End that subscription first, or use a plan without this metric',
  );
}
