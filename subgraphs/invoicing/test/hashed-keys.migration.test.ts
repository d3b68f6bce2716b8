import { randomUUID } from 'node:crypto';
import { openDatabase } from '@meterline/kit';
import { newPlatformId, testInfrastructure } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';
import { dimensionsKey } from '../src/store/projections/usage.projection';

describe('HashedDimensionKeys1763700000700', () => {
  it('rehashes the dimension keys of existing usage in place, so new usage merges into the same rows, and reverts', async () => {
    const { databaseUrl } = await testInfrastructure();
    const schema = `invoicing_migration_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const all = createInvoicingSubgraph().migrations;
    // Up to this migration (later ones run after it in production, and undoing must undo this one).
    const migrations = all.slice(0, all.findIndex((m) => m.name === 'HashedDimensionKeys1763700000700') + 1);
    const before = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, -1), poolSize: 2 });
    const platformId = newPlatformId();
    const dimensions = { region: 'eu-wést', model: 'gpt-4' };
    const oldKey = JSON.stringify([
      ['model', 'gpt-4'],
      ['region', 'eu-wést'],
    ]);
    try {
      await before.query(
        `INSERT INTO usage_totals (platform_id, customer_id, metric, bucket_start, dimensions_key, dimensions, meter_id, aggregation, state, updated_at)
         VALUES ($1, $2, 'calls', '2026-01-05T10:00:00Z', $3, $4, $2, 'SUM', '{"count": 1, "sum": "2"}', now())`,
        [platformId, randomUUID(), oldKey, JSON.stringify(dimensions)],
      );
      await before.query(
        `INSERT INTO usage_items (platform_id, event_id, metric, customer_id, subscription_id, at, dimensions_key, dimensions, meter_id, aggregation, state)
         VALUES ($1, $2, 'calls', $2, '00000000-0000-0000-0000-000000000000', now(), $3, $4, $2, 'SUM', '{"count": 1, "sum": "2"}')`,
        [platformId, randomUUID(), oldKey, JSON.stringify(dimensions)],
      );
    } finally {
      await before.destroy();
    }

    const after = await openDatabase({ url: databaseUrl, schema, entities: [], migrations, poolSize: 2 });
    try {
      const keys = async () =>
        (
          await after.query(
            `SELECT dimensions_key FROM usage_totals WHERE platform_id = $1
             UNION ALL SELECT dimensions_key FROM usage_items WHERE platform_id = $1`,
            [platformId],
          )
        ).map((r: { dimensions_key: string }) => r.dimensions_key);
      // Exactly the key the projection computes now: the next usage of these dimensions lands on the same row.
      expect(await keys()).toEqual([dimensionsKey(dimensions), dimensionsKey(dimensions)]);
      await after.undoLastMigration({ transaction: 'each' });
      expect(await keys()).toEqual([oldKey, oldKey]);
    } finally {
      await after.query(`DROP SCHEMA "${schema}" CASCADE`);
      await after.destroy();
    }
  });
});
