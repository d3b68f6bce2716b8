import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment collection through a provider (issue 15, point 4): a platform's provider settings (secrets encrypted with
 * PAYMENT_SECRETS_KEY, see billing/payment-secrets.ts), a customer's saved payment method and provider customer id,
 * one collection per issued invoice with its attempts (the outbox-style queue the collector claims with SKIP LOCKED).
 */
export class PaymentCollection1763700001300 implements MigrationInterface {
  name = 'PaymentCollection1763700001300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment_provider_settings (
        platform_id          uuid NOT NULL,
        provider             text NOT NULL CHECK (provider IN ('stripe')),
        secret_key           text NOT NULL,
        secret_key_last4     text NOT NULL,
        webhook_secret       text NOT NULL,
        webhook_secret_last4 text NOT NULL,
        enabled              boolean NOT NULL,
        updated_at           timestamptz NOT NULL,
        PRIMARY KEY (platform_id, provider)
      )`);
    await runner.query(`
      CREATE TABLE payment_customers (
        platform_id           uuid NOT NULL,
        customer_id           uuid NOT NULL,
        provider              text NOT NULL CHECK (provider IN ('stripe')),
        payment_method        text NOT NULL,
        provider_customer_id  text,
        updated_at            timestamptz NOT NULL,
        PRIMARY KEY (platform_id, customer_id)
      )`);
    await runner.query(`
      CREATE TABLE payment_collections (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        invoice_id       uuid NOT NULL REFERENCES invoices (id),
        customer_id      uuid NOT NULL,
        provider         text NOT NULL CHECK (provider IN ('stripe')),
        status           text NOT NULL CHECK (status IN ('SCHEDULED', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        lease_until      timestamptz,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        UNIQUE (platform_id, invoice_id)
      )`);
    await runner.query(
      `CREATE INDEX payment_collections_due ON payment_collections (next_attempt_at) WHERE status IN ('SCHEDULED', 'PROCESSING')`,
    );
    await runner.query(`
      CREATE TABLE payment_attempts (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id         uuid NOT NULL,
        collection_id       uuid NOT NULL REFERENCES payment_collections (id),
        invoice_id          uuid NOT NULL,
        number              integer NOT NULL CHECK (number > 0),
        status              text NOT NULL CHECK (status IN ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED')),
        amount              numeric NOT NULL CHECK (amount > 0),
        currency            char(3) NOT NULL,
        idempotency_key     text NOT NULL,
        provider_customer_id  text,
        provider_intent_id  text,
        error_code          text,
        error_message       text,
        payment_id          uuid REFERENCES payments (id),
        next_attempt_at     timestamptz,
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        UNIQUE (collection_id, number)
      )`);
    await runner.query(`CREATE INDEX payment_attempts_invoice ON payment_attempts (platform_id, invoice_id, number)`);
    await runner.query(
      `CREATE UNIQUE INDEX payment_attempts_intent ON payment_attempts (platform_id, provider_intent_id) WHERE provider_intent_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE payment_attempts`);
    await runner.query(`DROP TABLE payment_collections`);
    await runner.query(`DROP TABLE payment_customers`);
    await runner.query(`DROP TABLE payment_provider_settings`);
  }
}
