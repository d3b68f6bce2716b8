import 'reflect-metadata';
import type { SubgraphDefinition } from '@meterline/kit';
import { FeatureResolver } from './graph/feature.resolver';
import { PlanVersionResolver, PricingPlanResolver, resolvePlanVersionReference } from './graph/plan.resolver';
import { PricePreviewResolver } from './graph/preview.resolver';
import { ProductItemResolver, ProductResolver, resolveProductItemReference, resolveProductReference } from './graph/product.resolver';
import { FeatureEntity } from './store/feature.entity';
import { Products1763700000100 } from './store/migrations/1763700000100-products';
import { Catalog1763700000200 } from './store/migrations/1763700000200-catalog';
import { EntitlementEntity, PlanVersionEntity, PriceEntity, PricingPlanEntity } from './store/plan.entity';
import { ProductEntity, ProductItemEntity } from './store/product.entity';

/** The catalog subgraph: products and items, features, pricing plans with versions and prices, price previews. */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4002,
  entities: [ProductEntity, ProductItemEntity, FeatureEntity, PricingPlanEntity, PlanVersionEntity, PriceEntity, EntitlementEntity],
  migrations: [Products1763700000100, Catalog1763700000200],
  graph: {
    resolvers: [ProductResolver, ProductItemResolver, FeatureResolver, PricingPlanResolver, PlanVersionResolver, PricePreviewResolver],
    references: {
      Product: resolveProductReference,
      ProductItem: resolveProductItemReference,
      PricingPlanVersion: resolvePlanVersionReference,
    },
  },
};
