import { Decimal, roundToMinorUnit } from '@meterline/kit/domain';
import { prorate, prorateChange, type Period } from '@meterline/periods';
import { usageStretches, type Interval, type UsageStretch } from './usage-windows';
import {
  minimumCommitmentTrueUp,
  parsePrice,
  price,
  pricesAmounts,
  type BreakdownLine,
  type DimensionalUsage,
  type Price,
  type Usage,
} from '@meterline/pricing';

export type ChargeType = 'USAGE' | 'RECURRING' | 'SEAT' | 'ONE_OFF';

/** A plan version's price of one item, as catalog's event carries it (in invoice line order). */
export interface PriceLine {
  productItemId: string;
  productItemName: string;
  chargeType: ChargeType;
  metricReference: string | null;
  deduction: boolean;
  recurringTiming: 'IN_ADVANCE' | 'IN_ARREARS' | null;
  price: Record<string, unknown>;
}

export interface VersionForBilling {
  id: string;
  minimumCommitment: string | null;
  prices: PriceLine[];
}

export interface PhaseForBilling {
  startsAt: Date;
  endsAt: Date | null;
  planVersionId: string;
  seats: number;
  overrides: Record<string, Record<string, unknown>>;
}

/** The usage of a stretch's metric, shaped for the price that bills it (see `stretchUsage`); undefined when there was none. */
export type UsageOfStretch = (stretch: UsageStretch, price: Price) => Usage | DimensionalUsage[] | undefined;

export interface BillingInput {
  period: Period;
  subscriptionStart: Date;
  subscriptionEnd: Date | null;
  /** Recurring and seat charges start here. */
  trialEnd: Date | null;
  phases: PhaseForBilling[];
  versions: Map<string, VersionForBilling>;
  /**
   * Usage of each stretch (`usageStretches`): a function of the stretch and its price (dimension rules group usage,
   * percentage models price transactions); a map by metric reference gives every stretch the same usage (tests).
   */
  usage: Map<string, Usage | DimensionalUsage[]> | UsageOfStretch;
  currency: string;
  /** Percentage, e.g. 21. */
  taxRate: Decimal | null;
}

export type LineKind = 'RECURRING' | 'SEAT' | 'ONE_OFF' | 'USAGE' | 'PRORATION_CREDIT' | 'PRORATION_CHARGE' | 'MINIMUM_COMMITMENT';

export interface InvoiceLineDraft {
  kind: LineKind;
  productItemId: string | null;
  description: string;
  quantity: Decimal | null;
  /** Rounded once, half-up, to the currency's minor unit. */
  amount: Decimal;
  exactAmount: Decimal;
  /** Shown but withheld: not part of the amount due. */
  deduction: boolean;
  breakdown: BreakdownLine[];
  /** The stretch of the period a usage line bills: usage with a timestamp in [start, end), priced as then in force. */
  window?: Interval | null;
}

export interface InvoiceDraft {
  lines: InvoiceLineDraft[];
  /** Sum of all lines (deduction lines included: they were charged, only withheld). */
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
  deductions: Decimal;
  amountDue: Decimal;
}

const ZERO = new Decimal(0);
const later = (a: Date, b: Date) => (a > b ? a : b);
const earlier = (a: Date, b: Date) => (a < b ? a : b);

function line(
  kind: LineKind,
  item: PriceLine | null,
  description: string,
  exact: Decimal,
  currency: string,
  extra: Partial<InvoiceLineDraft> = {},
): InvoiceLineDraft {
  return {
    kind,
    productItemId: item?.productItemId ?? null,
    description,
    quantity: null,
    exactAmount: exact,
    amount: roundToMinorUnit(exact, currency),
    deduction: item?.deduction ?? false,
    breakdown: [],
    ...extra,
  };
}

/** The price of an item in a phase: the customer's override, else the version's. */
function priceIn(phase: PhaseForBilling, item: PriceLine) {
  return parsePrice(phase.overrides[item.productItemId] ?? item.price);
}

/** One period's amount of a recurring or seat item under a phase (seats price the seat count; recurring a quantity of 1). */
function periodAmount(phase: PhaseForBilling, item: PriceLine): Decimal {
  const quantity = new Decimal(item.chargeType === 'SEAT' ? phase.seats : 1);
  return price(priceIn(phase, item), { kind: 'quantity', quantity }).amount;
}

