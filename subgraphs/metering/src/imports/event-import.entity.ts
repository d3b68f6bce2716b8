import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportFormat } from '@meterline/kit/file-import';
import type { ImportMapping } from './import-mapping';

export const ImportStatuses = ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type ImportStatus = (typeof ImportStatuses)[number];

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'event_imports' })
export class EventImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  status: ImportStatus;

  @Column({ type: 'text' })
  format: ImportFormat;

  @Column({ type: 'jsonb' })
  mapping: ImportMapping;

  @Column({ type: 'text' })
  checksum: string;

  @Column({ name: 'byte_size', type: 'bigint', transformer: bigintAsNumber })
  byteSize: number;

  @Column({ name: 'file_path', type: 'text', select: false })
  filePath: string;

  @Column({ name: 'stored_on', type: 'text', select: false })
  storedOn: string;

  @Column({ name: 'rows_read', type: 'integer' })
  rowsRead: number;

  @Column({ type: 'integer' })
  accepted: number;

  @Column({ type: 'integer' })
  unmatched: number;

  @Column({ type: 'integer' })
  duplicates: number;

  @Column({ type: 'integer' })
  conflicts: number;

  @Column({ type: 'integer' })
  rejected: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'boolean' })
  backfill: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

@Entity({ name: 'event_import_rejections' })
export class EventImportRejectionEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId: string;

  @PrimaryColumn({ name: 'row_number', type: 'integer' })
  rowNumber: number;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text', nullable: true })
  field: string | null;

  @Column({ type: 'text' })
  reason: string;
}
