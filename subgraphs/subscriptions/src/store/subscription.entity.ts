import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { BillingPeriod, PriceOverrides, SubscriptionStatus } from '../domain/subscription';

@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ type: 'text' })
  status: SubscriptionStatus;

  @Column({ name: 'billing_period', type: 'text' })
  billingPeriod: BillingPeriod;

  @Column({ type: 'timestamptz' })
  anchor: Date;

  @Column({ name: 'start_at', type: 'timestamptz' })
  startAt: Date;

  @Column({ name: 'end_at', type: 'timestamptz', nullable: true })
  endAt: Date | null;

  @Column({ name: 'trial_end', type: 'timestamptz', nullable: true })
  trialEnd: Date | null;

  @Column({ name: 'canceled_at', type: 'timestamptz', nullable: true })
  canceledAt: Date | null;

  /** Billing cutover (an imported subscription): periods ending at or before the one holding it are never invoiced. */
  @Column({ name: 'cutover_at', type: 'timestamptz', nullable: true })
  cutoverAt: Date | null;

  /** External reference (unique per platform when given): what an import recognises the subscription by. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => SubscriptionPhaseEntity, (phase) => phase.subscription)
  phases: SubscriptionPhaseEntity[];
}

@Entity({ name: 'subscription_phases' })
export class SubscriptionPhaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => SubscriptionEntity, (s) => s.phases, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription: SubscriptionEntity;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ name: 'plan_version_id', type: 'uuid' })
  planVersionId: string;

  @Column({ type: 'integer' })
  seats: number;

  @Column({ type: 'jsonb' })
  overrides: PriceOverrides;
}
