import { TestClock } from '../src/clock';
import { signTenantHeaders, TENANT_SIGNATURE_TTL_MS, TenantHeader, verifyTenantHeaders, type Role } from '../src/server/tenant';
import { newPlatformId } from '../src/testing';

const secret = 'kit-test-secret';

function signedHeaders(role: Role = 'admin') {
  const clock = new TestClock('2026-03-01T12:00:00Z');
  const platformId = newPlatformId();
  return { clock, platformId, headers: signTenantHeaders(secret, { platformId, role }, clock) };
}

describe('signed tenant headers', () => {
  it.each(['admin', 'ingest', 'read', 'partner'] as const)('round-trip the platform and the %s role', (role) => {
    const { clock, platformId, headers } = signedHeaders(role);
    expect(headers[TenantHeader.issuedAt]).toBe(String(clock.now().getTime()));
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ platformId, role });
  });

  it('are accepted as array-valued headers too (first value wins)', () => {
    const { clock, platformId, headers } = signedHeaders();
    const asArrays = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v, 'ignored']]));
    expect(verifyTenantHeaders(secret, asArrays, clock)).toEqual({ platformId, role: 'admin' });
  });

  // The sandbox mark is optional (production platforms carry none); removing it is the signature's business, below.
  it.each(Object.values(TenantHeader).filter((h) => h !== TenantHeader.sandbox))('are refused when %s is missing', (name) => {
    const { clock, headers } = signedHeaders();
    delete headers[name];
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'missing signed tenant headers' });
  });

  it('are refused when the platform id is not a uuid', () => {
    const { clock } = signedHeaders();
    const headers = signTenantHeaders(secret, { platformId: 'platform-1', role: 'admin' }, clock);
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'malformed platform id' });
  });

  it('are refused when the role is unknown, even if correctly signed', () => {
    const { clock, platformId } = signedHeaders();
    const headers = signTenantHeaders(secret, { platformId, role: 'owner' as Role }, clock);
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'unknown role' });
  });

  it('are refused when the role was changed after signing', () => {
    const { clock, headers } = signedHeaders('read');
    headers[TenantHeader.role] = 'admin';
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'bad tenant signature' });
  });

  it('are refused when the platform id was changed after signing', () => {
    const { clock, headers } = signedHeaders();
    headers[TenantHeader.platformId] = newPlatformId();
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'bad tenant signature' });
  });

  it('are refused when the signature is altered', () => {
    const { clock, headers } = signedHeaders();
    const signature = headers[TenantHeader.signature];
    headers[TenantHeader.signature] = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'bad tenant signature' });
  });

  it('are refused when the signature is truncated or not hex', () => {
    const { clock, headers } = signedHeaders();
    const signature = headers[TenantHeader.signature];
    expect(verifyTenantHeaders(secret, { ...headers, [TenantHeader.signature]: signature.slice(0, 32) }, clock)).toEqual({
      refused: 'bad tenant signature',
    });
    expect(verifyTenantHeaders(secret, { ...headers, [TenantHeader.signature]: 'z'.repeat(64) }, clock)).toEqual({
      refused: 'bad tenant signature',
    });
  });

  it('are refused when signed with a different secret', () => {
    const { clock, headers } = signedHeaders();
    expect(verifyTenantHeaders('another-secret', headers, clock)).toEqual({ refused: 'bad tenant signature' });
  });

  it('are still accepted exactly at the end of their lifetime', () => {
    const { clock, platformId, headers } = signedHeaders();
    clock.advance(TENANT_SIGNATURE_TTL_MS);
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ platformId, role: 'admin' });
  });

  it('are refused when issued more than 5 minutes ago', () => {
    const { clock, headers } = signedHeaders();
    clock.advance(5 * 60_000 + 1);
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'expired tenant signature' });
  });

  it('are refused when issued more than 5 minutes in the future', () => {
    const { clock, headers } = signedHeaders();
    clock.advance(-(5 * 60_000 + 1));
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'expired tenant signature' });
  });

  it('are refused when the issued-at time is not a number', () => {
    const { clock, headers } = signedHeaders();
    headers[TenantHeader.issuedAt] = 'yesterday';
    expect(verifyTenantHeaders(secret, headers, clock)).toEqual({ refused: 'expired tenant signature' });
  });
});

describe('the signed sandbox mark', () => {
  it('round-trips a sandbox platform, and production platforms carry no mark', () => {
    const clock = new TestClock('2026-03-01T12:00:00Z');
    const platformId = newPlatformId();
    const sandbox = signTenantHeaders(secret, { platformId, role: 'admin', sandbox: true }, clock);
    expect(sandbox[TenantHeader.sandbox]).toBe('1');
    expect(verifyTenantHeaders(secret, sandbox, clock)).toEqual({ platformId, role: 'admin', sandbox: true });
    const production = signTenantHeaders(secret, { platformId, role: 'admin' }, clock);
    expect(production[TenantHeader.sandbox]).toBeUndefined();
    expect(verifyTenantHeaders(secret, production, clock)).toEqual({ platformId, role: 'admin' });
  });

  it('cannot be added to, or removed from, signed headers', () => {
    const clock = new TestClock('2026-03-01T12:00:00Z');
    const platformId = newPlatformId();
    const forged = { ...signTenantHeaders(secret, { platformId, role: 'admin' }, clock), [TenantHeader.sandbox]: '1' };
    expect(verifyTenantHeaders(secret, forged, clock)).toEqual({ refused: 'bad tenant signature' });
    const stripped = signTenantHeaders(secret, { platformId, role: 'admin', sandbox: true }, clock);
    delete stripped[TenantHeader.sandbox];
    expect(verifyTenantHeaders(secret, stripped, clock)).toEqual({ refused: 'bad tenant signature' });
  });
});
