import type { ReactNode } from 'react';
import { ErrorMessage } from './errors';

/**
 * The page a detail view shows instead of its content while it loads, when it failed, or when the object does not
 * exist (another platform's looks the same), under its way back; null once there is something to show.
 */
export function detailState({
  back,
  loading,
  error,
  found,
  what,
}: {
  back: ReactNode;
  loading: boolean;
  error: unknown;
  found: boolean;
  what: string;
}): ReactNode | null {
  if (found) return null;
  return (
    <section>
      {back}
      {loading ? (
        <p className="state">Loading {what}…</p>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : (
        <p className="state empty">This {what} does not exist.</p>
      )}
    </section>
  );
}
