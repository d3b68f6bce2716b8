import { sharedConfigSpec, type Config, type ConfigSpec } from '@meterline/kit';
import { defaultSubgraphUrls } from '@meterline/contracts';

const { NATS_URL: _nats, BUS_NAMESPACE: _namespace, ...withoutBus } = sharedConfigSpec;

export const gatewayConfigSpec = {
  ...withoutBus,
  PORT: { kind: 'port', description: 'HTTP port of the gateway (0 = any free port)', default: '4000' },
  METERING_URL: { kind: 'url', description: 'GraphQL URL of the metering subgraph', default: defaultSubgraphUrls.metering },
  CATALOG_URL: { kind: 'url', description: 'GraphQL URL of the catalog subgraph', default: defaultSubgraphUrls.catalog },
  SUBSCRIPTIONS_URL: { kind: 'url', description: 'GraphQL URL of the subscriptions subgraph', default: defaultSubgraphUrls.subscriptions },
  INVOICING_URL: { kind: 'url', description: 'GraphQL URL of the invoicing subgraph', default: defaultSubgraphUrls.invoicing },
  WEBHOOKS_URL: { kind: 'url', description: 'GraphQL URL of the webhooks subgraph', default: defaultSubgraphUrls.webhooks },
} satisfies ConfigSpec;

export type GatewayConfig = Config<typeof gatewayConfigSpec>;

/** Optional tunables of the key cache and the REST proxy (defaults fit one machine; not a deployment's required variables). */
export const gatewayTuningSpec = {
  API_KEY_CACHE_MS: {
    kind: 'duration-ms',
    description: 'how long a verified API key is trusted without a lookup (a revoked key works at most this long; 0 = no cache)',
    default: '30000',
  },
  REST_PROXY_CONNECT_TIMEOUT_MS: {
    kind: 'duration-ms',
    description: 'REST proxy: longest wait for a connection to the subgraph (then 504)',
    default: '5000',
  },
  REST_PROXY_IDLE_TIMEOUT_MS: {
    kind: 'duration-ms',
    description: 'REST proxy: longest silence of the subgraph while a request runs (then 504, or the connection is ended)',
    default: '120000',
  },
} satisfies ConfigSpec;

export type GatewayTuning = Config<typeof gatewayTuningSpec>;
