import { Column, Entity, OneToMany, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { MeterStatus, MeterValueDefinition, Aggregation } from '../domain/meter';

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

  @Column({ type: 'jsonb' })
  values: MeterValueDefinition[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => MeterMetricEntity, (metric) => metric.meter, { cascade: ['insert'] })
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

  @Column({ name: 'value_reference', type: 'text' })
  valueReference: string;
}
