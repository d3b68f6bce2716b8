import { Decimal, minorUnits } from '@meterline/money';

/** A postal address as customers and billing entities keep it; every part optional. */
export interface Address {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  state: string | null;
  country: string | null;
}

/** Who bills: the billing entity the document is issued from, with how its documents are formatted. */
export interface Seller {
  /** Null while the platform has configured no legal entity: the document says so plainly. */
  legalName: string | null;
  address: Address | null;
  taxId: string | null;
  paymentInstructions: string | null;
  footer: string | null;
  /** BCP 47 locale money, numbers and dates are formatted in, e.g. "de-DE". */
  locale: string;
  /** IANA time zone dates are shown in, e.g. "Europe/Berlin". */
  timeZone: string;
  /** The entity's logo as PNG or JPEG bytes, drawn at the top of every document; none: the title alone. */
  logo?: Buffer | null;
}

/** Who is billed: the customer as it was when the invoice was issued (a draft: as it is now). */
export interface Buyer {
  name: string;
  reference: string;
  email: string | null;
  address: Address | null;
  taxId: string | null;
}

/** One price step of a line, as `@meterline/pricing` explains its amount (exact, unrounded). */
export interface DocumentBreakdown {
  label: string;
  quantity: Decimal | null;
  unitPrice: Decimal | null;
  flatFee: Decimal | null;
  rate: Decimal | null;
  amount: Decimal;
}

export interface DocumentLine {
  description: string;
  quantity: Decimal | null;
  amount: Decimal;
  deduction: boolean;
  /** The stretch of the period a usage line bills (its phase), half-open. */
  windowStart: Date | null;
  windowEnd: Date | null;
  breakdown: DocumentBreakdown[];
}

export interface DocumentPayment {
  paidAt: Date;
  amount: Decimal;
  method: string;
  reference: string | null;
}

export interface DocumentCreditNote {
  number: string;
  createdAt: Date;
  total: Decimal;
}

/** An invoice (or a correction) with everything its document shows. */
export interface InvoiceDocumentInput {
  kind: 'SUBSCRIPTION' | 'CORRECTION';
  status: string;
  number: string | null;
  currency: string;
  issuedAt: Date | null;
  /** The payment due date of an issued invoice (null on drafts). */
  dueAt: Date | null;
  /** When a draft is to be issued (null once issued). */
  issuesAt?: Date | null;
  periodStart: Date;
  periodEnd: Date;
  lines: DocumentLine[];
  taxRate: Decimal | null;
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
  deductions: Decimal;
  credited: Decimal;
  amountPaid: Decimal;
  amountDue: Decimal;
  voidedAt: Date | null;
  voidReason: string | null;
  creditNotes: DocumentCreditNote[];
  payments: DocumentPayment[];
}

/** A credit note with the invoice it credits. */
export interface CreditNoteDocumentInput {
  number: string;
  reason: string;
  currency: string;
  createdAt: Date;
  invoice: { number: string; periodStart: Date; periodEnd: Date; taxRate: Decimal | null };
  lines: Array<{ description: string; amount: Decimal }>;
  subtotal: Decimal;
  tax: Decimal;
  total: Decimal;
  refunds: Array<{ refundedAt: Date; amount: Decimal; method: string; reference: string | null }>;
}

/** A label and its formatted value. */
export interface DocumentField {
  label: string;
  value: string;
}

export interface DisplayLine {
  description: string;
  /** Smaller lines under it: the stretch it bills, each tier of its price. */
  details: string[];
  quantity: string;
  amount: string;
}

