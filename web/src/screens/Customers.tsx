import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { day } from '../format';
import { detailState } from '../DetailState';
import { InvoiceTable } from '../InvoiceTable';
import { LoadMore } from '../LoadMore';
import {
  CreateCustomerDocument,
  CustomerDetailDocument,
  CustomersDocument,
  type CreateCustomerInput,
  type CustomerDetailFieldsFragment,
  type CustomerRowFieldsFragment,
} from '../generated';
import { ArchiveCustomerButton, CustomerEditForm } from './CustomerEdit';
import { CustomerAlerts } from './CustomerAlerts';
import { CustomerUsage } from './CustomerUsage';
import { CustomerBillingEntity } from './BillingEntities';
import { CreateSubscriptionForm } from './SubscriptionForm';
import { SubscriptionList } from './SubscriptionList';

export const PAGE_SIZE = 20;
/** How often the customer page asks for the draft invoice a new subscription opens (it is created asynchronously). */
const INVOICE_POLL_MS = 1500;
const INVOICE_POLL_LIMIT_MS = 60_000;

/** The path of a customer's page. */
export const customerPath = (reference: string) => `/customers/${encodeURIComponent(reference)}`;

export function CustomersScreen({ onOpen, onImport }: { onOpen: (reference: string) => void; onImport?: () => void }) {
  const [creating, setCreating] = useState(false);
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchInput.trim()), 250);
    return () => clearTimeout(timer);
  }, [searchInput]);
  const { data, loading, error, fetchMore } = useQuery(CustomersDocument, {
    variables: { first: PAGE_SIZE, search: search || null, includeArchived },
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
        <label className="inline">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} /> Show archived
        </label>
        <button type="button" className="primary" onClick={() => setCreating((c) => !c)}>
          {creating ? 'Close form' : 'New customer'}
        </button>
        {onImport && (
          <button type="button" onClick={onImport}>
            Import…
          </button>
        )}
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

function CustomerRow({ customer, onOpen }: { customer: CustomerRowFieldsFragment; onOpen: (reference: string) => void }) {
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
      <td>
        {customer.name} {customer.archivedAt && <span className="badge archived">ARCHIVED</span>}
      </td>
      <td>{customer.currency}</td>
      <td>{customer.country ?? '—'}</td>
      <td className="num">{customer.taxRate ? `${customer.taxRate} %` : '—'}</td>
    </tr>
  );
}

export function CreateCustomerForm({ onCreated }: { onCreated: (customer: CustomerRowFieldsFragment) => void }) {
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [email, setEmail] = useState('');
  const [country, setCountry] = useState('');
  const [taxRate, setTaxRate] = useState('');
  const [create, { loading, error }] = useMutation(CreateCustomerDocument, { refetchQueries: ['Customers'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: CreateCustomerInput = { reference: reference.trim(), name: name.trim(), currency: currency.trim().toUpperCase() };
    if (email.trim()) input.email = email.trim();
    if (country.trim()) input.country = country.trim().toUpperCase();
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
          E-mail
          <input value={email} onChange={(e) => setEmail(e.target.value)} placeholder="billing@acme.com" />
        </label>
        <label>
          Country
          <input value={country} onChange={(e) => setCountry(e.target.value)} placeholder="NL" maxLength={2} size={4} />
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
  const byReference = useQuery(CustomerDetailDocument, {
    variables: { reference: referenceOrId, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const notByReference = byReference.dataState === 'complete' && byReference.data?.customer === null;
  const byId = useQuery(CustomerDetailDocument, {
    variables: { id: referenceOrId, first: PAGE_SIZE },
    skip: !notByReference,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const query = notByReference ? byId : byReference;
  const { data, loading, error, fetchMore, startPolling, stopPolling } = query;
  const customer = data?.customer;
  const [editing, setEditing] = useState(false);

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
        {customer.archivedAt ? (
          <span className="badge archived">ARCHIVED</span>
        ) : (
          <>
            {!editing && (
              <button type="button" onClick={() => setEditing(true)}>
                Edit customer
              </button>
            )}
            <ArchiveCustomerButton customer={customer} />
          </>
        )}
      </div>
      {editing && !customer.archivedAt ? (
        <CustomerEditForm customer={customer} onDone={() => setEditing(false)} />
      ) : (
        <CustomerFacts customer={customer} />
      )}

      <CustomerBillingEntity customerId={customer.id} />

      <CustomerUsage customerId={customer.id} subscriptions={customer.subscriptions} />
      <CustomerAlerts
        customerId={customer.id}
        customerReference={customer.reference}
        currency={customer.currency}
        subscriptions={customer.subscriptions}
      />

      <div className="screen-head">
        <h3>Subscriptions</h3>
      </div>
      <SubscriptionList subscriptions={customer.subscriptions} currency={customer.currency} onOpenInvoice={onOpenInvoice} />
      {customer.archivedAt ? (
        <p className="muted">An archived customer cannot get a new subscription.</p>
      ) : (
        <CreateSubscriptionForm
          customer={customer.reference}
          currency={customer.currency}
          onCreated={() => setAwaiting({ count: customer.invoices.totalCount, since: Date.now() })}
        />
      )}

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

function CustomerFacts({ customer }: { customer: CustomerDetailFieldsFragment }) {
  const address = customer.billingAddress;
  const addressLines = address
    ? [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' '), address.state, address.country].filter(
        Boolean,
      )
    : [];
  const metadata = Object.entries(customer.metadata);
  return (
    <dl className="facts">
      <dt>Currency</dt>
      <dd>{customer.currency}</dd>
      <dt>Country</dt>
      <dd>{customer.country ?? '—'}</dd>
      <dt>Tax rate</dt>
      <dd>{customer.taxRate ? `${customer.taxRate} %` : '—'}</dd>
      <dt>Tax ID</dt>
      <dd>{customer.taxId ?? '—'}</dd>
      <dt>E-mail</dt>
      <dd>{customer.email ?? '—'}</dd>
      <dt>Billing address</dt>
      <dd>{addressLines.length ? addressLines.join(', ') : '—'}</dd>
      {metadata.length > 0 && (
        <>
          <dt>Metadata</dt>
          <dd>
            {metadata.map(([key, value]) => (
              <div key={key}>
                <code>{key}</code>: {String(value)}
              </div>
            ))}
          </dd>
        </>
      )}
      <dt>Created</dt>
      <dd>{day(customer.createdAt)}</dd>
      {customer.archivedAt && (
        <>
          <dt>Archived</dt>
          <dd>{day(customer.archivedAt)}</dd>
        </>
      )}
    </dl>
  );
}
