import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail delivery of invoice documents (issue 15): one row per message to send (an issued invoice or credit note to
 * the customer's billing e-mail, or a resend), its status and schedule, and one row per attempt with what the mail
 * server said; whether the platform sends its documents (`invoicing_settings.email_delivery`, off unless set).
 */
export class EmailDeliveries1763700001500 implements MigrationInterface {
  name = 'EmailDeliveries1763700001500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE email_deliveries (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        document_kind    text NOT NULL CHECK (document_kind IN ('INVOICE', 'CREDIT_NOTE')),
        document_id      uuid NOT NULL,
        recipient        text,
        status           text NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        last_error       text,
        message_id       text NOT NULL,
        requested_by     text NOT NULL CHECK (requested_by IN ('ISSUE', 'RESEND')),
        queued_at        timestamptz NOT NULL,
        sent_at          timestamptz
      )`);
    await runner.query(`CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status IN ('QUEUED', 'SENDING')`);
    await runner.query(`CREATE INDEX email_deliveries_document ON email_deliveries (platform_id, document_id, queued_at)`);
    await runner.query(`
      CREATE TABLE email_delivery_attempts (
        platform_id   uuid NOT NULL,
        delivery_id   uuid NOT NULL REFERENCES email_deliveries (id),
        attempt       integer NOT NULL,
        attempted_at  timestamptz NOT NULL,
        outcome       text NOT NULL CHECK (outcome IN ('SENT', 'FAILED')),
        error         text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
    await runner.query(`ALTER TABLE invoicing_settings ADD COLUMN email_delivery boolean`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE invoicing_settings DROP COLUMN email_delivery`);
    await runner.query(`DROP TABLE email_delivery_attempts`);
    await runner.query(`DROP TABLE email_deliveries`);
  }
}
