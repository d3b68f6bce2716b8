import { composeSupergraph, readSubgraphSdl, readSupergraph, subgraphNames } from '../src';

describe('the supergraph', () => {
  it('is exactly what composing the committed subgraph SDLs gives (run `npm run compose` after a schema change)', () => {
    expect(composeSupergraph()).toBe(readSupergraph());
  });

  it.each(subgraphNames)('has a committed SDL for %s with federation 2 and at least one entity', (name) => {
    const sdl = readSubgraphSdl(name);
    expect(sdl).toContain('https://specs.apollo.dev/federation/v2.7');
    expect(sdl).toMatch(/@key\(fields: "id"/);
  });

  it('lets clients expand a customer across subgraphs: Customer is owned by subscriptions and extended by metering and invoicing', () => {
    const supergraph = readSupergraph();
    expect(supergraph).toMatch(/type Customer\s+@join__type\(graph: INVOICING, key: "id"\)/);
    expect(supergraph).toMatch(/invoices\([\s\S]*?\): InvoiceConnection! @join__field\(graph: INVOICING\)/);
    expect(supergraph).toMatch(/@join__type\(graph: METERING, key: "id"\)/);
    expect(supergraph).toMatch(/\): Usage! @join__field\(graph: METERING\)/);
  });
});
