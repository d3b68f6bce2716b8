import type { ReactNode } from 'react';
import type { EventRowFieldsFragment, UnmatchedReason } from '../generated';

export const PAGE_SIZE = 20;

export const UNMATCHED_REASONS: UnmatchedReason[] = [
  'UNKNOWN_METER',
  'INACTIVE_METER',
  'UNKNOWN_VALUE',
  'VALUE_TYPE_MISMATCH',
  'UNKNOWN_CUSTOMER',
  'UNKNOWN_SUBSCRIPTION',
];

/** Why an event is unmatched, and what makes it match. */
export const REASON_TEXT: Record<UnmatchedReason, string> = {
  UNKNOWN_METER: 'No meter has this reference. Create the meter (or fix the reference), then reprocess the event.',
  INACTIVE_METER: 'The meter is not active. Activate it, then reprocess the event.',
  UNKNOWN_VALUE: 'The event gives a value its meter does not define. Add the value to the meter or send a corrected event.',
  VALUE_TYPE_MISMATCH:
    'A value does not fit its meter: a number for an AMOUNT value, an amount for a NUMBER value, or another currency than the meter’s.',
  UNKNOWN_CUSTOMER:
    'No customer has this reference yet. The event is matched automatically when the customer is created; you can also reprocess it.',
  UNKNOWN_SUBSCRIPTION:
    'The subscription the event names is not known yet, is another customer’s or is a draft. The event is matched automatically when the subscription is activated or changed; you can also reprocess it.',
};

/** An instant to the second, in UTC: 2026-03-10 07:00:00 UTC. */
export function instant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function EventValues({ values }: { values: EventRowFieldsFragment['values'] }) {
  return (
    <>
      {values.map((v) => (
        <div key={v.reference}>
          <code>{v.reference}</code> {v.quantity}
          {v.currency ? ` ${v.currency}` : ''}
        </div>
      ))}
    </>
  );
}

export function EventStatusBadge({ event }: { event: Pick<EventRowFieldsFragment, 'status' | 'unmatchedReason'> }) {
  return (
    <>
      <span className={`badge ${event.status.toLowerCase()}`}>{event.status}</span>
      {event.unmatchedReason && <div className="muted">{event.unmatchedReason}</div>}
    </>
  );
}

/** A link that opens an event's details. */
export function EventLink({ id, navigate, children }: { id: string; navigate: (to: string) => void; children: ReactNode }) {
  return (
    <a
      href={`/events/${id}`}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        navigate(`/events/${id}`);
      }}
    >
      {children}
    </a>
  );
}

/** The headers of EventCells. */
export function EventHeadCells() {
  return (
    <>
      <th>Timestamp</th>
      <th>Reference</th>
      <th>Meter</th>
      <th>Customer</th>
      <th>Values</th>
    </>
  );
}

/** The cells an event's row starts with in every list: timestamp, reference (a link to its details), meter, customer, values. */
export function EventCells({ event, navigate }: { event: EventRowFieldsFragment; navigate: (to: string) => void }) {
  return (
    <>
      <td>{instant(event.timestamp)}</td>
      <td>
        <EventLink id={event.id} navigate={navigate}>
          {event.reference}
        </EventLink>
      </td>
      <td>
        <code>{event.meterReference}</code>
      </td>
      <td>
        <code>{event.customerReference}</code>
      </td>
      <td>
        <EventValues values={event.values} />
      </td>
    </>
  );
}
