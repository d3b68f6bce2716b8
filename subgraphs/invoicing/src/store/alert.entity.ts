import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, type Decimal } from '@meterline/kit';
import type { AlertKind } from '../domain/alert-thresholds';

/** A threshold as stored: the exact decimal as text. */
export interface ThresholdJson {
  value: string;
  label: string | null;
}

/** An alert on one customer's usage of a metric or on its current draft's total. Deleting archives it (triggers stay). */
@Entity({ name: 'alerts' })
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @Column({ type: 'text' })
  kind: AlertKind;

  @Column({ type: 'text', nullable: true })
  metric: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  thresholds: ThresholdJson[];

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A threshold of an alert reached in a billing period: once per (alert, threshold, period start). */
@Entity({ name: 'alert_triggers' })
export class AlertTriggerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @Column({ type: 'numeric', transformer: decimalColumn })
  threshold: Decimal;

  @Column({ name: 'threshold_label', type: 'text', nullable: true })
  thresholdLabel: string | null;

  @Column({ type: 'numeric', transformer: decimalColumn })
  value: Decimal;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd: Date;

  /** When it fired (named for the keyset pagination every connection shares). */
  @Column({ name: 'triggered_at', type: 'timestamptz' })
  createdAt: Date;
}
