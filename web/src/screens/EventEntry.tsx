import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { EventLink, REASON_TEXT, UNMATCHED_REASONS } from './EventParts';
import {
  curlCommand,
  graphqlVariables,
  ingestVariables,
  INGEST_MUTATION,
  randomReference,
  utcInputValue,
  type EventForm,
  type EventFormProperty,
  type EventFormValue,
} from './eventRequest';
import { EventIngestDocument, type EventIngestMutation, type UnmatchedReason } from '../generated';
import { useMeterChoices } from './meterChoices';

type Navigate = (to: string) => void;
type IngestEventResult = EventIngestMutation['ingestUsageEvents']['results'][number];

const STATUS_TEXT: Record<IngestEventResult['status'], string> = {
  ACCEPTED: 'Stored and attributed to its meter and customer.',
  UNMATCHED: 'Stored, but not attributed yet.',
  DUPLICATE: 'An event with this reference and the same content is already stored: nothing changed.',
  CONFLICT: 'An event with this reference but other content is already stored: the first one stays. Use a new reference.',
  REJECTED: 'Invalid: nothing was stored.',
};

const newForm = (): EventForm => ({
  meterReference: '',
  customerReference: '',
  reference: randomReference(),
  timestamp: utcInputValue(new Date()),
  values: [],
  properties: [{ key: '', value: '' }],
});

