import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { LoadMore } from '../LoadMore';
import {
  AssignBillingEntityDocument,
  BillingEntitiesDocument,
  CreateBillingEntityDocument,
  CustomerBillingEntityDocument,
  SetDefaultBillingEntityDocument,
  UpdateBillingEntityDocument,
  type BillingEntityFieldsFragment,
  type BillingEntityVersionFieldsFragment,
} from '../generated';

const PAGE_SIZE = 20;

/** The form's text fields, in order: each maps to the input field of the same name (empty: none). */
const TEXT_FIELDS = [
  ['legalName', 'Legal name'],
  ['taxId', 'Tax id'],
  ['invoiceNumberPrefix', 'Invoice number prefix'],
  ['creditNoteNumberPrefix', 'Credit note number prefix'],
  ['currency', 'Default currency (ISO 4217)'],
  ['locale', 'Locale (BCP 47, e.g. nl-NL)'],
  ['timeZone', 'Time zone (IANA, e.g. Europe/Amsterdam)'],
  ['emailFrom', 'E-mail sender'],
  ['logo', 'Logo (https URL or data:image/png;base64,…)'],
] as const;
const LONG_FIELDS = [
  ['invoiceFooter', 'Invoice footer'],
  ['paymentInstructions', 'Payment instructions'],
] as const;
const ADDRESS_FIELDS = [
  ['line1', 'Address line 1'],
  ['line2', 'Address line 2'],
  ['postalCode', 'Postal code'],
  ['city', 'City'],
  ['state', 'State'],
  ['country', 'Country (ISO 3166, e.g. NL)'],
] as const;
type TextField = (typeof TEXT_FIELDS)[number][0] | (typeof LONG_FIELDS)[number][0];
type AddressField = (typeof ADDRESS_FIELDS)[number][0];
type FormValues = Record<TextField | AddressField | 'code' | 'paymentTermsDays', string>;

function valuesOf(version: BillingEntityVersionFieldsFragment | null, code = ''): FormValues {
  const values = { code, paymentTermsDays: version?.paymentTermsDays?.toString() ?? '' } as FormValues;
  for (const [name] of [...TEXT_FIELDS, ...LONG_FIELDS]) values[name] = version?.[name] ?? '';
  for (const [name] of ADDRESS_FIELDS) values[name] = version?.address?.[name] ?? '';
  return values;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The input of a create or update: every field as typed (empty: none, so the deployment's default applies). */
function inputOf(values: FormValues) {
  const input: Record<string, unknown> = {};
  for (const [name] of [...TEXT_FIELDS, ...LONG_FIELDS]) input[name] = orNull(values[name]);
  input.paymentTermsDays = values.paymentTermsDays.trim() === '' ? null : Number(values.paymentTermsDays);
  const hasAddress = ADDRESS_FIELDS.some(([name]) => values[name].trim() !== '');
  input.address = hasAddress ? Object.fromEntries(ADDRESS_FIELDS.map(([name]) => [name, orNull(values[name])])) : null;
  return input;
}

/**
 * /billing-entities: the legal entities the platform bills from. Create one, edit one (each save is a new version:
 * invoices already issued keep the version they were issued with), make one the default.
 */
export function BillingEntitiesScreen() {
  const { data, loading, error, fetchMore } = useQuery(BillingEntitiesDocument, { variables: { first: PAGE_SIZE } });
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const entities = data?.billingEntities.edges.map((e) => e.node) ?? [];
  const editingEntity = entities.find((e) => e.id === editing) ?? null;
  return (
    <section>
      <div className="screen-head">
        <h2>Billing entities</h2>
        {editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            New billing entity
          </button>
        )}
      </div>
      <p className="muted">
        Each entity has its own invoice and credit note numbers and payment terms. An empty prefix or payment terms field takes the
        deployment’s (or the platform’s) default. Saving a change makes a new version; issued invoices keep theirs.
      </p>
      {editing === 'new' && <BillingEntityForm entity={null} onDone={() => setEditing(null)} />}
      {editingEntity && <BillingEntityForm key={editingEntity.id} entity={editingEntity} onDone={() => setEditing(null)} />}
      <ErrorMessage error={error} />
      {loading && !data ? (
        <p className="state">Loading…</p>
      ) : (
        <table aria-label="Billing entities">
          <thead>
            <tr>
              <th>Code</th>
              <th>Legal name</th>
              <th>Prefixes</th>
              <th className="num">Terms (days)</th>
              <th className="num">Version</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entities.map((entity) => (
              <BillingEntityRow key={entity.id} entity={entity} onEdit={() => setEditing(entity.id)} />
            ))}
          </tbody>
        </table>
      )}
      {data && <LoadMore pageInfo={data.billingEntities.pageInfo} fetchMore={fetchMore} />}
    </section>
  );
}

