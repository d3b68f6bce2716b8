import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { readPersistedOperations, readSupergraph, type SubgraphName } from '@meterline/contracts';
import {
  createHttpApp,
  isUuid,
  notFound,
  restErrors,
  sendRestError,
  unauthenticated,
  createHttpServer,
  createLogger,
  formatPublicErrorLogged,
  numberLiteralsPlugin,
  operationNamePlugin,
  listen,
  loadConfig,
  mountTestClockRoutes,
  openDatabase,
  serviceClockFrom,
  ServiceMetrics,
  signTenantHeaders,
  systemClock,
  testClockConfigSpec,
  type Logger,
  requireDocumentRole,
  requireReportRole,
  requireRestRole,
  rolePlugin,
  type Tenant,
  type TestClockConfig,
} from '@meterline/kit';
import express, { type RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { apiKeyFromHeaders } from './access/api-keys';
import { Access1763700000000, SandboxPlatforms1763700000100 } from './access/migrations';
import { gatewayConfigSpec, gatewayTuningSpec, type GatewayConfig, type GatewayTuning } from './config';
import { httpStatusPlugin } from './http-status';
import { VerifiedKeys } from './access/verified-keys';
import { costLimitPlugin, gatewayLimitsFrom, graphqlArmor, parseOptionsOf, rateLimiter, type GatewayLimits } from './limits';
import { persistedOperations } from './persisted-operations';
import { proxyToSubgraph } from './rest-proxy';

interface GatewayContext {
  tenant: Tenant;
  requestId: string;
}

export interface StartGatewayOptions {
  config?: Partial<GatewayConfig & TestClockConfig>;
  /** Overrides of the request limits otherwise read from GRAPHQL_MAX_* and RATE_LIMIT_* (tests). */
  limits?: Partial<GatewayLimits>;
  /** Overrides of API_KEY_CACHE_MS and REST_PROXY_* (tests). */
  tuning?: Partial<GatewayTuning>;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  ds: DataSource;
  log: Logger;
  stop(): Promise<void>;
}

/** The gateway owns the `gateway` schema: platforms and API keys. */
export function openAccessDatabase(url: string): Promise<DataSource> {
  return openDatabase({
    url,
    schema: 'gateway',
    entities: [],
    migrations: [Access1763700000000, SandboxPlatforms1763700000100],
    poolSize: 5,
  });
}

/** Desk's build (web/dist), relative to the repo root: gateway/src or gateway/dist → ../../web/dist. */
const DESK_DIR = join(__dirname, '..', '..', 'web', 'dist');
const NOT_DESK = /^\/(graphql|v1|healthz|readyz|metrics|test\/clock)(\/|$)/;

/** Serves Desk, the web app, at `/` when it is built, with index.html for any other GET (client-side routes). */
function serveDesk(app: express.Express): void {
  const index = join(DESK_DIR, 'index.html');
  if (!existsSync(index)) return;
  app.use(express.static(DESK_DIR, { index: 'index.html' }));
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_DESK.test(req.path)) return next();
    res.sendFile(index);
  });
}

/**
 * The tenant of a provider's webhook: the platform its path names, with the `ingest` role (data coming in, REST only;
 * never a GraphQL caller). Not a platform id: 404.
 */
const providerWebhookTenant: RequestHandler = (req, res, next) => {
  const platformId = String(req.params.platformId ?? '');
  if (!isUuid(platformId)) return sendRestError(res, notFound('Webhook endpoint', 'platformId'));
  res.locals.tenant = { platformId, role: 'ingest' } satisfies Tenant;
  next();
};

