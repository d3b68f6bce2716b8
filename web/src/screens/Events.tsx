import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { LoadMore } from '../LoadMore';
import { EventDetail } from './EventDetail';
import { EventEntry } from './EventEntry';
import { EventCells, EventHeadCells, EventStatusBadge, PAGE_SIZE } from './EventParts';
import { EventsTabs } from './EventsTabs';
import { EventUnmatched } from './EventUnmatched';
import { EventListDocument, type EventStatus, type UsageEventFilter } from '../generated';

type Navigate = (to: string) => void;

/** Events: /events (list), /events/unmatched, /events/new (manual entry), /events/:id (details). */
export function EventsSection({ path, navigate }: { path: string; navigate: Navigate }) {
  const eventId = /^\/events\/([^/]+)$/.exec(path)?.[1];
  return (
    <section>
      <EventsTabs path={path} navigate={navigate} />
      {path === '/events/unmatched' ? (
        <EventUnmatched navigate={navigate} />
      ) : path === '/events/new' ? (
        <EventEntry navigate={navigate} />
      ) : eventId ? (
        <EventDetail key={eventId} id={decodeURIComponent(eventId)} navigate={navigate} />
      ) : (
        <EventList navigate={navigate} />
      )}
    </section>
  );
}

interface Filters {
  status: EventStatus | '';
  customerReference: string;
  meterReference: string;
  reference: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { status: '', customerReference: '', meterReference: '', reference: '', from: '', to: '' };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The API filter of the form: blank fields left out, `from` a UTC day's start, `to` the end of its (inclusive) day. */
function usageEventFilter(filters: Filters): UsageEventFilter {
  const filter: UsageEventFilter = {};
  if (filters.status) filter.status = filters.status;
  for (const key of ['customerReference', 'meterReference', 'reference'] as const) {
    const value = filters[key].trim();
    if (value) filter[key] = value;
  }
  if (filters.from) filter.from = `${filters.from}T00:00:00Z`;
  if (filters.to) filter.to = new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS).toISOString();
  return filter;
}

function EventList({ navigate }: { navigate: Navigate }) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { data, loading, error, fetchMore } = useQuery(EventListDocument, {
    variables: { first: PAGE_SIZE, filter: usageEventFilter(filters) },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const events = data?.usageEvents.edges.map((e) => e.node) ?? [];
  const filtered = Object.values(filters).some(Boolean);
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  return (
    <>
      <div className="screen-head">
        <h2>Usage events</h2>
        {data && <span className="muted">{data.usageEvents.totalCount} events</span>}
      </div>
      <form className="card form" onSubmit={apply} aria-label="Filter events">
        <div className="row">
          <label>
            Status
            <select value={draft.status} onChange={(e) => set({ status: e.target.value as Filters['status'] })}>
              <option value="">All</option>
              <option value="MATCHED">MATCHED</option>
              <option value="UNMATCHED">UNMATCHED</option>
            </select>
          </label>
          <label>
            Customer reference
            <input value={draft.customerReference} onChange={(e) => set({ customerReference: e.target.value })} />
          </label>
          <label>
            Meter reference
            <input value={draft.meterReference} onChange={(e) => set({ meterReference: e.target.value })} />
          </label>
          <label>
            Event reference
            <input value={draft.reference} onChange={(e) => set({ reference: e.target.value })} />
          </label>
          <label>
            From (UTC)
            <input type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label>
            To (UTC, inclusive)
            <input type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </div>
        <div className="row">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            Clear filters
          </button>
        </div>
      </form>
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading events…</p>}
      {data && events.length === 0 && (
        <p className="state empty">
          {filtered ? 'No events match these filters.' : 'No events yet. Send some through the API, a file or "Enter an event".'}
        </p>
      )}
      {events.length > 0 && (
        <table aria-label="Usage events">
          <thead>
            <tr>
              <EventHeadCells />
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="clickable" onClick={() => navigate(`/events/${event.id}`)}>
                <EventCells event={event} navigate={navigate} />
                <td>
                  <EventStatusBadge event={event} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={data?.usageEvents.pageInfo} fetchMore={fetchMore} />
    </>
  );
}
