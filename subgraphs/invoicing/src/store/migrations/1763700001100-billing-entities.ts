import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing entities (issue 15, point 1): the legal entities a platform bills from, each change a new version row (the
 * entity points at its current one); invoices and credit notes record the version they were issued with. Number
 * series move from per platform (`invoice_numbers`) to per entity: every platform that has counters, settings or
 * invoices gets its default entity (version 1, nothing described: the deployment's prefixes and terms apply) and its
 * counters become that entity's series, so numbering continues where it was. Customers are assigned to an entity
 * (none: the platform's default). The platform's own grace period joins its payment terms in `invoicing_settings`.
 */
export class BillingEntities1763700001100 implements MigrationInterface {
  name = 'BillingEntities1763700001100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE billing_entities (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id         uuid NOT NULL,
        code                text NOT NULL,
        current_version_id  uuid,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        UNIQUE (platform_id, code)
      )`);
    await runner.query(`CREATE INDEX billing_entities_list ON billing_entities (platform_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE billing_entity_versions (
        id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id               uuid NOT NULL,
        billing_entity_id         uuid NOT NULL REFERENCES billing_entities (id),
        version                   integer NOT NULL CHECK (version > 0),
        legal_name                text,
        address                   jsonb,
        tax_id                    text,
        logo                      text,
        invoice_footer            text,
        payment_instructions      text,
        invoice_number_prefix     text,
        credit_note_number_prefix text,
        payment_terms_days        integer CHECK (payment_terms_days BETWEEN 0 AND 365),
        currency                  char(3),
        locale                    text,
        time_zone                 text,
        email_from                text,
        created_at                timestamptz NOT NULL,
        UNIQUE (billing_entity_id, version)
      )`);
    await runner.query(`CREATE INDEX billing_entity_versions_platform ON billing_entity_versions (platform_id, billing_entity_id)`);
    await runner.query(
      `ALTER TABLE billing_entities ADD CONSTRAINT billing_entities_current FOREIGN KEY (current_version_id) REFERENCES billing_entity_versions (id)`,
    );
    await runner.query(`
      CREATE TABLE billing_entity_number_series (
        platform_id        uuid NOT NULL,
        billing_entity_id  uuid NOT NULL REFERENCES billing_entities (id),
        series             text NOT NULL CHECK (series IN ('invoice', 'credit_note')),
        last_number        bigint NOT NULL,
        PRIMARY KEY (billing_entity_id, series)
      )`);
    await runner.query(`
      CREATE TABLE customer_billing_entities (
        platform_id        uuid NOT NULL,
        customer_id        uuid NOT NULL,
        billing_entity_id  uuid NOT NULL REFERENCES billing_entities (id),
        assigned_at        timestamptz NOT NULL,
        PRIMARY KEY (platform_id, customer_id)
      )`);
    await runner.query(`CREATE INDEX customer_billing_entities_entity ON customer_billing_entities (billing_entity_id)`);
    await runner.query(`ALTER TABLE invoices ADD COLUMN billing_entity_version_id uuid REFERENCES billing_entity_versions (id)`);
    await runner.query(`ALTER TABLE credit_notes ADD COLUMN billing_entity_version_id uuid REFERENCES billing_entity_versions (id)`);
    await runner.query(`
      ALTER TABLE invoicing_settings
        ADD COLUMN grace_period_seconds integer CHECK (grace_period_seconds BETWEEN 0 AND 2678400),
        ADD COLUMN default_billing_entity_id uuid REFERENCES billing_entities (id)`);

    // Existing platforms: a default entity each, with their counters as its series and their documents as its version 1's.
    await runner.query(`
      CREATE TEMPORARY TABLE platform_defaults AS
      SELECT platform_id, gen_random_uuid() AS entity_id, gen_random_uuid() AS version_id FROM (
        SELECT platform_id FROM invoice_numbers UNION SELECT platform_id FROM invoicing_settings UNION SELECT platform_id FROM invoices
      ) p`);
    await runner.query(`
      INSERT INTO billing_entities (id, platform_id, code, created_at, updated_at)
      SELECT entity_id, platform_id, 'default', now(), now() FROM platform_defaults`);
    await runner.query(`
      INSERT INTO billing_entity_versions (id, platform_id, billing_entity_id, version, created_at)
      SELECT version_id, platform_id, entity_id, 1, now() FROM platform_defaults`);
    await runner.query(`UPDATE billing_entities e SET current_version_id = d.version_id FROM platform_defaults d WHERE e.id = d.entity_id`);
    await runner.query(`
      INSERT INTO invoicing_settings (platform_id, default_billing_entity_id, updated_at)
      SELECT platform_id, entity_id, now() FROM platform_defaults
      ON CONFLICT (platform_id) DO UPDATE SET default_billing_entity_id = excluded.default_billing_entity_id`);
    await runner.query(`
      INSERT INTO billing_entity_number_series (platform_id, billing_entity_id, series, last_number)
      SELECT n.platform_id, d.entity_id, n.series, n.last_number FROM invoice_numbers n JOIN platform_defaults d USING (platform_id)`);
    await runner.query(`
      UPDATE invoices i SET billing_entity_version_id = d.version_id FROM platform_defaults d
       WHERE i.platform_id = d.platform_id AND i.status <> 'DRAFT'`);
    await runner.query(`
      UPDATE credit_notes c SET billing_entity_version_id = d.version_id FROM platform_defaults d WHERE c.platform_id = d.platform_id`);
    await runner.query(`DROP TABLE platform_defaults`);
    await runner.query(`DROP TABLE invoice_numbers`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE invoice_numbers (
        platform_id  uuid NOT NULL,
        series       text NOT NULL,
        last_number  bigint NOT NULL,
        PRIMARY KEY (platform_id, series)
      )`);
    // Back to one counter per platform: the highest of its entities', so no number the default entity gave comes again.
    await runner.query(`
      INSERT INTO invoice_numbers (platform_id, series, last_number)
      SELECT platform_id, series, max(last_number) FROM billing_entity_number_series GROUP BY platform_id, series`);
    await runner.query(`ALTER TABLE invoicing_settings DROP COLUMN default_billing_entity_id, DROP COLUMN grace_period_seconds`);
    await runner.query(`ALTER TABLE credit_notes DROP COLUMN billing_entity_version_id`);
    await runner.query(`ALTER TABLE invoices DROP COLUMN billing_entity_version_id`);
    await runner.query(`DROP TABLE customer_billing_entities`);
    await runner.query(`DROP TABLE billing_entity_number_series`);
    await runner.query(`ALTER TABLE billing_entities DROP CONSTRAINT billing_entities_current`);
    await runner.query(`DROP TABLE billing_entity_versions`);
    await runner.query(`DROP TABLE billing_entities`);
  }
}
