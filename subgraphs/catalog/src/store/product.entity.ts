import type { LifecycleStatus } from '@meterline/kit';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { ChargeType } from '../domain/product';

@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text' })
  status: LifecycleStatus;

  @Column({ name: 'previous_status', type: 'text', nullable: true })
  previousStatus: LifecycleStatus | null;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => ProductItemEntity, (item) => item.product)
  items: ProductItemEntity[];
}

@Entity({ name: 'product_items' })
export class ProductItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, (product) => product.items)
  @JoinColumn({ name: 'product_id' })
  product: ProductEntity;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'charge_type', type: 'text' })
  chargeType: ChargeType;

  @Column({ name: 'meter_reference', type: 'text', nullable: true })
  meterReference: string | null;

  @Column({ name: 'metric_reference', type: 'text', nullable: true })
  metricReference: string | null;

  @Column({ type: 'boolean' })
  deduction: boolean;

  @Column({ name: 'unit_label', type: 'text', nullable: true })
  unitLabel: string | null;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
