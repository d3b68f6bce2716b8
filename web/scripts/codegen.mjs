// Desk's typed operations: every `src/**/*.graphql` file becomes `<name>.generated.ts` next to it (types and typed
// documents, checked against contracts/supergraph.graphql) with the codegen configuration of @meterline/client.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { typedDocuments } = require('@meterline/client/scripts/codegen');
const { parse } = require('graphql');

export const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir, suffix) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

/** Every generated file Desk should have now: path → content. */
export async function generatedFiles() {
  const files = new Map();
  for (const source of filesUnder(join(webRoot, 'src'), '.graphql').sort()) {
    const location = relative(webRoot, source);
    const path = source.replace(/\.graphql$/, '.generated.ts');
    files.set(
      path,
      await typedDocuments({
        documents: [{ location, document: parse(readFileSync(source, 'utf8')) }],
        path,
        header: `// Generated from web/${location} by \`npm run generate -w @meterline/web\`: do not edit.`,
      }),
    );
  }
  return files;
}

/** Generated files whose .graphql source is gone. */
export function orphanedFiles(current) {
  return filesUnder(join(webRoot, 'src'), '.generated.ts').filter((path) => !current.has(path));
}
