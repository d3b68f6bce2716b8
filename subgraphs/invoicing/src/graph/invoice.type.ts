import { ConnectionType, DecimalScalar, Money, PageArgs, PriceBreakdownLine, type Decimal } from '@meterline/kit';
import { ArgsType, Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { LineKind } from '../domain/invoice-calculation';
import type { InvoiceKind as InvoiceKindName, InvoiceStatus as InvoiceStatusName } from '../store/invoice.entity';
import { Customer, ProductItem, Subscription } from './refs/customer.type';

export enum InvoiceStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  OVERDUE = 'OVERDUE',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  valuesConfig: {
    DRAFT: { description: 'The period is open (or in its grace period): kept current as usage and changes arrive' },
    ISSUED: { description: 'Numbered and immutable; takes payments until nothing is due' },
    OVERDUE: { description: 'Issued, past its payment due date (dueAt) with something still due; still takes payments' },
    PAID: { description: 'Issued and settled: payments (and credit notes) left nothing due. Final' },
    VOID: { description: 'Issued, then cancelled while nothing was paid; keeps its number. Final' },
  },
});

export enum InvoiceKind {
  SUBSCRIPTION = 'SUBSCRIPTION',
  CORRECTION = 'CORRECTION',
}
registerEnumType(InvoiceKind, {
  name: 'InvoiceKind',
  valuesConfig: {
    SUBSCRIPTION: { description: 'One billing period of a subscription' },
    CORRECTION: { description: 'What changed in an issued period afterwards (late usage): issued with the next invoice' },
  },
});

export enum InvoiceLineKind {
  RECURRING = 'RECURRING',
  SEAT = 'SEAT',
  ONE_OFF = 'ONE_OFF',
  USAGE = 'USAGE',
  PRORATION_CREDIT = 'PRORATION_CREDIT',
  PRORATION_CHARGE = 'PRORATION_CHARGE',
  MINIMUM_COMMITMENT = 'MINIMUM_COMMITMENT',
}
registerEnumType(InvoiceLineKind, { name: 'InvoiceLineKind' });

@ObjectType({ description: 'One line of an invoice, rounded once to the currency’s minor unit' })
export class InvoiceLine {
  @Field(() => ID)
  id: string;

  @Field(() => InvoiceLineKind)
  kind: LineKind;

  @Field()
  description: string;

  @Field(() => ProductItem, { nullable: true })
  productItem: ProductItem | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Units, seats or the metric’s value; null for flat charges' })
  quantity: Decimal | null;

  @Field(() => Money)
  amount: Money;

  @Field({ description: 'A deduction line: shown, charged, but withheld from the amount due' })
  deduction: boolean;

  @Field(() => Money, { description: 'Credited by credit notes so far' })
  credited: Money;

  @Field(() => [PriceBreakdownLine], { description: 'How the price came to the amount, e.g. per tier (exact amounts)' })
  breakdown: PriceBreakdownLine[];

  @Field(() => Date, {
    nullable: true,
    description: 'Usage lines: the start of the stretch of the period billed (usage with a timestamp from here, priced as then in force)',
  })
  windowStart: Date | null;

  @Field(() => Date, { nullable: true, description: 'Usage lines: the end (exclusive) of the stretch of the period billed' })
  windowEnd: Date | null;
}

@ObjectType({ description: 'One credited line' })
export class CreditNoteLine {
  @Field(() => ID)
  invoiceLineId: string;

  @Field()
  description: string;

  @Field(() => Money)
  amount: Money;
}

@ObjectType({ description: 'What a customer owes for one billing period of a subscription' })
@Directive('@key(fields: "id")')
export class Invoice {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Gapless per billing entity (its prefix and series); set when issued' })
  number: string | null;

  @Field(() => InvoiceKind)
  kind: InvoiceKindName;

  @Field(() => InvoiceStatus)
  status: InvoiceStatusName;

