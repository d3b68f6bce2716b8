import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, type Decimal } from '@meterline/kit';

export type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'PAID' | 'VOID';

@Entity({ name: 'invoices' })
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

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

  @Column({ type: 'numeric', transformer: decimalColumn })
  total: Decimal;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
