import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Role, Tenant } from '@meterline/kit';
import type { DataSource } from 'typeorm';

/** Keys look like `ml_<8-char prefix>_<secret>`; only their SHA-256 is stored, the prefix stays visible to tell keys apart. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface CreatedApiKey {
  id: string;
  /** Shown once, never stored. */
  key: string;
  prefix: string;
  role: Role;
}

export interface PlatformOptions {
  id?: string;
  /** A sandbox: its business clock can be advanced (advanceSandboxClock); a production platform's never can. */
  sandbox?: boolean;
}

/** Whether a platform is a sandbox is fixed at creation. */
export async function createPlatform(ds: DataSource, name: string, clock: Clock, options: PlatformOptions = {}): Promise<string> {
  const { id = randomUUID(), sandbox = false } = options;
  await ds.query(`INSERT INTO platforms (id, name, created_at, sandbox) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
    id,
    name,
    clock.now(),
    sandbox,
  ]);
  return id;
}

export async function createApiKey(ds: DataSource, platformId: string, role: Role, name: string, clock: Clock): Promise<CreatedApiKey> {
  const prefix = randomBytes(6).toString('base64url').slice(0, 8);
  const key = `ml_${prefix}_${randomBytes(24).toString('base64url')}`;
  const [row] = (await ds.query(
    `INSERT INTO api_keys (platform_id, name, prefix, key_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [platformId, name, prefix, hashApiKey(key), role, clock.now()],
  )) as Array<{ id: string }>;
  return { id: row.id, key, prefix, role };
}

/** Resolves an API key to its platform and role; null for unknown or revoked keys. */
export async function authenticateApiKey(ds: DataSource, key: string, clock: Clock): Promise<Tenant | null> {
  const [found] = (await ds.query(
    `SELECT k.id, k.platform_id, k.role, k.last_used_at, p.sandbox FROM api_keys k JOIN platforms p ON p.id = k.platform_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    [hashApiKey(key)],
  )) as Array<{ id: string; platform_id: string; role: Role; last_used_at: Date | null; sandbox: boolean }>;
  if (!found) return null;
  const now = clock.now();
  // Last use is kept to the minute: one write per key per minute, not one per request.
  if (!found.last_used_at || now.getTime() - found.last_used_at.getTime() > 60_000) {
    await ds.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1`, [found.id, now]);
  }
  return found.sandbox
    ? { platformId: found.platform_id, role: found.role, sandbox: true }
    : { platformId: found.platform_id, role: found.role };
}

export function apiKeyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  const header = headers['x-api-key'];
  return bearer ?? (typeof header === 'string' ? header : undefined);
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A platform's keys, oldest first: never the key itself (it is not stored), the prefix to tell them apart. */
export async function listApiKeys(ds: DataSource, platformId: string): Promise<ApiKeyInfo[]> {
  const rows = (await ds.query(
    `SELECT id, name, prefix, role, created_at, last_used_at, revoked_at FROM api_keys WHERE platform_id = $1 ORDER BY created_at, id`,
    [platformId],
  )) as Array<{
    id: string;
    name: string;
    prefix: string;
    role: Role;
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a key of a platform at once (the next request with it gets 401); false when there is no such live key. */
export async function revokeApiKey(ds: DataSource, platformId: string, keyId: string, clock: Clock): Promise<boolean> {
  const [rows] = (await ds.query(
    `UPDATE api_keys SET revoked_at = $3 WHERE platform_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
    [platformId, keyId, clock.now()],
  )) as [unknown[], number];
  return rows.length > 0;
}

export async function platformExists(ds: DataSource, platformId: string): Promise<boolean> {
  return ((await ds.query(`SELECT 1 FROM platforms WHERE id = $1`, [platformId])) as unknown[]).length > 0;
}
