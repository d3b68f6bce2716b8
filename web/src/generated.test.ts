// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { generatedCode, generatedPath } from '../scripts/codegen.mjs';

describe("Desk's typed operations", () => {
  it('are generated from the current .graphql files and supergraph (run npm run generate -w @meterline/web)', async () => {
    expect(readFileSync(generatedPath, 'utf8')).toBe(await generatedCode());
  }, 60_000);
});
