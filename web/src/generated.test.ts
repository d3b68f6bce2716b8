// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { generatedFiles, orphanedFiles } from '../scripts/codegen.mjs';

describe("Desk's typed operations", () => {
  it('are generated from the current .graphql files and supergraph (run npm run generate -w @meterline/web)', async () => {
    const files = (await generatedFiles()) as Map<string, string>;
    expect(files.size).toBeGreaterThan(0);
    for (const [path, content] of files) expect({ path, content: readFileSync(path, 'utf8') }).toEqual({ path, content });
    expect(orphanedFiles(files)).toEqual([]);
  }, 60_000);
});
