/**
 * `npm run compose`: asks each built subgraph for its SDL (one child process each, so their type registries
 * never mix), writes contracts/subgraphs/<name>.graphql, then composes contracts/supergraph.graphql.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, contractsDir, subgraphNames, subgraphSdlPath, supergraphPath } from './index';

const repoRoot = join(contractsDir, '..');
for (const name of subgraphNames) {
  const sdl = execFileSync(process.execPath, [join(repoRoot, 'subgraphs', name, 'dist', 'print-sdl.js')], { encoding: 'utf8' });
  writeFileSync(subgraphSdlPath(name), sdl);
  console.log(`wrote ${subgraphSdlPath(name)}`);
}
writeFileSync(supergraphPath, composeSupergraph());
console.log(`wrote ${supergraphPath}`);
