import { isUuid } from '../reference';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';

/** Roles of an API key (DESIGN §3). */
export const Roles = ['admin', 'ingest', 'read', 'partner'] as const;
export type Role = (typeof Roles)[number];

export interface Tenant {
  platformId: string;
  role: Role;
  /** A sandbox platform (created with `platform create --sandbox`): its business clock can be advanced. Absent: production. */
  sandbox?: boolean;
}

/** Headers with which the gateway tells a subgraph who is asking. Subgraphs trust nothing else. */
export const TenantHeader = {
  platformId: 'x-meterline-platform-id',
  role: 'x-meterline-role',
  issuedAt: 'x-meterline-issued-at',
  sandbox: 'x-meterline-sandbox',
  signature: 'x-meterline-signature',
} as const;

/** How long a signed header stays valid; bounds replay of a captured header. */
export const TENANT_SIGNATURE_TTL_MS = 5 * 60_000;

/** A sandbox mark is signed too (a client cannot make its production platform a sandbox by adding the header). */
function sign(secret: string, platformId: string, role: string, issuedAt: string, sandbox: boolean): string {
  return createHmac('sha256', secret)
    .update(`v1\n${platformId}\n${role}\n${issuedAt}${sandbox ? '\nsandbox' : ''}`)
    .digest('hex');
}

/**
 * `realClock` is real time (systemClock outside tests), never a service's business clock: the signature's freshness is
 * transport security, and a test moving business time must not make requests expire.
 */
export function signTenantHeaders(secret: string, tenant: Tenant, realClock: Clock): Record<string, string> {
  const issuedAt = String(realClock.now().getTime());
  return {
    [TenantHeader.platformId]: tenant.platformId,
    [TenantHeader.role]: tenant.role,
    [TenantHeader.issuedAt]: issuedAt,
    ...(tenant.sandbox ? { [TenantHeader.sandbox]: '1' } : {}),
    [TenantHeader.signature]: sign(secret, tenant.platformId, tenant.role, issuedAt, tenant.sandbox === true),
  };
}

type HeaderBag = Record<string, string | string[] | undefined>;

function single(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Returns the tenant when the headers carry a valid, fresh signature; otherwise the reason it was refused. Freshness is
 * judged on `realClock`: real time (systemClock outside tests), never the business clock (see signTenantHeaders).
 */
export function verifyTenantHeaders(secret: string, headers: HeaderBag, realClock: Clock): Tenant | { refused: string } {
  const platformId = single(headers, TenantHeader.platformId);
  const role = single(headers, TenantHeader.role);
  const issuedAt = single(headers, TenantHeader.issuedAt);
  const signature = single(headers, TenantHeader.signature);
  const sandbox = single(headers, TenantHeader.sandbox) === '1';
  if (!platformId || !role || !issuedAt || !signature) return { refused: 'missing signed tenant headers' };
  if (!isUuid(platformId)) return { refused: 'malformed platform id' };
  if (!(Roles as readonly string[]).includes(role)) return { refused: 'unknown role' };
  const age = realClock.now().getTime() - Number(issuedAt);
  if (!Number.isFinite(age) || Math.abs(age) > TENANT_SIGNATURE_TTL_MS) return { refused: 'expired tenant signature' };
  const expected = Buffer.from(sign(secret, platformId, role, issuedAt, sandbox), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: 'bad tenant signature' };
  return sandbox ? { platformId, role: role as Role, sandbox } : { platformId, role: role as Role };
}
