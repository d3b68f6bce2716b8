import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { money } from '../format';
import { LoadMore } from '../LoadMore';
import {
  CATALOG_PLANS,
  CHANGE_PLAN_VERSION_STATUS,
  CHANGE_PRODUCT_STATUS,
  CREATE_PLAN,
  CREATE_PRODUCT,
  CREATE_PRODUCT_ITEM,
  PREVIEW_PRICE,
  PRODUCTS,
  REMOVE_PRICE,
  SET_PRICE,
  type BillingPeriod,
  type ChargeType,
  type CreateProductItemInput,
  type PlanNode,
  type PlanPriceNode,
  type PlanVersionNode,
  type PriceInput,
  type PriceModel,
  type PreviewPriceVars,
  type ProductItemNode,
  type ProductNode,
  type RecurringTiming,
} from './catalog.graphql';

export const PRODUCTS_PAGE_SIZE = 50;
const CHARGE_TYPES: ChargeType[] = ['USAGE', 'RECURRING', 'SEAT', 'ONE_OFF'];
export const EDITOR_MODELS: PriceModel[] = ['FLAT', 'PER_UNIT', 'GRADUATED', 'VOLUME', 'PERCENTAGE'];
const PERIODS: BillingPeriod[] = ['MONTH', 'QUARTER', 'YEAR'];

