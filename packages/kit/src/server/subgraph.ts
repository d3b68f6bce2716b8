import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cluster from 'node:cluster';
import express, { type RequestHandler, type Router } from 'express';
import { execute, parse, type GraphQLSchema } from 'graphql';
import type { EntitySchema, MigrationInterface } from 'typeorm';
import { systemClock, type Clock } from '../clock';
import { PlatformClock } from '../platform-clock';
import { PollingWorker } from '../polling-worker';
import { loadPlatformClocks, onPlatformClockAdvanced } from '../store/platform-clocks';
import { loadConfig, subgraphConfigSpecFor, testClockConfigSpec, type SubgraphConfig, type TestClockConfig } from '../config';
import { formatPublicErrorLogged } from '../errors';
import { createLogger, type Logger } from '../logger';
import { Bus } from '../bus/connection';
import { BusTables1763700000000 } from '../bus/bus-tables.migration';
import { OutboxEnvelopeJson1763700000500 } from '../bus/outbox-json.migration';
import { IdempotencyKeys1763700000600 } from '../store/idempotency.migration';
import { DeadLetters1763700000800 } from '../bus/dead-letters.migration';
import { DeadLettersUnreadable1763700000900 } from '../bus/dead-letters-unreadable.migration';
import { InboxFailures1763700000910 } from '../bus/inbox-failures.migration';
import { countingStatements, statementsSoFar } from '../store/statement-count';
import { InboxConsumer, type InboxConsumerOptions } from '../bus/inbox';
import { OutboxRelay } from '../bus/outbox';
import { deadLetterDesk } from '../bus/dead-letter-desk';
import { buildFederatedSchema, type SubgraphGraph } from '../graphql/schema';
import { databaseTimeoutsSpec, openDatabase } from '../store/database';
import { ServiceDb } from '../store/transaction';
import { Loaders, type RequestContext } from './context';
import { createHttpApp, createHttpServer, listen, restErrors } from './http';
import { ServiceMetrics } from './metrics';
import { stopOnSignals } from './shutdown';
import { idempotencyPlugin } from './idempotency';
import { stringInputsPlugin } from './string-inputs';
import { operationNamePlugin } from './operation-name';
import { ResponseCeiling, subgraphLimitsSpec } from './response-ceiling';
import { requireRestRole, rolePlugin } from './roles';
import { verifyTenantHeaders } from './tenant';
import { mountTestClockRoutes, serviceClockFrom, type ServiceClock } from './test-clock';

/** What a subgraph's REST routes and background workers get to work with. */
export interface SubgraphServices {
  db: ServiceDb;
  bus: Bus;
  /** Business time (periods, due dates, timestamps of records): follows the test clock when it is on. */
  clock: Clock;
  log: Logger;
}

/** A long-running task of the service (e.g. processing uploaded files); stopped before the outbox and connections. */
export interface BackgroundWorker {
  start(): void;
  stop(): Promise<void>;
}

/** Everything that makes a subgraph what it is; the kit does the rest the same way for all four. */
export interface SubgraphDefinition {
  /** Subgraph name; also the name of the one Postgres schema it owns and of its NATS stream. */
  name: string;
  /** Port used when PORT is unset (services.json). */
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Array<Function | EntitySchema>;
  migrations: Array<new () => MigrationInterface>;
  graph: SubgraphGraph;
  /** REST routes mounted at /v1 behind the signed tenant context (`res.locals.tenant`). */
  rest?: (router: Router, services: SubgraphServices) => void;
  workers?: (services: SubgraphServices) => BackgroundWorker[];
  /** Streams of other subgraphs this one keeps projections from. */
  consumes?: Array<Pick<InboxConsumerOptions, 'producer' | 'handlers' | 'batchHandlers'>>;
  /**
   * The service acts on sandboxes at their own business time: it has a `platform_clocks` table (its migration calls
   * createPlatformClocksTable), consumes `subscriptions.platform.clock_advanced` into it (added here, except in
   * subscriptions, which writes it itself) and reloads it every few seconds, so `clock.now(platformId)` and
   * forEachTimeScope serve each sandbox its time.
   */
  platformClocks?: boolean;
}

/** How often a service reloads its platform_clocks (another replica may have consumed an advance). */
const PLATFORM_CLOCKS_RELOAD_MS = 1000;

/** The definition's consumed streams, with the sandbox clock projection added to the subscriptions one when asked. */
function consumedStreams(definition: SubgraphDefinition): NonNullable<SubgraphDefinition['consumes']> {
  const consumes = definition.consumes ?? [];
  if (!definition.platformClocks || definition.name === 'subscriptions') return consumes;
  const handlers = { 'subscriptions.platform.clock_advanced': onPlatformClockAdvanced };
  const subscriptions = consumes.find((c) => c.producer === 'subscriptions');
  if (!subscriptions) return [...consumes, { producer: 'subscriptions', handlers }];
  return consumes.map((c) => (c === subscriptions ? { ...c, handlers: { ...c.handlers, ...handlers } } : c));
}

