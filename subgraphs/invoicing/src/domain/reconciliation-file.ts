import { Decimal, parseDateTimeInput, parseDecimalInput, refused, type Checked } from '@meterline/kit/domain';
import type { Period } from '@meterline/periods';

/**
 * Which column of the old system's file holds what. A period is either a label column (`2026-03`, `2026-Q1`, `2026`,
 * or a day `2026-03-15`) or a start and an end column (RFC 3339 instants, end exclusive; or dates `2026-03-01` …
 * `2026-03-31`, end inclusive: the whole last day).
 */
export interface ReconciliationMapping {
  customerReference: string;
  item: string;
  amount: string;
  periodLabel?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  currency?: string | null;
}

/** A line of the old system's file, mapped and checked. */
export interface TheirLine {
  rowNumber: number;
  customerReference: string;
  period: Period;
  item: string;
  amount: Decimal;
  currency: string | null;
}

/** A file row that could not be read: its row number (1 = first data row), the mapping field and why. */
export interface RowRejection {
  rowNumber: number;
  field: string;
  message: string;
}

export const MAPPING_FIELDS = ['customerReference', 'item', 'amount', 'periodLabel', 'periodStart', 'periodEnd', 'currency'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

const isMapped = (column: string | null | undefined): column is string => column !== null && column !== undefined;

/** What is wrong with a mapping for a file with these columns (the mapping field and why), or null when it is usable. */
export function mappingProblem(
  mapping: ReconciliationMapping,
  columns: readonly string[],
): { field: MappingField; message: string } | null {
  for (const field of MAPPING_FIELDS) if (mapping[field] === '') return { field, message: `${field}: name a column (or leave it out)` };
  for (const field of ['customerReference', 'item', 'amount'] as const)
    if (!mapping[field]) return { field, message: `${field}: name the column that holds it` };
  const hasLabel = isMapped(mapping.periodLabel);
  const hasRange = isMapped(mapping.periodStart) || isMapped(mapping.periodEnd);
  if (hasLabel && hasRange)
    return { field: 'periodLabel', message: 'periodLabel: map either a period label or a period start and end, not both' };
  if (!hasLabel && !hasRange)
    return { field: 'periodLabel', message: 'periodLabel: map a period label column, or periodStart and periodEnd' };
  if (hasRange && !mapping.periodStart) return { field: 'periodStart', message: 'periodStart: map it with periodEnd' };
  if (hasRange && !mapping.periodEnd) return { field: 'periodEnd', message: 'periodEnd: map it with periodStart' };
  for (const field of MAPPING_FIELDS) {
    const column = mapping[field];
    if (isMapped(column) && !columns.includes(column))
      return {
        field,
        message: `${field}: the file has no column "${column.slice(0, 100)}" (columns: ${columns.join(', ').slice(0, 500)})`,
      };
  }
  return null;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-?[Qq]([1-4])$/;
const YEAR = /^(\d{4})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const utc = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month - 1, day));

function calendarDay(text: string): Date | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number);
  const date = utc(year, month, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1970 ? date : null;
}

const DAY_MS = 86_400_000;

/** A period label: a month `2026-03`, a quarter `2026-Q1`, a year `2026`, or a day `2026-03-15` (UTC). */
export function parsePeriodLabel(text: string): Checked<Period> {
  const label = text.trim();
  const month = MONTH.exec(label);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return { value: { start: utc(y, m), end: utc(y, m + 1) } };
  }
  const quarter = QUARTER.exec(label);
  if (quarter) {
    const [y, q] = [Number(quarter[1]), Number(quarter[2])];
    return { value: { start: utc(y, 3 * q - 2), end: utc(y, 3 * q + 1) } };
  }
  const year = YEAR.exec(label);
  if (year) return { value: { start: utc(Number(year[1]), 1), end: utc(Number(year[1]) + 1, 1) } };
  const day = calendarDay(label);
  if (day) return { value: { start: day, end: new Date(day.getTime() + DAY_MS) } };
  return { reason: `"${label.slice(0, 40)}" is not a period label such as 2026-03, 2026-Q1, 2026 or 2026-03-15` };
}

/** A period bound: an RFC 3339 instant, or a date (a start is that day's beginning, an end — inclusive — the next day's). */
function parseBound(text: string, bound: 'start' | 'end'): Checked<Date> {
  const day = calendarDay(text.trim());
  if (day) return { value: bound === 'start' ? day : new Date(day.getTime() + DAY_MS) };
  const instant = parseDateTimeInput(text.trim());
  return refused(instant) ? { reason: `${instant.reason}, or a date such as 2026-03-01` } : instant;
}

const CURRENCY = /^[A-Za-z]{3}$/;

/** One row of the file as the mapping reads it (`cell` gives a column's text): the line, or why it was rejected. */
export function mapRow(
  rowNumber: number,
  cell: (column: string) => string | undefined,
  mapping: ReconciliationMapping,
): TheirLine | RowRejection {
  const text = (field: MappingField) => {
    const column = mapping[field];
    return column ? (cell(column) ?? '').trim() : '';
  };
  const reject = (field: MappingField, message: string): RowRejection => ({ rowNumber, field, message });
  const customerReference = text('customerReference');
  if (customerReference === '') return reject('customerReference', 'customerReference: empty');
  const item = text('item');
  if (item === '') return reject('item', 'item: empty');
  const amount = parseDecimalInput(text('amount'));
  if (refused(amount)) return reject('amount', `amount: ${amount.reason}`);
  let period: Period;
  if (mapping.periodLabel) {
    const label = parsePeriodLabel(text('periodLabel'));
    if (refused(label)) return reject('periodLabel', `periodLabel: ${label.reason}`);
    period = label.value;
  } else {
    const start = parseBound(text('periodStart'), 'start');
    if (refused(start)) return reject('periodStart', `periodStart: ${start.reason}`);
    const end = parseBound(text('periodEnd'), 'end');
    if (refused(end)) return reject('periodEnd', `periodEnd: ${end.reason}`);
    if (end.value <= start.value) return reject('periodEnd', 'periodEnd: must be after periodStart');
    period = { start: start.value, end: end.value };
  }
  const currency = text('currency');
  if (mapping.currency && !CURRENCY.test(currency))
    return reject('currency', `currency: "${currency.slice(0, 10)}" is not an ISO 4217 code`);
  return { rowNumber, customerReference, period, item, amount: amount.value, currency: mapping.currency ? currency.toUpperCase() : null };
}

export const isRejection = (row: TheirLine | RowRejection): row is RowRejection => 'message' in row;
