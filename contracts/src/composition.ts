import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { defaultSubgraphUrls, readSubgraphSdl, subgraphNames } from './index';

/** Composes the committed subgraph SDLs into the supergraph SDL; throws with every composition error. */
export function composeSupergraph(): string {
  const result = composeServices(
    subgraphNames.map((name) => ({ name, url: defaultSubgraphUrls[name], typeDefs: parse(readSubgraphSdl(name)) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
