export * from './environment';
export * from './nats-server';
export * from './graphql-client';
export * from './subgraph-harness';
export * from './entity-references';
export * from './postgres-server';
