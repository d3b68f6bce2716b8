import { day, money } from '../format';
import type { PaymentCollectionFieldsFragment } from '../generated';

/**
 * How the invoice is collected through the payment provider: the collection's status and each attempt (Stripe
 * PaymentIntent, why it failed, when the next one runs). Nothing while the invoice is not collected that way.
 */
export function PaymentCollection({ collection }: { collection: PaymentCollectionFieldsFragment['paymentCollection'] }) {
  if (!collection) return null;
  return (
    <section aria-label="Payment collection">
      <h3>
        Collection by {collection.provider === 'STRIPE' ? 'Stripe' : collection.provider}: {collection.status}
      </h3>
      {collection.nextAttemptAt && <p className="muted">Next attempt: {day(collection.nextAttemptAt)}</p>}
      <table>
        <thead>
          <tr>
            <th>Attempt</th>
            <th>Made</th>
            <th>Status</th>
            <th>PaymentIntent</th>
            <th>Error</th>
            <th>Retry</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {collection.attempts.map((attempt) => (
            <tr key={attempt.id}>
              <td>#{attempt.number}</td>
              <td>{day(attempt.createdAt)}</td>
              <td>{attempt.status}</td>
              <td>{attempt.providerPaymentIntentId ?? '—'}</td>
              <td>{attempt.errorCode ? `${attempt.errorCode}: ${attempt.errorMessage ?? ''}` : '—'}</td>
              <td>{day(attempt.nextAttemptAt)}</td>
              <td className="num">{money(attempt.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
