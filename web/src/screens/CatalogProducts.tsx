import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { LoadMore } from '../LoadMore';
import {
  CatalogMetersDocument,
  CatalogChangeProductStatusDocument,
  CatalogCreateProductDocument,
  CatalogCreateProductItemDocument,
  type CatalogProductFragment,
  type ChargeType,
  type CreateProductItemInput,
} from '../generated';
import { StatusActions } from './CatalogStatus';

const CHARGE_TYPES: ChargeType[] = ['USAGE', 'RECURRING', 'SEAT', 'ONE_OFF'];

export function ProductsSection({
  products,
  pageInfo,
  loading,
  error,
  fetchMore,
  includeArchived,
  onIncludeArchived,
}: {
  products: CatalogProductFragment[] | undefined;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;
  loading: boolean;
  error: unknown;
  fetchMore: (options: { variables: { after: string | null | undefined } }) => Promise<unknown>;
  includeArchived: boolean;
  onIncludeArchived: (include: boolean) => void;
}) {
  const [creating, setCreating] = useState(false);
  return (
    <>
      <div className="screen-head">
        <h3>Products</h3>
        <label className="inline">
          <input type="checkbox" checked={includeArchived} onChange={(e) => onIncludeArchived(e.target.checked)} /> Show archived products
        </label>
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New product'}
        </button>
      </div>
      {creating && <CreateProductForm onCreated={() => setCreating(false)} />}
      {error && <ErrorMessage error={error} />}
      {!products && loading && <p className="state">Loading products…</p>}
      {products?.length === 0 && <p className="state empty">No products yet. Create one, add its items, then activate it.</p>}
      {products && products.length > 0 && (
        <table aria-label="Products">
          <thead>
            <tr>
              <th>Reference</th>
              <th>Name</th>
              <th>Status</th>
              <th>Items</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => (
              <ProductRow key={product.id} product={product} />
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={pageInfo} fetchMore={fetchMore} />
    </>
  );
}

export function ProductRow({ product }: { product: CatalogProductFragment }) {
  const [adding, setAdding] = useState(false);
  const [change, { loading, error }] = useMutation(CatalogChangeProductStatusDocument);
  const takesItems = product.status === 'DRAFT' || product.status === 'ACTIVE';
  return (
    <tr>
      <td>
        <code>{product.reference}</code>
      </td>
      <td>{product.name}</td>
      <td>
        <span className={`badge ${product.status.toLowerCase()}`}>{product.status}</span>
      </td>
      <td>
        {product.items.length === 0 ? (
          <span className="muted">No items</span>
        ) : (
          <ul className="items">
            {product.items.map((item) => (
              <li key={item.id}>
                {item.name} <code>{item.reference}</code> <span className="muted">{item.chargeType}</span>
                {item.chargeType === 'USAGE' && item.meterReference && (
                  <span className="muted">
                    {' '}
                    · {item.meterReference}/{item.metricReference}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {adding && takesItems && <CreateItemForm product={product.reference} onCreated={() => setAdding(false)} />}
      </td>
      <td className="actions">
        {takesItems && (
          <button type="button" onClick={() => setAdding((a) => !a)} aria-label={`Add item to ${product.reference}`}>
            {adding ? 'Close' : 'Add item'}
          </button>
        )}
        <StatusActions
          status={product.status}
          subject={`product ${product.reference}`}
          pending={loading}
          onAction={(action) => change({ variables: { product: product.id, action } }).catch(() => undefined)}
        />
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

function CreateProductForm({ onCreated }: { onCreated: () => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [create, { loading, error }] = useMutation(CatalogCreateProductDocument, { refetchQueries: ['CatalogProducts'] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create({ variables: { input: { reference: reference.trim(), name: name.trim() } } });
      onCreated();
    } catch {
      // shown from `error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New product">
      <h3>New product</h3>
      <div className="row">
        <label>
          Reference
          <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="platform" />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Platform" />
        </label>
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create product'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

function CreateItemForm({ product, onCreated }: { product: string; onCreated: () => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [chargeType, setChargeType] = useState<ChargeType>('USAGE');
  const [meter, setMeter] = useState('');
  const [metric, setMetric] = useState('');
  const [create, { loading, error }] = useMutation(CatalogCreateProductItemDocument, { refetchQueries: ['CatalogProducts'] });
  // Suggestions for the meter and metric (typing a reference still works, e.g. for a meter beyond the first 100).
  const meters = useQuery(CatalogMetersDocument, { skip: chargeType !== 'USAGE' }).data?.meters.edges.map((e) => e.node) ?? [];
  const metrics = meters.find((m) => m.reference === meter.trim())?.metrics ?? meters.flatMap((m) => m.metrics);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: CreateProductItemInput = { product, reference: reference.trim(), name: name.trim(), chargeType };
    if (chargeType === 'USAGE') {
      input.meterReference = meter.trim();
      input.metricReference = metric.trim();
    }
    try {
      await create({ variables: { input } });
      onCreated();
    } catch {
      // shown from `error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label={`New item of ${product}`}>
      <div className="row">
        <label>
          Reference
          <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="api-calls" />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="API calls" />
        </label>
        <label>
          Charge type
          <select value={chargeType} onChange={(e) => setChargeType(e.target.value as ChargeType)}>
            {CHARGE_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        {chargeType === 'USAGE' && (
          <>
            <label>
              Meter reference
              <input value={meter} onChange={(e) => setMeter(e.target.value)} placeholder="api_calls" list={`meters-of-${product}`} />
              <datalist id={`meters-of-${product}`}>
                {meters.map((m) => (
                  <option key={m.id} value={m.reference}>
                    {m.name}
                  </option>
                ))}
              </datalist>
            </label>
            <label>
              Metric reference
              <input
                value={metric}
                onChange={(e) => setMetric(e.target.value)}
                placeholder="api_calls_total"
                list={`metrics-of-${product}`}
              />
              <datalist id={`metrics-of-${product}`}>
                {metrics.map((m) => (
                  <option key={m.id} value={m.reference}>
                    {m.aggregation}
                  </option>
                ))}
              </datalist>
            </label>
          </>
        )}
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Adding…' : 'Add item'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
