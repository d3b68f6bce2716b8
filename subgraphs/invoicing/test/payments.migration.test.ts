import { randomUUID } from 'node:crypto';
import { openDatabase } from '@meterline/kit';
import { newPlatformId, testInfrastructure } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';

describe('Payments1763700001000', () => {
  it('makes amount_due what is still owed on invoices issued before it (credited taken off, a paid one paid in full), and reverts', async () => {
    const { databaseUrl } = await testInfrastructure();
    const schema = `invoicing_migration_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const migrations = createInvoicingSubgraph().migrations;
    const at = migrations.findIndex((m) => m.name === 'Payments1763700001000');
    const before = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, at), poolSize: 2 });
    const platformId = newPlatformId();
    const insert = (number: string, status: string, amountDue: string, credited: string) =>
      before.query(
        `INSERT INTO invoices (platform_id, customer_id, number, status, currency, period_start, period_end, total, amount_due, credited, created_at)
         VALUES ($1, $2, $3, $4, 'EUR', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', $5, $5, $6, now())`,
        [platformId, randomUUID(), number, status, amountDue, credited],
      );
    try {
      await insert('INV-1', 'ISSUED', '121', '12.1');
      await insert('INV-2', 'PAID', '100', '0');
      await insert('INV-3', 'PAID', '50', '10');
    } finally {
      await before.destroy();
    }

    const after = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, at + 1), poolSize: 2 });
    try {
      const rows = async () =>
        (
          await after.query(
            `SELECT number, status, trim_scale(amount_due)::text AS due, trim_scale(credited)::text AS credited FROM invoices WHERE platform_id = $1 ORDER BY number`,
            [platformId],
          )
        ).map((r: Record<string, string>) => Object.values(r));
      const paid = async () =>
        (await after.query(`SELECT amount_paid::text FROM invoices WHERE platform_id = $1 ORDER BY number`, [platformId])).map(
          (r: { amount_paid: string }) => r.amount_paid,
        );
      expect(await rows()).toEqual([
        ['INV-1', 'ISSUED', '108.9', '12.1'],
        ['INV-2', 'PAID', '0', '0'],
        ['INV-3', 'PAID', '0', '10'],
      ]);
      expect(await paid()).toEqual(['0', '100', '40']);
      await after.query(`UPDATE invoices SET status = 'OVERDUE' WHERE platform_id = $1 AND number = 'INV-1'`, [platformId]);
      await after.undoLastMigration({ transaction: 'each' });
      expect(await rows()).toEqual([
        ['INV-1', 'ISSUED', '121', '12.1'],
        ['INV-2', 'PAID', '100', '0'],
        ['INV-3', 'PAID', '50', '10'],
      ]);
    } finally {
      await after.query(`DROP SCHEMA "${schema}" CASCADE`);
      await after.destroy();
    }
  });
});
