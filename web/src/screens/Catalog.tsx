import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { CatalogProductsDocument } from '../generated';
import { PlansSection } from './CatalogPlans';
import { ProductsSection } from './CatalogProducts';

export const PRODUCTS_PAGE_SIZE = 50;

/** Products and their items, then plans: each plan's versions hold a price per item. */
export function CatalogScreen() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const products = useQuery(CatalogProductsDocument, {
    variables: { first: PRODUCTS_PAGE_SIZE, includeArchived },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const nodes = products.data?.products.edges.map((e) => e.node);
  // Deprecated and archived products cannot be added to a plan version.
  const items = (nodes ?? []).filter((p) => p.status === 'DRAFT' || p.status === 'ACTIVE').flatMap((p) => p.items);
  return (
    <section>
      <div className="screen-head">
        <h2>Catalog</h2>
        <span className="muted">Products and their items, then plans with a price per item.</span>
      </div>
      <ProductsSection
        products={nodes}
        pageInfo={products.data?.products.pageInfo}
        loading={products.loading}
        error={products.error}
        fetchMore={products.fetchMore}
        includeArchived={includeArchived}
        onIncludeArchived={setIncludeArchived}
      />
      <PlansSection items={items} />
    </section>
  );
}