/** The one door: API-key auth, tenant signing, the static supergraph, one GraphQL endpoint. */
export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  // METERLINE_TEST_CLOCK is read besides gatewayConfigSpec (the deployment's variables, services.json): never deployed.
  const config: GatewayConfig & TestClockConfig = {
    ...loadConfig({ ...gatewayConfigSpec, ...testClockConfigSpec }, options.env),
    ...options.config,
  };
  const log = options.log ?? createLogger('gateway', config.LOG_LEVEL);
  // The gateway reads no business time today: tenant signatures and API-key use are on real time (systemClock), so moving
  // the test clock never makes a request fail. Its /test/clock is served all the same, so a test moves every process.
  const { testClock } = serviceClockFrom(config, options.env ?? process.env, log);
  const metrics = new ServiceMetrics('gateway');
  const limits = { ...gatewayLimitsFrom(options.env), ...options.limits };
  const tuning: GatewayTuning = { ...loadConfig(gatewayTuningSpec, options.env), ...options.tuning };
  const production = (options.env ?? process.env).NODE_ENV === 'production';
  const armor = graphqlArmor(limits, production);
  const ds = await openAccessDatabase(config.DATABASE_URL);

  const subgraphUrls: Record<SubgraphName, string> = {
    metering: config.METERING_URL,
    catalog: config.CATALOG_URL,
    subscriptions: config.SUBSCRIPTIONS_URL,
    invoicing: config.INVOICING_URL,
    webhooks: config.WEBHOOKS_URL,
  };
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: subgraphUrls[name as SubgraphName] ?? url,
        willSendRequest({ request, context }) {
          if (!context.tenant) return; // the gateway's own start-up requests carry no tenant
          for (const [header, value] of Object.entries(signTenantHeaders(config.TENANT_SIGNING_SECRET, context.tenant, systemClock))) {
            request.http?.headers.set(header, value);
          }
          request.http?.headers.set('x-request-id', context.requestId);
        },
      }),
  });

  let stopping = false;
  const app = createHttpApp(metrics, { dependencies: { postgres: () => ds.query('SELECT 1') }, stopping: () => stopping });
  if (testClock) mountTestClockRoutes(app, testClock, log);
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatPublicErrorLogged(log),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: !production,
    validationRules: armor.validationRules,
    parseOptions: parseOptionsOf(limits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(armor.plugins as Array<ApolloServerPlugin<GatewayContext>>),
      rolePlugin<GatewayContext>((context) => context.tenant?.role),
      operationNamePlugin<GatewayContext>(),
      numberLiteralsPlugin<GatewayContext>(),
      costLimitPlugin<GatewayContext>(limits, log),
      httpStatusPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();

  // Key checks are on real time (systemClock): moving the test clock never expires a key.
  const verifiedKeys = new VerifiedKeys(ds, systemClock, { ttlMs: tuning.API_KEY_CACHE_MS });
  const restError = restErrors(log);
  const authenticate: RequestHandler = async (req, res, next) => {
    const key = apiKeyFromHeaders(req.headers);
    let tenant: Tenant | null = null;
    try {
      tenant = key ? await verifiedKeys.verify(key) : null;
    } catch (error) {
      // The key store is down (503 with Retry-After, never 401: the key may well be valid), or a bug (500).
      return restError(error, req, res, next);
    }
    if (!tenant) return sendRestError(res, unauthenticated('A valid API key is required (Authorization: Bearer <key>)'));
    res.locals.tenant = tenant;
    next();
  };
  const rateLimit = rateLimiter(limits.RATE_LIMIT_PER_SECOND, limits.RATE_LIMIT_BURST);
  // The bulk door: the seed's JSON (array or NDJSON) straight to metering, same API keys.
  const proxyTimeouts = { connectMs: tuning.REST_PROXY_CONNECT_TIMEOUT_MS, idleMs: tuning.REST_PROXY_IDLE_TIMEOUT_MS };
  const toMetering = proxyToSubgraph(config.METERING_URL, config.TENANT_SIGNING_SECRET, log, proxyTimeouts);
  app.post('/v1/events', authenticate, rateLimit, requireRestRole, toMetering);
  app.use('/v1/imports', authenticate, rateLimit, requireRestRole, toMetering);
  // Bulk imports of customers and subscriptions (issue 16), applied where the data is owned.
  const toSubscriptions = proxyToSubgraph(config.SUBSCRIPTIONS_URL, config.TENANT_SIGNING_SECRET, log, proxyTimeouts);
  app.use(['/v1/customer-imports', '/v1/subscription-imports'], authenticate, rateLimit, requireRestRole, toSubscriptions);
  const toInvoicing = proxyToSubgraph(config.INVOICING_URL, config.TENANT_SIGNING_SECRET, log, proxyTimeouts);
  // Payment providers' webhooks: no API key — the provider's signature, checked by invoicing on the raw body with the
  // platform's webhook secret, is the authentication. The path names the platform; invoicing answers 404 for one
  // without Stripe settings, 400 for a body the signature does not cover.
  app.post('/v1/providers/stripe/webhooks/:platformId', providerWebhookTenant, rateLimit, toInvoicing);
  // Invoice and credit-note documents (PDF), rendered by invoicing: admin and read keys.
  app.get(['/v1/invoices/:id/pdf', '/v1/credit-notes/:id/pdf'], authenticate, rateLimit, requireDocumentRole, toInvoicing);
  // Report downloads (CSV, streamed by invoicing; report jobs' files stored by invoicing): admin and read keys, as documents.
  app.get(['/v1/reports/:name', '/v1/reports/jobs/:id/csv'], authenticate, rateLimit, requireReportRole, toInvoicing);
  // Reconciliation with the old billing system: the file upload (invoicing takes admin keys only) and the CSV download.
  app.post('/v1/reconciliation-files', authenticate, rateLimit, requireRestRole, toInvoicing);
  app.get('/v1/reconciliations/:id/lines.csv', authenticate, rateLimit, requireReportRole, toInvoicing);
  app.use(
    '/graphql',
    authenticate,
    rateLimit,
    express.json({ limit: limits.GRAPHQL_MAX_BODY }),
    persistedOperations(readPersistedOperations()),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        tenant: res.locals.tenant as Tenant,
        requestId: String(req.headers['x-request-id'] ?? randomUUID()),
      }),
    }),
    restErrors(log), // a body too large or unreadable: 413/400 with a JSON error naming the body
  );
  serveDesk(app);

  const port = await listen(httpServer, config.PORT);
  const url = `http://127.0.0.1:${port}/graphql`;
  log.info({ url }, 'gateway ready');
  return {
    url,
    port,
    ds,
    log,
    async stop() {
      if (stopping) return;
      stopping = true;
      await apollo.stop();
      await ds.destroy();
    },
  };
}