  @Field(() => Customer)
  customer: Customer;

  @Field(() => Subscription, { nullable: true })
  subscription: Subscription | null;

  @Field()
  currency: string;

  @Field()
  periodStart: Date;

  @Field()
  periodEnd: Date;

  @Field(() => [InvoiceLine], { description: 'In plan version line order' })
  lines: InvoiceLine[];

  @Field(() => Money, { description: 'Sum of the rounded lines, deduction lines included' })
  subtotal: Money;

  @Field(() => DecimalScalar, { nullable: true, description: 'The customer’s tax rate in percent' })
  taxRate: Decimal | null;

  @Field(() => Money)
  tax: Money;

  @Field(() => Money, { description: 'subtotal + tax' })
  total: Money;

  @Field(() => Money, { description: 'Deduction lines: shown, not due' })
  deductions: Money;

  @Field(() => Money, {
    description: 'What is still owed: total − deductions − credited − amountPaid (negative: credited beyond what was left, to refund)',
  })
  amountDue: Money;

  @Field(() => Money, { description: 'Credited by credit notes so far' })
  credited: Money;

  @Field(() => Date, {
    nullable: true,
    description:
      'When payment is due: issuedAt + the payment terms in force at issue (the billing entity’s, else the platform’s, else the deployment’s); OVERDUE after it. Null on drafts',
  })
  dueAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'A draft: when the billing run will issue it (period end + grace period). Null once issued',
  })
  issuesAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the draft was last recomputed' })
  refreshedAt: Date | null;

  @Field(() => Date, { nullable: true })
  issuedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it became PAID: the paidAt of the payment that settled it' })
  paidAt: Date | null;

  @Field(() => Date, { nullable: true })
  voidedAt: Date | null;

  @Field(() => String, { nullable: true })
  voidReason: string | null;

  @Field()
  createdAt: Date;
  @Field({
    description:
      'Its PDF, a path on the gateway: GET it with the API key (admin and read keys). A draft’s is a preview marked DRAFT on every page',
  })
  pdfUrl: string;
}

@ObjectType({ description: 'A credit against an issued invoice: whole, some lines, or part of a line' })
@Directive('@key(fields: "id")')
export class CreditNote {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Gapless per billing entity: the credit-note series of the entity its invoice was issued by' })
  number: string;

  @Field(() => Invoice)
  invoice: Invoice;

  @Field()
  reason: string;

  @Field(() => [CreditNoteLine])
  lines: CreditNoteLine[];

  @Field(() => Money)
  subtotal: Money;

  @Field(() => Money)
  tax: Money;

  @Field(() => Money)
  total: Money;

  @Field()
  createdAt: Date;

  @Field({ description: 'Its PDF, a path on the gateway: GET it with the API key (admin and read keys)' })
  pdfUrl: string;
}

export const InvoiceConnection = ConnectionType(Invoice, 'Invoice');

@ArgsType()
export class InvoiceListArgs extends PageArgs {
  @Field(() => InvoiceStatus, { nullable: true })
  status?: InvoiceStatusName | null;

  @Field(() => InvoiceKind, { nullable: true })
  kind?: InvoiceKindName | null;
}

@ArgsType()
export class AllInvoicesArgs extends InvoiceListArgs {
  @Field(() => ID, { nullable: true })
  customer?: string | null;

  @Field(() => ID, { nullable: true })
  subscription?: string | null;
}

@InputType()
export class CreditNoteLineInput {
  @Field(() => ID)
  invoiceLine: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Default: what is left to credit of the line' })
  amount?: Decimal | null;
}

@InputType()
export class CreateCreditNoteInput {
  @Field(() => ID)
  invoice: string;

  @Field()
  reason: string;

  @Field(() => [CreditNoteLineInput], { nullable: true, description: 'Default: every line, whole (what is left of it)' })
  lines?: CreditNoteLineInput[] | null;
}
