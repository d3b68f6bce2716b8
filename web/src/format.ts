export interface Money {
  amount: string;
  currency: string;
}

export const money = (m: Money | null | undefined): string => (m ? `${m.amount} ${m.currency}` : '—');

/** A UTC day of an ISO instant, e.g. 2026-04-01. */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—');

/** An instant to the second in UTC, e.g. 2026-04-01 10:00:07 UTC. */
export const instant = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
    : '—';

/** A half-open period [start, end) shown as its first and last day. */
export function period(start: string, end: string): string {
  const last = new Date(new Date(end).getTime() - 1).toISOString();
  return `${day(start)} – ${day(last)}`;
}
