import { randomUUID } from 'node:crypto';
import { openDatabase } from '@meterline/kit';
import type { DataSource } from 'typeorm';
import { newPlatformId, testInfrastructure } from '@meterline/kit/testing';
import { createInvoicingSubgraph } from '../src';

const migrations = createInvoicingSubgraph().migrations;

/** A schema of its own migrated up to (not including) `name`, then `name` run on what `seed` wrote. */
async function around(name: string, seed: (db: DataSource) => Promise<void>, check: (db: DataSource) => Promise<void>): Promise<void> {
  const { databaseUrl } = await testInfrastructure();
  const schema = `invoicing_migration_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const at = migrations.findIndex((m) => m.name === name);
  const before = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, at), poolSize: 2 });
  try {
    await seed(before);
  } finally {
    await before.destroy();
  }
  const after = await openDatabase({ url: databaseUrl, schema, entities: [], migrations: migrations.slice(0, at + 1), poolSize: 2 });
  try {
    await check(after);
  } finally {
    await after.query(`DROP SCHEMA "${schema}" CASCADE`);
    await after.destroy();
  }
}

const insertInvoice = (db: DataSource, platformId: string, number: string | null, status: string, dueAt: string) =>
  db.query<Array<{ id: string }>>(
    `INSERT INTO invoices (platform_id, customer_id, number, status, currency, period_start, period_end, total, amount_due, due_at, created_at)
     VALUES ($1, $2, $3, $4, 'EUR', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', 10, 10, $5, now()) RETURNING id`,
    [platformId, randomUUID(), number, status, dueAt],
  );

describe('DraftIssuesAt1763700001050', () => {
  it('moves a draft’s issue instant from due_at to issues_at (due_at: payment due only), and back', async () => {
    const platformId = newPlatformId();
    await around(
      'DraftIssuesAt1763700001050',
      async (db) => {
        await insertInvoice(db, platformId, null, 'DRAFT', '2026-04-01T01:00:00Z');
        await insertInvoice(db, platformId, 'INV-000001', 'ISSUED', '2026-05-01T00:00:00Z');
      },
      async (db) => {
        const rows = () =>
          db.query(
            `SELECT status, to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS due,
                    to_char(issues_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS issues
               FROM invoices WHERE platform_id = $1 ORDER BY status`,
            [platformId],
          );
        expect(await rows()).toEqual([
          { status: 'DRAFT', due: null, issues: '2026-04-01T01:00' },
          { status: 'ISSUED', due: '2026-05-01T00:00', issues: null },
        ]);
        const [{ indexdef }] = await db.query<Array<{ indexdef: string }>>(
          `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'invoices_issues_at'`,
        );
        expect(indexdef).toContain("WHERE (status = 'DRAFT'::text)");
        await db.undoLastMigration({ transaction: 'each' });
        expect(
          await db.query(
            `SELECT status, to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS due FROM invoices WHERE platform_id = $1 ORDER BY status`,
            [platformId],
          ),
        ).toEqual([
          { status: 'DRAFT', due: '2026-04-01T01:00' },
          { status: 'ISSUED', due: '2026-05-01T00:00' },
        ]);
      },
    );
  });
});

describe('BillingEntities1763700001100', () => {
  it('gives each existing platform a default entity whose series continue its counters, its documents version 1; and reverts', async () => {
    const counted = newPlatformId();
    const draftsOnly = newPlatformId();
    let issuedId = '';
    await around(
      'BillingEntities1763700001100',
      async (db) => {
        await db.query(
          `INSERT INTO invoice_numbers (platform_id, series, last_number) VALUES ($1, 'invoice', 41), ($1, 'credit_note', 7)`,
          [counted],
        );
        [{ id: issuedId }] = await insertInvoice(db, counted, 'INV-000041', 'ISSUED', '2026-05-01T00:00:00Z');
        await insertInvoice(db, draftsOnly, null, 'DRAFT', '2026-04-01T01:00:00Z');
      },
      async (db) => {
        const entities = await db.query(
          `SELECT e.platform_id, e.code, v.version, v.legal_name, v.invoice_number_prefix, v.payment_terms_days, s.default_billing_entity_id = e.id AS is_default
             FROM billing_entities e JOIN billing_entity_versions v ON v.id = e.current_version_id
             JOIN invoicing_settings s ON s.platform_id = e.platform_id
            WHERE e.platform_id = ANY($1::uuid[]) ORDER BY e.platform_id = $2 DESC`,
          [[counted, draftsOnly], counted],
        );
        const described = {
          code: 'default',
          version: 1,
          legal_name: null,
          invoice_number_prefix: null,
          payment_terms_days: null,
          is_default: true,
        };
        expect(entities).toEqual([
          { platform_id: counted, ...described },
          { platform_id: draftsOnly, ...described },
        ]);
        expect(
          await db.query(`SELECT series, last_number::int AS n FROM billing_entity_number_series WHERE platform_id = $1 ORDER BY series`, [
            counted,
          ]),
        ).toEqual([
          { series: 'credit_note', n: 7 },
          { series: 'invoice', n: 41 },
        ]);
        const [issued] = await db.query(
          `SELECT v.version FROM invoices i JOIN billing_entity_versions v ON v.id = i.billing_entity_version_id WHERE i.id = $1`,
          [issuedId],
        );
        expect(issued).toEqual({ version: 1 });
        const [draft] = await db.query<Array<{ billing_entity_version_id: string | null }>>(
          `SELECT billing_entity_version_id FROM invoices WHERE platform_id = $1`,
          [draftsOnly],
        );
        expect(draft.billing_entity_version_id).toBeNull();
        // A second entity counted further; undone, the platform's one counter takes the highest, so nothing repeats.
        await db.query(`UPDATE billing_entity_number_series SET last_number = 45 WHERE platform_id = $1 AND series = 'invoice'`, [counted]);
        await db.undoLastMigration({ transaction: 'each' });
        expect(
          await db.query(`SELECT series, last_number::int AS n FROM invoice_numbers WHERE platform_id = $1 ORDER BY series`, [counted]),
        ).toEqual([
          { series: 'credit_note', n: 7 },
          { series: 'invoice', n: 45 },
        ]);
        expect(await db.query(`SELECT to_regclass('billing_entities') AS t`)).toEqual([{ t: null }]);
      },
    );
  });
});
