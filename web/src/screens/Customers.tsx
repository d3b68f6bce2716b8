import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { day, period } from '../format';
import { detailState } from '../DetailState';
import { InvoiceTable } from '../InvoiceTable';
import { LoadMore } from '../LoadMore';
import {
  CANCEL_SUBSCRIPTION,
  CHANGE_SEATS,
  CREATE_CUSTOMER,
  CREATE_SUBSCRIPTION,
  CUSTOMER,
  CUSTOMERS,
  PLANS,
  type CreateCustomerInput,
  type CustomerNode,
  type SubscriptionNode,
} from './customers.graphql';

export const PAGE_SIZE = 20;
/** How often the customer page asks for the draft invoice a new subscription opens (it is created asynchronously). */
const INVOICE_POLL_MS = 1500;
const INVOICE_POLL_LIMIT_MS = 60_000;

/** The path of a customer's page. */
export const customerPath = (reference: string) => `/customers/${encodeURIComponent(reference)}`;

export function CustomersScreen({ onOpen }: { onOpen: (reference: string) => void }) {
  const [creating, setCreating] = useState(false);
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchInput.trim()), 250);
    return () => clearTimeout(timer);
  }, [searchInput]);
  const { data, loading, error, fetchMore } = useQuery(CUSTOMERS, {
    variables: { first: PAGE_SIZE, search: search || null },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const customers = data?.customers.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.customers.pageInfo;
  return (
    <section>
      <div className="screen-head">
        <h2>Customers</h2>
        <input
          type="search"
          aria-label="Search customers"
          placeholder="Search name, reference or e-mail"
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
        />
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New customer'}
        </button>
      </div>
      {creating && <CreateCustomerForm onCreated={(customer) => onOpen(customer.reference)} />}
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading customers…</p>}
      {data && customers.length === 0 && (
        <p className="state empty">
          {search ? `No customer matches “${search}”.` : 'No customers yet. Create one to subscribe it to a plan.'}
        </p>
      )}
      {customers.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Reference</th>
              <th>Name</th>
              <th>Currency</th>
              <th>Country</th>
              <th className="num">Tax rate</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((customer) => (
              <CustomerRow key={customer.id} customer={customer} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

function CustomerRow({ customer, onOpen }: { customer: CustomerNode; onOpen: (reference: string) => void }) {
  return (
    <tr className="clickable" onClick={() => onOpen(customer.reference)}>
      <td>
        <a
          href={customerPath(customer.reference)}
          onClick={(e) => {
            e.preventDefault();
            e.stopPropagation();
            onOpen(customer.reference);
          }}
        >
          <code>{customer.reference}</code>
        </a>
      </td>
      <td>{customer.name}</td>
      <td>{customer.currency}</td>
      <td>{customer.country ?? '—'}</td>
      <td className="num">{customer.taxRate ? `${customer.taxRate} %` : '—'}</td>
    </tr>
  );
}

export function CreateCustomerForm({ onCreated }: { onCreated: (customer: CustomerNode) => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [taxRate, setTaxRate] = useState('');
  const [create, { loading, error }] = useMutation(CREATE_CUSTOMER, { refetchQueries: ['Customers'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: CreateCustomerInput = { reference: reference.trim(), name: name.trim(), currency: currency.trim().toUpperCase() };
    if (taxRate.trim()) input.taxRate = taxRate.trim();
    try {
      const result = await create({ variables: { input } });
      if (result.data) onCreated(result.data.createCustomer);
    } catch {
      // shown from `error`
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="New customer">
      <h3>New customer</h3>
      <div className="row">
        <label>
          Reference
          <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="acme" />
        </label>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Inc." />
        </label>
        <label>
          Currency
          <input value={currency} onChange={(e) => setCurrency(e.target.value)} placeholder="EUR" maxLength={3} size={5} />
        </label>
        <label>
          Tax rate (%)
          <input value={taxRate} onChange={(e) => setTaxRate(e.target.value)} placeholder="21" inputMode="decimal" size={6} />
        </label>
      </div>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create customer'}
      </button>
    </form>
  );
}

/** A customer's page, by reference or, when no customer has that reference, by id. */
export function CustomerDetail({
  referenceOrId,
  onBack,
  onOpenInvoice,
}: {
  referenceOrId: string;
  onBack: () => void;
  onOpenInvoice: (id: string) => void;
}) {
  const byReference = useQuery(CUSTOMER, {
    variables: { reference: referenceOrId, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const notByReference = byReference.dataState === 'complete' && byReference.data?.customer === null;
  const byId = useQuery(CUSTOMER, {
    variables: { id: referenceOrId, first: PAGE_SIZE },
    skip: !notByReference,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const query = notByReference ? byId : byReference;
  const { data, loading, error, fetchMore, startPolling, stopPolling } = query;
  const customer = data?.customer;

  // A new subscription's draft invoice is opened asynchronously: poll until it is there (or for a minute).
  const [awaiting, setAwaiting] = useState<{ count: number; since: number } | null>(null);
  const invoiceCount = customer?.invoices.totalCount;
  useEffect(() => {
    if (!awaiting) return;
    if (invoiceCount !== undefined && invoiceCount > awaiting.count) {
      setAwaiting(null);
      return;
    }
    startPolling(INVOICE_POLL_MS);
    const timer = setTimeout(() => setAwaiting(null), Math.max(0, awaiting.since + INVOICE_POLL_LIMIT_MS - Date.now()));
    return () => {
      clearTimeout(timer);
      stopPolling();
    };
  }, [awaiting, invoiceCount, startPolling, stopPolling]);

  const back = (
    <button type="button" className="link" onClick={onBack}>
      ← All customers
    </button>
  );
  const state = detailState({
    back,
    loading: loading || (byReference.loading && !notByReference),
    error,
    found: Boolean(customer),
    what: 'customer',
  });
  if (state || !customer) return state;

  const invoices = customer.invoices.edges.map((e) => e.node);
  return (
    <section>
      {back}
      <div className="screen-head">
        <h2>{customer.name}</h2>
        <code>{customer.reference}</code>
      </div>
      <dl className="facts">
        <dt>Currency</dt>
        <dd>{customer.currency}</dd>
        {customer.country && (
          <>
            <dt>Country</dt>
            <dd>{customer.country}</dd>
          </>
        )}
        <dt>Tax rate</dt>
        <dd>{customer.taxRate ? `${customer.taxRate} %` : '—'}</dd>
        {customer.email && (
          <>
            <dt>E-mail</dt>
            <dd>{customer.email}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{day(customer.createdAt)}</dd>
      </dl>

      <div className="screen-head">
        <h3>Subscriptions</h3>
      </div>
      {customer.subscriptions.length === 0 ? (
        <p className="state empty">No subscriptions yet.</p>
      ) : (
        <table aria-label="Subscriptions">
          <thead>
            <tr>
              <th>Plan version</th>
              <th>Status</th>
              <th className="num">Seats</th>
              <th>Current period</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {customer.subscriptions.map((subscription) => (
              <SubscriptionRow key={subscription.id} subscription={subscription} />
            ))}
          </tbody>
        </table>
      )}
      <CreateSubscriptionForm
        customer={customer.reference}
        currency={customer.currency}
        onCreated={() => setAwaiting({ count: customer.invoices.totalCount, since: Date.now() })}
      />

      <div className="screen-head">
        <h3>Invoices</h3>
        {awaiting && <span className="muted">Waiting for the new subscription’s draft invoice…</span>}
      </div>
      {invoices.length === 0 ? (
        <p className="state empty">No invoices yet.</p>
      ) : (
        <InvoiceTable invoices={invoices} onOpen={onOpenInvoice} />
      )}
      <LoadMore pageInfo={customer.invoices.pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

const planLabel = (s: SubscriptionNode) => `${s.planVersion.plan.name} v${s.planVersion.version}`;

function SubscriptionRow({ subscription }: { subscription: SubscriptionNode }) {
  const [seats, setSeats] = useState(String(subscription.seats));
  useEffect(() => setSeats(String(subscription.seats)), [subscription.seats]);
  const [changeSeats, changing] = useMutation(CHANGE_SEATS, { refetchQueries: ['Customer'] });
  const [cancel, canceling] = useMutation(CANCEL_SUBSCRIPTION, { refetchQueries: ['Customer'] });
  const busy = changing.loading || canceling.loading;
  const label = planLabel(subscription);
  const open = subscription.status === 'ACTIVE' || subscription.status === 'DRAFT';
  const submitSeats = (event: FormEvent) => {
    event.preventDefault();
    changeSeats({ variables: { subscription: subscription.id, seats: Number(seats) } }).catch(() => undefined);
  };
  return (
    <tr>
      <td>
        {subscription.planVersion.plan.name} <span className="muted">v{subscription.planVersion.version}</span>
        <div>
          <code>{subscription.planVersion.plan.reference}</code>
        </div>
      </td>
      <td>
        <span className={`badge ${subscription.status.toLowerCase()}`}>{subscription.status}</span>
        {subscription.endAt && <div className="muted">ends {day(subscription.endAt)}</div>}
      </td>
      <td className="num">{subscription.seats}</td>
      <td>{subscription.currentPeriod ? period(subscription.currentPeriod.start, subscription.currentPeriod.end) : '—'}</td>
      <td className="actions">
        {open && (
          <>
            <form className="inline" onSubmit={submitSeats}>
              <input
                type="number"
                min={1}
                step={1}
                size={4}
                aria-label={`Seats of ${label}`}
                value={seats}
                onChange={(e) => setSeats(e.target.value)}
                style={{ width: 70 }}
              />
              <button type="submit" disabled={busy || !seats || Number(seats) === subscription.seats}>
                Change seats
              </button>
            </form>
            {subscription.status === 'ACTIVE' && !subscription.endAt && (
              <button
                type="button"
                className="danger"
                disabled={busy}
                aria-label={`Cancel ${label} at period end`}
                onClick={() => cancel({ variables: { subscription: subscription.id } }).catch(() => undefined)}
              >
                Cancel at period end
              </button>
            )}
          </>
        )}
        <ErrorMessage error={changing.error ?? canceling.error} />
      </td>
    </tr>
  );
}

function CreateSubscriptionForm({ customer, currency, onCreated }: { customer: string; currency: string; onCreated: () => void }) {
  const plans = useQuery(PLANS, { fetchPolicy: 'cache-and-network' });
  const [planVersion, setPlanVersion] = useState('');
  const [seats, setSeats] = useState('1');
  const [create, { loading, error }] = useMutation(CREATE_SUBSCRIPTION, { refetchQueries: ['Customer'] });
  const versions = (plans.data?.pricingPlans.edges ?? []).flatMap(({ node: plan }) =>
    plan.versions.filter((v) => v.status === 'ACTIVE' && v.currency === currency).map((v) => ({ ...v, plan })),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create({ variables: { input: { customer, planVersion, seats: Number(seats) } } });
      setPlanVersion('');
      setSeats('1');
      onCreated();
    } catch {
      // shown from `error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New subscription" style={{ marginTop: 16 }}>
      <h3>New subscription</h3>
      <div className="row">
        <label>
          Plan version
          <select value={planVersion} onChange={(e) => setPlanVersion(e.target.value)}>
            <option value="">
              {plans.loading && !plans.data
                ? 'Loading plans…'
                : versions.length
                  ? 'Choose an active plan version'
                  : `No active plan version in ${currency}`}
            </option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.plan.name} ({v.plan.reference}) v{v.version} · {v.billingPeriod}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seats
          <input type="number" min={1} step={1} value={seats} onChange={(e) => setSeats(e.target.value)} style={{ width: 90 }} />
        </label>
        <button type="submit" className="primary" disabled={loading || !planVersion}>
          {loading ? 'Subscribing…' : 'Create subscription'}
        </button>
      </div>
      <ErrorMessage error={plans.error} />
      <ErrorMessage error={error} />
    </form>
  );
}
