import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UnmatchedReason } from '../domain/usage-event';

/** Read side of usage_events (ingestion writes with SQL in bulk). `createdAt` is when the event was received. */
@Entity({ name: 'usage_events' })
export class UsageEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'meter_reference', type: 'text' })
  meterReference: string;

  @Column({ name: 'customer_reference', type: 'text' })
  customerReference: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'timestamptz' })
  timestamp: Date;

  @Column({ type: 'jsonb' })
  values: Record<string, string>;

  @Column({ name: 'value_currencies', type: 'jsonb' })
  valueCurrencies: Record<string, string>;

  @Column({ type: 'jsonb' })
  properties: Record<string, string | number | boolean>;

  @Column({ name: 'meter_id', type: 'uuid', nullable: true })
  meterId: string | null;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId: string | null;

  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId: string | null;

  @Column({ type: 'text' })
  status: 'MATCHED' | 'UNMATCHED';

  @Column({ name: 'unmatched_reason', type: 'text', nullable: true })
  unmatchedReason: UnmatchedReason | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  createdAt: Date;

  /** Historical usage imported as backfill: counted in usage, never billed. */
  @Column({ type: 'boolean' })
  backfill: boolean;
}
