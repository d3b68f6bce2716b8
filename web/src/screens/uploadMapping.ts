import type { FieldError } from '../errors';

/**
 * The mapping sent with an upload (subgraphs/metering/src/imports/import-mapping.ts): which column (CSV) or field
 * (JSON) holds each part of a usage event. Problems name their field the way the API does (`mapping.customer`).
 */
export interface ImportMapping {
  customer: string;
  meter?: string;
  meterReference?: string;
  reference?: string;
  timestamp?: string;
  subscription?: string;
  values: Array<{ reference: string; column: string; currency?: string }>;
  properties?: Record<string, string>;
}

/** What the mapping form needs of a meter. */
export interface MeterOption {
  reference: string;
  name: string;
  status: string;
  values: Array<{ reference: string; type: 'NUMBER' | 'AMOUNT'; currency: string | null }>;
  properties: string[];
}

/** A value of the chosen meter and its column ('' when not mapped); currency is set for AMOUNT values only. */
export interface ValueDraft {
  reference: string;
  type: 'NUMBER' | 'AMOUNT';
  column: string;
  currency: string;
}

export interface PropertyDraft {
  name: string;
  column: string;
}

/** The mapping form's state: a column name or '' for every field. */
export interface MappingDraft {
  customer: string;
  /** Column holding each row's meter; '' for one meter (meterReference) for every row. */
  meterColumn: string;
  /** The chosen meter: the meter of every row (without a meter column), and whose values are mapped. */
  meterReference: string;
  reference: string;
  timestamp: string;
  /** Column holding the subscription each row's usage belongs to; '' for none (the customer's subscription pricing it). */
  subscription: string;
  values: ValueDraft[];
  properties: PropertyDraft[];
}

/** Lower case, letters and digits only: `Customer_Reference` and `customer.reference` both read `customerreference`. */
const normalized = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const CUSTOMER_NAMES = ['customer', 'customerreference', 'customerref', 'customerid', 'customerkey'];
const METER_NAMES = ['meter', 'meterreference', 'meterref', 'meterid'];
const REFERENCE_NAMES = ['reference', 'eventreference', 'eventref', 'eventid', 'idempotencykey'];
const TIMESTAMP_NAMES = ['timestamp', 'eventtimestamp', 'time', 'eventtime', 'occurredat', 'datetime', 'date', 'ts'];
const SUBSCRIPTION_NAMES = ['subscription', 'subscriptionid'];

/** The first column named like one of `names` (in their order of preference) and not used yet; '' when none. */
function columnNamed(columns: string[], names: string[], used: Set<string>): string {
  for (const name of names) {
    const column = columns.find((c) => !used.has(c) && normalized(c) === name);
    if (column) return column;
  }
  return '';
}

/** The column of a meter value: named like its reference, or ending in it (`values.tokens`). */
function valueColumn(reference: string, columns: string[], used: Set<string>): string {
  const name = normalized(reference);
  const free = columns.filter((c) => !used.has(c));
  return free.find((c) => normalized(c) === name) ?? free.find((c) => normalized(c.split('.').at(-1) ?? '') === name) ?? '';
}

/** The chosen meter's values, each with the column named like it (when there is one not used yet). */
export function valueDrafts(meter: MeterOption | undefined, columns: string[], used: Set<string> = new Set()): ValueDraft[] {
  const taken = new Set(used);
  return (meter?.values ?? []).map((value) => {
    const column = valueColumn(value.reference, columns, taken);
    if (column) taken.add(column);
    return { reference: value.reference, type: value.type, column, currency: value.type === 'AMOUNT' ? (value.currency ?? '') : '' };
  });
}

/** Properties found in the file: `properties.<name>` fields, and columns named like a property the meter knows. */
export function propertyDrafts(meter: MeterOption | undefined, columns: string[], used: Set<string>): PropertyDraft[] {
  const drafts: PropertyDraft[] = [];
  const add = (name: string, column: string) => {
    if (used.has(column) || drafts.some((d) => d.name === name || d.column === column)) return;
    drafts.push({ name, column });
  };
  for (const column of columns) {
    const name = /^properties\.(.+)$/.exec(column)?.[1];
    if (name) add(name, column);
  }
  for (const property of meter?.properties ?? []) {
    const column = columns.find((c) => normalized(c) === normalized(property));
    if (column) add(property, column);
  }
  return drafts;
}

