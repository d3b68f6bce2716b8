import { ConnectionType } from '@meterline/kit';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ReportJobStatus as ReportJobStatusName } from '../domain/report-job-status';
import { InvoiceStatus } from './invoice.type';

export enum ReportName {
  INVOICES = 'INVOICES',
  INVOICE_LINES = 'INVOICE_LINES',
  TAX_SUMMARY = 'TAX_SUMMARY',
  CREDIT_NOTES = 'CREDIT_NOTES',
  PAYMENTS = 'PAYMENTS',
  USAGE = 'USAGE',
}
registerEnumType(ReportName, {
  name: 'ReportName',
  description: 'A CSV report, as `GET /v1/reports/<name>` names it (INVOICE_LINES: invoice-lines)',
  valuesConfig: {
    INVOICES: { description: 'Invoice headers: one row per invoice' },
    INVOICE_LINES: { description: 'Invoice lines with product item, metric, quantity, breakdown, stretch and amount' },
    TAX_SUMMARY: { description: 'Sums per currency, tax rate and status, with the credit notes made on them' },
    CREDIT_NOTES: { description: 'Credit notes made in the period' },
    PAYMENTS: { description: 'Payments received and refunds paid back (kind REFUND, negative amounts) in the period' },
    USAGE: { description: 'Usage per customer × metric × billing period' },
  },
});

export enum ReportJobStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(ReportJobStatus, {
  name: 'ReportJobStatus',
  valuesConfig: {
    QUEUED: { description: 'Waiting for the report worker' },
    RUNNING: { description: 'Being written (rowsWritten of rowsExpected); restarted from its first row if its worker dies' },
    SUCCEEDED: { description: 'Written: downloadPath serves the file until expiresAt' },
    FAILED: { description: 'Not written: see error' },
    EXPIRED: { description: 'Its file was deleted after the retention (REPORT_RETENTION_MS): create the report again' },
  },
});

@InputType({ description: 'Which invoices a report covers, as the REST report query parameters do' })
export class ReportFiltersInput {
  @Field(() => Date, { nullable: true, description: 'From this instant (invoice period start; a note’s or payment’s own instant)' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this instant' })
  to?: Date | null;

  @Field(() => [InvoiceStatus], { nullable: true, description: 'Invoice statuses (default: every issued status, no drafts)' })
  statuses?: InvoiceStatus[] | null;

  @Field(() => String, { nullable: true, description: 'A customer’s id or reference' })
  customer?: string | null;

  @Field(() => String, { nullable: true, description: 'A pricing plan’s reference or id' })
  plan?: string | null;
}

@ObjectType({ description: 'The filters a report job was created with, checked (instants in UTC, statuses spelled out)' })
export class ReportFilters {
  @Field(() => Date, { nullable: true })
  from: Date | null;

  @Field(() => Date, { nullable: true })
  to: Date | null;

  @Field(() => [InvoiceStatus])
  statuses: InvoiceStatus[];

  @Field(() => String, { nullable: true })
  customer: string | null;

  @Field(() => String, { nullable: true })
  plan: string | null;
}

@ObjectType({ description: 'A CSV report written in the background (createReport), with its progress, downloaded over REST when done' })
export class ReportJob {
  @Field(() => ID)
  id: string;

  @Field(() => ReportName)
  report: ReportName;

  @Field(() => ReportFilters)
  filters: ReportFilters;

  @Field(() => ReportJobStatus)
  status: ReportJobStatusName;

  @Field(() => Int, { description: 'Rows of the file written so far (all of them once SUCCEEDED; the header row not counted)' })
  rowsWritten: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Rows the file will have, counted when writing starts (null before, and for USAGE, whose rows are not known in advance)',
  })
  rowsExpected: number | null;

  @Field(() => Int, { description: 'Bytes of the file written so far' })
  bytes: number;

  @Field(() => String, { nullable: true, description: 'The file’s name, once writing started' })
  fileName: string | null;

  @Field(() => String, { nullable: true, description: 'Why it FAILED' })
  error: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Once SUCCEEDED: the REST path to GET the CSV from (on the gateway, admin and read keys), until expiresAt',
  })
  downloadPath: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When its current attempt started' })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When its file is deleted (SUCCEEDED)' })
  expiresAt: Date | null;
}

export const ReportJobConnection = ConnectionType(ReportJob, 'ReportJob');
