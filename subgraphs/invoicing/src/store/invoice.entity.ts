import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, type Decimal } from '@meterline/kit';
import type { StoredLineJson } from './invoice-lines';
import type { BuyerJson } from './invoice-documents';

import type { InvoiceStatus } from '../domain/invoice-status';

export type { InvoiceStatus } from '../domain/invoice-status';
export type InvoiceKind = 'SUBSCRIPTION' | 'CORRECTION';

@Entity({ name: 'invoices' })
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @Column({ type: 'text' })
  kind: InvoiceKind;

  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ type: 'text' })
  status: InvoiceStatus;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd: Date;

  @Column({ name: 'tax_rate', type: 'numeric', nullable: true, transformer: decimalColumn })
  taxRate: Decimal | null;

  @Column({ type: 'numeric', transformer: decimalColumn })
  subtotal: Decimal;

  @Column({ type: 'numeric', transformer: decimalColumn })
  tax: Decimal;

  @Column({ type: 'numeric', transformer: decimalColumn })
  total: Decimal;

  @Column({ type: 'numeric', transformer: decimalColumn })
  deductions: Decimal;

  @Column({ name: 'amount_due', type: 'numeric', transformer: decimalColumn })
  amountDue: Decimal;

  @Column({ type: 'numeric', transformer: decimalColumn })
  credited: Decimal;

  @Column({ name: 'amount_paid', type: 'numeric', transformer: decimalColumn })
  amountPaid: Decimal;

  @Column({ type: 'jsonb' })
  lines: StoredLineJson[];

  /** A draft: when the billing run issues it (period end + grace). */
  @Column({ name: 'issues_at', type: 'timestamptz', nullable: true })
  issuesAt: Date | null;

  /** Issued: when payment is due. Null on drafts. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'refreshed_at', type: 'timestamptz', nullable: true })
  refreshedAt: Date | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** The billing entity version it was issued with (null on drafts: the customer's entity as it is now applies). */
  @Column({ name: 'billing_entity_version_id', type: 'uuid', nullable: true })
  billingEntityVersionId: string | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'void_reason', type: 'text', nullable: true })
  voidReason: string | null;

  /** The buyer block it was issued with (null on drafts: they show the customer as it is). */
  @Column({ type: 'jsonb', nullable: true })
  buyer: BuyerJson | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'credit_notes' })
export class CreditNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'jsonb' })
  lines: Array<{ invoiceLineId: string; description: string; amount: string }>;

  @Column({ type: 'numeric', transformer: decimalColumn })
  subtotal: Decimal;

  @Column({ type: 'numeric', transformer: decimalColumn })
  tax: Decimal;

  @Column({ type: 'numeric', transformer: decimalColumn })
  total: Decimal;

  /** The version of the invoice's billing entity current when the note was made (its series, its prefix then). */
  @Column({ name: 'billing_entity_version_id', type: 'uuid', nullable: true })
  billingEntityVersionId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
