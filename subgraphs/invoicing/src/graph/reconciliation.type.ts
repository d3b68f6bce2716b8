import { ConnectionType, DecimalScalar, PageArgs, type Decimal } from '@meterline/kit';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ReconciliationOutcome as OutcomeName } from '../domain/reconciliation';
import type { ReconciliationStatus as StatusName } from '../store/reconciliation.entity';
import { Customer } from './refs/customer.type';

export enum ReconciliationOutcome {
  MATCHED = 'MATCHED',
  DIFFERS = 'DIFFERS',
  MISSING_IN_METERLINE = 'MISSING_IN_METERLINE',
  MISSING_IN_FILE = 'MISSING_IN_FILE',
}
registerEnumType(ReconciliationOutcome, {
  name: 'ReconciliationOutcome',
  valuesConfig: {
    MATCHED: { description: 'Same amount on both sides (or zero on the one side that has it)' },
    DIFFERS: { description: 'On both sides with another amount (delta = ours − theirs), or in another currency' },
    MISSING_IN_METERLINE: { description: 'In the file only: no Meterline invoice line of this item for this customer and period' },
    MISSING_IN_FILE: { description: 'On a Meterline invoice of the file’s periods only' },
  },
});

export enum ReconciliationStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(ReconciliationStatus, { name: 'ReconciliationStatus' });

@ObjectType({ description: 'Which column of the file holds what' })
export class ReconciliationMappingView {
  @Field()
  customerReference: string;

  @Field()
  item: string;

  @Field()
  amount: string;

  @Field(() => String, { nullable: true })
  periodLabel: string | null;

  @Field(() => String, { nullable: true })
  periodStart: string | null;

  @Field(() => String, { nullable: true })
  periodEnd: string | null;

  @Field(() => String, { nullable: true })
  currency: string | null;
}

@InputType({
  description:
    'Columns of the file: customerReference, item and amount, and either periodLabel (2026-03, 2026-Q1, 2026, 2026-03-15) or periodStart and periodEnd (RFC 3339 instants, end exclusive; or dates, end inclusive); currency optional',
})
export class ReconciliationMappingInput {
  @Field()
  customerReference: string;

  @Field()
  item: string;

  @Field()
  amount: string;

  @Field(() => String, { nullable: true })
  periodLabel?: string | null;

  @Field(() => String, { nullable: true })
  periodStart?: string | null;

  @Field(() => String, { nullable: true })
  periodEnd?: string | null;

  @Field(() => String, { nullable: true })
  currency?: string | null;
}

@ObjectType({ description: 'An item name of the old system and the Meterline item (or line description) it means' })
export class ReconciliationItemAlias {
  @Field()
  theirs: string;

  @Field()
  ours: string;
}

@InputType()
export class ReconciliationItemAliasInput {
  @Field()
  theirs: string;

  @Field()
  ours: string;
}

@InputType()
export class StartReconciliationInput {
  @Field(() => ID, { description: 'The file uploaded with POST /v1/reconciliation-files' })
  fileId: string;

  @Field(() => ReconciliationMappingInput)
  mapping: ReconciliationMappingInput;

  @Field(() => [ReconciliationItemAliasInput], { nullable: true })
  itemAliases?: ReconciliationItemAliasInput[] | null;
}

@ObjectType({ description: 'A file row the mapping could not read' })
export class ReconciliationRejection {
  @Field(() => Int, { description: '1 = the first row after the header' })
  rowNumber: number;

  @Field({ description: 'The mapping field whose column was wrong' })
  field: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'An uploaded file of the old system’s invoice lines' })
export class ReconciliationFile {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [String])
  columns: string[];

  @Field(() => Int)
  rowCount: number;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'How many compared lines have each outcome' })
export class ReconciliationCounts {
  @Field(() => Int)
  matched: number;

  @Field(() => Int)
  differs: number;

  @Field(() => Int)
  missingInMeterline: number;

  @Field(() => Int)
  missingInFile: number;

  @Field(() => Int)
  total: number;
}

