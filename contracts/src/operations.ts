import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** One persisted operation, in Apollo's persisted query manifest format (`apollo-persisted-query-manifest`, version 1). */
export interface PersistedOperation {
  /** SHA-256 (hex) of `body`: what clients send as `documentId` or as the APQ hash. */
  id: string;
  name: string;
  type: 'query' | 'mutation';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

// Paths of this package, without importing ./index (which re-exports this module).
export const operationsDir = join(resolve(__dirname, '..'), 'operations');

/** The apps with persisted operations: each folder `contracts/operations/<app>/` of `.graphql` files. */
export function operationApps(): string[] {
  return readdirSync(operationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function manifestPath(app: string): string {
  return join(operationsDir, `${app}.json`);
}

export function operationId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Builds an app's manifest from its `.graphql` files: one named operation per file, comments kept out of the body. */
export function buildManifest(app: string): PersistedQueryManifest {
  const dir = join(operationsDir, app);
  const operations = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file): PersistedOperation => {
      const source = readFileSync(join(dir, file), 'utf8');
      const body = source
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('#'))
        .join('\n')
        .trim();
      const definitions = parse(body).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      if (definitions.length !== 1 || !definitions[0].name) throw new Error(`${app}/${file}: needs exactly one named operation`);
      const operation = definitions[0];
      if (`${operation.name!.value}.graphql` !== file) throw new Error(`${app}/${file}: the operation must be named ${file.slice(0, -8)}`);
      if (operation.operation === 'subscription') throw new Error(`${app}/${file}: subscriptions are not served`);
      return { id: operationId(body), name: operation.name!.value, type: operation.operation, body };
    });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The committed manifest of an app (what the gateway serves). */
export function readManifest(app: string): PersistedQueryManifest {
  const path = manifestPath(app);
  if (!existsSync(path)) throw new Error(`contracts/operations/${app}.json is missing: run npm run operations`);
  return JSON.parse(readFileSync(path, 'utf8')) as PersistedQueryManifest;
}

/** Every committed operation of every app, by id. */
export function readPersistedOperations(): Map<string, PersistedOperation & { app: string }> {
  const byId = new Map<string, PersistedOperation & { app: string }>();
  for (const app of operationApps()) for (const operation of readManifest(app).operations) byId.set(operation.id, { ...operation, app });
  return byId;
}

/** The client-facing schema of the composed supergraph, to validate operations against. */
export function supergraphSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(resolve(__dirname, '..'), 'supergraph.graphql'), 'utf8'));
}

/** Validation errors of an operation against the supergraph (empty when it runs). */
export function operationProblems(body: string, schema: GraphQLSchema = supergraphSchema()): string[] {
  return validate(schema, parse(body)).map((error) => error.message);
}
