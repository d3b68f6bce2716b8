import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ErrorCode, loadConfig, type Config, type ConfigSpec, type Tenant } from '@meterline/kit';
import { apiKeyFromHeaders } from './access/api-keys';
import type { RequestHandler } from 'express';

/** Request limits of the one door; optional tunables (not part of a deployment's required variables). */
export const gatewayLimitsSpec = {
  GRAPHQL_MAX_DEPTH: { kind: 'int', description: 'deepest selection a GraphQL operation may have', default: '15' },
  GRAPHQL_MAX_ALIASES: { kind: 'int', description: 'aliases per GraphQL operation', default: '100' },
  GRAPHQL_MAX_TOKENS: { kind: 'int', description: 'tokens per GraphQL document', default: '20000' },
  GRAPHQL_MAX_COST: { kind: 'int', description: 'graphql-armor cost of an operation', default: '50000' },
  GRAPHQL_MAX_BODY: { kind: 'string', description: 'largest GraphQL request body (express size, e.g. 2mb)', default: '2mb' },
  RATE_LIMIT_PER_SECOND: { kind: 'int', description: 'requests per second per API key (GraphQL and REST together)', default: '100' },
  RATE_LIMIT_BURST: { kind: 'int', description: 'requests an API key may send at once above the rate', default: '200' },
} satisfies ConfigSpec;

export type GatewayLimits = Config<typeof gatewayLimitsSpec>;

export function gatewayLimitsFrom(env: NodeJS.ProcessEnv = process.env): GatewayLimits {
  return loadConfig(gatewayLimitsSpec, env);
}

/** Depth, alias, token, directive and cost limits (graphql-armor); field suggestions are hidden in production. */
export function graphqlArmor(limits: GatewayLimits, production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: limits.GRAPHQL_MAX_DEPTH },
    maxAliases: { n: limits.GRAPHQL_MAX_ALIASES },
    maxTokens: { n: limits.GRAPHQL_MAX_TOKENS },
    maxDirectives: { n: 50 },
    costLimit: { maxCost: limits.GRAPHQL_MAX_COST },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

/**
 * A token bucket per API key (told apart by its visible prefix: secrets are never kept in memory): `ratePerSecond` tokens a second up
 * to `burst`; a request takes one. Over the limit: 429 with `Retry-After` (seconds until a token is back). Per gateway
 * process: with n replicas behind a balancer a key gets about n times the rate.
 */
export function rateLimiter(ratePerSecond: number, burst: number, now: () => number = Date.now): RequestHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (req, res, next) => {
    const tenant = res.locals.tenant as Tenant;
    const prefix = /^ml_([^_]+)_/.exec(apiKeyFromHeaders(req.headers) ?? '')?.[1];
    const key = `${tenant.platformId}:${prefix ?? tenant.role}`;
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
    bucket.at = t;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      next();
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond));
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({
      errors: [
        {
          message: `Rate limit of ${ratePerSecond} requests per second exceeded; retry in ${retryAfter} s`,
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: retryAfter },
        },
      ],
    });
  };
}