@ObjectType({ description: 'One customer’s lines added up on each side' })
export class ReconciliationCustomerTotal {
  @Field()
  customerReference: string;

  @Field(() => Customer, { nullable: true })
  customer: Customer | null;

  @Field(() => DecimalScalar, { description: 'Sum of the file’s amounts' })
  theirs: Decimal;

  @Field(() => DecimalScalar, { description: 'Sum of Meterline’s amounts' })
  ours: Decimal;

  @Field(() => DecimalScalar, { description: 'ours − theirs' })
  delta: Decimal;

  @Field(() => Int, { description: 'Lines not MATCHED and not reviewed yet' })
  open: number;

  @Field(() => Int)
  lines: number;
}

@ObjectType({ description: 'One (customer, period, item) compared between the file and Meterline' })
export class ReconciliationLine {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Place in the result order (customer reference, period, item)' })
  position: number;

  @Field()
  customerReference: string;

  @Field(() => Customer, { nullable: true, description: 'The Meterline customer of that reference, if any' })
  customer: Customer | null;

  @Field({ description: 'The Meterline invoice period (or the file’s period when Meterline has none)' })
  periodStart: Date;

  @Field()
  periodEnd: Date;

  @Field({ description: 'Meterline’s item name, or the file’s item when Meterline has none' })
  item: string;

  @Field(() => String, { nullable: true })
  currency: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The file’s amount (summed over its rows of this item)' })
  theirs: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Meterline’s amount (summed over its lines of this item)' })
  ours: Decimal | null;

  @Field(() => DecimalScalar, { description: 'ours − theirs, a missing side counting as zero' })
  delta: Decimal;

  @Field(() => ReconciliationOutcome)
  outcome: OutcomeName;

  @Field(() => [ID], { description: 'The Meterline invoices of the line' })
  invoiceIds: string[];

  @Field(() => [ID], { description: 'The Meterline invoice lines summed' })
  invoiceLineIds: string[];

  @Field(() => [Int], { description: 'The file rows summed' })
  rowNumbers: number[];

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field({ description: 'Marked as looked at by someone (markReconciliationLinesReviewed)' })
  reviewed: boolean;
}

export const ReconciliationLineConnection = ConnectionType(ReconciliationLine, 'ReconciliationLine');

@ArgsType()
export class ReconciliationLineArgs extends PageArgs {
  @Field(() => ReconciliationOutcome, { nullable: true })
  outcome?: OutcomeName | null;

  @Field(() => String, { nullable: true, description: 'Customer reference (as in the file)' })
  customer?: string | null;
}

@ObjectType({ description: 'A comparison of an uploaded file with Meterline’s invoices and drafts of the same periods' })
export class Reconciliation {
  @Field(() => ID)
  id: string;

  @Field(() => ReconciliationStatus)
  status: StatusName;

  @Field(() => String, { nullable: true, description: 'Why it FAILED' })
  error: string | null;

  @Field(() => ReconciliationFile)
  file: ReconciliationFile;

  @Field(() => ReconciliationMappingView)
  mapping: ReconciliationMappingView;

  @Field(() => [ReconciliationItemAlias])
  itemAliases: ReconciliationItemAlias[];

  @Field(() => Date, { nullable: true, description: 'Earliest period start in the file' })
  periodStart: Date | null;

  @Field(() => Date, { nullable: true, description: 'Latest period end in the file' })
  periodEnd: Date | null;

  @Field(() => Int, { description: 'Rows the mapping could not read (not compared)' })
  rejectedRows: number;

  @Field(() => [ReconciliationRejection], { description: 'The first 1,000 of them' })
  rejections: ReconciliationRejection[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;
}

export const ReconciliationConnection = ConnectionType(Reconciliation, 'Reconciliation');

@InputType()
export class MarkReconciliationLinesReviewedInput {
  @Field(() => ID)
  reconciliationId: string;

  @Field(() => [ID])
  lineIds: string[];

  @Field({ defaultValue: true })
  reviewed: boolean;
}
