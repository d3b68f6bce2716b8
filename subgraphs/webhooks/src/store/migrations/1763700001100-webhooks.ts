import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1763700001100 implements MigrationInterface {
  name = 'Webhooks1763700001100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE webhook_endpoints (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id         uuid NOT NULL,
        url                 text NOT NULL,
        description         text,
        event_types         text[] NOT NULL,
        secret_sealed       text NOT NULL,
        status              text NOT NULL CHECK (status IN ('ENABLED', 'DISABLED')),
        disabled_reason     text,
        disabled_at         timestamptz,
        consecutive_failed  integer NOT NULL DEFAULT 0,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX webhook_endpoints_platform_created ON webhook_endpoints (platform_id, created_at, id)`);
    // One message per event per platform (webhook-id = 'msg_' + id); its body is kept as sent, byte for byte.
    await runner.query(`
      CREATE TABLE webhook_messages (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        event_type       text NOT NULL,
        source_event_id  uuid,
        body             text NOT NULL,
        created_at       timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX webhook_messages_source ON webhook_messages (platform_id, source_event_id) WHERE source_event_id IS NOT NULL`,
    );
    // One message to one endpoint: its state and schedule.
    await runner.query(`
      CREATE TABLE webhook_deliveries (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        message_id       uuid NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
        endpoint_id      uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        status           text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        attempt_count    integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        last_status_code integer,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        UNIQUE (message_id, endpoint_id)
      )`);
    await runner.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`);
    await runner.query(`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (platform_id, endpoint_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE webhook_attempts (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id     uuid NOT NULL,
        delivery_id     uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempted_at    timestamptz NOT NULL,
        status_code     integer,
        response_body   text,
        duration_ms     integer NOT NULL,
        error           text,
        created_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (platform_id, delivery_id, attempted_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE webhook_attempts`);
    await runner.query(`DROP TABLE webhook_deliveries`);
    await runner.query(`DROP TABLE webhook_messages`);
    await runner.query(`DROP TABLE webhook_endpoints`);
  }
}
