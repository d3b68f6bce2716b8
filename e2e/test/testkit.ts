import { randomBytes } from 'node:crypto';
import { createApiKey, createPlatform, openAccessDatabase } from '@meterline/gateway';
import {
  deleteNamespaceStreams,
  freePorts,
  newBusNamespace,
  postGraphQL,
  testInfrastructure,
  type GraphQLResponse,
} from '@meterline/kit/testing';
import { dropDatabase, ensureDatabase, systemClock, type Role } from '@meterline/kit';
import { launchStack, serviceSpecs, setStackClock, type Stack } from '@meterline/stack';
import { chromium, type Browser } from 'playwright-core';

export interface PlatformOptions {
  natsUrl?: string;
  /** A database on another server than the test environment's (e.g. an OwnPostgresServer the test stops). */
  databaseUrl?: string;
  testClock?: boolean;
  /**
   * A database of its own (named after the bus namespace), dropped at stop. Needed by a stack whose background jobs act
   * on every platform by its own clock (invoicing issues due drafts): on the shared database, a stack of another test
   * file on another clock would issue this one's drafts, and this one would issue theirs.
   */
  ownDatabase?: boolean;
  /** Extra environment per service, e.g. { invoicing: { INVOICE_GRACE_PERIOD_MS: '3600000' } }. */
  serviceEnv?: Record<string, Record<string, string>>;
}

/**
 * The whole platform as six real processes on free ports, isolated on NATS by its own namespace. With `testClock`,
 * every process runs on a test clock that `setClock` moves (business time only; API keys and signatures stay on real time).
 */
export async function startPlatform(
  overrides: PlatformOptions = {},
): Promise<
  Stack & { databaseUrl: string; secret: string; natsUrl: string; namespace: string; setClock(to: Date | string): Promise<void> }
> {
  const infra = await testInfrastructure();
  const ports: Record<string, number> = {};
  const specs = serviceSpecs();
  (await freePorts(specs.length)).forEach((port, i) => (ports[specs[i].name] = port));
  const secret = randomBytes(16).toString('hex');
  const natsUrl = overrides.natsUrl ?? infra.natsUrl;
  const namespace = newBusNamespace();
  let databaseUrl = overrides.databaseUrl ?? infra.databaseUrl;
  if (overrides.ownDatabase) {
    const own = new URL(databaseUrl);
    own.pathname = `/meterline_e2e_${namespace}`;
    databaseUrl = own.toString();
    await ensureDatabase(databaseUrl);
  }
  const dropOwnDatabase = () => (overrides.ownDatabase ? dropDatabase(databaseUrl).catch(() => undefined) : Promise.resolve());
  const stack = await launchStack({
    env: {
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      BUS_NAMESPACE: namespace,
      TENANT_SIGNING_SECRET: secret,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'error',
    },
    serviceEnv: overrides.serviceEnv,
    ports,
    testClock: overrides.testClock ?? false,
    output: process.env.E2E_LOG_LEVEL ? (service, line) => console.log(`[${service}] ${line}`) : undefined,
  }).catch(async (error: unknown) => {
    await dropOwnDatabase();
    throw error;
  });
  return {
    ...stack,
    databaseUrl,
    secret,
    /** Where the stack's events travel: a test subscribes to them in the stack's bus namespace. */
    natsUrl,
    namespace,
    /** Moves business time in every process to `to`; resolves when all of them run from there. */
    async setClock(to: Date | string) {
      await setStackClock(stack, to);
    },
    async stop() {
      await stack.stop();
      await deleteNamespaceStreams(natsUrl, namespace).catch(() => undefined);
      await dropOwnDatabase();
    },
  };
}

/** A new platform (tenant) with an API key, as an operator would make one (`sandbox`: `platform create --sandbox`). */
export async function newTenant(
  databaseUrl: string,
  role: Role = 'admin',
  options: { sandbox?: boolean } = {},
): Promise<{ platformId: string; apiKey: string }> {
  const ds = await openAccessDatabase(databaseUrl);
  try {
    const platformId = await createPlatform(ds, `e2e ${new Date().toISOString()}`, systemClock, { sandbox: options.sandbox });
    const { key } = await createApiKey(ds, platformId, role, 'e2e', systemClock);
    return { platformId, apiKey: key };
  } finally {
    await ds.destroy();
  }
}

/** Another API key of an existing platform, with its own role. */
export async function newApiKey(databaseUrl: string, platformId: string, role: Role): Promise<string> {
  const ds = await openAccessDatabase(databaseUrl);
  try {
    return (await createApiKey(ds, platformId, role, `e2e ${role}`, systemClock)).key;
  } finally {
    await ds.destroy();
  }
}

/** A GraphQL client of the gateway for one API key; `expectData` fails the test on any GraphQL error. */
export function gatewayClient(url: string, apiKey: string) {
  const send = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> =>
    postGraphQL<T>(url, query, variables, { authorization: `Bearer ${apiKey}` });
  return {
    send,
    async expectData<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await send<T>(query, variables);
      if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response)}`);
      return response.data;
    },
  };
}

export type GatewayClient = ReturnType<typeof gatewayClient>;

export const CREATE_METER = /* GraphQL */ `
  mutation ($input: CreateMeterInput!) {
    createMeter(input: $input) {
      id
      reference
      status
    }
  }
`;
export const ACTIVATE_METER = /* GraphQL */ `
  mutation ($meter: String!) {
    changeMeterStatus(meter: $meter, action: ACTIVATE) {
      id
      status
    }
  }
`;
export const CREATE_CUSTOMER = /* GraphQL */ `
  mutation ($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      reference
      name
      currency
    }
  }
`;
export const INGEST = /* GraphQL */ `
  mutation ($events: [UsageEventInput!]!) {
    ingestUsageEvents(events: $events) {
      accepted
      unmatched
      duplicates
      conflicts
      rejected
      results {
        index
        reference
        status
        reason
        field
        eventId
      }
    }
  }
`;
export const CUSTOMER_USAGE = /* GraphQL */ `
  query ($reference: String!, $metric: String!, $from: DateTime!, $to: DateTime!) {
    customer(reference: $reference) {
      id
      name
      usage(metric: $metric, from: $from, to: $to) {
        metric
        value
      }
    }
  }
`;

/** An active meter `api_calls` with a SUM metric `api_calls_total` of its NUMBER value `calls`. */
export async function createApiCallsMeter(client: GatewayClient): Promise<void> {
  await client.expectData(CREATE_METER, {
    input: {
      reference: 'api_calls',
      name: 'API calls',
      values: [{ reference: 'calls', type: 'NUMBER' }],
      metrics: [{ reference: 'api_calls_total', aggregation: 'SUM', valueReference: 'calls' }],
    },
  });
  await client.expectData(ACTIVATE_METER, { meter: 'api_calls' });
}

export function callEvent(customerReference: string, reference: string, calls: string, timestamp = '2026-03-05T10:00:00+01:00') {
  return { meterReference: 'api_calls', customerReference, reference, timestamp, meterValues: [{ reference: 'calls', number: calls }] };
}

export const MARCH_2026 = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

/** Debian's Chromium, headless, for Desk's browser tests (CHROMIUM_PATH overrides where it is). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
