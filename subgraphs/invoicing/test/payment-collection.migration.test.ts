import { randomUUID } from 'node:crypto';
import { openDatabase } from '@meterline/kit';
import { testInfrastructure } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';

const TABLES = ['payment_attempts', 'payment_collections', 'payment_customers', 'payment_provider_settings'];

describe('PaymentCollection1763700001300', () => {
  it('adds the payment collection tables after every earlier migration, and removes them when undone', async () => {
    const { databaseUrl } = await testInfrastructure();
    const schema = `invoicing_migration_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const migrations = createInvoicingSubgraph().migrations;
    const at = migrations.findIndex((m) => m.name === 'PaymentCollection1763700001300');
    expect(at).toBeGreaterThan(0);
    const db = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, at + 1), poolSize: 2 });
    const tables = async () =>
      (
        (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2) ORDER BY 1`, [
          schema,
          TABLES,
        ])) as Array<{ table_name: string }>
      ).map((r) => r.table_name);
    try {
      expect(await tables()).toEqual(TABLES);
      await db.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
    } finally {
      await db.query(`DROP SCHEMA "${schema}" CASCADE`);
      await db.destroy();
    }
  });
});