/** Everything a document shows, every value already a formatted string: a renderer only lays it out. */
export interface DocumentModel {
  /** "Invoice", "Correction invoice", "Credit note". */
  title: string;
  /** The file name and the PDF title: the number, or "draft" for a draft. */
  fileName: string;
  /** Drafts are previews: marked on every page. */
  draft: boolean;
  /** Across every page and in its footer: DRAFT for a preview, VOID for a cancelled invoice; null otherwise. */
  stamp: { word: string; note: string } | null;
  locale: string;
  /** The PDF's creation date: the issue date, so the same document is the same bytes. */
  documentDate: Date;
  header: DocumentField[];
  seller: string[];
  /** Said plainly when the seller has no legal entity configured. */
  sellerNotice: string | null;
  /** The seller's logo (PNG or JPEG bytes), or null. */
  logo: Buffer | null;
  buyer: string[];
  lines: DisplayLine[];
  taxSummary: DocumentField[];
  totals: DocumentField[];
  /** Payments, credit notes or refunds that changed what is due. */
  settlements: DocumentField[];
  /** The last of the totals, shown largest: "Amount due" (or "Total credited"). */
  amountDue: DocumentField;
  paymentInstructions: string | null;
  footer: string | null;
}

export const SELLER_NOT_CONFIGURED = 'Seller not configured: this platform has not set up its billing entity (legal name, address, tax id)';

const METHODS: Record<string, string> = {
  BANK_TRANSFER: 'Bank transfer',
  CARD: 'Card',
  DIRECT_DEBIT: 'Direct debit',
  CHECK: 'Check',
  CASH: 'Cash',
  OTHER: 'Other',
};

/** Formats money, numbers and dates of one document in its seller's locale and time zone (Intl; exact: decimals go in as strings). */
export class DocumentFormat {
  private readonly money: Intl.NumberFormat;
  private readonly day: Intl.DateTimeFormat;
  private readonly dayTime: Intl.DateTimeFormat;
  private readonly clock: Intl.DateTimeFormat;

