import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestClock } from '@meterline/kit';
import { testInfrastructure } from '@meterline/kit/testing';
import type { DataSource } from 'typeorm';
import {
  apiKeyFromHeaders,
  authenticateApiKey,
  createApiKey,
  createPlatform,
  gatewayConfigSpec,
  hashApiKey,
  openAccessDatabase,
} from '../src';

describe('API keys', () => {
  let ds: DataSource;
  const clock = new TestClock('2026-05-01T00:00:00Z');

  beforeAll(async () => {
    ds = await openAccessDatabase((await testInfrastructure()).databaseUrl);
  });
  afterAll(() => ds?.destroy());

  it('stores only the hash and a visible prefix, and resolves the key to its platform and role', async () => {
    const platformId = await createPlatform(ds, 'p', clock);
    const created = await createApiKey(ds, platformId, 'ingest', 'ci', clock);
    expect(created.key).toMatch(new RegExp(`^ml_${created.prefix.replace(/[-_]/g, '\\$&')}_`));
    const [row] = await ds.query(`SELECT key_hash, prefix FROM api_keys WHERE id = $1`, [created.id]);
    expect(row).toEqual({ key_hash: hashApiKey(created.key), prefix: created.prefix });
    expect(JSON.stringify(await ds.query(`SELECT * FROM api_keys WHERE id = $1`, [created.id]))).not.toContain(created.key);

    expect(await authenticateApiKey(ds, created.key, clock)).toEqual({ platformId, role: 'ingest' });
    const [used] = await ds.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [created.id]);
    expect(used.last_used_at.toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('refuses unknown and revoked keys', async () => {
    const platformId = await createPlatform(ds, 'p', clock);
    const created = await createApiKey(ds, platformId, 'admin', 'ci', clock);
    expect(await authenticateApiKey(ds, `${created.key}x`, clock)).toBeNull();
    await ds.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [created.id]);
    expect(await authenticateApiKey(ds, created.key, clock)).toBeNull();
  });

  it('reads the key from Authorization: Bearer or X-API-KEY', () => {
    expect(apiKeyFromHeaders({ authorization: 'Bearer ml_a_b' })).toBe('ml_a_b');
    expect(apiKeyFromHeaders({ 'x-api-key': 'ml_c_d' })).toBe('ml_c_d');
    expect(apiKeyFromHeaders({ authorization: 'Basic xyz' })).toBeUndefined();
  });
});

describe('gateway configuration', () => {
  it('reads every env name services.json lists for the gateway', () => {
    const services = JSON.parse(readFileSync(join(__dirname, '..', '..', 'services.json'), 'utf8')) as {
      services: Array<{ name: string; env: string[] }>;
    };
    const gateway = services.services.find((s) => s.name === 'gateway')!;
    expect(Object.keys(gatewayConfigSpec).sort()).toEqual([...gateway.env].sort());
  });
});
