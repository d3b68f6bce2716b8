// Desk's typed operations: every `src/**/*.graphql` file, together (fragments may be shared between them), becomes
// `src/generated.ts` (types and typed documents, checked against contracts/supergraph.graphql) with the codegen
// configuration of @meterline/client.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { typedDocuments } = require('@meterline/client/scripts/codegen');
const { parse } = require('graphql');

export const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const generatedPath = join(webRoot, 'src', 'generated.ts');

function filesUnder(dir, suffix) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

/** What `src/generated.ts` should hold now. */
export function generatedCode() {
  const documents = filesUnder(join(webRoot, 'src'), '.graphql')
    .sort()
    .map((source) => ({ location: relative(webRoot, source), document: parse(readFileSync(source, 'utf8')) }));
  return typedDocuments({
    documents,
    path: generatedPath,
    header: '// Generated from web/src/**/*.graphql by `npm run generate -w @meterline/web`: do not edit.',
  });
}
