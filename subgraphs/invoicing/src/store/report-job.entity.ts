import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportJobStatus } from '../domain/report-job-status';

/** Filters of a report job as asked (the REST query's shape), checked again when the job runs. */
export interface ReportJobFiltersJson {
  from: string | null;
  to: string | null;
  status: string[] | null;
  customer: string | null;
  plan: string | null;
}

const bigintNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** A report asked for through GraphQL: written in the background into `report_chunks`, downloaded over REST. */
@Entity({ name: 'report_jobs' })
export class ReportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  report: string;

  @Column({ type: 'jsonb' })
  filters: ReportJobFiltersJson;

  @Column({ type: 'text' })
  status: ReportJobStatus;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ name: 'rows_written', type: 'bigint', transformer: bigintNumber })
  rowsWritten: number;

  @Column({ name: 'rows_expected', type: 'bigint', nullable: true, transformer: bigintNumber })
  rowsExpected: number | null;

  @Column({ type: 'bigint', transformer: bigintNumber })
  bytes: number;

  @Column({ type: 'integer' })
  chunks: number;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