/** /events/new: one event entered by hand, the equivalent API request to copy, and the outcome of sending it. */
export function EventEntry({ navigate }: { navigate: Navigate }) {
  const { meters: meterList, loaded, loading: metersLoading, error: metersError } = useMeterChoices();
  const [form, setForm] = useState<EventForm>(newForm);
  const [ingest, { data, loading, error }] = useMutation(EventIngestDocument);

  const set = (patch: Partial<EventForm>) => setForm((f) => ({ ...f, ...patch }));
  const setValue = (i: number, patch: Partial<EventFormValue>) =>
    set({ values: form.values.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const setProperty = (i: number, patch: Partial<EventFormProperty>) =>
    set({ properties: form.properties.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const chooseMeter = (reference: string) => {
    const meter = meterList.find((m) => m.reference === reference);
    set({
      meterReference: reference,
      values: (meter?.values ?? []).map((v) => ({ reference: v.reference, type: v.type, quantity: '', currency: v.currency ?? '' })),
    });
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    ingest({ variables: ingestVariables(form) }).catch(() => undefined);
  };
  const result = data?.ingestUsageEvents.results[0];

  return (
    <div className="event-entry">
      <div className="screen-head">
        <h2>Enter an event</h2>
      </div>
      <form className="card form" onSubmit={send} aria-label="New event">
        <div className="row">
          <label>
            Meter
            <select value={form.meterReference} onChange={(e) => chooseMeter(e.target.value)}>
              <option value="">{metersLoading ? 'Loading meters…' : 'Choose a meter…'}</option>
              {meterList.map((m) => (
                <option key={m.id} value={m.reference}>
                  {`${m.name} (${m.reference})${m.status === 'ACTIVE' ? '' : ` — ${m.status}`}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            Customer reference
            <input value={form.customerReference} onChange={(e) => set({ customerReference: e.target.value })} placeholder="acme" />
          </label>
          <label>
            Event reference
            <input value={form.reference} onChange={(e) => set({ reference: e.target.value })} />
          </label>
          <button type="button" className="link" onClick={() => set({ reference: randomReference() })}>
            New reference
          </button>
          <label>
            Timestamp (UTC)
            <input type="datetime-local" step={1} value={form.timestamp} onChange={(e) => set({ timestamp: e.target.value })} />
          </label>
        </div>
        <ErrorMessage error={metersError} />
        {loaded && meterList.length === 0 && <p className="muted">No meters yet: create one on the Meters screen first.</p>}
        <fieldset>
          <legend>Values</legend>
          {form.values.length === 0 && <p className="muted">Choose a meter to enter its values.</p>}
          {form.values.map((v, i) => (
            <div className="row" key={v.reference}>
              <label>
                {v.reference} ({v.type})
                <input inputMode="decimal" value={v.quantity} onChange={(e) => setValue(i, { quantity: e.target.value })} placeholder="0" />
              </label>
              {v.type === 'AMOUNT' && (
                <label>
                  {v.reference} currency
                  <input value={v.currency} onChange={(e) => setValue(i, { currency: e.target.value })} maxLength={3} placeholder="EUR" />
                </label>
              )}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Properties</legend>
          {form.properties.map((p, i) => (
            <div className="row" key={i}>
              <label>
                Property {i + 1} name
                <input value={p.key} onChange={(e) => setProperty(i, { key: e.target.value })} placeholder="region" />
              </label>
              <label>
                Property {i + 1} value
                <input value={p.value} onChange={(e) => setProperty(i, { value: e.target.value })} placeholder="eu-west" />
              </label>
              <button type="button" className="link" onClick={() => set({ properties: form.properties.filter((_, j) => j !== i) })}>
                Remove property {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="link" onClick={() => set({ properties: [...form.properties, { key: '', value: '' }] })}>
            + Add property
          </button>
        </fieldset>
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={loading}>
            {loading ? 'Sending…' : 'Send event'}
          </button>
        </div>
      </form>
      {result && <IngestOutcome result={result} navigate={navigate} />}
      <EquivalentRequest form={form} />
    </div>
  );
}

function IngestOutcome({ result, navigate }: { result: IngestEventResult; navigate: Navigate }) {
  const reason =
    result.reason && (UNMATCHED_REASONS as string[]).includes(result.reason) ? REASON_TEXT[result.reason as UnmatchedReason] : null;
  return (
    <div className="card ingest-result" role="status" aria-label="Result">
      <p>
        <span className={`badge ${result.status.toLowerCase()}`}>{result.status}</span> {STATUS_TEXT[result.status]}
      </p>
      {result.status === 'REJECTED' && (
        <p className="field-error">
          {result.field && <strong>{result.field}: </strong>}
          {result.reason}
        </p>
      )}
      {result.status === 'UNMATCHED' && result.reason && (
        <p>
          <strong>{result.reason}</strong> {reason}
        </p>
      )}
      {result.eventId && (
        <p>
          <EventLink id={result.eventId} navigate={navigate}>
            View event
          </EventLink>
        </p>
      )}
    </div>
  );
}

/** The request that sends the same event through the API, as a curl of the REST door and as GraphQL. */
function EquivalentRequest({ form }: { form: EventForm }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (what: string, text: string) =>
    (navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard'))).then(
      () => setCopied(`Copied the ${what}.`),
      () => setCopied(`Could not copy the ${what}: select the text and copy it.`),
    );
  const curl = curlCommand(form, window.location.origin);
  const variables = graphqlVariables(form);
  return (
    <section className="card request" aria-label="Equivalent API request">
      <h3>Equivalent API request</h3>
      <p className="muted">The same event through the API; the key is read from the METERLINE_API_KEY environment variable.</p>
      <div className="request-block">
        <div className="request-head">
          <h4>REST: POST /v1/events</h4>
          <button type="button" onClick={() => copy('curl command', curl)}>
            Copy curl
          </button>
        </div>
        <pre data-testid="curl-request">{curl}</pre>
      </div>
      <div className="request-block">
        <div className="request-head">
          <h4>GraphQL: ingestUsageEvents</h4>
          <button type="button" onClick={() => copy('mutation', INGEST_MUTATION)}>
            Copy mutation
          </button>
        </div>
        <pre data-testid="graphql-mutation">{INGEST_MUTATION}</pre>
        <div className="request-head">
          <h4>Variables</h4>
          <button type="button" onClick={() => copy('variables', variables)}>
            Copy variables
          </button>
        </div>
        <pre data-testid="graphql-variables">{variables}</pre>
      </div>
      {copied && <p className="muted">{copied}</p>}
    </section>
  );
}