function BillingEntityRow({ entity, onEdit }: { entity: BillingEntityFieldsFragment; onEdit: () => void }) {
  const [makeDefault, { loading, error }] = useMutation(SetDefaultBillingEntityDocument, { refetchQueries: ['BillingEntities'] });
  const v = entity.currentVersion;
  return (
    <tr data-testid={`entity-${entity.code}`}>
      <td>
        <code>{entity.code}</code> {entity.isDefault && <span className="badge">DEFAULT</span>}
      </td>
      <td>{v.legalName ?? <span className="muted">not described</span>}</td>
      <td>
        {v.invoiceNumberPrefix ?? 'default'} / {v.creditNoteNumberPrefix ?? 'default'}
      </td>
      <td className="num">{v.paymentTermsDays ?? 'platform’s'}</td>
      <td className="num">v{entity.version}</td>
      <td>
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        {!entity.isDefault && (
          <button
            type="button"
            disabled={loading}
            onClick={() => makeDefault({ variables: { billingEntity: entity.id } }).catch(() => undefined)}
          >
            Make default
          </button>
        )}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

/** Creates an entity (entity null) or saves a new version of one. */
function BillingEntityForm({ entity, onDone }: { entity: BillingEntityFieldsFragment | null; onDone: () => void }) {
  const [values, setValues] = useState<FormValues>(() => valuesOf(entity?.currentVersion ?? null, entity?.code));
  const [create, created] = useMutation(CreateBillingEntityDocument, { refetchQueries: ['BillingEntities'] });
  const [update, updated] = useMutation(UpdateBillingEntityDocument, { refetchQueries: ['BillingEntities'] });
  const set = (name: keyof FormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const input = inputOf(values);
      if (entity) await update({ variables: { billingEntity: entity.id, input } });
      else await create({ variables: { input: { ...input, code: values.code.trim(), legalName: values.legalName.trim() } } });
      onDone();
    } catch {
      // shown from the mutation's error
    }
  };
  const loading = created.loading || updated.loading;
  return (
    <form className="card form" onSubmit={submit} aria-label={entity ? `Edit ${entity.code}` : 'New billing entity'}>
      <h3>{entity ? `Edit ${entity.code} (saves version ${entity.version + 1})` : 'New billing entity'}</h3>
      {!entity && (
        <label>
          Code
          <input value={values.code} onChange={set('code')} required />
        </label>
      )}
      {TEXT_FIELDS.map(([name, label]) => (
        <label key={name}>
          {label}
          <input value={values[name]} onChange={set(name)} />
        </label>
      ))}
      <label>
        Payment terms (days)
        <input inputMode="numeric" value={values.paymentTermsDays} onChange={set('paymentTermsDays')} />
      </label>
      {ADDRESS_FIELDS.map(([name, label]) => (
        <label key={name}>
          {label}
          <input value={values[name]} onChange={set(name)} />
        </label>
      ))}
      {LONG_FIELDS.map(([name, label]) => (
        <label key={name}>
          {label}
          <textarea value={values[name]} onChange={set(name)} rows={3} />
        </label>
      ))}
      <ErrorMessage error={created.error ?? updated.error} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Saving…' : entity ? 'Save new version' : 'Create entity'}
        </button>
      </div>
    </form>
  );
}

/** On the customer page: the entity the customer is billed from, and a choice of another (or the default again). */
export function CustomerBillingEntity({ customerId }: { customerId: string }) {
  const { data, error } = useQuery(CustomerBillingEntityDocument, { variables: { id: customerId } });
  const [assign, assigned] = useMutation(AssignBillingEntityDocument, { refetchQueries: ['CustomerBillingEntity'] });
  const current = data?.customer?.billingEntity;
  return (
    <div className="card" aria-label="Billing entity">
      <h3>Billing entity</h3>
      <ErrorMessage error={error ?? assigned.error} />
      {current && (
        <p data-testid="customer-billing-entity">
          Billed from <strong>{current.currentVersion.legalName ?? current.code}</strong> (<code>{current.code}</code>)
        </p>
      )}
      {data && (
        <label className="inline">
          Bill from
          <select
            value={current?.id ?? ''}
            disabled={assigned.loading}
            onChange={(e) => assign({ variables: { customer: customerId, billingEntity: e.target.value } }).catch(() => undefined)}
          >
            {data.billingEntities.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.code}
                {node.currentVersion.legalName ? ` — ${node.currentVersion.legalName}` : ''}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
