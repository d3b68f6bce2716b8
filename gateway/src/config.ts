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
} satisfies ConfigSpec;

export type GatewayConfig = Config<typeof gatewayConfigSpec>;
