import { checkString, isCurrencyCode, refused } from '@meterline/kit/domain';
import { cellTextProblem, type CellReader } from '@meterline/kit/file-import';
import type { RawUsageEvent } from '../domain/usage-event';

/** How the columns (CSV) or fields (JSON, NDJSON) of an uploaded file become usage events. */
export interface ImportMapping {
  /** Column holding the customer reference. */
  customer: string;
  /** Column holding the meter reference; or `meterReference`, one meter for every row. */
  meter?: string;
  meterReference?: string;
  /** Column holding the event reference; rows without one get `<checksum[0..16]>-<row number>`. */
  reference?: string;
  /** Column holding the RFC 3339 timestamp; rows without one are stamped with the time they are ingested. */
  timestamp?: string;
  /** Column holding the id of the subscription the usage belongs to; rows without one name none. */
  subscription?: string;
  values: ImportValueMapping[];
  /** Property name → column. */
  properties?: Record<string, string>;
}

export interface ImportValueMapping {
  /** The meter value's reference. */
  reference: string;
  column: string;
  /** Makes it an AMOUNT value in this currency; a NUMBER value otherwise. */
  currency?: string;
}

export interface MappingProblem {
  field: string;
  message: string;
}

const KNOWN_KEYS = new Set(['customer', 'meter', 'meterReference', 'reference', 'timestamp', 'subscription', 'values', 'properties']);
const MAX_NAME = 255;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function columnProblem(value: unknown, field: string, required: boolean): MappingProblem | null {
  if (value === undefined || value === null) return required ? { field, message: `${field} is required` } : null;
  if (typeof value !== 'string' || value === '') return { field, message: `${field} must be a non-empty column name` };
  // Matched exactly against the file's columns: spaces around a name or control characters are refused, never trimmed.
  const checked = checkString(value, 'name', MAX_NAME);
  if (refused(checked)) return { field, message: `${field} ${checked.reason}` };
  return null;
}

