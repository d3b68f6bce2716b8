import 'reflect-metadata';
import type { SubgraphDefinition } from '@meterline/kit';
import { InvoiceResolver, resolveInvoiceReference } from './graph/invoice.resolver';
import { InvoiceEntity } from './store/invoice.entity';
import { Invoices1763700000100 } from './store/migrations/1763700000100-invoices';

/** The invoicing subgraph: invoices (drafts, issuing, numbering and corrections come next). */
export const invoicingSubgraph: SubgraphDefinition = {
  name: 'invoicing',
  defaultPort: 4004,
  entities: [InvoiceEntity],
  migrations: [Invoices1763700000100],
  graph: { resolvers: [InvoiceResolver], references: { Invoice: resolveInvoiceReference } },
};
