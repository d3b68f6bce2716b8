import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorMessage } from '../errors';
import { LoadMore } from '../LoadMore';
import { EventCells, EventHeadCells, PAGE_SIZE, REASON_TEXT, UNMATCHED_REASONS } from './EventParts';
import { EventListDocument, EventReprocessDocument, type ReprocessFilter, type UnmatchedReason } from '../generated';

/** /events/unmatched: events waiting for their meter or customer, with why, and reprocessing them. */
export function EventUnmatched({ navigate }: { navigate: (to: string) => void }) {
  const [reason, setReason] = useState<UnmatchedReason | ''>('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { data, loading, error, fetchMore } = useQuery(EventListDocument, {
    variables: { first: PAGE_SIZE, filter: { status: 'UNMATCHED', ...(reason ? { unmatchedReason: reason } : {}) } },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [reprocess, reprocessing] = useMutation(EventReprocessDocument, { refetchQueries: ['EventList'], awaitRefetchQueries: true });
  const events = data?.usageEvents.edges.map((e) => e.node) ?? [];
  const allSelected = events.length > 0 && events.every((e) => selected.has(e.id));

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const run = async (filter: ReprocessFilter | null) => {
    try {
      await reprocess({ variables: { filter } });
      setSelected(new Set());
    } catch {
      // shown from reprocessing.error
    }
  };
  const result = reprocessing.data?.reprocessUnmatchedEvents;

  return (
    <>
      <div className="screen-head">
        <h2>Unmatched events</h2>
        {data && <span className="muted">{data.usageEvents.totalCount} unmatched</span>}
        <label className="inline">
          Reason
          <select
            value={reason}
            onChange={(e) => {
              setReason(e.target.value as UnmatchedReason | '');
              setSelected(new Set());
            }}
          >
            <option value="">All reasons</option>
            {UNMATCHED_REASONS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">
        An event is stored unmatched, never dropped, when its meter or customer is unknown or does not fit. Fix the cause (create the
        customer, activate the meter…), then reprocess: matching again is safe to repeat.
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={selected.size === 0 || reprocessing.loading}
          onClick={() => run({ ids: [...selected] })}
        >
          Reprocess selected
        </button>
        <span className="muted">{selected.size} selected</span>
        <button type="button" disabled={reprocessing.loading} onClick={() => run(reason ? { reason } : null)}>
          Reprocess all
        </button>
        <span className="muted">{reason ? `every unmatched event with reason ${reason}` : 'every unmatched event'}</span>
      </div>
      {reprocessing.loading && <p className="state">Reprocessing…</p>}
      {result && (
        <p role="status" className="card">
          Examined {result.examined} · matched {result.matched} · still unmatched {result.stillUnmatched}
        </p>
      )}
      <ErrorMessage error={reprocessing.error} />
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading unmatched events…</p>}
      {data && events.length === 0 && (
        <p className="state empty">
          {reason ? `No unmatched events with reason ${reason}.` : 'No unmatched events: every event is attributed.'}
        </p>
      )}
      {events.length > 0 && (
        <table aria-label="Unmatched events">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select all shown events"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(events.map((e) => e.id)))}
                />
              </th>
              <EventHeadCells />
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${event.reference}`}
                    checked={selected.has(event.id)}
                    onChange={() => toggle(event.id)}
                  />
                </td>
                <EventCells event={event} navigate={navigate} />
                <td>
                  {event.unmatchedReason && (
                    <>
                      <span className="badge unmatched">{event.unmatchedReason}</span>
                      <div className="muted reason">{REASON_TEXT[event.unmatchedReason]}</div>
                    </>
                  )}
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