/**
 * The meter the file is most likely about: the one with the most values named by a column (an active one on a tie),
 * or the only meter there is; '' when nothing tells.
 */
export function inferMeter(meters: MeterOption[], columns: string[]): string {
  const matches = (meter: MeterOption) => valueDrafts(meter, columns).filter((v) => v.column).length;
  let best: MeterOption | undefined;
  let bestScore = 0;
  for (const meter of meters) {
    const score = matches(meter);
    if (score > bestScore || (score === bestScore && score > 0 && best?.status !== 'ACTIVE' && meter.status === 'ACTIVE')) {
      best = meter;
      bestScore = score;
    }
  }
  if (best) return best.reference;
  return meters.length === 1 ? meters[0].reference : '';
}

/** A mapping pre-filled by matching the file's column names with the event's fields and the meters' values. */
export function inferMapping(columns: string[], meters: MeterOption[]): MappingDraft {
  const used = new Set<string>();
  const pick = (names: string[]) => {
    const column = columnNamed(columns, names, used);
    if (column) used.add(column);
    return column;
  };
  const customer = pick(CUSTOMER_NAMES);
  const meterColumn = pick(METER_NAMES);
  const reference = pick(REFERENCE_NAMES);
  const timestamp = pick(TIMESTAMP_NAMES);
  const subscription = pick(SUBSCRIPTION_NAMES);
  const meterReference = inferMeter(
    meters,
    columns.filter((c) => !used.has(c)),
  );
  const meter = meters.find((m) => m.reference === meterReference);
  const values = valueDrafts(meter, columns, used);
  values.forEach((v) => v.column && used.add(v.column));
  return {
    customer,
    meterColumn,
    meterReference,
    reference,
    timestamp,
    subscription,
    values,
    properties: propertyDrafts(meter, columns, used),
  };
}

const CURRENCY = /^[A-Z]{3}$/;

/**
 * The mapping to send, and the problems the API would refuse it for (each naming its field as the API does). The
 * mapping is built even when there are problems, to show what would be sent.
 */
export function buildMapping(draft: MappingDraft): { mapping: ImportMapping; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (!draft.customer) problem('mapping.customer', 'mapping.customer is required: choose the column that holds the customer reference');
  const mapping: ImportMapping = { customer: draft.customer, values: [] };
  if (draft.meterColumn) mapping.meter = draft.meterColumn;
  else if (draft.meterReference) mapping.meterReference = draft.meterReference;
  else problem('mapping.meter', 'choose one meter for every row, or the column that holds each row’s meter reference');
  if (draft.reference) mapping.reference = draft.reference;
  if (draft.timestamp) mapping.timestamp = draft.timestamp;
  if (draft.subscription) mapping.subscription = draft.subscription;

  for (const value of draft.values.filter((v) => v.column)) {
    const field = `mapping.values[${mapping.values.length}]`;
    if (value.type === 'AMOUNT') {
      const currency = value.currency.trim().toUpperCase();
      if (!CURRENCY.test(currency)) problem(`${field}.currency`, `${field}.currency must be an ISO 4217 currency code, e.g. "EUR"`);
      mapping.values.push({ reference: value.reference, column: value.column, currency });
    } else mapping.values.push({ reference: value.reference, column: value.column });
  }
  if (mapping.values.length === 0) {
    problem(
      'mapping.values',
      draft.meterReference ? 'map at least one value of the meter to a column' : 'choose the meter whose values the rows carry',
    );
  }

  const properties: Record<string, string> = {};
  for (const { name: rawName, column } of draft.properties) {
    const name = rawName.trim();
    if (!name && !column) continue;
    if (!name) problem('mapping.properties', 'a property name must not be empty');
    else if (Object.hasOwn(properties, name)) problem(`mapping.properties.${name}`, `property "${name}" is mapped twice`);
    else if (!column) problem(`mapping.properties.${name}`, `mapping.properties.${name} is required: choose its column`);
    else properties[name] = column;
  }
  if (Object.keys(properties).length > 0) mapping.properties = properties;
  return { mapping, problems };
}
