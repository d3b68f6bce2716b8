import { Decimal } from '@meterline/kit/domain';
import type { Period } from '@meterline/periods';
import type { TheirLine } from './reconciliation-file';

// Reconciliation with the old billing system (issue 16, point 5). The matching rules, in order:
// 1. Customer: the file's customer reference is the Meterline customer's reference (exact).
// 2. Period: a file line belongs to the customer's Meterline invoices (drafts included, void ones not) whose period
//    contains the line's period (start ≥ invoice start and end ≤ invoice end); all of the customer's invoices of that
//    same period (the subscription's, its corrections, other subscriptions') are compared together. No such invoice:
//    the line is MISSING_IN_METERLINE.
// 3. Item: the file's item (after the alias table, their name → our name) matches our lines whose product item name or
//    description is the same text, ignoring case and repeated spaces. Lines of one item (e.g. proration credit and
//    charge, or several windows) are summed on each side, so one result line is one (customer, period, item).
// 4. Amounts are compared exactly as decimals: equal → MATCHED, else DIFFERS with delta = ours − theirs. A currency
//    given in the file that is not the invoice's makes the line DIFFERS whatever the amounts.
// 5. An item on one side only is MISSING_IN_FILE / MISSING_IN_METERLINE — unless its amount is zero (old systems
//    rarely print zero lines): then it is MATCHED with a note.
// 6. Our invoices compared are those of the platform whose period overlaps the file's periods (earliest start to latest
//    end); every line of them that no file line names is MISSING_IN_FILE, customers absent from the file included.

export const OUTCOMES = ['MATCHED', 'DIFFERS', 'MISSING_IN_METERLINE', 'MISSING_IN_FILE'] as const;
export type ReconciliationOutcome = (typeof OUTCOMES)[number];

/** A line of one of our invoices, as the comparison reads it. */
export interface OurLine {
  lineId: string;
  itemName: string | null;
  description: string;
  amount: Decimal;
}

/** One of our invoices (a draft or issued) with its customer's reference. */
export interface OurInvoice {
  id: string;
  customerId: string;
  customerReference: string;
  period: Period;
  currency: string;
  lines: OurLine[];
}

/** One (customer, period, item) compared. */
export interface ComparedLine {
  customerReference: string;
  customerId: string | null;
  period: Period;
  item: string;
  currency: string | null;
  theirs: Decimal | null;
  ours: Decimal | null;
  /** ours − theirs, a missing side counting as zero. */
  delta: Decimal;
  outcome: ReconciliationOutcome;
  invoiceIds: string[];
  lineIds: string[];
  rowNumbers: number[];
  note: string | null;
}

/** Their item names → ours; both sides are compared normalized. */
export type ItemAliases = ReadonlyArray<{ theirs: string; ours: string }>;

/** Item text as compared: case and runs of spaces do not count. */
export const itemKey = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

const contains = (outer: Period, inner: Period) => outer.start <= inner.start && inner.end <= outer.end;
const overlaps = (a: Period, b: Period) => a.start < b.end && b.start < a.end;

interface Bucket {
  customerReference: string;
  customerId: string | null;
  period: Period;
  invoices: OurInvoice[];
  theirs: TheirLine[];
}

interface ItemGroup {
  item: string;
  order: number;
  ours: Decimal | null;
  theirs: Decimal | null;
  currency: string | null;
  theirCurrencies: Set<string>;
  invoiceIds: Set<string>;
  lineIds: string[];
  rowNumbers: number[];
}

/** The invoices to compare with a file: those overlapping its periods (rule 6). */
export function invoicesInScope<T extends { period: Period }>(file: readonly TheirLine[], invoices: readonly T[]): T[] {
  const span = fileSpan(file);
  return span ? invoices.filter((i) => overlaps(i.period, span)) : [];
}

/** Earliest start to latest end of the file's lines (null for an empty file). */
export function fileSpan(file: readonly TheirLine[]): Period | null {
  if (file.length === 0) return null;
  let start = file[0].period.start;
  let end = file[0].period.end;
  for (const line of file) {
    if (line.period.start < start) start = line.period.start;
    if (line.period.end > end) end = line.period.end;
  }
  return { start, end };
}

function bucketsOf(file: readonly TheirLine[], invoices: readonly OurInvoice[], customers: ReadonlyMap<string, string>): Bucket[] {
  const buckets = new Map<string, Bucket>();
  const bucket = (customerReference: string, customerId: string | null, period: Period) => {
    const key = `${customerReference}\u0000${period.start.toISOString()}\u0000${period.end.toISOString()}`;
    let found = buckets.get(key);
    if (!found) buckets.set(key, (found = { customerReference, customerId, period, invoices: [], theirs: [] }));
    return found;
  };
  const byCustomer = new Map<string, OurInvoice[]>();
  for (const invoice of invoices) {
    bucket(invoice.customerReference, invoice.customerId, invoice.period).invoices.push(invoice);
    byCustomer.set(invoice.customerReference, [...(byCustomer.get(invoice.customerReference) ?? []), invoice]);
  }
  for (const line of file) {
    const home = (byCustomer.get(line.customerReference) ?? []).find((i) => contains(i.period, line.period));
    const customerId = home?.customerId ?? customers.get(line.customerReference) ?? null;
    bucket(line.customerReference, customerId, home?.period ?? line.period).theirs.push(line);
  }
  return [...buckets.values()];
}

