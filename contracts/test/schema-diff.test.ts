import { describeChanges, readSubgraphSdl, schemaChanges } from '../src';

describe('schema changes (graphql-inspector), as the contract tests report them', () => {
  const sdl = readSubgraphSdl('invoicing');

  it('finds none between a snapshot and itself', async () => {
    expect(await schemaChanges(sdl, sdl)).toEqual([]);
  });

  it('puts a removed field first, as BREAKING, and an added one as NON_BREAKING', async () => {
    const next = sdl.replace(/^\s+voidReason: String\n/m, '\n').replace(/^(type CreditNote[^{]*\{)/m, '$1\n  memo: String');
    const report = describeChanges(await schemaChanges(sdl, next));
    expect(report.split('\n')[0]).toMatch(/^BREAKING\s+Field 'voidReason' was removed from object type 'Invoice'/);
    expect(report).toMatch(/NON_BREAKING\s+Field 'memo' was added to object type 'CreditNote'/);
  });
});
