import { Decimal, isUuid, Money, notFound, paginate, type PageArgs, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { billingOptionsOf } from '../billing/billing-options';
import { customersOfSubscriptions } from '../billing/read-models';
import { currentInvoices, freshenCustomers, freshenDrafts } from '../billing/current-drafts';
import { createCreditNote, issueInvoiceNow, markInvoicePaid, voidInvoice } from '../billing/invoice-actions';
import { creditNotePdfPath, invoicePdfPath } from '../billing/invoice-documents';
import { lineFromJson } from '../store/invoice-lines';
import { CreditNoteEntity, InvoiceEntity } from '../store/invoice.entity';
import { InvoiceRepository } from '../store/invoice.repository';
import {
  AllInvoicesArgs,
  CreateCreditNoteInput,
  CreditNote,
  CreditNoteLine,
  Invoice,
  InvoiceConnection,
  InvoiceLine,
  InvoiceListArgs,
} from './invoice.type';
import { Customer, Subscription } from './refs/customer.type';

/** A page of invoices; read again when drafts on it were recomputed first. */
async function currentPage(ctx: RequestContext, args: AllInvoicesArgs, page: PageArgs) {
  // What a refresh adds (a correction, a new period's draft) belongs on the list: its customer first, then the page.
  if (args.customer && isUuid(args.customer)) await freshenCustomers(ctx, [args.customer]);
  else if (args.subscription && isUuid(args.subscription))
    await freshenCustomers(ctx, await customersOfSubscriptions(ctx.db.ds, ctx.platformId, [args.subscription]));
  const answer = await paginate(filtered(ctx, args), 'i', page);
  return (await freshenDrafts(
    ctx,
    answer.edges.map((e) => e.node),
  ))
    ? paginate(filtered(ctx, args), 'i', page)
    : answer;
}

function filtered(ctx: RequestContext, args: AllInvoicesArgs) {
  const query = new InvoiceRepository(ctx).query();
  if (args.status) query.andWhere('i.status = :status', { status: args.status });
  if (args.kind) query.andWhere('i.kind = :kind', { kind: args.kind });
  // A malformed id matches nothing (compared as uuid, so the indexes serve).
  if (args.customer) query.andWhere(isUuid(args.customer) ? 'i.customerId = :customer' : 'false', { customer: args.customer });
  if (args.subscription)
    query.andWhere(isUuid(args.subscription) ? 'i.subscriptionId = :subscription' : 'false', { subscription: args.subscription });
  return query;
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => Invoice, { nullable: true })
  invoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return currentInvoices(ctx).byId(id);
  }

  @Query(() => InvoiceConnection, { description: 'Invoices, newest first by creation; filter by status, kind, customer or subscription' })
  async invoices(@Ctx() ctx: RequestContext, @Args() { status, kind, customer, subscription, ...page }: AllInvoicesArgs) {
    return currentPage(ctx, { status, kind, customer, subscription, ...page }, page);
  }

  @FieldResolver(() => [InvoiceLine])
  lines(@Root() invoice: InvoiceEntity): InvoiceLine[] {
    return invoice.lines.map(lineFromJson).map((l) => ({
      id: l.id,
      kind: l.kind,
      description: l.description,
      productItem: l.productItemId ? { id: l.productItemId } : null,
      quantity: l.quantity,
      amount: Money.of(l.amount, invoice.currency),
      deduction: l.deduction,
      credited: Money.of(l.credited, invoice.currency),
      breakdown: l.breakdown,
      windowStart: l.windowStart,
      windowEnd: l.windowEnd,
    }));
  }

  @FieldResolver(() => Money)
  subtotal(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.subtotal, invoice.currency);
  }

  @FieldResolver(() => Money)
  tax(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.tax, invoice.currency);
  }

  @FieldResolver(() => Money)
  total(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.total, invoice.currency);
  }

  @FieldResolver(() => Money)
  deductions(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.deductions, invoice.currency);
  }

  @FieldResolver(() => Money)
  amountDue(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.amountDue, invoice.currency);
  }

  @FieldResolver(() => Money)
  credited(@Root() invoice: InvoiceEntity): Money {
    return Money.of(invoice.credited, invoice.currency);
  }

  @FieldResolver(() => Date, { nullable: true })
  issuesAt(@Root() invoice: InvoiceEntity): Date | null {
    return invoice.status === 'DRAFT' ? invoice.issuesAt : null;
  }

  @FieldResolver(() => Customer)
  customer(@Root() invoice: InvoiceEntity): Customer {
    return { id: invoice.customerId };
  }

  @FieldResolver(() => Subscription, { nullable: true })
  subscription(@Root() invoice: InvoiceEntity): Subscription | null {
    return invoice.subscriptionId ? { id: invoice.subscriptionId } : null;
  }

  @FieldResolver(() => String)
  pdfUrl(@Root() invoice: InvoiceEntity): string {
    return invoicePdfPath(invoice.id);
  }

  @FieldResolver(() => [CreditNote])
  creditNotes(@Root() invoice: InvoiceEntity, @Ctx() ctx: RequestContext): Promise<CreditNoteEntity[]> {
    return new InvoiceRepository(ctx).creditNotesOf(invoice.id);
  }

  @Mutation(() => Invoice, { description: 'Issues a draft now (a one-off, a cancellation, or early): numbered and immutable' })
  issueInvoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<InvoiceEntity> {
    return issueInvoiceNow(ctx, billingOptionsOf(ctx.db), id);
  }

  @Mutation(() => Invoice, {
    description: 'ISSUED or OVERDUE → PAID: records a payment of the whole amountDue (method OTHER); recordPayment records partial ones',
  })
  markInvoicePaid(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('paidAt', () => Date, { nullable: true, description: 'Default: now' }) paidAt?: Date | null,
  ): Promise<InvoiceEntity> {
    return markInvoicePaid(ctx, id, paidAt ?? null);
  }

  @Mutation(() => Invoice, { description: 'ISSUED or OVERDUE → VOID while nothing was paid, with a reason; the number stays taken' })
  voidInvoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<InvoiceEntity> {
    return voidInvoice(ctx, id, reason);
  }

  @Mutation(() => CreditNote, { description: 'Credits an issued invoice: whole, some lines, or part of a line' })
  createCreditNote(@Ctx() ctx: RequestContext, @Arg('input') input: CreateCreditNoteInput): Promise<CreditNoteEntity> {
    return createCreditNote(ctx, billingOptionsOf(ctx.db), input);
  }
}

