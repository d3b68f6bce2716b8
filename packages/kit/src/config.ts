/** Configuration from environment variables, validated once at start with messages that name the variable. */

export type ConfigKind = 'string' | 'url' | 'port' | 'int' | 'duration-ms' | 'choice';

export interface ConfigVariable {
  kind: ConfigKind;
  description: string;
  /** Used when the variable is unset or empty; omit to make the variable required. */
  default?: string;
  /** Allowed URL protocols for `url` variables, e.g. ['postgres:', 'postgresql:']. */
  protocols?: string[];
  /** The allowed values of a `choice` variable, e.g. ['off', 'on']. */
  choices?: string[];
}

export type ConfigSpec = Record<string, ConfigVariable>;

type ValueOf<K extends ConfigKind> = K extends 'port' | 'int' | 'duration-ms' ? number : string;
export type Config<S extends ConfigSpec> = { [N in keyof S]: ValueOf<S[N]['kind']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function parseValue(name: string, variable: ConfigVariable, raw: string): string | number {
  switch (variable.kind) {
    case 'string':
      return raw;
    case 'choice':
      if (!variable.choices?.includes(raw)) {
        throw new Error(`${name} must be one of ${(variable.choices ?? []).join(', ')} (${variable.description}); got "${raw}"`);
      }
      return raw;
    case 'url': {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error(`${name} must be a URL (${variable.description}); got "${raw}"`);
      }
      if (variable.protocols && !variable.protocols.includes(url.protocol)) {
        throw new Error(`${name} must use one of ${variable.protocols.join(', ')}; got "${url.protocol}"`);
      }
      return raw;
    }
    case 'port':
    case 'int':
    case 'duration-ms': {
      if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a non-negative integer (${variable.description}); got "${raw}"`);
      const value = Number(raw);
      if (variable.kind === 'port' && value > 65535) throw new Error(`${name} must be a port between 0 and 65535; got ${raw}`);
      return value;
    }
  }
}

/** Reads and validates every variable of `spec`; throws one ConfigError listing every problem. */
export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): Config<S> {
  const problems: string[] = [];
  const out: Record<string, string | number> = {};
  for (const [name, variable] of Object.entries(spec)) {
    const raw = env[name] === undefined || env[name] === '' ? variable.default : env[name];
    if (raw === undefined) {
      problems.push(`${name} is required (${variable.description})`);
      continue;
    }
    try {
      out[name] = parseValue(name, variable, raw);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as Config<S>;
}

/** The variables every subgraph reads besides PORT. Defaults work on one machine. */
export const sharedConfigSpec = {
  DATABASE_URL: {
    kind: 'url',
    description: 'PostgreSQL connection string',
    default: 'postgres://postgres@127.0.0.1:5432/meterline',
    protocols: ['postgres:', 'postgresql:'],
  },
  NATS_URL: { kind: 'url', description: 'NATS server with JetStream', default: 'nats://127.0.0.1:4222', protocols: ['nats:', 'tls:'] },
  TENANT_SIGNING_SECRET: {
    kind: 'string',
    description: 'shared secret with which the gateway signs the tenant headers',
    default: 'meterline-dev-secret-change-me',
  },
  LOG_LEVEL: { kind: 'string', description: 'pino log level', default: 'info' },
  BUS_NAMESPACE: {
    kind: 'string',
    description: 'prefix isolating this deployment on a shared NATS server (tests); empty in production',
    default: '',
  },
} satisfies ConfigSpec;

/**
 * The test clock (see SettableClock): `on` lets tests move the service's business time through `/test/clock`. Kept out
 * of sharedConfigSpec and services.json on purpose: deployments never set it, and it is refused with NODE_ENV=production.
 */
export const testClockConfigSpec = {
  METERLINE_TEST_CLOCK: {
    kind: 'choice',
    choices: ['off', 'on'],
    description: 'on lets tests move business time through /test/clock; never in production',
    default: 'off',
  },
} satisfies ConfigSpec;

export type TestClockConfig = Config<typeof testClockConfigSpec>;

/** The variables a subgraph reads, with the service's own default port. */
export function subgraphConfigSpecFor(defaultPort: number) {
  return {
    ...sharedConfigSpec,
    PORT: { kind: 'port' as const, description: 'HTTP port of the service (0 = any free port)', default: String(defaultPort) },
    INBOX_MAX_DELIVERIES: {
      kind: 'int' as const,
      description: 'real (not transient) failures of a message’s handler before it goes to the dead letters (at least 1)',
      default: '5',
    },
  } satisfies ConfigSpec;
}

export type SubgraphConfig = Config<ReturnType<typeof subgraphConfigSpecFor>>;
