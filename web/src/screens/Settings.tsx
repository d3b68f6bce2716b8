import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../errors';
import { StripeSettingsDocument, UpdateStripeSettingsDocument } from '../generated';
import { SandboxClockCard } from './SandboxClock';

/**
 * The platform's Stripe account (admin keys): the secret key and webhook signing secret are write-only — the API shows
 * only their last 4 characters, the inputs start empty and a field left empty keeps what is stored — and the webhook
 * URL to give Stripe.
 */
export function SettingsScreen() {
  const { data, loading, error } = useQuery(StripeSettingsDocument);
  const [save, saving] = useMutation(UpdateStripeSettingsDocument);
  const [secretKey, setSecretKey] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(false);
  const stripe = data?.platformSettings.stripe ?? null;
  const isEnabled = enabled ?? stripe?.enabled ?? true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    try {
      await save({
        variables: {
          input: {
            ...(secretKey.trim() ? { secretKey: secretKey.trim() } : {}),
            ...(webhookSecret.trim() ? { webhookSecret: webhookSecret.trim() } : {}),
            enabled: isEnabled,
          },
        },
      });
      setSecretKey('');
      setWebhookSecret('');
      setSaved(true);
    } catch {
      // shown from `saving.error`
    }
  };
  if (loading) return <p className="state">Loading settings…</p>;
  return (
    <section>
      <h2>Settings</h2>
      <SandboxClockCard />
      <ErrorMessage error={error} />
      <form className="card form" onSubmit={submit} aria-label="Stripe">
        <h3>Payment collection (Stripe)</h3>
        <p className="muted">
          Issued invoices of customers with a saved payment method are charged off-session; failed payments are retried on the dunning
          schedule.
        </p>
        <label>
          Secret key
          <input
            type="password"
            autoComplete="off"
            value={secretKey}
            onChange={(e) => setSecretKey(e.target.value)}
            placeholder={stripe ? `•••• ${stripe.secretKeyLast4} (leave empty to keep)` : 'sk_live_…'}
          />
        </label>
        <label>
          Webhook signing secret
          <input
            type="password"
            autoComplete="off"
            value={webhookSecret}
            onChange={(e) => setWebhookSecret(e.target.value)}
            placeholder={stripe ? `•••• ${stripe.webhookSecretLast4} (leave empty to keep)` : 'whsec_…'}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={isEnabled} onChange={(e) => setEnabled(e.target.checked)} />
          Collect payments
        </label>
        {stripe && (
          <p aria-label="Webhook URL">
            Webhook URL for Stripe (events payment_intent.succeeded, payment_intent.payment_failed):{' '}
            <code>{`${window.location.origin}${stripe.webhookPath}`}</code>
          </p>
        )}
        <ErrorMessage error={saving.error} />
        {saved && <p role="status">Saved.</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving.loading}>
            {saving.loading ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}
