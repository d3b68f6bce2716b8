import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import {
  ChangeMeterStatusDocument,
  CreateMeterDocument,
  MetersDocument,
  type Aggregation,
  type CreateMeterInput,
  type MeterFieldsFragment,
  type StatusAction,
} from '../generated';
import { LoadMore } from '../LoadMore';

export const PAGE_SIZE = 20;
const AGGREGATIONS: Aggregation[] = ['SUM', 'COUNT', 'MAX', 'MIN', 'AVERAGE', 'UNIQUE_COUNT', 'LATEST'];
/** The actions the API accepts from each status (DESIGN §3: DRAFT → ACTIVE → DEPRECATED → ARCHIVED). */
const ACTIONS: Record<MeterFieldsFragment['status'], StatusAction[]> = {
  DRAFT: ['ACTIVATE', 'ARCHIVE'],
  ACTIVE: ['DEPRECATE'],
  DEPRECATED: ['ARCHIVE'],
  ARCHIVED: ['RESTORE'],
};
const ACTION_LABEL: Record<StatusAction, string> = { ACTIVATE: 'Activate', DEPRECATE: 'Deprecate', ARCHIVE: 'Archive', RESTORE: 'Restore' };

export function MetersScreen() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const { data, loading, error, fetchMore } = useQuery(MetersDocument, {
    variables: { first: PAGE_SIZE, includeArchived },
    notifyOnNetworkStatusChange: true,
  });
  const meters = data?.meters.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.meters.pageInfo;

  return (
    <section>
      <div className="screen-head">
        <h2>Meters</h2>
        <label className="inline">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} /> Show archived
        </label>
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New meter'}
        </button>
      </div>
      {creating && <CreateMeterForm onCreated={() => setCreating(false)} />}
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading meters…</p>}
      {data && meters.length === 0 && <p className="state empty">No meters yet. Create one to start ingesting usage.</p>}
      {meters.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Reference</th>
              <th>Name</th>
              <th>Status</th>
              <th>Properties</th>
              <th>Metrics</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {meters.map((meter) => (
              <MeterRow key={meter.id} meter={meter} />
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

function MeterRow({ meter }: { meter: MeterFieldsFragment }) {
  const [change, { loading, error }] = useMutation(ChangeMeterStatusDocument);
  return (
    <tr>
      <td>
        <code>{meter.reference}</code>
      </td>
      <td>{meter.name}</td>
      <td>
        <span className={`badge ${meter.status.toLowerCase()}`}>{meter.status}</span>
      </td>
      <td>{meter.properties.length ? meter.properties.join(', ') : <span className="muted">—</span>}</td>
      <td>
        {meter.metrics.map((m) => (
          <div key={m.id}>
            <code>{m.reference}</code>{' '}
            <span className="muted">
              {m.aggregation}
              {m.valueReference ? `(${m.valueReference})` : ''}
              {m.property ? `(${m.property})` : ''}
              {m.filters.map((f) => ` where ${f.property} ∈ {${f.values.join(', ')}}`).join('')}
            </span>
          </div>
        ))}
      </td>
      <td className="actions">
        {ACTIONS[meter.status].map((action) => (
          <button
            key={action}
            type="button"
            disabled={loading}
            aria-label={`${ACTION_LABEL[action]} ${meter.reference}`}
            onClick={() => change({ variables: { meter: meter.id, action } }).catch(() => undefined)}
          >
            {ACTION_LABEL[action]}
          </button>
        ))}
        {error && <ErrorMessage error={error} />}
      </td>
    </tr>
  );
}

interface ValueRow {
  reference: string;
  type: 'NUMBER' | 'AMOUNT';
  currency: string;
}
interface MetricRow {
  reference: string;
  aggregation: Aggregation;
  valueReference: string;
  property: string;
  /** Only events whose property has one of the values count (optional). */
  filterProperty: string;
  filterValues: string;
}

const NEW_METRIC: MetricRow = { reference: '', aggregation: 'SUM', valueReference: '', property: '', filterProperty: '', filterValues: '' };

/** A comma-separated list, trimmed, without blanks. */
const list = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function CreateMeterForm({ onCreated }: { onCreated: () => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [values, setValues] = useState<ValueRow[]>([{ reference: '', type: 'NUMBER', currency: '' }]);
  const [properties, setProperties] = useState('');
  const [metrics, setMetrics] = useState<MetricRow[]>([NEW_METRIC]);
  const [create, { loading, error }] = useMutation(CreateMeterDocument, { refetchQueries: ['Meters'], awaitRefetchQueries: true });

  const setValue = (i: number, patch: Partial<ValueRow>) => setValues((vs) => vs.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const setMetric = (i: number, patch: Partial<MetricRow>) => setMetrics((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: CreateMeterInput = {
      reference: reference.trim(),
      name: name.trim(),
      values: values.map((v) => ({
        reference: v.reference.trim(),
        type: v.type,
        ...(v.type === 'AMOUNT' ? { currency: v.currency.trim().toUpperCase() } : {}),
      })),
      metrics: metrics.map((m) => ({
        reference: m.reference.trim(),
        aggregation: m.aggregation,
        ...(m.valueReference ? { valueReference: m.valueReference } : {}),
        ...(m.aggregation === 'UNIQUE_COUNT' && m.property.trim() ? { property: m.property.trim() } : {}),
        ...(m.filterProperty.trim() ? { filters: [{ property: m.filterProperty.trim(), values: list(m.filterValues) }] } : {}),
      })),
    };
    // The properties given, and those a metric counts or filters on: the meter must know them all.
    const known = [
      ...list(properties),
      ...input.metrics.flatMap((m) => [...(m.property ? [m.property] : []), ...(m.filters ?? []).map((f) => f.property)]),
    ];
    if (known.length) input.properties = [...new Set(known)];
    try {
      await create({ variables: { input } });
      onCreated();
    } catch {
      // shown from `error`
    }
  };

  const valueRefs = values.map((v) => v.reference.trim()).filter(Boolean);
  return (
    <form className="card form" onSubmit={submit} aria-label="New meter">
      <h3>New meter</h3>
      <div className="row">
        <label>
          Reference
          <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="api_calls" />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="API calls" />
        </label>
      </div>
      <label>
        Properties (comma-separated)
        <input value={properties} onChange={(e) => setProperties(e.target.value)} placeholder="region, plan, user_id" />
      </label>
      <fieldset>
        <legend>Values</legend>
        {values.map((v, i) => (
          <div className="row" key={i}>
            <label>
              Value reference
              <input value={v.reference} onChange={(e) => setValue(i, { reference: e.target.value })} placeholder="calls" />
            </label>
            <label>
              Type
              <select value={v.type} onChange={(e) => setValue(i, { type: e.target.value as ValueRow['type'] })}>
                <option value="NUMBER">NUMBER</option>
                <option value="AMOUNT">AMOUNT</option>
              </select>
            </label>
            {v.type === 'AMOUNT' && (
              <label>
                Currency
                <input value={v.currency} onChange={(e) => setValue(i, { currency: e.target.value })} placeholder="EUR" maxLength={3} />
              </label>
            )}
            {values.length > 1 && (
              <button type="button" className="link" onClick={() => setValues((vs) => vs.filter((_, j) => j !== i))}>
                Remove
              </button>
            )}
          </div>
        ))}
        <button type="button" className="link" onClick={() => setValues((vs) => [...vs, { reference: '', type: 'NUMBER', currency: '' }])}>
          + Add value
        </button>
      </fieldset>
      <fieldset>
        <legend>Metrics</legend>
        {metrics.map((m, i) => (
          <div className="row" key={i}>
            <label>
              Metric reference
              <input value={m.reference} onChange={(e) => setMetric(i, { reference: e.target.value })} placeholder="api_calls_total" />
            </label>
            <label>
              Aggregation
              <select value={m.aggregation} onChange={(e) => setMetric(i, { aggregation: e.target.value as Aggregation })}>
                {AGGREGATIONS.map((a) => (
                  <option key={a}>{a}</option>
                ))}
              </select>
            </label>
            {m.aggregation !== 'COUNT' && m.aggregation !== 'UNIQUE_COUNT' && (
              <label>
                Of value
                <select value={m.valueReference} onChange={(e) => setMetric(i, { valueReference: e.target.value })}>
                  <option value="">—</option>
                  {valueRefs.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </label>
            )}
            {m.aggregation === 'UNIQUE_COUNT' && (
              <label>
                Property
                <input value={m.property} onChange={(e) => setMetric(i, { property: e.target.value })} placeholder="user_id" />
              </label>
            )}
            <label>
              Only where property
              <input value={m.filterProperty} onChange={(e) => setMetric(i, { filterProperty: e.target.value })} placeholder="region" />
            </label>
            {m.filterProperty.trim() && (
              <label>
                is one of (comma-separated)
                <input
                  value={m.filterValues}
                  onChange={(e) => setMetric(i, { filterValues: e.target.value })}
                  placeholder="eu-west, eu-central"
                />
              </label>
            )}
            {metrics.length > 1 && (
              <button type="button" className="link" onClick={() => setMetrics((ms) => ms.filter((_, j) => j !== i))}>
                Remove
              </button>
            )}
          </div>
        ))}
        <button type="button" className="link" onClick={() => setMetrics((ms) => [...ms, NEW_METRIC])}>
          + Add metric
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create meter'}
      </button>
    </form>
  );
}