export function CatalogScreen() {
  const products = useQuery(PRODUCTS, {
    variables: { first: PRODUCTS_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const items = (products.data?.products.edges ?? []).flatMap(({ node }) => node.items);
  return (
    <section>
      <div className="screen-head">
        <h2>Catalog</h2>
        <span className="muted">Products and their items, then plans with a price per item.</span>
      </div>
      <ProductsSection
        products={products.data?.products.edges.map((e) => e.node)}
        pageInfo={products.data?.products.pageInfo}
        loading={products.loading}
        error={products.error}
        fetchMore={products.fetchMore}
      />
      <PlansSection items={items} />
    </section>
  );
}

export function ProductsSection({
  products: loaded,
  pageInfo,
  loading,
  error,
  fetchMore,
}: {
  products: ProductNode[] | undefined;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;
  loading: boolean;
  error: unknown;
  fetchMore: (options: { variables: { after: string | null | undefined } }) => Promise<unknown>;
}) {
  const [creating, setCreating] = useState(false);
  const products = loaded ?? [];
  const data = loaded;
  return (
    <>
      <div className="screen-head">
        <h3>Products</h3>
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New product'}
        </button>
      </div>
      {creating && <CreateProductForm onCreated={() => setCreating(false)} />}
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading products…</p>}
      {data && products.length === 0 && <p className="state empty">No products yet. Create one, add its items, then activate it.</p>}
      {products.length > 0 && (
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

export function ProductRow({ product }: { product: ProductNode }) {
  const [adding, setAdding] = useState(false);
  const [change, { loading, error }] = useMutation(CHANGE_PRODUCT_STATUS);
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
        {adding && <CreateItemForm product={product.reference} onCreated={() => setAdding(false)} />}
      </td>
      <td className="actions">
        {product.status !== 'ARCHIVED' && product.status !== 'DEPRECATED' && (
          <button type="button" onClick={() => setAdding((a) => !a)} aria-label={`Add item to ${product.reference}`}>
            {adding ? 'Close' : 'Add item'}
          </button>
        )}
        {product.status === 'DRAFT' && (
          <button
            type="button"
            className="primary"
            disabled={loading}
            aria-label={`Activate product ${product.reference}`}
            onClick={() => change({ variables: { product: product.id, action: 'ACTIVATE' } }).catch(() => undefined)}
          >
            Activate
          </button>
        )}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

function CreateProductForm({ onCreated }: { onCreated: () => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [create, { loading, error }] = useMutation(CREATE_PRODUCT, { refetchQueries: ['Products'] });
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
  const [create, { loading, error }] = useMutation(CREATE_PRODUCT_ITEM, { refetchQueries: ['Products'] });
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
            {CHARGE_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {chargeType === 'USAGE' && (
          <>
            <label>
              Meter reference
              <input value={meter} onChange={(e) => setMeter(e.target.value)} placeholder="api_calls" />
            </label>
            <label>
              Metric reference
              <input value={metric} onChange={(e) => setMetric(e.target.value)} placeholder="api_calls_total" />
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

function PlansSection({ items }: { items: ProductItemNode[] }) {
  const [creating, setCreating] = useState(false);
  const { data, loading, error } = useQuery(CATALOG_PLANS, { fetchPolicy: 'cache-and-network' });
  const plans = data?.pricingPlans.edges.map((e) => e.node) ?? [];
  return (
    <>
      <div className="screen-head">
        <h3>Plans</h3>
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New plan'}
        </button>
      </div>
      {creating && <CreatePlanForm onCreated={() => setCreating(false)} />}
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading plans…</p>}
      {data && plans.length === 0 && <p className="state empty">No plans yet. Create one: its first version is a DRAFT to price.</p>}
      {plans.map((plan) => (
        <PlanCard key={plan.id} plan={plan} items={items} />
      ))}
    </>
  );
}

function CreatePlanForm({ onCreated }: { onCreated: () => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [billingPeriod, setBillingPeriod] = useState<BillingPeriod>('MONTH');
  const [create, { loading, error }] = useMutation(CREATE_PLAN, { refetchQueries: ['CatalogPlans'] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create({
        variables: { input: { reference: reference.trim(), name: name.trim(), currency: currency.trim().toUpperCase(), billingPeriod } },
      });
      onCreated();
    } catch {
      // shown from `error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New plan">
      <h3>New plan</h3>
      <div className="row">
        <label>
          Reference
          <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="starter" />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Starter" />
        </label>
        <label>
          Currency
          <input value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} size={5} />
        </label>
        <label>
          Billing period
          <select value={billingPeriod} onChange={(e) => setBillingPeriod(e.target.value as BillingPeriod)}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Creating…' : 'Create plan'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}

function PlanCard({ plan, items }: { plan: PlanNode; items: ProductItemNode[] }) {
  return (
    <div className="card" style={{ marginBottom: 16 }}>
      <div className="screen-head">
        <h3>{plan.name}</h3>
        <code>{plan.reference}</code>
      </div>
      {plan.versions.map((version) => (
        <VersionBlock key={version.id} plan={plan} version={version} items={items} />
      ))}
    </div>
  );
}

/** A short description of a price, e.g. "FLAT 100" or "GRADUATED 3 tiers". */
export function describePrice(p: PlanPriceNode['price']): string {
  switch (p.model) {
    case 'FLAT':
      return `FLAT ${p.amount ?? ''}`;
    case 'PER_UNIT':
      return `PER_UNIT ${p.unitPrice ?? ''} per unit`;
    case 'PERCENTAGE':
      return `PERCENTAGE ${p.rate ?? ''} %${p.fixedFee ? ` + ${p.fixedFee}` : ''}`;
    default:
      return p.tiers ? `${p.model} ${p.tiers.length} tiers` : p.model;
  }
}

function VersionBlock({ plan, version, items }: { plan: PlanNode; version: PlanVersionNode; items: ProductItemNode[] }) {
  const label = `${plan.name} v${version.version}`;
  const [change, changing] = useMutation(CHANGE_PLAN_VERSION_STATUS);
  const [remove, removing] = useMutation(REMOVE_PRICE);
  const draft = version.status === 'DRAFT';
  return (
    <section aria-label={label} className="version">
      <div className="screen-head">
        <strong>v{version.version}</strong>
        <span className={`badge ${version.status.toLowerCase()}`}>{version.status}</span>
        <span className="muted">
          {version.currency} · {version.billingPeriod}
        </span>
        {draft && (
          <button
            type="button"
            className="primary"
            disabled={changing.loading || version.prices.length === 0}
            aria-label={`Activate ${label}`}
            onClick={() => change({ variables: { planVersion: version.id, action: 'ACTIVATE' } }).catch(() => undefined)}
          >
            Activate version
          </button>
        )}
      </div>
      <ErrorMessage error={changing.error ?? removing.error} />
      {version.prices.length === 0 ? (
        <p className="state empty">No prices yet.</p>
      ) : (
        <table aria-label={`Prices of ${label}`}>
          <thead>
            <tr>
              <th>Item</th>
              <th>Price</th>
              <th>Timing</th>
              {draft && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {version.prices.map((price) => (
              <tr key={price.id}>
                <td>
                  {price.productItem.name} <code>{price.productItem.reference}</code>
                </td>
                <td>{describePrice(price.price)}</td>
                <td>{price.recurringTiming ?? '—'}</td>
                {draft && (
                  <td className="actions">
                    <button
                      type="button"
                      className="danger"
                      disabled={removing.loading}
                      onClick={() =>
                        remove({ variables: { planVersion: version.id, productItem: price.productItem.id } }).catch(() => undefined)
                      }
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft && <PriceEditor planVersion={version.id} currency={version.currency} label={label} items={items} />}
    </section>
  );
}

export interface TierRow {
  upTo: string;
  unitPrice: string;
  flatFee: string;
}

export interface PriceForm {
  model: PriceModel;
  amount: string;
  unitPrice: string;
  tiers: TierRow[];
  rate: string;
  fixedFee: string;
}

/** The PriceInput a form describes, or null while it is incomplete. */
export function priceInput(form: PriceForm): PriceInput | null {
  const t = (s: string) => s.trim();
  switch (form.model) {
    case 'FLAT':
      return t(form.amount) ? { model: 'FLAT', amount: t(form.amount) } : null;
    case 'PER_UNIT':
      return t(form.unitPrice) ? { model: 'PER_UNIT', unitPrice: t(form.unitPrice) } : null;
    case 'GRADUATED':
    case 'VOLUME': {
      if (form.tiers.length === 0 || form.tiers.some((tier) => !t(tier.unitPrice))) return null;
      return {
        model: form.model,
        tiers: form.tiers.map((tier) => ({
          upTo: t(tier.upTo) || null,
          unitPrice: t(tier.unitPrice),
          ...(t(tier.flatFee) ? { flatFee: t(tier.flatFee) } : {}),
        })),
      };
    }
    case 'PERCENTAGE':
      if (!t(form.rate)) return null;
      return { model: 'PERCENTAGE', rate: t(form.rate), ...(t(form.fixedFee) ? { fixedFee: t(form.fixedFee) } : {}) };
    default:
      return null;
  }
}

/** Sets a product item's price on a DRAFT version, with a live preview of the price for a quantity. */
export function PriceEditor({
  planVersion,
  currency,
  label,
  items,
}: {
  planVersion: string;
  currency: string;
  label: string;
  items: ProductItemNode[];
}) {
  const [itemId, setItemId] = useState('');
  const [form, setForm] = useState<PriceForm>({
    model: 'FLAT',
    amount: '',
    unitPrice: '',
    tiers: [
      { upTo: '1000', unitPrice: '', flatFee: '' },
      { upTo: '', unitPrice: '', flatFee: '' },
    ],
    rate: '',
    fixedFee: '',
  });
  const [timing, setTiming] = useState<RecurringTiming>('IN_ADVANCE');
  const [quantity, setQuantity] = useState('1');
  const [setPrice, { loading, error }] = useMutation(SET_PRICE);
  const item = items.find((i) => i.id === itemId);
  const recurring = item?.chargeType === 'RECURRING' || item?.chargeType === 'SEAT';
  const price = priceInput(form);
  const set = (patch: Partial<PriceForm>) => setForm((f) => ({ ...f, ...patch }));
  const setTier = (index: number, patch: Partial<TierRow>) =>
    setForm((f) => ({ ...f, tiers: f.tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!item || !price) return;
    try {
      await setPrice({
        variables: { input: { planVersion, productItem: item.id, price, ...(recurring ? { recurringTiming: timing } : {}) } },
      });
    } catch {
      // shown from `error`
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={`Price editor of ${label}`}>
      <h3>Set a price</h3>
      <div className="row">
        <label>
          Product item
          <select value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">{items.length ? 'Choose a product item' : 'No product items yet'}</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} ({i.reference}) · {i.chargeType}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model
          <select value={form.model} onChange={(e) => set({ model: e.target.value as PriceModel })}>
            {EDITOR_MODELS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {recurring && (
          <label>
            Timing
            <select value={timing} onChange={(e) => setTiming(e.target.value as RecurringTiming)}>
              <option value="IN_ADVANCE">IN_ADVANCE</option>
              <option value="IN_ARREARS">IN_ARREARS</option>
            </select>
          </label>
        )}
      </div>
      <div className="row">
        {form.model === 'FLAT' && (
          <label>
            Amount
            <input value={form.amount} onChange={(e) => set({ amount: e.target.value })} inputMode="decimal" placeholder="100" />
          </label>
        )}
        {form.model === 'PER_UNIT' && (
          <label>
            Unit price
            <input value={form.unitPrice} onChange={(e) => set({ unitPrice: e.target.value })} inputMode="decimal" placeholder="0.04" />
          </label>
        )}
        {form.model === 'PERCENTAGE' && (
          <>
            <label>
              Rate (%)
              <input value={form.rate} onChange={(e) => set({ rate: e.target.value })} inputMode="decimal" placeholder="2.9" />
            </label>
            <label>
              Fixed fee
              <input value={form.fixedFee} onChange={(e) => set({ fixedFee: e.target.value })} inputMode="decimal" placeholder="0.30" />
            </label>
          </>
        )}
      </div>
      {(form.model === 'GRADUATED' || form.model === 'VOLUME') && (
        <table aria-label="Tiers">
          <thead>
            <tr>
              <th>Up to (blank: open)</th>
              <th>Unit price</th>
              <th>Flat fee</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {form.tiers.map((tier, i) => (
              <tr key={i}>
                <td>
                  <input aria-label={`Tier ${i + 1} up to`} value={tier.upTo} onChange={(e) => setTier(i, { upTo: e.target.value })} />
                </td>
                <td>
                  <input
                    aria-label={`Tier ${i + 1} unit price`}
                    value={tier.unitPrice}
                    onChange={(e) => setTier(i, { unitPrice: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Tier ${i + 1} flat fee`}
                    value={tier.flatFee}
                    onChange={(e) => setTier(i, { flatFee: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    disabled={form.tiers.length === 1}
                    aria-label={`Remove tier ${i + 1}`}
                    onClick={() => set({ tiers: form.tiers.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>
                <button type="button" onClick={() => set({ tiers: [...form.tiers, { upTo: '', unitPrice: '', flatFee: '' }] })}>
                  Add tier
                </button>
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      <PricePreview
        currency={currency}
        price={price}
        quantity={quantity}
        onQuantity={setQuantity}
        percentage={form.model === 'PERCENTAGE'}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={loading || !item || !price}>
        {loading ? 'Saving…' : 'Set price'}
      </button>
    </form>
  );
}

function PricePreview({
  currency,
  price,
  quantity,
  onQuantity,
  percentage,
}: {
  currency: string;
  price: PriceInput | null;
  quantity: string;
  onQuantity: (q: string) => void;
  percentage: boolean;
}) {
  const amounts = quantity
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const usage: PreviewPriceVars['usage'] = percentage ? { amounts } : { quantity: quantity.trim() };
  const ready = Boolean(price) && (percentage ? amounts.length > 0 : Boolean(quantity.trim()));
  const { data, error, loading } = useQuery(PREVIEW_PRICE, {
    variables: { usage, currency, price: price ?? { model: 'FLAT' } },
    skip: !ready,
  });
  const preview = ready ? data?.previewPrice : undefined;
  return (
    <div className="preview">
      <label className="inline">
        {percentage ? 'Preview for transaction amounts' : 'Preview for quantity'}
        <input value={quantity} onChange={(e) => onQuantity(e.target.value)} inputMode="decimal" size={12} />
      </label>
      {!ready && <span className="muted"> Fill in the price to see a preview.</span>}
      {ready && loading && !preview && <span className="muted"> Pricing…</span>}
      {ready && <ErrorMessage error={error} />}
      {preview && (
        <div data-testid="price-preview">
          <strong data-testid="preview-amount">{money(preview.amount)}</strong>
          <ul className="breakdown">
            {preview.breakdown.map((line, i) => (
              <li key={i}>
                {line.label}: {line.amount}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
