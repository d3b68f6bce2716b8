import { describeChanges, readSubgraphSdl, schemaChanges } from '@meterline/contracts';
import { probeEntityReferences, startSubgraphForTest, type SubgraphUnderTest } from '@meterline/kit/testing';
import { webhooksSubgraph } from '../src';

describe('the webhooks subgraph as a running service', () => {
  let subgraph: SubgraphUnderTest;
  beforeAll(async () => {
    subgraph = await startSubgraphForTest(webhooksSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('serves exactly the SDL committed in contracts/subgraphs (run `npm run compose` after a schema change)', async () => {
    const report = await subgraph.selfReport();
    // graphql-inspector's verdict first, BREAKING changes on top: a change must come with its snapshot in the same commit.
    expect(describeChanges(await schemaChanges(readSubgraphSdl('webhooks'), report.sdl))).toBe('');
    expect(report.sdl).toBe(readSubgraphSdl('webhooks'));
  });

  it('answers _entities for every @key it resolves, an unknown id as not found (Apollo subgraph compatibility)', async () => {
    const probes = await probeEntityReferences(subgraph);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((p) => !p.ok)).toEqual([]);
  });

  // The backlog is a number, not 0: test files of this subgraph run in parallel on one schema, so another may have an
  // event on its way out right now.
  it('answers its probes and exposes Prometheus metrics', async () => {
    const report = await subgraph.selfReport();
    expect([report.healthz, report.readyz]).toEqual([200, 200]);
    expect(report.metrics).toMatch(/^outbox_backlog\{service="webhooks"\} \d+$/m);
    expect(report.metrics).toMatch(/http_request_duration_seconds_bucket/);
  });
});