/** Checks a mapping as the client sent it (parsed JSON); the first problem names its field (`mapping.values[0].column`). */
export function validateImportMapping(input: unknown): { mapping: ImportMapping } | { problem: MappingProblem } {
  const fail = (field: string, message: string) => ({ problem: { field, message } });
  if (!isObject(input)) return fail('mapping', 'mapping must be a JSON object');
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) return fail(`mapping.${key}`, `mapping.${key} is not a mapping field (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
  for (const [key, required] of [
    ['customer', true],
    ['meter', false],
    ['reference', false],
    ['timestamp', false],
    ['subscription', false],
  ] as const) {
    const problem = columnProblem(input[key], `mapping.${key}`, required);
    if (problem) return { problem };
  }
  const hasMeter = input.meter !== undefined && input.meter !== null;
  const hasFixedMeter = input.meterReference !== undefined && input.meterReference !== null;
  if (hasMeter === hasFixedMeter) {
    return fail('mapping.meter', 'give exactly one of mapping.meter (a column) and mapping.meterReference (one meter for every row)');
  }
  if (hasFixedMeter) {
    const problem = columnProblem(input.meterReference, 'mapping.meterReference', true);
    if (problem) return { problem: { ...problem, message: problem.message.replace('column name', 'meter reference') } };
  }

  if (!Array.isArray(input.values) || input.values.length === 0) {
    return fail('mapping.values', 'mapping.values must be a non-empty list of { reference, column, currency? }');
  }
  const values: ImportValueMapping[] = [];
  const seen = new Set<string>();
  for (const [i, item] of (input.values as unknown[]).entries()) {
    const field = `mapping.values[${i}]`;
    if (!isObject(item)) return fail(field, `${field} must be an object { reference, column, currency? }`);
    for (const key of Object.keys(item)) {
      if (!['reference', 'column', 'currency'].includes(key))
        return fail(`${field}.${key}`, `${field}.${key} is not a value mapping field`);
    }
    const reference = columnProblem(item.reference, `${field}.reference`, true);
    if (reference) return { problem: { ...reference, message: reference.message.replace('column name', "meter value's reference") } };
    const column = columnProblem(item.column, `${field}.column`, true);
    if (column) return { problem: column };
    const ref = item.reference as string;
    if (seen.has(ref)) return fail(`${field}.reference`, `value "${ref}" is mapped twice`);
    seen.add(ref);
    const value: ImportValueMapping = { reference: ref, column: item.column as string };
    if (item.currency !== undefined && item.currency !== null) {
      if (typeof item.currency !== 'string' || !isCurrencyCode(item.currency)) {
        return fail(`${field}.currency`, `${field}.currency must be an ISO 4217 currency code, e.g. "EUR"`);
      }
      value.currency = item.currency;
    }
    values.push(value);
  }

  let properties: Record<string, string> | undefined;
  if (input.properties !== undefined && input.properties !== null) {
    if (!isObject(input.properties)) return fail('mapping.properties', 'mapping.properties must be an object of property → column');
    properties = {};
    for (const [name, column] of Object.entries(input.properties)) {
      const field = `mapping.properties.${name}`;
      if (name === '') return fail('mapping.properties', 'a property name must not be empty');
      const named = checkString(name, 'name', MAX_NAME);
      if (refused(named)) return fail('mapping.properties', `property name ${JSON.stringify(name)} ${named.reason}`);
      const problem = columnProblem(column, field, true);
      if (problem) return { problem };
      properties[name] = column as string;
    }
  }

  // Stored and matched exactly as given (checked above): nothing is trimmed.
  const mapping: ImportMapping = { customer: input.customer as string, values };
  if (hasMeter) mapping.meter = input.meter as string;
  else mapping.meterReference = input.meterReference as string;
  if (typeof input.reference === 'string') mapping.reference = input.reference;
  if (typeof input.timestamp === 'string') mapping.timestamp = input.timestamp;
  if (typeof input.subscription === 'string') mapping.subscription = input.subscription;
  if (properties) mapping.properties = properties;
  return { mapping };
}

/** Every column the mapping reads, with the mapping field that names it (for a CSV header check). */
export function mappedColumns(mapping: ImportMapping): Array<{ column: string; field: string }> {
  const columns = [{ column: mapping.customer, field: 'mapping.customer' }];
  if (mapping.meter) columns.push({ column: mapping.meter, field: 'mapping.meter' });
  if (mapping.reference) columns.push({ column: mapping.reference, field: 'mapping.reference' });
  if (mapping.timestamp) columns.push({ column: mapping.timestamp, field: 'mapping.timestamp' });
  if (mapping.subscription) columns.push({ column: mapping.subscription, field: 'mapping.subscription' });
  mapping.values.forEach((v, i) => columns.push({ column: v.column, field: `mapping.values[${i}].column` }));
  for (const [name, column] of Object.entries(mapping.properties ?? {})) columns.push({ column, field: `mapping.properties.${name}` });
  return columns;
}

export interface RowRejection {
  /** The file's column (or field) at fault; null when the row as a whole is unreadable. */
  field: string | null;
  reason: string;
}

/** The reference of a file row that has none: the same file gives the same references, so a re-upload is idempotent. */
export function fileRowReference(checksum: string, rowNumber: number): string {
  return `${checksum.slice(0, 16)}-${rowNumber}`;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Maps one file row to a raw usage event in the pipeline's shape. Only what the pipeline cannot know is checked here
 * (a mapped column absent from the row); the pipeline validates the rest and names the field.
 */
export function rowToUsageEvent(
  read: CellReader,
  mapping: ImportMapping,
  checksum: string,
  rowNumber: number,
): { event: RawUsageEvent } | { rejected: RowRejection } {
  for (const { column } of mappedColumns(mapping)) {
    const problem = cellTextProblem(read(column));
    if (problem) return { rejected: { field: column, reason: problem } };
  }
  const missing = (column: string): { rejected: RowRejection } => ({
    rejected: { field: column, reason: `the row has no column "${column}"` },
  });
  const customer = read(mapping.customer);
  if (customer === undefined) return missing(mapping.customer);
  let meterReference: unknown = mapping.meterReference;
  if (mapping.meter) {
    meterReference = read(mapping.meter);
    if (meterReference === undefined) return missing(mapping.meter);
  }
  // Every cell goes through as it is in the file: nothing is trimmed (a reference with spaces around it is refused
  // naming its column, never stored other than it was given).
  const meterValues: unknown[] = [];
  for (const value of mapping.values) {
    const cell = read(value.column);
    if (cell === undefined) return missing(value.column);
    meterValues.push(
      value.currency
        ? { reference: value.reference, amount: { currency: value.currency, quantity: cell } }
        : { reference: value.reference, number: cell },
    );
  }
  const reference = mapping.reference ? read(mapping.reference) : undefined;
  const timestamp = mapping.timestamp ? read(mapping.timestamp) : undefined;
  const subscription = mapping.subscription ? read(mapping.subscription) : undefined;
  const properties: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(mapping.properties ?? {})) {
    const cell = read(column);
    if (present(cell)) properties[name] = cell;
  }
  return {
    event: {
      meterReference: meterReference,
      customerReference: customer,
      reference: present(reference) ? reference : fileRowReference(checksum, rowNumber),
      timestamp: present(timestamp) ? timestamp : undefined,
      meterValues,
      properties,
      subscriptionId: present(subscription) ? subscription : undefined,
    },
  };
}

/**
 * The pipeline names fields by their event wire names (`meter_values[0].number`); a file's user knows its columns.
 * Returns the column behind a pipeline field, or the field itself when no column is behind it.
 */
export function columnOfEventField(field: string | null, mapping: ImportMapping): string | null {
  if (field === null) return null;
  if (field === 'customer_reference') return mapping.customer;
  if (field === 'meter_reference') return mapping.meter ?? 'mapping.meterReference';
  if (field === 'reference' && mapping.reference) return mapping.reference;
  if (field === 'timestamp' && mapping.timestamp) return mapping.timestamp;
  if (field === 'subscription_id' && mapping.subscription) return mapping.subscription;
  const value = /^meter_values\[(\d+)\]/.exec(field);
  if (value) return mapping.values[Number(value[1])]?.column ?? field;
  const property = /^properties\.(.+)$/.exec(field);
  if (property) return mapping.properties?.[property[1]] ?? field;
  return field;
}
