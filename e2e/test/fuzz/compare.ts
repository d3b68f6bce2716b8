import type { Meaning } from './wrong-values';

/**
 * "Reads back the same": what equality means per kind of value. A date-time is the same instant (the output is UTC);
 * one that names no real instant (Feb 30, 24:00, month 13) never reads back the same, since whatever was stored is
 * another day. A decimal is the same number (1.50 = 1.5). A JSON object is the same structure. Everything else is
 * compared exactly: a reference stored trimmed is a different reference.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The instant an RFC 3339 date-time with offset names, or undefined when it names none (or is not RFC 3339). */
export function strictInstant(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[9]) {
    const [h, min] = [Number(m[10]), Number(m[11])];
    if (h > 23 || min > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (h * 60 + min);
  }
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return utc.getTime() - offset * 60_000;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal text as sign, digits without leading/trailing zeros and exponent, or undefined when it is no decimal. */
export function canonicalDecimal(text: string): string | undefined {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const digits = `${m[2]}${m[3] ?? ''}`;
  let exponent = BigInt(m[4] ?? 0) - BigInt((m[3] ?? '').length);
  let trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return '0';
  while (trimmed.endsWith('0')) {
    trimmed = trimmed.slice(0, -1);
    exponent += 1n;
  }
  return `${m[1] === '-' ? '-' : ''}${trimmed}e${exponent}`;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether `read` (as the API answers it) is the value `sent`, for a field of this meaning. */
export function readsBackSame(meaning: Meaning | undefined, sent: unknown, read: unknown): boolean {
  if (sent === read) return true;
  if (meaning === 'DateTime' && typeof sent === 'string' && typeof read === 'string') {
    const instant = strictInstant(sent);
    return instant !== undefined && instant === Date.parse(read);
  }
  if (meaning === 'Decimal' && typeof sent === 'string' && typeof read === 'string') {
    const a = canonicalDecimal(sent.trim()); // the same number, whatever the spaces around it
    return a !== undefined && a === canonicalDecimal(read);
  }
  if (meaning === 'JSONObject') return stable(sent) === stable(read);
  return sent === read;
}
