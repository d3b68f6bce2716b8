import { AppError, parseDateTimeInput, parseDecimalInput, refused, type Decimal } from '@meterline/kit/domain';
import { cellTextProblem, type CellReader } from '@meterline/kit/file-import';
import { validateNewCustomer, type ValidDetails } from './customer';

/** What a bulk import brings in (issue 16): customers, or subscriptions of customers that exist. */
export const RecordImportKinds = ['CUSTOMERS', 'SUBSCRIPTIONS'] as const;
export type RecordImportKind = (typeof RecordImportKinds)[number];

/** The fields a row may carry, per kind; `reference` is required in both (an import is idempotent by it). */
export const CUSTOMER_IMPORT_FIELDS = [
  'reference',
  'name',
  'currency',
  'email',
  'country',
  'taxId',
  'taxRate',
  'billingAddress.line1',
  'billingAddress.line2',
  'billingAddress.city',
  'billingAddress.postalCode',
  'billingAddress.state',
  'billingAddress.country',
] as const;

export const SUBSCRIPTION_IMPORT_FIELDS = [
  'reference',
  'customer',
  'planVersion',
  'plan',
  'planVersionNumber',
  'startAt',
  'billingAnchor',
  'endAt',
  'cutoverAt',
  'trialDays',
  'seats',
] as const;

export const importFieldsOf = (kind: RecordImportKind): readonly string[] =>
  kind === 'CUSTOMERS' ? CUSTOMER_IMPORT_FIELDS : SUBSCRIPTION_IMPORT_FIELDS;

/**
 * Field → the file's column (CSV header cell or JSON key). A field the mapping does not name is read from the column
 * of its own name, so a file with Meterline's names needs no mapping at all.
 */
export type RecordMapping = Record<string, string>;

export interface MappingProblem {
  field: string;
  message: string;
}

/** Checks a mapping given by a client; the problem names `mapping.<field>`. */
export function validateRecordMapping(kind: RecordImportKind, input: unknown): { mapping: RecordMapping } | { problem: MappingProblem } {
  if (input === undefined || input === null) return { mapping: {} };
  if (typeof input !== 'object' || Array.isArray(input))
    return { problem: { field: 'mapping', message: 'mapping must be a JSON object of field → column' } };
  const fields = importFieldsOf(kind);
  const mapping: RecordMapping = {};
  for (const [field, column] of Object.entries(input as Record<string, unknown>)) {
    if (!fields.includes(field))
      return {
        problem: { field: `mapping.${field}`, message: `"${field}" is not a field of a ${kind} import; fields: ${fields.join(', ')}` },
      };
    if (typeof column !== 'string' || column.length === 0 || column.length > 200 || column.includes('\u0000'))
      return { problem: { field: `mapping.${field}`, message: 'a column name must be 1-200 characters' } };
    mapping[field] = column;
  }
  return { mapping };
}

/** The column a field is read from. */
export const columnOf = (field: string, mapping: RecordMapping): string => mapping[field] ?? field;

/** The CSV header must hold the required fields' columns (else every row fails the same way). */
export function missingRequiredColumn(kind: RecordImportKind, columns: string[], mapping: RecordMapping): string | null {
  const required = kind === 'CUSTOMERS' ? ['reference', 'name', 'currency'] : ['reference', 'customer'];
  const present = new Set(columns);
  const missing = required.find((field) => !present.has(columnOf(field, mapping)));
  if (missing) return missing;
  if (kind === 'SUBSCRIPTIONS' && !present.has(columnOf('planVersion', mapping)) && !present.has(columnOf('plan', mapping)))
    return 'planVersion';
  return null;
}

/** Why a row is not taken: the field at fault (null: the row as a whole), its column, and the message. */
export interface RowRejection {
  field: string | null;
  column: string | null;
  message: string;
}

export class RowRejected extends Error {
  constructor(readonly rejection: RowRejection) {
    super(rejection.message);
  }
}

/** A cell's value: undefined when absent or empty (an empty CSV cell is "not given"). */
function cell(read: CellReader, mapping: RecordMapping, field: string): unknown {
  const value = read(columnOf(field, mapping));
  return value === undefined || value === null || value === '' ? undefined : value;
}

const reject = (field: string, mapping: RecordMapping, message: string): never => {
  throw new RowRejected({ field, column: columnOf(field, mapping), message });
};

function text(read: CellReader, mapping: RecordMapping, field: string): string | undefined {
  const value = cell(read, mapping, field);
  if (value === undefined) return undefined;
  const problem = cellTextProblem(value);
  if (problem) return reject(field, mapping, problem);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && field !== 'reference') return String(value);
  return reject(field, mapping, `${field} must be text`);
}

function dateTime(read: CellReader, mapping: RecordMapping, field: string): Date | undefined {
  const value = cell(read, mapping, field);
  if (value === undefined) return undefined;
  const checked = parseDateTimeInput(value);
  if (refused(checked)) return reject(field, mapping, `${field}: ${checked.reason}`);
  return checked.value;
}

function wholeNumber(read: CellReader, mapping: RecordMapping, field: string): number | undefined {
  const value = cell(read, mapping, field);
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number)) return reject(field, mapping, `${field} must be a whole number`);
  return number;
}

