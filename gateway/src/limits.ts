import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AppError, ErrorCode, loadConfig, type Config, type ConfigSpec, type Logger, type Tenant } from '@meterline/kit';
import type { RequestHandler } from 'express';
import { apiKeyFromHeaders } from './access/api-keys';
import { defaultCostOptions, operationCost } from './cost';

/** Request limits of the one door; optional tunables (not part of a deployment's required variables). */
export const gatewayLimitsSpec = {
  GRAPHQL_MAX_DEPTH: { kind: 'int', description: 'deepest selection a GraphQL operation may have', default: '15' },
  GRAPHQL_MAX_ALIASES: { kind: 'int', description: 'aliases per GraphQL operation', default: '100' },
  GRAPHQL_MAX_TOKENS: { kind: 'int', description: 'tokens per GraphQL document', default: '20000' },
  GRAPHQL_MAX_COST: {
    kind: 'int',
    description: 'largest worst-case cost of an operation: the fields it may resolve, lists counted by page size or GRAPHQL_LIST_SIZE',
    default: '500000',
  },
  GRAPHQL_LIST_SIZE: { kind: 'int', description: 'items a list field without pagination is assumed to hold, for the cost', default: '20' },
  GRAPHQL_MAX_BODY: { kind: 'string', description: 'largest GraphQL request body (express size, e.g. 2mb)', default: '2mb' },
  RATE_LIMIT_PER_SECOND: { kind: 'int', description: 'requests per second per API key (GraphQL and REST together)', default: '100' },
  RATE_LIMIT_BURST: { kind: 'int', description: 'requests an API key may send at once above the rate', default: '200' },
} satisfies ConfigSpec;

export type GatewayLimits = Config<typeof gatewayLimitsSpec>;

export function gatewayLimitsFrom(env: NodeJS.ProcessEnv = process.env): GatewayLimits {
  return loadConfig(gatewayLimitsSpec, env);
}

/**
 * Depth, alias and directive limits (graphql-armor); field suggestions are hidden in production. The cost is ours
 * (costLimitPlugin): graphql-armor's gives lists no weight. The token limit is graphql-js's own parse option
 * (parseOptionsOf): armor's token plugin parses in a hook where any syntax error becomes a 500.
 */
export function graphqlArmor(limits: GatewayLimits, production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: limits.GRAPHQL_MAX_DEPTH },
    maxAliases: { n: limits.GRAPHQL_MAX_ALIASES },
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

/**
 * Refuses an operation whose worst-case cost (operationCost over the API schema, with the request's variables) is above
 * GRAPHQL_MAX_COST, before it is planned: QUERY_TOO_COMPLEX (HTTP 400, by the status table), saying the cost and the limit.
 */
export function costLimitPlugin<TContext extends object>(
  limits: Pick<GatewayLimits, 'GRAPHQL_MAX_COST' | 'GRAPHQL_LIST_SIZE'>,
  log?: Pick<Logger, 'warn'>,
): ApolloServerPlugin<TContext> {
  const options = { ...defaultCostOptions, listSize: limits.GRAPHQL_LIST_SIZE };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = operationCost(schema, document, request.variables ?? {}, operationName, options);
          if (cost <= limits.GRAPHQL_MAX_COST) return;
          log?.warn({ cost, maxCost: limits.GRAPHQL_MAX_COST, operationName }, 'refused an operation over the cost limit');
          throw new AppError(
            ErrorCode.QUERY_TOO_COMPLEX,
            `Query cost ${cost} is above the limit of ${limits.GRAPHQL_MAX_COST} (every list counts its page size, or ` +
              `${options.listSize} items when it has no pagination): ask for fewer fields or smaller pages, or split the query`,
            undefined,
            { cost, maxCost: limits.GRAPHQL_MAX_COST, http: { status: 400 } },
          );
        },
      };
    },
  };
}

/** Apollo's parse options: a document over GRAPHQL_MAX_TOKENS is a syntax error, GRAPHQL_PARSE_FAILED (400). */
export function parseOptionsOf(limits: GatewayLimits): { maxTokens: number } {
  return { maxTokens: limits.GRAPHQL_MAX_TOKENS };
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
