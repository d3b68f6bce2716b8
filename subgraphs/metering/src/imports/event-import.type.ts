import { ConnectionType } from '@meterline/kit';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ImportStatus } from './event-import.entity';
import type { ImportFormat } from '@meterline/kit/file-import';

export enum EventImportStatus {
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(EventImportStatus, { name: 'EventImportStatus', description: 'QUEUED → PROCESSING → COMPLETED or FAILED' });

export enum EventImportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
  NDJSON = 'NDJSON',
}
registerEnumType(EventImportFormat, { name: 'EventImportFormat' });

@ObjectType({ description: 'A row of an imported file that did not become an event' })
export class EventImportRejection {
  @Field(() => Int, { description: '1-based data row (a CSV header is not a row; for JSON, the array element)' })
  rowNumber: number;

  @Field(() => String, { nullable: true, description: 'The column (or JSON field) at fault; null when the row itself is unreadable' })
  field: string | null;

  @Field()
  reason: string;
}

export const EventImportRejectionConnection = ConnectionType(EventImportRejection, 'EventImportRejection');

@ObjectType({ description: 'An uploaded file of usage events (POST /v1/imports) and the progress of its processing' })
export class EventImport {
  @Field(() => ID)
  id: string;

  @Field(() => EventImportStatus)
  status: ImportStatus;

  @Field(() => EventImportFormat)
  format: ImportFormat;

  @Field({ description: 'SHA-256 of the file, hex; rows without a reference get `<checksum[0..16]>-<row number>`' })
  checksum: string;

  @Field(() => Float, { description: 'Size of the file in bytes' })
  byteSize: number;

  @Field(() => Int, { description: 'Data rows processed so far (the progress)' })
  rowsRead: number;

  @Field(() => Int)
  accepted: number;

  @Field(() => Int, { description: 'Rows stored as unmatched events (unknown customer or meter, inactive meter…)' })
  unmatched: number;

  @Field(() => Int, { description: 'Rows whose event was already stored with the same content' })
  duplicates: number;

  @Field(() => Int, { description: 'Rows whose reference was already stored with other content (the first one stays)' })
  conflicts: number;

  @Field(() => Int, { description: 'Rows that could not become an event; see rejectedRows' })
  rejected: number;

  @Field({
    description:
      'Historical usage (uploaded with backfill=true): stored and counted in usage and simulations, never billed (nor corrected) — the old system billed it',
  })
  backfill: boolean;

  @Field(() => String, { nullable: true, description: 'Why a FAILED import could not be read' })
  error: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}

export const EventImportConnection = ConnectionType(EventImport, 'EventImport');