function decimal(read: CellReader, mapping: RecordMapping, field: string): Decimal | undefined {
  const value = cell(read, mapping, field);
  if (value === undefined) return undefined;
  const checked = parseDecimalInput(typeof value === 'number' ? String(value) : value);
  if (refused(checked)) return reject(field, mapping, `${field}: ${checked.reason}`);
  return checked.value;
}

/** Runs a domain check and turns its BAD_USER_INPUT into a rejection naming the field and its column. */
function asRow<T>(mapping: RecordMapping, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof AppError && error.field) return reject(error.field, mapping, error.message);
    throw error;
  }
}

export type ImportedCustomer = ValidDetails & { reference: string; name: string; currency: string };

/** One row → a valid new customer (createCustomer's rules); throws RowRejected naming the field. */
export function rowToCustomer(read: CellReader, mapping: RecordMapping): ImportedCustomer {
  const address = ['line1', 'line2', 'city', 'postalCode', 'state', 'country'] as const;
  const parts = Object.fromEntries(address.map((part) => [part, text(read, mapping, `billingAddress.${part}`) ?? null]));
  const hasAddress = Object.values(parts).some((v) => v !== null);
  const input = {
    reference: text(read, mapping, 'reference') ?? reject('reference', mapping, 'reference is required'),
    name: text(read, mapping, 'name') ?? reject('name', mapping, 'name is required'),
    currency: text(read, mapping, 'currency') ?? reject('currency', mapping, 'currency is required'),
    email: text(read, mapping, 'email') ?? null,
    country: text(read, mapping, 'country') ?? null,
    taxId: text(read, mapping, 'taxId') ?? null,
    taxRate: decimal(read, mapping, 'taxRate') ?? null,
    billingAddress: hasAddress ? parts : null,
  };
  return asRow(mapping, () => validateNewCustomer(input));
}

/** A subscription row as read (the subscription rules are checked when it is created, against the platform's limits). */
export interface ImportedSubscription {
  reference: string;
  customer: string;
  /** The plan version: its id, or else a plan reference with its version number (default: its latest ACTIVE one). */
  planVersion: string | { plan: string; version: number | null };
  startAt: Date | null;
  billingAnchor: Date | null;
  endAt: Date | null;
  cutoverAt: Date | null;
  trialDays: number | null;
  seats: number | null;
}

/** One row → a subscription to create; throws RowRejected naming the field. */
export function rowToSubscription(read: CellReader, mapping: RecordMapping): ImportedSubscription {
  return {
    reference: text(read, mapping, 'reference') ?? reject('reference', mapping, 'reference is required'),
    customer: text(read, mapping, 'customer') ?? reject('customer', mapping, 'customer (its reference or id) is required'),
    planVersion: planVersionOf(read, mapping),
    startAt: dateTime(read, mapping, 'startAt') ?? null,
    billingAnchor: dateTime(read, mapping, 'billingAnchor') ?? null,
    endAt: dateTime(read, mapping, 'endAt') ?? null,
    cutoverAt: dateTime(read, mapping, 'cutoverAt') ?? null,
    trialDays: wholeNumber(read, mapping, 'trialDays') ?? null,
    seats: wholeNumber(read, mapping, 'seats') ?? null,
  };
}

function planVersionOf(read: CellReader, mapping: RecordMapping): ImportedSubscription['planVersion'] {
  const id = text(read, mapping, 'planVersion');
  if (id !== undefined) return id;
  const plan = text(read, mapping, 'plan');
  if (plan === undefined)
    return reject('planVersion', mapping, 'planVersion (an ACTIVE plan version id), or plan (a plan reference), is required');
  const version = wholeNumber(read, mapping, 'planVersionNumber') ?? null;
  if (version !== null && version < 1) return reject('planVersionNumber', mapping, 'planVersionNumber is a version number, 1 or more');
  return { plan, version };
}

/** Turns a rule broken when the row is applied (e.g. the plan version is unknown) into its rejection. */
export function rejectionOf(error: unknown, mapping: RecordMapping): RowRejection | null {
  if (error instanceof RowRejected) return error.rejection;
  if (error instanceof AppError && error.code !== 'INTERNAL_SERVER_ERROR' && error.code !== 'SERVICE_UNAVAILABLE')
    return { field: error.field ?? null, column: error.field ? columnOf(error.field, mapping) : null, message: error.message };
  return null;
}

/** JSON with keys in order (Postgres jsonb keeps its own key order). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
  );

const same = (a: unknown, b: unknown): boolean => {
  if (a instanceof Date || b instanceof Date) return (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.();
  if (a && typeof a === 'object' && 'equals' in a && b !== null && b !== undefined) return (a as Decimal).equals(b as Decimal);
  return (a ?? null) === (b ?? null);
};

/**
 * The fields in which a row differs from what an earlier import (or the API) created under the same reference, in
 * field order; empty: the row is already applied. A changed row is reported, never applied (see README).
 */
export function differingFields(existing: Record<string, unknown>, incoming: Record<string, unknown>): string[] {
  return Object.keys(incoming).filter((field) => {
    const [a, b] = [existing[field], incoming[field]];
    if (a && b && typeof a === 'object' && typeof b === 'object' && !(a instanceof Date) && !('equals' in a))
      return canonical(a) !== canonical(b);
    return !same(a, b);
  });
}
