import { decimalColumn, type Decimal, type LifecycleStatus } from '@meterline/kit';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { BillingPeriod, RecurringTiming } from '../domain/plan-version';
import { FeatureEntity } from './feature.entity';
import { ProductItemEntity } from './product.entity';

@Entity({ name: 'pricing_plans' })
export class PricingPlanEntity {
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

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'plan_versions' })
export class PlanVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => PricingPlanEntity)
  @JoinColumn({ name: 'plan_id' })
  plan: PricingPlanEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  status: LifecycleStatus;

  @Column({ name: 'previous_status', type: 'text', nullable: true })
  previousStatus: LifecycleStatus | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'billing_period', type: 'text' })
  billingPeriod: BillingPeriod;

  @Column({ name: 'minimum_commitment', type: 'numeric', nullable: true, transformer: decimalColumn })
  minimumCommitment: Decimal | null;

  @Column({ name: 'line_order', type: 'jsonb', nullable: true })
  lineOrder: string[] | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @OneToMany(() => PriceEntity, (price) => price.planVersion)
  prices: PriceEntity[];

  @OneToMany(() => EntitlementEntity, (entitlement) => entitlement.planVersion)
  entitlements: EntitlementEntity[];
}

@Entity({ name: 'prices' })
export class PriceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'plan_version_id', type: 'uuid' })
  planVersionId: string;

  @ManyToOne(() => PlanVersionEntity, (version) => version.prices, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_version_id' })
  planVersion: PlanVersionEntity;

  @Column({ name: 'product_item_id', type: 'uuid' })
  productItemId: string;

  @ManyToOne(() => ProductItemEntity)
  @JoinColumn({ name: 'product_item_id' })
  productItem: ProductItemEntity;

  /** The price in the pricing engine's JSON form (decimal strings), validated by @meterline/pricing. */
  @Column({ type: 'jsonb' })
  config: Record<string, unknown>;

  @Column({ name: 'recurring_timing', type: 'text', nullable: true })
  recurringTiming: RecurringTiming | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'entitlements' })
export class EntitlementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'plan_version_id', type: 'uuid' })
  planVersionId: string;

  @ManyToOne(() => PlanVersionEntity, (version) => version.entitlements, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_version_id' })
  planVersion: PlanVersionEntity;

  @Column({ name: 'feature_id', type: 'uuid' })
  featureId: string;

  @ManyToOne(() => FeatureEntity)
  @JoinColumn({ name: 'feature_id' })
  feature: FeatureEntity;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'limit', type: 'numeric', nullable: true, transformer: decimalColumn })
  limit: Decimal | null;
}
