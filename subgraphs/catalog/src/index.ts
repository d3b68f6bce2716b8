import 'reflect-metadata';
import type { SubgraphDefinition } from '@meterline/kit';
import { ProductResolver, resolveProductReference } from './graph/product.resolver';
import { Products1763700000100 } from './store/migrations/1763700000100-products';
import { ProductEntity } from './store/product.entity';

/** The catalog subgraph: products (and, next, items, plans, versions and prices). */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4002,
  entities: [ProductEntity],
  migrations: [Products1763700000100],
  graph: { resolvers: [ProductResolver], references: { Product: resolveProductReference } },
};
