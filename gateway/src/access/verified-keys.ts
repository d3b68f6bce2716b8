import { isTransientFailure, serviceUnavailable, type Clock, type Tenant } from '@meterline/kit';
import type { DataSource } from 'typeorm';
import { authenticateApiKey, hashApiKey } from './api-keys';

export interface VerifiedKeysOptions {
  /** How long a verified key is trusted without asking the key store again (API_KEY_CACHE_MS; 0 = always ask). */
  ttlMs: number;
  /** Most keys remembered; the oldest verified is forgotten first. */
  maxEntries?: number;
  /** Timers of the cache (real time: never the test clock). */
  now?: () => number;
}

/**
 * The gateway's verified API keys: a key the key store (Postgres) confirmed is trusted for `ttlMs` without another
 * lookup, so a request costs no query and a short Postgres restart does not stop clients with known keys. Only the
 * key's SHA-256 is kept, never the key. Unknown or revoked keys are not remembered: a key created a moment ago works
 * at once. A revoked key keeps working on a gateway that verified it for at most `ttlMs` after the revocation.
 *
 * `verify` answers the tenant, null for a key the store does not know (401), and throws SERVICE_UNAVAILABLE when the
 * store cannot be reached and the key is not cached (503 with Retry-After — never 401: the key may be fine).
 */
export class VerifiedKeys {
  private readonly entries = new Map<string, { tenant: Tenant; until: number }>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly options: VerifiedKeysOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  async verify(key: string): Promise<Tenant | null> {
    const hash = hashApiKey(key);
    const cached = this.entries.get(hash);
    const now = this.now();
    if (cached && cached.until > now) return cached.tenant;
    let tenant: Tenant | null;
    try {
      tenant = await authenticateApiKey(this.ds, key, this.clock);
    } catch (error) {
      if (isTransientFailure(error)) throw serviceUnavailable('The API key store is unavailable; retry later');
      throw error;
    }
    this.entries.delete(hash);
    if (tenant && this.options.ttlMs > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(hash, { tenant, until: now + this.options.ttlMs });
    }
    return tenant;
  }

  /** Forgets every verified key (tests; an operator revoking keys in bulk restarts or waits ttlMs). */
  clear(): void {
    this.entries.clear();
  }
}
