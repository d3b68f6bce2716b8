import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Aggregation, MeterStatus, MeterValueDefinition } from '../domain/meter';

@Entity({ name: 'meters' })
export class MeterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  status: MeterStatus;

  @Column({ name: 'previous_status', type: 'text', nullable: true })
  previousStatus: MeterStatus | null;

  @Column({ type: 'jsonb' })
  values: MeterValueDefinition[];

  @Column({ type: 'jsonb' })
  properties: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => MeterMetricEntity, (metric) => metric.meter)
  metrics: MeterMetricEntity[];
}

@Entity({ name: 'meter_metrics' })
export class MeterMetricEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'meter_id', type: 'uuid' })
  meterId: string;

  @ManyToOne(() => MeterEntity, (meter) => meter.metrics)
  @JoinColumn({ name: 'meter_id' })
  meter: MeterEntity;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  aggregation: Aggregation;

  @Column({ name: 'value_reference', type: 'text', nullable: true })
  valueReference: string | null;

  @Column({ type: 'text', nullable: true })
  property: string | null;

  @Column({ type: 'jsonb' })
  filters: Record<string, string[]>;
}