@Resolver(() => CreditNote)
export class CreditNoteResolver {
  @FieldResolver(() => Invoice)
  async invoice(@Root() note: CreditNoteEntity, @Ctx() ctx: RequestContext): Promise<InvoiceEntity> {
    const invoice = await currentInvoices(ctx).byId(note.invoiceId);
    if (!invoice) throw notFound('Invoice');
    return invoice;
  }

  @FieldResolver(() => String)
  pdfUrl(@Root() note: CreditNoteEntity): string {
    return creditNotePdfPath(note.id);
  }

  @FieldResolver(() => [CreditNoteLine])
  lines(@Root() note: CreditNoteEntity): CreditNoteLine[] {
    return note.lines.map((l) => ({
      invoiceLineId: l.invoiceLineId,
      description: l.description,
      amount: Money.of(new Decimal(l.amount), note.currency),
    }));
  }

  @FieldResolver(() => Money)
  subtotal(@Root() note: CreditNoteEntity): Money {
    return Money.of(note.subtotal, note.currency);
  }

  @FieldResolver(() => Money)
  tax(@Root() note: CreditNoteEntity): Money {
    return Money.of(note.tax, note.currency);
  }

  @FieldResolver(() => Money)
  total(@Root() note: CreditNoteEntity): Money {
    return Money.of(note.total, note.currency);
  }
}

@Resolver(() => Customer)
export class CustomerInvoicesResolver {
  @FieldResolver(() => InvoiceConnection, { description: 'The customer’s invoices' })
  invoices(@Root() customer: Customer, @Ctx() ctx: RequestContext, @Args() args: InvoiceListArgs) {
    return currentPage(ctx, { ...args, customer: customer.id }, args);
  }
}

@Resolver(() => Subscription)
export class SubscriptionInvoicesResolver {
  @FieldResolver(() => InvoiceConnection, { description: 'The subscription’s invoices (one per period, and corrections)' })
  invoices(@Root() subscription: Subscription, @Ctx() ctx: RequestContext, @Args() args: InvoiceListArgs) {
    return currentPage(ctx, { ...args, subscription: subscription.id }, args);
  }

  @FieldResolver(() => Invoice, { nullable: true, description: 'The draft of the period running now, kept current' })
  upcomingInvoice(@Root() subscription: Subscription, @Ctx() ctx: RequestContext): Promise<InvoiceEntity | null> {
    return currentInvoices(ctx).upcomingOf(subscription.id);
  }
}

export async function resolveInvoiceReference(reference: { id: string }, ctx: RequestContext): Promise<InvoiceEntity> {
  const invoice = await currentInvoices(ctx).byId(reference.id);
  if (!invoice) throw notFound('Invoice');
  return invoice;
}

export async function resolveCreditNoteReference(reference: { id: string }, ctx: RequestContext): Promise<CreditNoteEntity> {
  const note = await new InvoiceRepository(ctx).creditNoteById(reference.id);
  if (!note) throw notFound('CreditNote');
  return note;
}
