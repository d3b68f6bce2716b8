import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import {
  ArchiveCustomerDocument,
  UpdateCustomerDocument,
  type CustomerDetailFieldsFragment,
  type CustomerDetailsInput,
} from '../generated';
import { ConfirmButton } from './CustomerFormParts';

type Customer = CustomerDetailFieldsFragment;

interface EditFields {
  name: string;
  email: string;
  country: string;
  taxId: string;
  taxRate: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  state: string;
  addressCountry: string;
  metadata: Array<{ key: string; value: string }>;
}

function fieldsOf(customer: Customer): EditFields {
  const address = customer.billingAddress;
  return {
    name: customer.name,
    email: customer.email ?? '',
    country: customer.country ?? '',
    taxId: customer.taxId ?? '',
    taxRate: customer.taxRate ?? '',
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    postalCode: address?.postalCode ?? '',
    state: address?.state ?? '',
    addressCountry: address?.country ?? '',
    metadata: Object.entries(customer.metadata).map(([key, value]) => ({ key, value: String(value) })),
  };
}

const text = (value: string) => value.trim() || null;
const code = (value: string) => text(value.toUpperCase());
const address = (f: EditFields) => ({
  line1: text(f.line1),
  line2: text(f.line2),
  city: text(f.city),
  postalCode: text(f.postalCode),
  state: text(f.state),
  country: code(f.addressCountry),
});
const metadata = (f: EditFields) => Object.fromEntries(f.metadata.filter((m) => m.key.trim()).map((m) => [m.key.trim(), m.value]));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the form changed, as updateCustomer's input: absent = unchanged, null = cleared (an emptied field). */
function customerChanges(customer: Customer, fields: EditFields): CustomerDetailsInput {
  const before = fieldsOf(customer);
  const input: CustomerDetailsInput = {};
  if (fields.name.trim() !== before.name) input.name = fields.name.trim();
  if (text(fields.email) !== text(before.email)) input.email = text(fields.email);
  if (code(fields.country) !== code(before.country)) input.country = code(fields.country);
  if (text(fields.taxId) !== text(before.taxId)) input.taxId = text(fields.taxId);
  if (text(fields.taxRate) !== text(before.taxRate)) input.taxRate = text(fields.taxRate);
  const billingAddress = address(fields);
  if (!same(billingAddress, address(before))) input.billingAddress = Object.values(billingAddress).some(Boolean) ? billingAddress : null;
  if (!same(metadata(fields), metadata(before))) input.metadata = metadata(fields);
  return input;
}

/** Edits a customer's details (not its reference or currency); sends only what changed. */
export function CustomerEditForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const [fields, setFields] = useState(() => fieldsOf(customer));
  const set = (patch: Partial<EditFields>) => setFields((f) => ({ ...f, ...patch }));
  const setEntry = (i: number, patch: Partial<EditFields['metadata'][number]>) =>
    set({ metadata: fields.metadata.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const [update, { loading, error }] = useMutation(UpdateCustomerDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = customerChanges(customer, fields);
    try {
      if (Object.keys(input).length > 0) await update({ variables: { customer: customer.id, input } });
      onDone();
    } catch {
      // shown from `error`
    }
  };

  const field = (label: string, key: Exclude<keyof EditFields, 'metadata'>, props: { placeholder?: string; size?: number } = {}) => (
    <label>
      {label}
      <input value={fields[key]} onChange={(e) => set({ [key]: e.target.value })} {...props} />
    </label>
  );
  return (
    <form className="card form" onSubmit={submit} aria-label="Edit customer">
      <h3>Edit customer</h3>
      <div className="row">
        {field('Name', 'name')}
        {field('E-mail', 'email', { placeholder: 'billing@example.com' })}
        {field('Country', 'country', { placeholder: 'NL', size: 4 })}
        {field('Tax ID', 'taxId')}
        {field('Tax rate (%)', 'taxRate', { placeholder: '21', size: 6 })}
      </div>
      <fieldset>
        <legend>Billing address</legend>
        <div className="row">
          {field('Address line 1', 'line1')}
          {field('Address line 2', 'line2')}
          {field('City', 'city')}
          {field('Postal code', 'postalCode', { size: 10 })}
          {field('State or region', 'state')}
          {field('Billing country', 'addressCountry', { placeholder: 'NL', size: 4 })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Metadata</legend>
        {fields.metadata.map((m, i) => (
          <div className="row" key={i} role="group" aria-label={`Metadata entry ${i + 1}`}>
            <label>
              Key
              <input value={m.key} onChange={(e) => setEntry(i, { key: e.target.value })} />
            </label>
            <label>
              Value
              <input value={m.value} onChange={(e) => setEntry(i, { value: e.target.value })} />
            </label>
            <button
              type="button"
              className="link"
              aria-label={`Remove metadata entry ${i + 1}`}
              onClick={() => set({ metadata: fields.metadata.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="link" onClick={() => set({ metadata: [...fields.metadata, { key: '', value: '' }] })}>
          + Add metadata entry
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel editing
        </button>
      </div>
    </form>
  );
}

/** Archives the customer (hidden from lists, history kept) after a confirmation. */
export function ArchiveCustomerButton({ customer }: { customer: Customer }) {
  const [archive, { loading, error }] = useMutation(ArchiveCustomerDocument);
  return (
    <>
      <ConfirmButton
        label="Archive customer"
        question={`Archive ${customer.name}? It leaves the lists; its subscriptions and invoices stay.`}
        confirmLabel="Yes, archive"
        busy={loading}
        onConfirm={() => archive({ variables: { customer: customer.id } }).catch(() => undefined)}
      />
      <ErrorMessage error={error} />
    </>
  );
}