export interface StartSubgraphOptions {
  /** Overrides of the environment's configuration (tests pass PORT 0 for a free port). */
  config?: Partial<SubgraphConfig & TestClockConfig>;
  env?: NodeJS.ProcessEnv;
  /** Business clock of the service (in-process tests); without it, METERLINE_TEST_CLOCK chooses (see serviceClockFrom). */
  clock?: Clock;
  /** See BusOptions.namespace. */
  busNamespace?: string;
  streamMaxAgeMs?: number;
  log?: Logger;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  db: ServiceDb;
  bus: Bus;
  relay: OutboxRelay;
  consumers: InboxConsumer[];
  schema: GraphQLSchema;
  sdl: string;
  log: Logger;
  stop(): Promise<void>;
}

/** Reads the SDL exactly as the running subgraph serves it at `_service { sdl }`. */
export async function servedSdl(schema: GraphQLSchema): Promise<string> {
  const result = await execute({ schema, document: parse('{ _service { sdl } }') });
  if (result.errors) throw result.errors[0];
  return (result.data as { _service: { sdl: string } })._service.sdl;
}

export async function startSubgraph(definition: SubgraphDefinition, options: StartSubgraphOptions = {}): Promise<RunningSubgraph> {
  const spec = { ...subgraphConfigSpecFor(definition.defaultPort), ...testClockConfigSpec };
  const config: SubgraphConfig & TestClockConfig = { ...loadConfig(spec, options.env), ...options.config };
  const log = options.log ?? createLogger(definition.name, config.LOG_LEVEL);
  const { clock: serviceClock, testClock }: ServiceClock = options.clock
    ? { clock: options.clock }
    : serviceClockFrom(config, options.env ?? process.env, log);
  // Business time per platform: the service clock, plus a sandbox's offset once its clock was advanced.
  const clock = new PlatformClock(serviceClock);
  const metrics = new ServiceMetrics(definition.name);
  const { GRAPHQL_MAX_FIELDS: maxFields } = loadConfig(subgraphLimitsSpec, options.env);

  const ds = await openDatabase({
    url: config.DATABASE_URL,
    schema: definition.name,
    entities: definition.entities,
    migrations: [
      BusTables1763700000000,
      OutboxEnvelopeJson1763700000500,
      IdempotencyKeys1763700000600,
      DeadLetters1763700000800,
      DeadLettersUnreadable1763700000900,
      InboxFailures1763700000910,
      ...definition.migrations,
    ],
    timeouts: loadConfig(databaseTimeoutsSpec, options.env),
  });
  const bus = await Bus.connect({
    url: config.NATS_URL,
    name: definition.name,
    namespace: options.busNamespace ?? config.BUS_NAMESPACE,
    streamMaxAgeMs: options.streamMaxAgeMs,
    log,
  });
  await bus.ensureStream(definition.name);
  // Bus bookkeeping (outbox created_at/sent_at, inbox received_at) is stamped by the business clock, like the envelopes'
  // occurredAt, so no row mixes two clocks; the relay's polling and back-off are timers, on real time either way.
  const relay = new OutboxRelay(ds, bus, clock, log);
  const db = new ServiceDb(ds, clock, () => relay.nudge());
  if (definition.platformClocks) await loadPlatformClocks(db, clock);
  const consumers = consumedStreams(definition).map(
    (c) =>
      new InboxConsumer(db, bus, clock, log, {
        service: definition.name,
        producer: c.producer,
        handlers: c.handlers,
        batchHandlers: c.batchHandlers,
        maxDeliveries: Math.max(1, config.INBOX_MAX_DELIVERIES),
      }),
  );
  const deadLetters = deadLetterDesk(db, clock, consumers);
  metrics.gaugeFrom('outbox_backlog', 'Outbox events not yet published', async () => [{ value: await relay.backlog() }]);
  metrics.gaugeFrom('consumer_lag', 'Stream messages not yet handled by this service', async () =>
    Promise.all(consumers.map(async (c) => ({ labels: { stream: c.streamName }, value: await c.lag() }))),
  );
  metrics.gaugeFrom(
    'dead_letters',
    'Messages given up on (INBOX_MAX_DELIVERIES real failures, or breaking the event contract), awaiting replay',
    async () => {
      const counts = await deadLetters.store.countsByStream();
      return consumers.map((c) => ({ labels: { stream: c.streamName }, value: counts.get(c.streamName) ?? 0 }));
    },
  );

  const { schema, sdl } = await buildFederatedSchema(definition.graph);
  const ceiling = new ResponseCeiling(maxFields);
  ceiling.instrument(schema);
  let stopping = false;
  const app = createHttpApp(metrics, {
    dependencies: { postgres: () => ds.query('SELECT 1'), nats: () => bus.ping() },
    stopping: () => stopping,
  });
  if (testClock) mountTestClockRoutes(app, testClock, log);
  const httpServer = createHttpServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: formatPublicErrorLogged(log),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      rolePlugin<RequestContext>((context) => context.role),
      idempotencyPlugin(),
      stringInputsPlugin(),
      operationNamePlugin(),
      ceiling.plugin<RequestContext>(),
    ],
  });
  await apollo.start();
  const requireSignedTenant: RequestHandler = (req, res, next) => {
    // Freshness of a signature is transport security: real time, so moving the business clock never refuses requests.
    const tenant = verifyTenantHeaders(config.TENANT_SIGNING_SECRET, req.headers, systemClock);
    if ('refused' in tenant) {
      log.warn({ reason: tenant.refused, path: req.path }, 'refused a request without a valid tenant signature');
      res.status(401).json({ errors: [{ message: 'Unsigned or invalid tenant context', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    res.locals.tenant = tenant;
    next();
  };
  // Every GraphQL response says how many SQL statements it cost (x-meterline-sql-statements): N+1 shows up in tests.
  const countSqlStatements: RequestHandler = (_req, res, next) =>
    countingStatements(() => {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
      res.writeHead = ((...args: unknown[]) => {
        const statements = statementsSoFar();
        if (statements !== undefined && !res.headersSent) res.setHeader('x-meterline-sql-statements', String(statements));
        return writeHead(...args);
      }) as typeof res.writeHead;
      next();
    });
  const services: SubgraphServices = { db, bus, clock, log };
  if (definition.rest) {
    // REST routes of the subgraph (bulk ingestion, uploads), behind the same signed tenant context as GraphQL.
    const router = express.Router();
    definition.rest(router, services);
    app.use('/v1', requireSignedTenant, requireRestRole, router, restErrors(log));
  }
  const workers = [
    ...(definition.platformClocks
      ? [new PollingWorker('platform clocks', () => loadPlatformClocks(db, clock).then(() => 0), PLATFORM_CLOCKS_RELOAD_MS, log)]
      : []),
    ...(definition.workers?.(services) ?? []),
  ];
  app.use(
    '/graphql',
    countSqlStatements,
    express.json({ limit: '10mb' }),
    requireSignedTenant,
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const requestId = String(req.headers['x-request-id'] ?? randomUUID());
        return {
          ...res.locals.tenant,
          requestId,
          log: log.child({ requestId, platformId: res.locals.tenant.platformId }),
          db,
          clock: clock.forPlatform(res.locals.tenant.platformId),
          loaders: new Loaders(maxFields),
          deadLetters,
        };
      },
    }),
  );
  const port = await listen(httpServer, config.PORT);
  relay.start();
  for (const consumer of consumers) await consumer.start();
  for (const worker of workers) worker.start();
  const url = `http://127.0.0.1:${port}/graphql`;
  log.info({ url }, `${definition.name} subgraph ready`);

  return {
    name: definition.name,
    url,
    port,
    db,
    bus,
    relay,
    consumers,
    schema,
    sdl,
    log,
    async stop() {
      if (stopping) return;
      stopping = true;
      // Order matters: stop taking requests, finish in-flight ones, stop consuming, flush the outbox, then close connections.
      await apollo.stop(); // drains the HTTP server
      metrics.stop();

      for (const consumer of consumers) await consumer.stop();
      for (const worker of workers) await worker.stop();
      await relay.stop();
      await bus.close();
      await ds.destroy();
      log.info(`${definition.name} subgraph stopped`);
    },
  };
}

/** Entry point of a subgraph process: start, then stop gracefully on SIGTERM/SIGINT. */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const workers = Number(process.env.WORKERS ?? '1');
  if (cluster.isPrimary && Number.isInteger(workers) && workers > 1) {
    // Several processes share the port (node:cluster): JS work of one service spreads over cores. The outbox relay
    // (SKIP LOCKED) and the durable consumers are safe with any number of processes, as with any number of replicas.
    superviseWorkers(definition.name, workers);
    return;
  }
  const running = await startSubgraph(definition).catch((error: Error) => {
    console.error(`${definition.name} failed to start: ${error.message}`);
    process.exit(1);
  });
  stopOnSignals(running.log, () => running.stop());
}

function superviseWorkers(name: string, count: number): void {
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`${name}: worker ${worker.process.pid} exited with code ${code}; starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(1), 20_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** `print-sdl` entry of a subgraph: writes the SDL it serves to stdout (used by `npm run compose`). */
export async function printServedSdl(definition: SubgraphDefinition): Promise<void> {
  const { schema } = await buildFederatedSchema(definition.graph);
  process.stdout.write(await servedSdl(schema));
}
