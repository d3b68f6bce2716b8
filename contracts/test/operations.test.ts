import { buildManifest, operationApps, operationId, operationProblems, readManifest, supergraphSchema } from '../src';

/**
 * Persisted operations are a contract with partners: every one must keep running against the composed supergraph, so a
 * schema change that would break a partner fails CI here (DESIGN §5).
 */
describe('persisted operations', () => {
  const schema = supergraphSchema();
  const apps = operationApps();

  it('has at least one app', () => {
    expect(apps).toContain('partner-portal');
  });

  describe.each(apps)('%s', (app) => {
    const manifest = readManifest(app);

    it('is the committed manifest of its .graphql files (run npm run operations after changing them)', () => {
      expect(manifest).toEqual(buildManifest(app));
      expect(manifest.format).toBe('apollo-persisted-query-manifest');
    });

    it('names each operation once and identifies it by the SHA-256 of its body', () => {
      expect(new Set(manifest.operations.map((o) => o.name)).size).toBe(manifest.operations.length);
      for (const operation of manifest.operations) expect(operation.id).toBe(operationId(operation.body));
    });

    it.each(manifest.operations.map((o) => [o.name, o.body] as const))('%s runs against the supergraph', (_name, body) => {
      expect(operationProblems(body, schema)).toEqual([]);
    });
  });
});