/**
 * The invoice of one billing period of a subscription, computed from its phases, the plan versions' prices, the
 * customer's overrides and the period's usage. Pure: the same inputs always give the same invoice, so a draft can be
 * recomputed whenever anything arrives. Rules:
 * - recurring and seat items bill from the trial's end; IN_ARREARS per phase stretch, prorated by seconds; IN_ADVANCE
 *   the period's amount from the first billable instant, then at each change a credit for the rest at the old amount
 *   and a charge for the rest at the new one, each rounded before netting, and a credit if the subscription ends early;
 * - one-off items bill in the period the subscription starts;
 * - usage items bill each stretch of the window in which their price stays the same (`usageStretches`) on its own
 *   line: the usage with a timestamp in the stretch, priced with that price (tiers restart at a price change);
 * - the minimum commitment tops the usage lines up to it;
 * - every line is rounded once; totals are sums of rounded lines; tax is the customer's rate on the subtotal.
 */
export function calculateInvoice(input: BillingInput): InvoiceDraft {
  const { period, currency } = input;
  const windowStart = later(period.start, input.subscriptionStart);
  const windowEnd = input.subscriptionEnd ? earlier(period.end, input.subscriptionEnd) : period.end;
  const lines: InvoiceLineDraft[] = [];
  if (windowStart < windowEnd) {
    const phases = input.phases
      .filter((p) => p.startsAt < windowEnd && (p.endsAt === null || p.endsAt > windowStart))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const last = phases[phases.length - 1];
    const versionOf = (phase: PhaseForBilling) => {
      const version = input.versions.get(phase.planVersionId);
      if (!version) throw new Error(`plan version ${phase.planVersionId} is not known to invoicing yet`);
      return version;
    };
    const chargeFrom = input.trialEnd ? later(windowStart, input.trialEnd) : windowStart;
    const usageParts = usageStretches(phases, input.versions, { start: windowStart, end: windowEnd });
    // Items in line order of the version in effect at the end; items only in earlier versions follow.
    const items = new Map<string, PriceLine>();
    for (const phase of [...phases].reverse())
      for (const item of versionOf(phase).prices) if (!items.has(item.productItemId)) items.set(item.productItemId, item);

    for (const item of items.values()) {
      const phasesWith = phases.filter((p) => versionOf(p).prices.some((x) => x.productItemId === item.productItemId));
      const itemIn = (phase: PhaseForBilling) => versionOf(phase).prices.find((x) => x.productItemId === item.productItemId) ?? item;
      if (item.chargeType === 'RECURRING' || item.chargeType === 'SEAT') {
        const kind = item.chargeType;
        const amountAt = (phase: PhaseForBilling | undefined) => (phase ? periodAmount(phase, itemIn(phase)) : ZERO);
        const stretches = phases
          .map((p) => ({ phase: p, start: later(p.startsAt, chargeFrom), end: p.endsAt ? earlier(p.endsAt, windowEnd) : windowEnd }))
          .filter((s) => s.start < s.end);
        if (stretches.length === 0) continue;
        const has = (p: PhaseForBilling) => phasesWith.includes(p);
        if (item.recurringTiming === 'IN_ARREARS') {
          for (const s of stretches.filter((x) => has(x.phase))) {
            const exact = prorate(amountAt(s.phase), period, { start: s.start, end: s.end });
            lines.push(
              line(kind, item, `${item.productItemName} (${s.start.toISOString()} – ${s.end.toISOString()})`, exact, currency, {
                quantity: kind === 'SEAT' ? new Decimal(s.phase.seats) : null,
              }),
            );
          }
          continue;
        }
        // IN_ADVANCE
        const first = stretches[0];
        const firstAmount = has(first.phase) ? amountAt(first.phase) : ZERO;
        if (!firstAmount.isZero()) {
          lines.push(
            line(
              kind,
              item,
              `${item.productItemName} (in advance)`,
              prorate(firstAmount, period, { start: first.start, end: period.end }),
              currency,
              { quantity: kind === 'SEAT' ? new Decimal(first.phase.seats) : null },
            ),
          );
        }
        let current = firstAmount;
        for (const s of stretches.slice(1)) {
          const next = has(s.phase) ? amountAt(s.phase) : ZERO;
          if (!next.equals(current)) {
            const change = prorateChange({ period, at: s.start, oldAmount: current, newAmount: next, currency });
            if (!change.credit.isZero())
              lines.push(
                line(
                  'PRORATION_CREDIT',
                  item,
                  `${item.productItemName}: unused time from ${s.start.toISOString()}`,
                  change.credit.negated(),
                  currency,
                ),
              );
            if (!change.charge.isZero())
              lines.push(
                line(
                  'PRORATION_CHARGE',
                  item,
                  `${item.productItemName}: remaining time from ${s.start.toISOString()}`,
                  change.charge,
                  currency,
                  { quantity: kind === 'SEAT' ? new Decimal(s.phase.seats) : null },
                ),
              );
            current = next;
          }
        }
        if (windowEnd < period.end && !current.isZero()) {
          const credit = roundToMinorUnit(prorate(current, period, { start: windowEnd, end: period.end }), currency);
          lines.push(
            line(
              'PRORATION_CREDIT',
              item,
              `${item.productItemName}: unused time after the end ${windowEnd.toISOString()}`,
              credit.negated(),
              currency,
            ),
          );
        }
      } else if (item.chargeType === 'ONE_OFF') {
        const atStart = phases.find((p) => p.startsAt <= input.subscriptionStart && (!p.endsAt || p.endsAt > input.subscriptionStart));
        if (atStart && input.subscriptionStart >= period.start && input.subscriptionStart < period.end && phasesWith.includes(atStart)) {
          const result = price(priceIn(atStart, itemIn(atStart)), { kind: 'quantity', quantity: new Decimal(1) });
          lines.push(line('ONE_OFF', item, item.productItemName, result.amount, currency, { breakdown: result.breakdown }));
        }
      } else {
        const own = usageParts.filter((x) => x.item.productItemId === item.productItemId);
        for (const stretch of own) {
          const itemPrice = parsePrice(stretch.price);
          // No usage: zero quantity, or no transactions for percentage models (a first-tier flat fee still bills).
          const none: Usage = pricesAmounts(itemPrice.config) ? { kind: 'amounts', amounts: [] } : { kind: 'quantity', quantity: ZERO };
          const metric = item.metricReference ?? '';
          const usage = (input.usage instanceof Map ? input.usage.get(metric) : input.usage(stretch, itemPrice)) ?? none;
          const result = price(itemPrice, usage);
          const quantity = Array.isArray(usage)
            ? null
            : usage.kind === 'quantity'
              ? usage.quantity
              : usage.amounts.reduce((a, b) => a.plus(b), ZERO);
          const whole =
            own.length === 1 && stretch.start.getTime() === period.start.getTime() && stretch.end.getTime() === period.end.getTime();
          const description = whole
            ? item.productItemName
            : `${item.productItemName} (${stretch.start.toISOString()} – ${stretch.end.toISOString()})`;
          lines.push(
            line('USAGE', item, description, result.amount, currency, {
              quantity,
              breakdown: result.breakdown,
              window: { start: stretch.start, end: stretch.end },
            }),
          );
        }
      }
    }
    const minimum = versionOf(last).minimumCommitment;
    if (minimum) {
      const usageTotal = lines.filter((l) => l.kind === 'USAGE' && !l.deduction).reduce((sum, l) => sum.plus(l.amount), ZERO);
      const trueUp = minimumCommitmentTrueUp(new Decimal(minimum), usageTotal);
      if (trueUp.greaterThan(0)) lines.push(line('MINIMUM_COMMITMENT', null, `Minimum commitment of ${minimum}`, trueUp, currency));
    }
  }
  return { lines, ...totalsOf(lines, input.taxRate, currency) };
}

/** Totals of rounded lines: subtotal, tax at the customer's rate (rounded once), total, deductions and amount due. */
export function totalsOf(
  lines: ReadonlyArray<Pick<InvoiceLineDraft, 'amount' | 'deduction'>>,
  taxRate: Decimal | null,
  currency: string,
): Omit<InvoiceDraft, 'lines'> {
  const subtotal = lines.reduce((sum, l) => sum.plus(l.amount), ZERO);
  const deductions = lines.filter((l) => l.deduction).reduce((sum, l) => sum.plus(l.amount), ZERO);
  const tax = taxRate ? roundToMinorUnit(subtotal.times(taxRate).dividedBy(100), currency) : ZERO;
  const total = subtotal.plus(tax);
  return { subtotal, tax, total, deductions, amountDue: total.minus(deductions) };
}
