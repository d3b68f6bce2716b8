import { randomUUID } from 'node:crypto';
import { openDatabase } from '@meterline/kit';
import { newPlatformId, testInfrastructure } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';

describe('ReportJobs1763700002000', () => {
  it('fills product_items from the plan versions already there, each item as the newest version naming it says, and reverts', async () => {
    const { databaseUrl } = await testInfrastructure();
    const schema = `invoicing_migration_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const migrations = createInvoicingSubgraph().migrations;
    const at = migrations.findIndex((m) => m.name === 'ReportJobs1763700002000');
    const before = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, at), poolSize: 2 });
    const platformId = newPlatformId();
    const version = (updatedAt: string, prices: object[]) =>
      before.query(
        `INSERT INTO plan_versions (platform_id, id, status, currency, billing_period, snapshot, updated_at)
         VALUES ($1, gen_random_uuid(), 'ACTIVE', 'EUR', 'MONTH', $2, $3)`,
        [platformId, JSON.stringify({ prices }), updatedAt],
      );
    try {
      await version('2026-01-01T00:00:00Z', [
        { productItemId: 'fee', productItemName: 'Old fee', chargeType: 'RECURRING', metricReference: null },
        { productItemId: 'calls', productItemName: 'Calls', chargeType: 'USAGE', metricReference: 'api_calls' },
      ]);
      await version('2026-02-01T00:00:00Z', [
        { productItemId: 'fee', productItemName: 'Platform fee', chargeType: 'RECURRING', metricReference: null },
      ]);
    } finally {
      await before.destroy();
    }

    const after = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, at + 1), poolSize: 2 });
    try {
      const items = await after.query(`SELECT id, name, charge_type, metric FROM product_items WHERE platform_id = $1 ORDER BY id`, [
        platformId,
      ]);
      expect(items).toEqual([
        { id: 'calls', name: 'Calls', charge_type: 'USAGE', metric: 'api_calls' },
        { id: 'fee', name: 'Platform fee', charge_type: 'RECURRING', metric: null },
      ]);
      const tables = `SELECT to_regclass('product_items') IS NOT NULL AS items, to_regclass('report_jobs') IS NOT NULL AS jobs`;
      expect(await after.query(tables)).toEqual([{ items: true, jobs: true }]);
      await after.undoLastMigration({ transaction: 'each' });
      expect(await after.query(tables)).toEqual([{ items: false, jobs: false }]);
    } finally {
      await after.query(`DROP SCHEMA "${schema}" CASCADE`);
      await after.destroy();
    }
  });
});
