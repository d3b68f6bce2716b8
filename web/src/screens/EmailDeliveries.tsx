import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { instant } from '../format';
import { SendInvoiceEmailDocument, type InvoiceEmailFieldsFragment } from '../generated';

const STATUS: Record<string, string> = { QUEUED: 'Queued', SENDING: 'Sending', SENT: 'Sent', FAILED: 'Failed' };

/**
 * The e-mails that carried an issued invoice's PDF (recipient, status, attempts, what the mail server said) and a
 * form to send it again, to the customer's billing e-mail or another address.
 */
export function EmailDeliveries({
  invoiceId,
  deliveries,
}: {
  invoiceId: string;
  deliveries: InvoiceEmailFieldsFragment['emailDeliveries'];
}) {
  const [to, setTo] = useState('');
  const [send, { loading, error, data }] = useMutation(SendInvoiceEmailDocument, { refetchQueries: ['Invoice'] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send({ variables: { invoice: invoiceId, to: to.trim() || null } })
      .then(() => setTo(''))
      .catch(() => undefined);
  };
  return (
    <section aria-label="E-mail deliveries">
      <h3>E-mail</h3>
      {deliveries.length === 0 ? (
        <p className="muted">Not sent by e-mail.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Queued</th>
              <th>To</th>
              <th>Status</th>
              <th className="num">Attempts</th>
              <th>Sent / next attempt</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>{instant(d.queuedAt)}</td>
                <td>{d.recipient ?? '—'}</td>
                <td>
                  {STATUS[d.status] ?? d.status}
                  {d.trigger === 'RESEND' ? ' (resent)' : ''}
                </td>
                <td className="num">{d.attempts}</td>
                <td>{d.sentAt ? instant(d.sentAt) : d.nextAttemptAt ? instant(d.nextAttemptAt) : '—'}</td>
                <td>{d.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline" onSubmit={submit}>
        <input
          aria-label="Send to"
          type="email"
          placeholder="Billing e-mail of the customer"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <button type="submit" disabled={loading}>
          Send by e-mail
        </button>
      </form>
      {data && !error && <p role="status">Queued for {data.sendInvoiceEmail.recipient}.</p>}
      <ErrorMessage error={error} />
    </section>
  );
}
