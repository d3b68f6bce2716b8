import { decimalColumn, type Decimal } from '@meterline/kit';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BillingAddress } from '../domain/customer';

@Entity({ name: 'customers' })
@Index('customers_platform_reference', ['platformId', 'reference'], { unique: true })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ name: 'billing_address', type: 'jsonb', nullable: true })
  billingAddress: BillingAddress | null;

  @Column({ name: 'tax_id', type: 'text', nullable: true })
  taxId: string | null;

  @Column({ name: 'tax_rate', type: 'numeric', nullable: true, transformer: decimalColumn })
  taxRate: Decimal | null;

  @Column({ type: 'jsonb' })
  metadata: Record<string, string>;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
