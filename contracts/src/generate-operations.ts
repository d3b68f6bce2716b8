/**
 * `npm run operations`: writes contracts/operations/<app>.json (Apollo persisted query manifests) from the `.graphql`
 * files in contracts/operations/<app>/, after checking each operation against the composed supergraph.
 */
import { writeFileSync } from 'node:fs';
import { buildManifest, manifestPath, operationApps, operationProblems, supergraphSchema } from './operations';

const schema = supergraphSchema();
let failed = false;
for (const app of operationApps()) {
  const manifest = buildManifest(app);
  for (const operation of manifest.operations) {
    for (const problem of operationProblems(operation.body, schema)) {
      console.error(`${app}/${operation.name}: ${problem}`);
      failed = true;
    }
  }
  writeFileSync(manifestPath(app), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${manifestPath(app)} (${manifest.operations.length} operations)`);
}
if (failed) process.exit(1);
