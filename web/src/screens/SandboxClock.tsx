import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, FieldErrors } from '../errors';
import { instant } from '../format';
import { AdvanceSandboxClockDocument, SandboxClockDocument } from '../generated';

/** The banner every screen of a sandbox platform shows: nothing here is real billing, and its business time. */
export function SandboxBanner() {
  const { data } = useQuery(SandboxClockDocument);
  if (!data?.platformSettings.sandbox) return null;
  return (
    <div className="sandbox-banner" role="status" aria-label="Sandbox">
      <strong>Sandbox platform</strong> — test data, its own business clock: <span>{instant(data.platformSettings.now)}</span>
    </div>
  );
}

/** `2026-07-01T00:00` from a datetime-local input (read as UTC) → an RFC 3339 instant, or null when incomplete. */
export function utcInstantOf(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  return `${value.length === 16 ? `${value}:00` : value}Z`;
}

/**
 * The business clock card of the settings screen: a sandbox advances to a date (forward only; every service then
 * bills it at that time); a production platform is told it runs on real time.
 */
export function SandboxClockCard() {
  const { data, error } = useQuery(SandboxClockDocument, { fetchPolicy: 'cache-and-network' });
  const [advance, advancing] = useMutation(AdvanceSandboxClockDocument);
  const [to, setTo] = useState('');
  const [advanced, setAdvanced] = useState<string | null>(null);
  const settings = data?.platformSettings;
  if (!settings) return <ErrorMessage error={error} />;
  if (!settings.sandbox) {
    return (
      <div className="card" aria-label="Business clock">
        <h3>Business clock</h3>
        <p className="muted">A production platform: its business time is real time ({instant(settings.now)}) and cannot be moved.</p>
      </div>
    );
  }
  const target = utcInstantOf(to);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdvanced(null);
    if (!target) return;
    try {
      const result = await advance({ variables: { to: target } });
      setAdvanced(result.data?.advanceSandboxClock.now ?? null);
    } catch {
      // shown from `advancing.error`
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="Business clock">
      <h3>Business clock (sandbox)</h3>
      <p className="muted">
        Now: <strong aria-label="Business time">{instant(settings.now)}</strong>. Advancing runs this sandbox through the time in between:
        periods open, drafts are issued and numbered as if it had passed. Other platforms are not touched; the clock never goes back.
      </p>
      <label>
        Advance to (UTC)
        <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <FieldErrors errors={to && !target ? [{ field: 'to', message: 'Give a date and a time' }] : []} />
      <ErrorMessage error={advancing.error} />
      <button type="submit" disabled={!target || advancing.loading}>
        {advancing.loading ? 'Advancing…' : 'Advance'}
      </button>
      {advanced && (
        <p className="notice" role="status">
          Advanced: the sandbox’s time is now {instant(advanced)}.
        </p>
      )}
    </form>
  );
}
