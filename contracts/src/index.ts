import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder holding the committed contracts (this package's root). */
export const contractsDir = resolve(__dirname, '..');
export const supergraphPath = join(contractsDir, 'supergraph.graphql');
export const subgraphNames = ['metering', 'catalog', 'subscriptions', 'invoicing', 'webhooks'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

/** Where each subgraph listens by default; the gateway overrides these with <NAME>_URL. */
export const defaultSubgraphUrls: Record<SubgraphName, string> = {
  metering: 'http://localhost:4001/graphql',
  catalog: 'http://localhost:4002/graphql',
  subscriptions: 'http://localhost:4003/graphql',
  invoicing: 'http://localhost:4004/graphql',
  webhooks: 'http://localhost:4005/graphql',
};

export function subgraphSdlPath(name: SubgraphName): string {
  return join(contractsDir, 'subgraphs', `${name}.graphql`);
}

export function readSubgraphSdl(name: SubgraphName): string {
  return readFileSync(subgraphSdlPath(name), 'utf8');
}

export function readSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}

export interface EventSchema {
  $id: string;
  version: number;
  description: string;
  /** JSON Schema of the envelope's `data`. */
  data: Record<string, unknown>;
}

/** Every event's JSON Schema from contracts/events, keyed by event type (`<subgraph>.<entity>.<verb>`). */
export function readEventSchemas(): Map<string, EventSchema> {
  const dir = join(contractsDir, 'events');
  const schemas = new Map<string, EventSchema>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'envelope.json')) {
    const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as EventSchema;
    if (`${schema.$id}.json` !== file) throw new Error(`contracts/events/${file}: $id must be "${file.slice(0, -5)}"`);
    schemas.set(schema.$id, schema);
  }
  return schemas;
}

export function readEnvelopeSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(contractsDir, 'events', 'envelope.json'), 'utf8')) as Record<string, unknown>;
}

export { composeSupergraph } from './composition';
export * from './events.generated';
export * from './operations';
export * from './schema-diff';
