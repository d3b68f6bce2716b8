import { createLogger, ensureDatabase, systemClock } from '@meterline/kit';
import { freePort, OwnPostgresServer, postGraphQL, testInfrastructure } from '@meterline/kit/testing';
import type { DataSource } from 'typeorm';
import { createApiKey, createPlatform, openAccessDatabase, startGateway, VerifiedKeys, type RunningGateway } from '../src';

/**
 * The gateway on a Postgres of its own that the test stops, with no subgraph running: statuses by the README's table,
 * and an unreachable key store answered 503 with Retry-After, never 401.
 */
describe('gateway answers: statuses, and a key store that goes away', () => {
  let postgres: OwnPostgresServer;
  let gateway: RunningGateway;
  const keys: Record<'admin' | 'read' | 'ingest' | 'spare', string> = { admin: '', read: '', ingest: '', spare: '' };

  beforeAll(async () => {
    postgres = await OwnPostgresServer.start();
    const databaseUrl = postgres.urlOf('meterline_gateway_outage');
    await ensureDatabase(databaseUrl);
    const nowhere = `http://127.0.0.1:${await freePort()}/graphql`; // no subgraph listens there
    gateway = await startGateway({
      config: {
        PORT: 0,
        DATABASE_URL: databaseUrl,
        METERING_URL: nowhere,
        CATALOG_URL: nowhere,
        SUBSCRIPTIONS_URL: nowhere,
        INVOICING_URL: nowhere,
      },
      limits: { GRAPHQL_MAX_TOKENS: 200 },
      tuning: { API_KEY_CACHE_MS: 60_000 },
      log: createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent'),
    });
    const platformId = await createPlatform(gateway.ds, 'outage answers', systemClock);
    for (const role of ['admin', 'read', 'ingest'] as const)
      keys[role] = (await createApiKey(gateway.ds, platformId, role, role, systemClock)).key;
    keys.spare = (await createApiKey(gateway.ds, platformId, 'admin', 'never used before the outage', systemClock)).key;
  }, 120_000);

  afterAll(async () => {
    await postgres?.resume();
    await gateway?.stop();
    await postgres?.stop();
  });

  const send = (key: string | undefined, body: Record<string, unknown>) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => {
      const json = (await r.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      return { status: r.status, code: json.errors?.[0]?.extensions?.code, retryAfter: r.headers.get('retry-after') };
    });

  it('answers refusals with the status of their code', async () => {
    const mutation = 'mutation { createCustomer(input: { reference: "c", name: "C", currency: "EUR" }) { id } }';
    expect(await send(keys.read, { query: mutation })).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await send(keys.ingest, { query: '{ meters { totalCount } }' })).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await send(keys.admin, { query: '{ meters { totalCount }' })).toMatchObject({ status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    const tokens = `{ ${Array.from({ length: 120 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(await send(keys.admin, { query: tokens })).toMatchObject({ status: 400 });
    expect(await send(keys.admin, { query: '{ nope }' })).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(await send(undefined, { query: '{ __typename }' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await send(`${keys.admin}x`, { query: '{ __typename }' })).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await send(keys.admin, { query: '{ __typename }' })).toMatchObject({ status: 200 });
  });

  it('answers 503 with Retry-After when a subgraph cannot be reached, on GraphQL and on the REST door', async () => {
    expect(await send(keys.admin, { query: '{ meters { totalCount } }' })).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      retryAfter: '1',
    });
    const rest = await fetch(gateway.url.replace(/\/graphql$/, '/v1/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.ingest}` },
      body: '[]',
    });
    expect([rest.status, rest.headers.get('retry-after')]).toEqual([503, '1']);
    expect(await rest.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  });

  it('while Postgres is down: verified keys keep working, others get 503 with Retry-After (never 401), /readyz names postgres', async () => {
    expect(await send(keys.admin, { query: '{ __typename }' })).toMatchObject({ status: 200 }); // verified, now cached
    await postgres.pause();
    try {
      expect(await send(keys.admin, { query: '{ __typename }' })).toMatchObject({ status: 200 });
      expect(await send(keys.spare, { query: '{ __typename }' })).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '1' });
      // an unknown key cannot be told from a valid one without the store: 503 too
      expect(await send(`${keys.spare}x`, { query: '{ __typename }' })).toMatchObject({ status: 503 });
      const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not ready', dependencies: { postgres: 'down' }, down: ['postgres'] });
    } finally {
      await postgres.resume();
    }
    const back = async () => (await send(keys.spare, { query: '{ __typename }' })).status === 200;
    for (let i = 0; i < 50 && !(await back()); i += 1) await new Promise((r) => setTimeout(r, 200));
    expect(await send(keys.spare, { query: '{ __typename }' })).toMatchObject({ status: 200 });
    expect(await send(`${keys.spare}x`, { query: '{ __typename }' })).toMatchObject({ status: 401 });
    expect((await fetch(gateway.url.replace(/\/graphql$/, '/readyz'))).status).toBe(200);
  }, 60_000);

  it('still answers GraphQL without a key 401 through the shared client', async () => {
    expect((await postGraphQL(gateway.url, '{ __typename }')).status).toBe(401);
  });
});

describe('VerifiedKeys', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openAccessDatabase((await testInfrastructure()).databaseUrl);
  });
  afterAll(() => ds?.destroy());

  it('trusts a verified key for ttlMs: a revoked key works until then, an unknown one is never remembered', async () => {
    let now = 0;
    const verified = new VerifiedKeys(ds, systemClock, { ttlMs: 30_000, now: () => now });
    const platformId = await createPlatform(ds, 'cache', systemClock);
    const { key, id } = await createApiKey(ds, platformId, 'read', 'cached', systemClock);
    expect(await verified.verify(key)).toEqual({ platformId, role: 'read' });
    await ds.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [id]);
    now = 29_999;
    expect(await verified.verify(key)).toEqual({ platformId, role: 'read' });
    now = 30_000;
    expect(await verified.verify(key)).toBeNull();
    expect(await verified.verify(key)).toBeNull();

    const later = await createApiKey(ds, platformId, 'admin', 'made after a miss', systemClock);
    expect(await verified.verify(`${later.key}`)).toEqual({ platformId, role: 'admin' });
  });

  it('with ttlMs 0 asks the store every time', async () => {
    const verified = new VerifiedKeys(ds, systemClock, { ttlMs: 0 });
    const platformId = await createPlatform(ds, 'no cache', systemClock);
    const { key, id } = await createApiKey(ds, platformId, 'read', 'uncached', systemClock);
    expect(await verified.verify(key)).not.toBeNull();
    await ds.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [id]);
    expect(await verified.verify(key)).toBeNull();
  });
});