  constructor(
    readonly locale: string,
    readonly timeZone: string,
    readonly currency: string,
  ) {
    const digits = minorUnits(currency);
    this.money = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    this.day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    this.dayTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    this.clock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  /** An amount already rounded to the currency's minor unit (a line, a total). */
  amount(value: Decimal): string {
    return this.money.format(value.toFixed() as unknown as number);
  }

  /** An exact amount (a unit price, a tier's amount): the minor unit at least, every significant digit kept. */
  exact(value: Decimal): string {
    const digits = Math.max(minorUnits(this.currency), value.decimalPlaces());
    return new Intl.NumberFormat(this.locale, {
      style: 'currency',
      currency: this.currency,
      minimumFractionDigits: minorUnits(this.currency),
      maximumFractionDigits: Math.min(digits, 20),
    }).format(value.toFixed() as unknown as number);
  }

  /** A quantity or a rate: every digit kept, grouped as the locale groups. */
  number(value: Decimal): string {
    return new Intl.NumberFormat(this.locale, { maximumFractionDigits: Math.min(value.decimalPlaces(), 20) }).format(
      value.toFixed() as unknown as number,
    );
  }

  date(value: Date): string {
    return this.day.format(value);
  }

  /**
   * A half-open span [start, end): when both ends fall on midnight in the time zone, the days it covers ("1 – 31 Mar");
   * otherwise the instants, end exclusive.
   */
  span(start: Date, end: Date): string {
    if (this.isMidnight(start) && this.isMidnight(end) && end.getTime() > start.getTime()) {
      return this.day.formatRange(start, new Date(end.getTime() - 1));
    }
    return this.dayTime.formatRange(start, end);
  }

  private isMidnight(value: Date): boolean {
    return this.clock.format(value) === '00:00:00';
  }
}

const present = (parts: Array<string | null | undefined>): string[] =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');

/** An address as lines: street lines, "postal code city", state, country. */
export function addressLines(address: Address | null): string[] {
  if (!address) return [];
  const cityLine = present([address.postalCode, address.city]).join(' ');
  return present([address.line1, address.line2, cityLine, address.state, address.country]);
}

function sellerBlock(seller: Seller): { lines: string[]; notice: string | null } {
  if (!seller.legalName) return { lines: [], notice: SELLER_NOT_CONFIGURED };
  return {
    lines: present([seller.legalName, ...addressLines(seller.address), seller.taxId ? `Tax ID: ${seller.taxId}` : null]),
    notice: null,
  };
}

function buyerBlock(buyer: Buyer): string[] {
  return present([
    buyer.name,
    ...addressLines(buyer.address),
    buyer.taxId ? `Tax ID: ${buyer.taxId}` : null,
    buyer.email,
    `Customer: ${buyer.reference}`,
  ]);
}

/**
 * One price step, localized: a step with units and a unit price (tiers, per unit) shows its name (the pricing label up
 * to its colon, e.g. "Tier 2 (over 100)"), units × unit price (+ its flat fee) = amount; any other step (a flat fee, a
 * package, a percentage, free transactions) its pricing label as it is, then its amount.
 */
function breakdownDetail(b: DocumentBreakdown, f: DocumentFormat): string {
  const amount = f.exact(b.amount);
  if (b.quantity === null || b.unitPrice === null) return `${b.label} = ${amount}`;
  const colon = b.label.indexOf(': ');
  const name = colon >= 0 ? `${b.label.slice(0, colon)}: ` : '';
  const flat = b.flatFee !== null && !b.flatFee.isZero() ? ` + ${f.exact(b.flatFee)}` : '';
  return `${name}${f.number(b.quantity)} × ${f.exact(b.unitPrice)}${flat} = ${amount}`;
}

/**
 * A usage line's description names its stretch in UTC instants ("API calls (2026-03-01T00:00:00.000Z – …)"); the
 * document says it in the seller's locale and time zone instead ("Billed for Mar 1 – 14, 2026").
 */
function withoutStretch(line: DocumentLine): string {
  if (!line.windowStart || !line.windowEnd) return line.description;
  const suffix = ` (${line.windowStart.toISOString()} – ${line.windowEnd.toISOString()})`;
  return line.description.endsWith(suffix) ? line.description.slice(0, -suffix.length) : line.description;
}

function displayLine(line: DocumentLine, f: DocumentFormat): DisplayLine {
  const details: string[] = [];
  if (line.windowStart && line.windowEnd) details.push(`Billed for ${f.span(line.windowStart, line.windowEnd)}`);
  if (line.deduction) details.push('Deduction: shown and charged, withheld from the amount due');
  // A single step that only restates the line (a flat fee) adds nothing; tiers, units, packages and rates are shown.
  const explains = line.breakdown.length > 1 || line.breakdown.some((b) => b.quantity !== null || b.rate !== null);
  if (explains) details.push(...line.breakdown.map((b) => breakdownDetail(b, f)));
  return {
    description: withoutStretch(line),
    details,
    quantity: line.quantity === null ? '' : f.number(line.quantity),
    amount: f.amount(line.amount),
  };
}

function taxSummary(rate: Decimal | null, base: Decimal, tax: Decimal, f: DocumentFormat): DocumentField[] {
  if (rate === null) return [{ label: 'Tax', value: 'No tax rate applies' }];
  return [{ label: `Tax ${f.number(rate)} % on ${f.amount(base)}`, value: f.amount(tax) }];
}

/** The display model of an invoice or correction: every string formatted in the seller's locale and time zone. */
export function buildInvoiceDocument(invoice: InvoiceDocumentInput, seller: Seller, buyer: Buyer): DocumentModel {
  const f = new DocumentFormat(seller.locale, seller.timeZone, invoice.currency);
  const draft = invoice.status === 'DRAFT';
  const correction = invoice.kind === 'CORRECTION';
  const header: DocumentField[] = [
    { label: 'Number', value: invoice.number ?? 'Draft (not issued)' },
    { label: 'Status', value: invoice.status },
    { label: 'Issue date', value: invoice.issuedAt ? f.date(invoice.issuedAt) : 'Not issued' },
  ];
  if (draft && invoice.issuesAt) header.push({ label: 'To be issued', value: f.date(invoice.issuesAt) });
  if (!draft && invoice.dueAt) header.push({ label: 'Due date', value: f.date(invoice.dueAt) });
  header.push({ label: 'Period', value: f.span(invoice.periodStart, invoice.periodEnd) });
  header.push({ label: 'Currency', value: invoice.currency });

  const totals: DocumentField[] = [
    { label: 'Subtotal', value: f.amount(invoice.subtotal) },
    { label: 'Tax', value: f.amount(invoice.tax) },
    { label: 'Total', value: f.amount(invoice.total) },
  ];
  if (!invoice.deductions.isZero()) totals.push({ label: 'Deductions (withheld)', value: f.amount(invoice.deductions.negated()) });

  const settlements: DocumentField[] = [
    ...invoice.creditNotes.map((n) => ({
      label: `Credit note ${n.number} (${f.date(n.createdAt)})`,
      value: f.amount(n.total.negated()),
    })),
    ...invoice.payments.map((p) => ({
      label: `Payment ${f.date(p.paidAt)}, ${METHODS[p.method] ?? p.method}${p.reference ? `, ${p.reference}` : ''}`,
      value: f.amount(p.amount.negated()),
    })),
  ];
  const { lines: sellerLines, notice } = sellerBlock(seller);
  const voided = invoice.status === 'VOID';
  const stamp = draft
    ? { word: 'DRAFT', note: 'DRAFT: a preview, not an issued invoice' }
    : voided
      ? {
          word: 'VOID',
          note: `VOID: cancelled${invoice.voidedAt ? ` on ${f.date(invoice.voidedAt)}` : ''}${invoice.voidReason ? ` (${invoice.voidReason})` : ''}; nothing is due`,
        }
      : null;
  return {
    title: correction ? 'Correction invoice' : 'Invoice',
    fileName: invoice.number ?? 'draft',
    draft,
    stamp,
    locale: seller.locale,
    documentDate: invoice.issuedAt ?? invoice.periodStart,
    header,
    seller: sellerLines,
    sellerNotice: notice,
    logo: seller.logo ?? null,
    buyer: buyerBlock(buyer),
    lines: invoice.lines.map((line) => displayLine(line, f)),
    taxSummary: taxSummary(invoice.taxRate, invoice.subtotal, invoice.tax, f),
    totals,
    settlements,
    amountDue: voided
      ? { label: 'Amount due (void)', value: f.amount(new Decimal(0)) }
      : { label: invoice.amountDue.isNegative() ? 'Owed to the customer' : 'Amount due', value: f.amount(invoice.amountDue) },
    paymentInstructions: seller.paymentInstructions,
    footer: seller.footer,
  };
}

/** The display model of a credit note: what it credits of which invoice, its tax and total, refunds paid against it. */
export function buildCreditNoteDocument(note: CreditNoteDocumentInput, seller: Seller, buyer: Buyer): DocumentModel {
  const f = new DocumentFormat(seller.locale, seller.timeZone, note.currency);
  const { lines: sellerLines, notice } = sellerBlock(seller);
  const refunded = note.refunds.reduce((sum, r) => sum.plus(r.amount), new Decimal(0));
  return {
    title: 'Credit note',
    fileName: note.number,
    draft: false,
    stamp: null,
    locale: seller.locale,
    documentDate: note.createdAt,
    header: [
      { label: 'Number', value: note.number },
      { label: 'Issue date', value: f.date(note.createdAt) },
      { label: 'Credits invoice', value: note.invoice.number },
      { label: 'Invoice period', value: f.span(note.invoice.periodStart, note.invoice.periodEnd) },
      { label: 'Reason', value: note.reason },
      { label: 'Currency', value: note.currency },
    ],
    seller: sellerLines,
    sellerNotice: notice,
    logo: seller.logo ?? null,
    buyer: buyerBlock(buyer),
    lines: note.lines.map((line) => ({ description: line.description, details: [], quantity: '', amount: f.amount(line.amount) })),
    taxSummary: taxSummary(note.invoice.taxRate, note.subtotal, note.tax, f),
    totals: [
      { label: 'Subtotal', value: f.amount(note.subtotal) },
      { label: 'Tax', value: f.amount(note.tax) },
      ...(refunded.isZero() ? [] : [{ label: 'Total credited', value: f.amount(note.total) }]),
    ],
    settlements: note.refunds.map((r) => ({
      label: `Refund ${f.date(r.refundedAt)}, ${METHODS[r.method] ?? r.method}${r.reference ? `, ${r.reference}` : ''}`,
      value: f.amount(r.amount),
    })),
    amountDue: {
      label: refunded.isZero() ? 'Total credited' : 'Credited, not yet refunded',
      value: f.amount(note.total.minus(refunded)),
    },
    paymentInstructions: null,
    footer: seller.footer,
  };
}
