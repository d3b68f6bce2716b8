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
  restErrors,
  createHttpServer,
  createLogger,
  formatPublicErrorLogged,
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
  requireRestRole,
  rolePlugin,
  type Tenant,
  type TestClockConfig,
} from '@meterline/kit';
import express, { type RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { apiKeyFromHeaders, authenticateApiKey } from './access/api-keys';
import { Access1763700000000 } from './access/migrations';
import { gatewayConfigSpec, type GatewayConfig } from './config';
import { gatewayLimitsFrom, graphqlArmor, rateLimiter, type GatewayLimits } from './limits';
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
  return openDatabase({ url, schema: 'gateway', entities: [], migrations: [Access1763700000000], poolSize: 5 });
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
  const production = (options.env ?? process.env).NODE_ENV === 'production';
  const armor = graphqlArmor(limits, production);
  const ds = await openAccessDatabase(config.DATABASE_URL);

  const subgraphUrls: Record<SubgraphName, string> = {
    metering: config.METERING_URL,
    catalog: config.CATALOG_URL,
    subscriptions: config.SUBSCRIPTIONS_URL,
    invoicing: config.INVOICING_URL,
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
  const app = createHttpApp(metrics, { ready: async () => !stopping && (await ds.query('SELECT 1').then(() => true)) });
  if (testClock) mountTestClockRoutes(app, testClock, log);
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatPublicErrorLogged(log),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: !production,
    validationRules: armor.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(armor.plugins as Array<ApolloServerPlugin<GatewayContext>>),
      rolePlugin<GatewayContext>((context) => context.tenant?.role),
    ],
  });
  await apollo.start();

  const authenticate: RequestHandler = async (req, res, next) => {
    const key = apiKeyFromHeaders(req.headers);
    const tenant = key ? await authenticateApiKey(ds, key, systemClock).catch(next) : null;
    if (!tenant) {
      res.status(401).json({
        errors: [{ message: 'A valid API key is required (Authorization: Bearer <key>)', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      return;
    }
    res.locals.tenant = tenant;
    next();
  };
  const rateLimit = rateLimiter(limits.RATE_LIMIT_PER_SECOND, limits.RATE_LIMIT_BURST);
  // The bulk door: the seed's JSON (array or NDJSON) straight to metering, same API keys.
  app.post('/v1/events', authenticate, rateLimit, requireRestRole, proxyToSubgraph(config.METERING_URL, config.TENANT_SIGNING_SECRET, log));
  app.use('/v1/imports', authenticate, rateLimit, requireRestRole, proxyToSubgraph(config.METERING_URL, config.TENANT_SIGNING_SECRET, log));
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
