import { ConnectionType } from '@meterline/kit';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { RecordImportKind } from '../domain/record-import';
import type { RecordImportStatus as StatusName } from '../store/record-import.repository';

export enum RecordImportStatus {
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(RecordImportStatus, { name: 'RecordImportStatus', description: 'QUEUED → PROCESSING → COMPLETED or FAILED' });

export enum RecordImportKindEnum {
  CUSTOMERS = 'CUSTOMERS',
  SUBSCRIPTIONS = 'SUBSCRIPTIONS',
}
registerEnumType(RecordImportKindEnum, { name: 'RecordImportKind' });

export enum RecordImportRowOutcome {
  REJECTED = 'REJECTED',
  CONFLICT = 'CONFLICT',
}
registerEnumType(RecordImportRowOutcome, {
  name: 'RecordImportRowOutcome',
  description: 'REJECTED: the row is not valid. CONFLICT: its reference exists with other values (the row is not applied)',
});

@ObjectType({ description: 'A row of an imported file that was not applied, with why' })
export class RecordImportReportedRow {
  @Field(() => Int, { description: '1-based data row (a CSV header is not a row; for JSON, the array element)' })
  rowNumber: number;

  @Field(() => RecordImportRowOutcome)
  outcome: 'REJECTED' | 'CONFLICT';

  @Field(() => String, { nullable: true, description: 'The row’s reference, when it has a readable one' })
  reference: string | null;

  @Field(() => String, { nullable: true, description: 'The import field at fault (e.g. email, cutoverAt); null: the row as a whole' })
  field: string | null;

  @Field(() => String, { nullable: true, description: 'The file’s column (or JSON key) that field is read from' })
  column: string | null;

  @Field()
  message: string;
}

export const RecordImportReportedRowConnection = ConnectionType(RecordImportReportedRow, 'RecordImportReportedRow');

@ObjectType({
  description: 'A bulk import of customers (POST /v1/customer-imports) or subscriptions (POST /v1/subscription-imports)',
})
export class RecordImport {
  @Field(() => ID)
  id: string;

  @Field(() => RecordImportKindEnum)
  kind: RecordImportKind;

  @Field(() => RecordImportStatus)
  status: StatusName;

  @Field({ description: 'SHA-256 of the file, hex' })
  checksum: string;

  @Field(() => Float, { description: 'Size of the file in bytes' })
  byteSize: number;

  @Field(() => Int, { description: 'Data rows processed so far (the checkpoint a resumed import continues after)' })
  rowsRead: number;

  @Field(() => Int, { description: 'Rows that created a customer or subscription' })
  created: number;

  @Field(() => Int, { description: 'Rows whose reference already exists with the same values (nothing new: a re-import)' })
  unchanged: number;

  @Field(() => Int, { description: 'Rows whose reference exists with other values: reported in reportedRows, not applied' })
  conflicts: number;

  @Field(() => Int, { description: 'Rows that are not valid: see reportedRows' })
  rejected: number;

  @Field(() => String, { nullable: true, description: 'Why a FAILED import could not be read' })
  error: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}
