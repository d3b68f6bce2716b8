import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, type Decimal } from '@meterline/kit';

export type PaymentMethod = 'BANK_TRANSFER' | 'CARD' | 'DIRECT_DEBIT' | 'CHECK' | 'CASH' | 'OTHER';

/** What payments and refunds both are: an exact amount that moved, how, and under which reference of yours. */
export abstract class MoneyMovement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'numeric', transformer: decimalColumn })
  amount: Decimal;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text' })
  method: PaymentMethod;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Money received against an invoice; idempotent by (invoice, reference) when a reference is given. */
@Entity({ name: 'payments' })
export class PaymentEntity extends MoneyMovement {
  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId: string;

  @Column({ name: 'paid_at', type: 'timestamptz' })
  paidAt: Date;
}

/** Money paid back against a credit note; idempotent by (credit note, reference) when a reference is given. */
@Entity({ name: 'refunds' })
export class RefundEntity extends MoneyMovement {
  @Column({ name: 'credit_note_id', type: 'uuid' })
  creditNoteId: string;

  @Column({ name: 'refunded_at', type: 'timestamptz' })
  refundedAt: Date;
}
