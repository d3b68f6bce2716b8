import { postGraphQL } from '@meterline/kit/testing';
import { gatewayClient, newTenant, startPlatform } from './testkit';

/**
 * The gateway's limits, on a stack of its own with small limits and NODE_ENV=production: depth, aliases, body size,
 * introspection off, per-key rate limits with 429 and Retry-After on GraphQL and on POST /v1/events.
 */
describe('limits at the door', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  beforeAll(async () => {
    platform = await startPlatform({
      serviceEnv: {
        gateway: {
          NODE_ENV: 'production',
          GRAPHQL_MAX_DEPTH: '4',
          GRAPHQL_MAX_ALIASES: '3',
          GRAPHQL_MAX_BODY: '2kb',
          RATE_LIMIT_PER_SECOND: '2',
          RATE_LIMIT_BURST: '8',
        },
      },
    });
  });
  afterAll(() => platform?.stop());

  it('refuses too deep, too many aliases and too large a body, never with a stack trace; no introspection in production', async () => {
    const client = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
    const deep = await client.send('{ invoices { edges { node { lines { productItem { id } } } } } }');
    expect(deep.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors?.[0].message).toMatch(/depth/i);
    const aliased = await client.send(
      '{ a: meters { totalCount } b: meters { totalCount } c: meters { totalCount } d: meters { totalCount } }',
    );
    expect(aliased.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(aliased.errors?.[0].message).toMatch(/aliases/i);
    const huge = await client.send(`{ meters(after: "${'x'.repeat(4000)}") { totalCount } }`);
    expect(huge.status).toBe(413);
    const introspection = await client.send('{ __schema { types { name } } }');
    expect(introspection.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const response of [deep, aliased, introspection]) expect(JSON.stringify(response.errors)).not.toMatch(/stack|at \//);
    expect([deep.status, aliased.status, introspection.status]).toEqual([400, 400, 400]); // README: validation is 400
  });

  it('limits each key’s rate: 429 with Retry-After on GraphQL and on POST /v1/events, other keys unaffected', async () => {
    const { apiKey } = await newTenant(platform.databaseUrl);
    const other = gatewayClient(platform.gatewayUrl, (await newTenant(platform.databaseUrl)).apiKey);
    const statuses: number[] = [];
    let limited: { status: number; retryAfter: string | null; code?: unknown } | undefined;
    for (let i = 0; i < 12 && !limited; i += 1) {
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query: '{ meters { totalCount } }' }),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
        limited = { status: 429, retryAfter: response.headers.get('retry-after'), code: body.errors[0].extensions.code };
      } else await response.arrayBuffer();
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(limited).toEqual({ status: 429, retryAfter: '1', code: 'RATE_LIMITED' });
    const rest = await fetch(platform.gatewayUrl.replace(/\/graphql$/, '/v1/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: '[]',
    });
    expect(rest.status).toBe(429);
    expect(rest.headers.get('retry-after')).toBe('1');
    expect((await other.send('{ meters { totalCount } }')).errors).toBeUndefined();
    expect((await postGraphQL(platform.gatewayUrl, '{ __typename }')).status).toBe(401);
  });
});
