import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, type Decimal } from '@meterline/kit';
import type { ReconciliationMapping, RowRejection } from '../domain/reconciliation-file';
import type { ItemAliases, ReconciliationOutcome } from '../domain/reconciliation';

export type ReconciliationStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** An uploaded file of the old system's invoice lines (CSV), kept to run comparisons with different mappings. */
@Entity({ name: 'reconciliation_files' })
export class ReconciliationFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  columns: string[];

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @Column({ type: 'text', select: false })
  content: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One comparison of a file with Meterline's invoices: queued, run by the reconciliation job, its lines stored. */
@Entity({ name: 'reconciliation_runs' })
export class ReconciliationRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ type: 'jsonb' })
  mapping: ReconciliationMapping;

  @Column({ name: 'item_aliases', type: 'jsonb' })
  itemAliases: ItemAliases;

  @Column({ type: 'text' })
  status: ReconciliationStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The first rejected rows (at most REJECTIONS_KEPT); `rejectedRows` counts them all. */
  @Column({ type: 'jsonb' })
  rejections: RowRejection[];

  @Column({ name: 'rejected_rows', type: 'integer' })
  rejectedRows: number;

  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart: Date | null;

  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** One (customer, period, item) of a run, compared. */
@Entity({ name: 'reconciliation_lines' })
export class ReconciliationLineEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'customer_reference', type: 'text' })
  customerReference: string;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId: string | null;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd: Date;

  @Column({ type: 'text' })
  item: string;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: decimalColumn })
  theirs: Decimal | null;

  @Column({ type: 'numeric', nullable: true, transformer: decimalColumn })
  ours: Decimal | null;

  @Column({ type: 'numeric', transformer: decimalColumn })
  delta: Decimal;

  @Column({ type: 'text' })
  outcome: ReconciliationOutcome;

  @Column({ name: 'invoice_ids', type: 'uuid', array: true })
  invoiceIds: string[];

  @Column({ name: 'line_ids', type: 'jsonb' })
  lineIds: string[];

  @Column({ name: 'row_numbers', type: 'integer', array: true })
  rowNumbers: number[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'boolean' })
  reviewed: boolean;
}
