import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, sharedConfigSpec, subgraphConfigSpecFor, type ConfigSpec } from '../src/config';

const spec = {
  DATABASE_URL: {
    kind: 'url',
    description: 'PostgreSQL',
    default: 'postgres://postgres@127.0.0.1:5432/meterline',
    protocols: ['postgres:', 'postgresql:'],
  },
  NATS_URL: { kind: 'url', description: 'NATS', default: 'nats://127.0.0.1:4222', protocols: ['nats:', 'tls:'] },
  PORT: { kind: 'port', description: 'HTTP port', default: '4001' },
  API_TOKEN: { kind: 'string', description: 'a token without default' },
  BATCH_SIZE: { kind: 'int', description: 'rows per batch', default: '500' },
} satisfies ConfigSpec;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses the defaults when variables are unset or empty', () => {
    const config = loadConfig(spec, { API_TOKEN: 'x', PORT: '' });
    expect(config).toEqual({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/meterline',
      NATS_URL: 'nats://127.0.0.1:4222',
      PORT: 4001,
      API_TOKEN: 'x',
      BATCH_SIZE: 500,
    });
  });

  it('reads set variables and turns numeric kinds into numbers', () => {
    const config = loadConfig(spec, {
      API_TOKEN: 'secret',
      DATABASE_URL: 'postgresql://db.internal:5433/billing',
      NATS_URL: 'tls://nats.internal:4222',
      PORT: '0',
      BATCH_SIZE: '25',
    });
    expect(config.DATABASE_URL).toBe('postgresql://db.internal:5433/billing');
    expect(config.NATS_URL).toBe('tls://nats.internal:4222');
    expect(config.PORT).toBe(0);
    expect(config.BATCH_SIZE).toBe(25);
  });

  it('refuses a missing required variable, naming it', () => {
    const problems = problemsOf(() => loadConfig(spec, {}));
    expect(problems).toEqual([expect.stringContaining('API_TOKEN is required')]);
  });

  it('treats an empty required variable as missing', () => {
    expect(problemsOf(() => loadConfig(spec, { API_TOKEN: '' }))).toEqual([expect.stringContaining('API_TOKEN is required')]);
  });

  it('refuses a URL with a protocol that is not allowed', () => {
    const problems = problemsOf(() => loadConfig(spec, { API_TOKEN: 'x', DATABASE_URL: 'mysql://127.0.0.1/meterline' }));
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL must use one of postgres:, postgresql:; got "mysql:"/)]);
  });

  it('refuses a value that is not a URL at all', () => {
    const problems = problemsOf(() => loadConfig(spec, { API_TOKEN: 'x', NATS_URL: '127.0.0.1:4222 ' }));
    expect(problems).toEqual([expect.stringContaining('NATS_URL must')]);
  });

  it.each(['65536', '-1', '80a', '4.5', 'http'])('refuses PORT=%s', (port) => {
    const problems = problemsOf(() => loadConfig(spec, { API_TOKEN: 'x', PORT: port }));
    expect(problems).toEqual([expect.stringMatching(/^PORT must be/)]);
  });

  it.each(['0', '1', '65535'])('accepts PORT=%s', (port) => {
    expect(loadConfig(spec, { API_TOKEN: 'x', PORT: port }).PORT).toBe(Number(port));
  });

  it('reports every bad variable by name in one ConfigError', () => {
    let thrown: unknown;
    try {
      loadConfig(spec, { DATABASE_URL: 'http://x', NATS_URL: 'not a url', PORT: '70000', BATCH_SIZE: 'many' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.problems).toHaveLength(5);
    for (const name of ['DATABASE_URL', 'NATS_URL', 'PORT', 'API_TOKEN', 'BATCH_SIZE']) {
      expect(error.problems.some((p) => p.startsWith(name))).toBe(true);
      expect(error.message).toContain(name);
    }
  });
});

describe('subgraphConfigSpecFor', () => {
  it('defaults PORT to the given port and keeps the shared variables', () => {
    const config = loadConfig(subgraphConfigSpecFor(4001), {});
    expect(config.PORT).toBe(4001);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/meterline');
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.BUS_NAMESPACE).toBe('');
    expect(Object.keys(subgraphConfigSpecFor(4001))).toEqual(expect.arrayContaining(Object.keys(sharedConfigSpec)));
  });

  interface ServiceEntry {
    name: string;
    port: number;
    env: string[];
  }
  const services = (
    JSON.parse(readFileSync(join(__dirname, '../../../services.json'), 'utf8')) as { services: ServiceEntry[] }
  ).services.filter((service) => service.name !== 'gateway');

  it('covers at least the four subgraphs of services.json', () => {
    expect(services.map((s) => s.name).sort()).toEqual(expect.arrayContaining(['catalog', 'invoicing', 'metering', 'subscriptions']));
  });

  // Variables a subgraph reads besides the kit's, each checked by that subgraph's own config test.
  const ownVariables: Record<string, string[]> = { webhooks: ['WEBHOOK_SECRETS_KEY'] };

  it.each(services.map((s) => [s.name, s] as const))('knows every env name services.json lists for %s', (_name, service) => {
    const known = [...Object.keys(subgraphConfigSpecFor(service.port)), ...(ownVariables[service.name] ?? [])];
    const unknown = service.env.filter((name) => !known.includes(name));
    expect(unknown).toEqual([]);
    expect(loadConfig(subgraphConfigSpecFor(service.port), {}).PORT).toBe(service.port);
  });
});
