import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { day, money } from '../format';
import { RecordPaymentDocument, type InvoiceDetailFieldsFragment, type PaymentMethod } from '../generated';

const METHODS: PaymentMethod[] = ['BANK_TRANSFER', 'CARD', 'DIRECT_DEBIT', 'CHECK', 'CASH', 'OTHER'];

/** The payments recorded against an invoice, in the order the money came in. */
export function Payments({ payments }: { payments: InvoiceDetailFieldsFragment['payments'] }) {
  if (payments.length === 0) return null;
  return (
    <section aria-label="Payments">
      <h3>Payments</h3>
      <table>
        <thead>
          <tr>
            <th>Paid</th>
            <th>Method</th>
            <th>Reference</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((payment) => (
            <tr key={payment.id}>
              <td>{day(payment.paidAt)}</td>
              <td>{payment.method}</td>
              <td>{payment.reference ?? '—'}</td>
              <td className="num">{money(payment.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Records a payment against an ISSUED or OVERDUE invoice: the amount exactly as typed (the API refuses more than is due
 * and names `input.amount`), the method, and an optional reference that makes a retry the same payment.
 */
export function PaymentForm({ invoice }: { invoice: InvoiceDetailFieldsFragment }) {
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('BANK_TRANSFER');
  const [reference, setReference] = useState('');
  const [record, { loading, error }] = useMutation(RecordPaymentDocument, { refetchQueries: ['Invoices'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await record({
        variables: {
          input: { invoice: invoice.id, amount: amount.trim(), method, ...(reference.trim() ? { reference: reference.trim() } : {}) },
        },
      });
      setAmount('');
      setReference('');
    } catch {
      // shown from `error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="Record a payment">
      <h3>Record a payment</h3>
      <p className="muted">Amount due: {money(invoice.amountDue)}</p>
      <label>
        Amount ({invoice.currency})
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={invoice.amountDue.amount} />
      </label>
      <label>
        Method
        <select value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label>
        Reference
        <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="Bank transaction, check number…" />
      </label>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading || !amount.trim()}>
          {loading ? 'Recording…' : 'Record payment'}
        </button>
      </div>
    </form>
  );
}
