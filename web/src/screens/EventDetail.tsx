import { useMutation, useQuery } from '@apollo/client/react';
import { detailState } from '../DetailState';
import { ErrorMessage } from '../errors';
import { money, period } from '../format';
import { EventStatusBadge, EventValues, instant, REASON_TEXT } from './EventParts';
import { EventDetailDocument, EventReprocessDocument, type EventDetailQuery } from '../generated';

type Navigate = (to: string) => void;
type UsageEvent = NonNullable<EventDetailQuery['usageEvent']>;

/** /events/:id: an event's processing details — what it counted, what it costs and the invoice that bills it. */
export function EventDetail({ id, navigate }: { id: string; navigate: Navigate }) {
  const { data, loading, error } = useQuery(EventDetailDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const event = data?.usageEvent;
  const back = (
    <button type="button" className="link" onClick={() => navigate('/events')}>
      ← All events
    </button>
  );
  const state = detailState({ back, loading: !data && loading, error, found: Boolean(event), what: 'event' });
  if (state || !event) return state;

  return (
    <div className="event-detail">
      {back}
      <div className="screen-head">
        <h2>
          Event <code>{event.reference}</code>
        </h2>
        <EventStatusBadge event={event} />
      </div>
      {event.unmatchedReason && <Unmatched event={event} />}
      <dl className="facts">
        <dt>Reference</dt>
        <dd>
          <code>{event.reference}</code>
        </dd>
        <dt>Meter</dt>
        <dd>
          {event.meter ? `${event.meter.name} ` : ''}
          <code>{event.meterReference}</code>
        </dd>
        <dt>Customer</dt>
        <dd>
          {event.customer ? (
            <>
              {event.customer.name} (<code>{event.customer.reference}</code>)
            </>
          ) : (
            <>
              <code>{event.customerReference}</code> <span className="muted">(not matched to a customer)</span>
            </>
          )}
        </dd>
        {(event.subscriptionId || event.billingSubscription) && (
          <>
            <dt>Subscription</dt>
            <dd data-testid="billing-subscription">
              {event.billingSubscription ? (
                <>
                  <code>{event.billingSubscription.id}</code>{' '}
                  <span className="muted">
                    {event.subscriptionId ? '(named by the event)' : '(the customer’s subscription pricing its metrics at its timestamp)'}
                  </span>
                </>
              ) : (
                <>
                  <code>{event.subscriptionId}</code>{' '}
                  <span className="muted">(named by the event; it does not bill it at its timestamp)</span>
                </>
              )}
            </dd>
          </>
        )}
        <dt>Timestamp</dt>
        <dd>{instant(event.timestamp)}</dd>
        <dt>Received at</dt>
        <dd>{instant(event.receivedAt)}</dd>
        <dt>Values</dt>
        <dd>
          <EventValues values={event.values} />
        </dd>
      </dl>
      <h3>Properties</h3>
      {Object.keys(event.properties).length ? (
        <pre className="json">{JSON.stringify(event.properties, null, 2)}</pre>
      ) : (
        <p className="muted">No properties.</p>
      )}
      <Contribution event={event} />
      <h3>Cost</h3>
      {event.estimatedCost ? (
        <p>
          <strong data-testid="estimated-cost">{money(event.estimatedCost)}</strong>{' '}
          <span className="muted">
            Its share of the invoice line that bills it, as the line stands now: the costs of the line’s events add up to the line.
          </span>
        </p>
      ) : (
        <p className="muted">Nothing bills this event (no matched customer, or no subscription prices its metrics at its timestamp).</p>
      )}
      <Invoice invoice={event.invoice} navigate={navigate} />
    </div>
  );
}

function Unmatched({ event }: { event: UsageEvent }) {
  const [reprocess, { data, loading, error }] = useMutation(EventReprocessDocument, {
    refetchQueries: ['EventDetail'],
    awaitRefetchQueries: true,
  });
  const result = data?.reprocessUnmatchedEvents;
  return (
    <div className="card notice">
      <p>
        <strong>Unmatched: {event.unmatchedReason}.</strong> {event.unmatchedReason && REASON_TEXT[event.unmatchedReason]}
      </p>
      <button
        type="button"
        disabled={loading}
        onClick={() => reprocess({ variables: { filter: { ids: [event.id] } } }).catch(() => undefined)}
      >
        {loading ? 'Reprocessing…' : 'Reprocess this event'}
      </button>
      {result && result.stillUnmatched > 0 && <p role="status">Still unmatched: fix the cause above, then reprocess again.</p>}
      <ErrorMessage error={error} />
    </div>
  );
}

function Contribution({ event }: { event: UsageEvent }) {
  return (
    <>
      <h3>Metrics it counts in</h3>
      {event.metricValues.length ? (
        <table aria-label="Metric values">
          <thead>
            <tr>
              <th>Metric</th>
              <th className="num">Contribution</th>
            </tr>
          </thead>
          <tbody>
            {event.metricValues.map((m) => (
              <tr key={m.metric}>
                <td>
                  <code>{m.metric}</code>
                </td>
                <td className="num">{m.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          {event.status === 'UNMATCHED' ? 'None while the event is unmatched.' : 'No metric of its meter counts this event.'}
        </p>
      )}
    </>
  );
}

function Invoice({ invoice, navigate }: { invoice: UsageEvent['invoice']; navigate: Navigate }) {
  if (!invoice) {
    return (
      <>
        <h3>Invoice</h3>
        <p className="muted">Not on an invoice: no subscription of the customer bills the event’s time.</p>
      </>
    );
  }
  const plan = invoice.subscription?.planVersion;
  return (
    <>
      <h3>Invoice</h3>
      <dl className="facts">
        <dt>Invoice</dt>
        <dd data-testid="event-invoice">
          {invoice.number ?? 'Draft'}
          {invoice.kind === 'CORRECTION' ? ' (correction)' : ''}
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge ${invoice.status.toLowerCase()}`}>{invoice.status}</span>
        </dd>
        <dt>Period</dt>
        <dd>{period(invoice.periodStart, invoice.periodEnd)}</dd>
        {plan && (
          <>
            <dt>Subscription</dt>
            <dd>
              {plan.plan.name} (<code>{plan.plan.reference}</code>) v{plan.version}{' '}
              <span className="muted">{invoice.subscription?.status}</span>
            </dd>
          </>
        )}
      </dl>
      <button type="button" onClick={() => navigate(`/invoices/${invoice.id}`)}>
        Open invoice
      </button>
    </>
  );
}