function compareBucket(bucket: Bucket, aliases: Map<string, string>): ComparedLine[] {
  const groups = new Map<string, ItemGroup>();
  const lookup = new Map<string, string>();
  const currency = bucket.invoices[0]?.currency ?? null;
  const group = (key: string, item: string) => {
    let found = groups.get(key);
    if (!found) {
      found = {
        item,
        order: groups.size,
        ours: null,
        theirs: null,
        currency,
        theirCurrencies: new Set(),
        invoiceIds: new Set(),
        lineIds: [],
        rowNumbers: [],
      };
      groups.set(key, found);
    }
    return found;
  };
  for (const invoice of bucket.invoices)
    for (const line of invoice.lines) {
      const name = line.itemName ?? line.description;
      const key = lookup.get(itemKey(name)) ?? lookup.get(itemKey(line.description)) ?? itemKey(name);
      for (const alias of [itemKey(name), itemKey(line.description)]) if (!lookup.has(alias)) lookup.set(alias, key);
      const g = group(key, name);
      g.ours = (g.ours ?? new Decimal(0)).plus(line.amount);
      g.invoiceIds.add(invoice.id);
      g.lineIds.push(line.lineId);
    }
  for (const line of bucket.theirs) {
    const asked = itemKey(line.item);
    const ours = aliases.get(asked) ?? asked;
    const key = lookup.get(ours) ?? lookup.get(asked) ?? `\u0000${ours}`;
    const g = group(key, line.item);
    g.theirs = (g.theirs ?? new Decimal(0)).plus(line.amount);
    g.rowNumbers.push(line.rowNumber);
    if (line.currency) g.theirCurrencies.add(line.currency);
  }
  return [...groups.values()].map((g) => compared(bucket, g));
}

function compared(bucket: Bucket, g: ItemGroup): ComparedLine {
  const theirs = g.theirs;
  const ours = g.ours;
  const delta = (ours ?? new Decimal(0)).minus(theirs ?? new Decimal(0));
  const otherCurrency = [...g.theirCurrencies].find((c) => g.currency !== null && c !== g.currency);
  let outcome: ReconciliationOutcome;
  let note: string | null = null;
  if (theirs !== null && ours !== null) {
    outcome = delta.isZero() && !otherCurrency ? 'MATCHED' : 'DIFFERS';
    if (otherCurrency) note = `currency ${otherCurrency} in the file, ${g.currency} on the invoice`;
  } else if (delta.isZero()) {
    outcome = 'MATCHED';
    note = ours === null ? 'zero in the file, no such line in Meterline' : 'zero in Meterline, not in the file';
  } else {
    outcome = ours === null ? 'MISSING_IN_METERLINE' : 'MISSING_IN_FILE';
    if (ours === null && bucket.invoices.length === 0)
      note =
        bucket.customerId === null ? 'no Meterline customer with this reference' : 'no Meterline invoice of this customer for this period';
  }
  return {
    customerReference: bucket.customerReference,
    customerId: bucket.customerId,
    period: bucket.period,
    item: g.item,
    currency: g.currency ?? [...g.theirCurrencies][0] ?? null,
    theirs,
    ours,
    delta,
    outcome,
    invoiceIds: [...g.invoiceIds],
    lineIds: g.lineIds,
    rowNumbers: g.rowNumbers,
    note,
  };
}

/** What a reconciliation compares: the file's lines, our invoices in its scope (`invoicesInScope`), the aliases, and
 * the platform's customers named by the file (reference → id). */
export interface ReconciliationInput {
  file: readonly TheirLine[];
  invoices: readonly OurInvoice[];
  aliases?: ItemAliases;
  customers?: ReadonlyMap<string, string>;
}

/**
 * The line-by-line comparison of a file with our invoices: one result per (customer, period, item), ordered by
 * customer reference, period, then our line order with file-only items after ours.
 */
export function reconcile({ file, invoices, aliases = [], customers = new Map() }: ReconciliationInput): ComparedLine[] {
  const aliasMap = new Map(aliases.map((a) => [itemKey(a.theirs), itemKey(a.ours)]));
  return bucketsOf(file, invoices, customers)
    .sort(
      (a, b) =>
        (a.customerReference < b.customerReference ? -1 : a.customerReference > b.customerReference ? 1 : 0) ||
        a.period.start.getTime() - b.period.start.getTime() ||
        a.period.end.getTime() - b.period.end.getTime(),
    )
    .flatMap((b) => compareBucket(b, aliasMap));
}

/** What one customer's lines add up to on each side. */
export interface CustomerTotal {
  customerReference: string;
  theirs: Decimal;
  ours: Decimal;
  delta: Decimal;
  counts: Record<ReconciliationOutcome, number>;
}

export const noCounts = (): Record<ReconciliationOutcome, number> => ({
  MATCHED: 0,
  DIFFERS: 0,
  MISSING_IN_METERLINE: 0,
  MISSING_IN_FILE: 0,
});

/** Totals per customer, in the order of the lines. */
export function customerTotals(lines: readonly ComparedLine[]): CustomerTotal[] {
  const totals = new Map<string, CustomerTotal>();
  for (const line of lines) {
    let t = totals.get(line.customerReference);
    if (!t) {
      t = {
        customerReference: line.customerReference,
        theirs: new Decimal(0),
        ours: new Decimal(0),
        delta: new Decimal(0),
        counts: noCounts(),
      };
      totals.set(line.customerReference, t);
    }
    t.theirs = t.theirs.plus(line.theirs ?? 0);
    t.ours = t.ours.plus(line.ours ?? 0);
    t.delta = t.ours.minus(t.theirs);
    t.counts[line.outcome] += 1;
  }
  return [...totals.values()];
}
