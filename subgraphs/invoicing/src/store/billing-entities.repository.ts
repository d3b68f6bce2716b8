import { isUuid, type Transaction } from '@meterline/kit';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { UNDESCRIBED_ENTITY, type BillingEntityFields, type PostalAddress } from '../domain/billing-entity';

/** What reads take: a transaction's manager or the data source (both filter by platform in every statement). */
type Queryable = Pick<Transaction['manager'], 'query'>;

/** A billing entity: its code and which version is current (the data lives in the versions). */
@Entity({ name: 'billing_entities' })
export class BillingEntityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ name: 'current_version_id', type: 'uuid' })
  currentVersionId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One version of an entity: what its invoices say of the seller from `createdAt` until the next version. */
@Entity({ name: 'billing_entity_versions' })
export class BillingEntityVersionEntity implements BillingEntityFields {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId: string;

  @Column({ name: 'billing_entity_id', type: 'uuid' })
  billingEntityId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'legal_name', type: 'text', nullable: true })
  legalName: string | null;

  @Column({ type: 'jsonb', nullable: true })
  address: PostalAddress | null;

  @Column({ name: 'tax_id', type: 'text', nullable: true })
  taxId: string | null;

  @Column({ type: 'text', nullable: true })
  logo: string | null;

  @Column({ name: 'invoice_footer', type: 'text', nullable: true })
  invoiceFooter: string | null;

  @Column({ name: 'payment_instructions', type: 'text', nullable: true })
  paymentInstructions: string | null;

  @Column({ name: 'invoice_number_prefix', type: 'text', nullable: true })
  invoiceNumberPrefix: string | null;

  @Column({ name: 'credit_note_number_prefix', type: 'text', nullable: true })
  creditNoteNumberPrefix: string | null;

  @Column({ name: 'payment_terms_days', type: 'int', nullable: true })
  paymentTermsDays: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'text', nullable: true })
  locale: string | null;

  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone: string | null;

  @Column({ name: 'email_from', type: 'text', nullable: true })
  emailFrom: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The fields of a version, as a plain object (what a new version copies). */
export function fieldsOf(version: BillingEntityFields): BillingEntityFields {
  const { legalName, address, taxId, logo, invoiceFooter, paymentInstructions, invoiceNumberPrefix, creditNoteNumberPrefix } = version;
  const { paymentTermsDays, currency, locale, timeZone, emailFrom } = version;
  return {
    legalName,
    address,
    taxId,
    logo,
    invoiceFooter,
    paymentInstructions,
    invoiceNumberPrefix,
    creditNoteNumberPrefix,
    paymentTermsDays,
    currency,
    locale,
    timeZone,
    emailFrom,
  };
}

/** The platform's default entity, or null while it has none yet (see ensureDefaultBillingEntity). */
export async function defaultBillingEntityId(runner: Queryable, platformId: string): Promise<string | null> {
  const [row] = (await runner.query(`SELECT default_billing_entity_id AS id FROM invoicing_settings WHERE platform_id = $1`, [
    platformId,
  ])) as Array<{ id: string | null }>;
  return row?.id ?? null;
}

/** A new entity with its version 1. */
export async function insertBillingEntity(
  tx: Transaction,
  platformId: string,
  code: string,
  fields: BillingEntityFields,
  now: Date,
): Promise<BillingEntityEntity> {
  const [{ id }] = (await tx.manager.query(
    `INSERT INTO billing_entities (platform_id, code, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id`,
    [platformId, code, now],
  )) as Array<{ id: string }>;
  await insertVersion(tx, platformId, id, 1, fields, now);
  return (await tx.manager.findOneByOrFail(BillingEntityEntity, { id, platformId }))!;
}

/** The entity's next version, made current. */
export async function insertVersion(
  tx: Transaction,
  platformId: string,
  entityId: string,
  version: number,
  fields: BillingEntityFields,
  now: Date,
): Promise<BillingEntityVersionEntity> {
  const row = await tx.manager.save(
    tx.manager.create(BillingEntityVersionEntity, { ...fieldsOf(fields), platformId, billingEntityId: entityId, version, createdAt: now }),
  );
  await tx.manager.query(`UPDATE billing_entities SET current_version_id = $3, updated_at = $4 WHERE platform_id = $1 AND id = $2`, [
    platformId,
    entityId,
    row.id,
    now,
  ]);
  return row;
}

/**
 * The platform's default entity, created on first need (version 1 describes nothing: the deployment's prefixes and
 * payment terms apply, so a platform that never touches entities bills as before). Concurrent first calls queue on the
 * platform's settings row and create one.
 */
export async function ensureDefaultBillingEntity(tx: Transaction, platformId: string, now: Date): Promise<string> {
  const existing = await defaultBillingEntityId(tx.manager, platformId);
  if (existing) return existing;
  await tx.manager.query(`INSERT INTO invoicing_settings (platform_id, updated_at) VALUES ($1, $2) ON CONFLICT (platform_id) DO NOTHING`, [
    platformId,
    now,
  ]);
  const [locked] = (await tx.manager.query(
    `SELECT default_billing_entity_id AS id FROM invoicing_settings WHERE platform_id = $1 FOR UPDATE`,
    [platformId],
  )) as Array<{ id: string | null }>;
  if (locked.id) return locked.id;
  const entity = await insertBillingEntity(tx, platformId, 'default', UNDESCRIBED_ENTITY, now);
  await tx.manager.query(`UPDATE invoicing_settings SET default_billing_entity_id = $2 WHERE platform_id = $1`, [platformId, entity.id]);
  return entity.id;
}

const ENTITY_COLUMNS = `id, platform_id AS "platformId", code, current_version_id AS "currentVersionId", created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** An entity by id or code (ids are tried first, DESIGN §3), or null. */
export async function billingEntityByIdOrCode(runner: Queryable, platformId: string, key: string): Promise<BillingEntityEntity | null> {
  const [entity] = (await runner.query(
    `SELECT ${ENTITY_COLUMNS} FROM billing_entities WHERE platform_id = $1 AND (id = $3::uuid OR code = $2)
      ORDER BY id = $3::uuid DESC NULLS LAST LIMIT 1`,
    [platformId, key, isUuid(key) ? key : null],
  )) as BillingEntityEntity[];
  return entity ?? null;
}

export async function billingEntitiesByIds(runner: Queryable, platformId: string, ids: readonly string[]): Promise<BillingEntityEntity[]> {
  return (await runner.query(`SELECT ${ENTITY_COLUMNS} FROM billing_entities WHERE platform_id = $1 AND id = ANY($2::uuid[])`, [
    platformId,
    ids.filter(isUuid),
  ])) as BillingEntityEntity[];
}

const VERSION_COLUMNS = `v.id, v.platform_id AS "platformId", v.billing_entity_id AS "billingEntityId", v.version,
  v.legal_name AS "legalName", v.address, v.tax_id AS "taxId", v.logo, v.invoice_footer AS "invoiceFooter",
  v.payment_instructions AS "paymentInstructions", v.invoice_number_prefix AS "invoiceNumberPrefix",
  v.credit_note_number_prefix AS "creditNoteNumberPrefix", v.payment_terms_days AS "paymentTermsDays", trim(v.currency) AS currency,
  v.locale, v.time_zone AS "timeZone", v.email_from AS "emailFrom", v.created_at AS "createdAt"`;

export async function billingEntityVersionsByIds(
  runner: Queryable,
  platformId: string,
  ids: readonly string[],
): Promise<BillingEntityVersionEntity[]> {
  return (await runner.query(
    `SELECT ${VERSION_COLUMNS} FROM billing_entity_versions v WHERE v.platform_id = $1 AND v.id = ANY($2::uuid[])`,
    [platformId, ids.filter(isUuid)],
  )) as BillingEntityVersionEntity[];
}

/** Every version of every entity of the platform (the prefix check reads them all). */
export async function allBillingEntityVersions(runner: Queryable, platformId: string): Promise<BillingEntityVersionEntity[]> {
  return (await runner.query(`SELECT ${VERSION_COLUMNS} FROM billing_entity_versions v WHERE v.platform_id = $1`, [
    platformId,
  ])) as BillingEntityVersionEntity[];
}

/** Which entity bills each customer: its assignment, else the platform's default (which must exist). */
export async function billingEntityIdsOfCustomers(
  runner: Queryable,
  platformId: string,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = (await runner.query(
    `SELECT c.id AS customer_id, coalesce(a.billing_entity_id, s.default_billing_entity_id) AS entity_id
       FROM unnest($2::uuid[]) AS c(id)
       LEFT JOIN customer_billing_entities a ON a.platform_id = $1 AND a.customer_id = c.id
       LEFT JOIN invoicing_settings s ON s.platform_id = $1`,
    [platformId, customerIds.filter(isUuid)],
  )) as Array<{ customer_id: string; entity_id: string | null }>;
  return new Map(rows.filter((r) => r.entity_id !== null).map((r) => [r.customer_id, r.entity_id!]));
}

/** The current version of the entity that bills a customer (in the caller's transaction: issuing). */
export async function currentVersionForCustomer(
  tx: Transaction,
  platformId: string,
  customerId: string,
  now: Date,
): Promise<BillingEntityVersionEntity> {
  await ensureDefaultBillingEntity(tx, platformId, now);
  const entityId = (await billingEntityIdsOfCustomers(tx.manager, platformId, [customerId])).get(customerId)!;
  return currentVersionOfEntity(tx.manager, platformId, entityId);
}

export async function currentVersionOfEntity(runner: Queryable, platformId: string, entityId: string): Promise<BillingEntityVersionEntity> {
  const [version] = (await runner.query(
    `SELECT ${VERSION_COLUMNS} FROM billing_entities e JOIN billing_entity_versions v ON v.id = e.current_version_id
      WHERE e.platform_id = $1 AND e.id = $2`,
    [platformId, entityId],
  )) as BillingEntityVersionEntity[];
  return version;
}

export type NumberSeries = 'invoice' | 'credit_note';

/**
 * The next number of an entity's series, formatted. The counter row is incremented in the caller's transaction: a
 * rollback gives the number back (no gap) and concurrent issuers of the same entity queue on the row (no duplicate);
 * issuers of different entities do not wait for each other.
 */
export async function nextNumber(
  tx: Transaction,
  platformId: string,
  entityId: string,
  series: NumberSeries,
  prefix: string,
): Promise<string> {
  const [row] = (await tx.manager.query(
    `INSERT INTO billing_entity_number_series (platform_id, billing_entity_id, series, last_number) VALUES ($1, $2, $3, 1)
     ON CONFLICT (billing_entity_id, series) DO UPDATE SET last_number = billing_entity_number_series.last_number + 1
     RETURNING last_number::text AS number`,
    [platformId, entityId, series],
  )) as Array<{ number: string }>;
  return `${prefix}${row.number.padStart(6, '0')}`;
}

/** Assigns a customer to an entity (null: back to the platform's default). */
export async function assignCustomerBillingEntity(
  tx: Transaction,
  platformId: string,
  customerId: string,
  entityId: string | null,
  now: Date,
): Promise<void> {
  if (entityId === null) {
    await tx.manager.query(`DELETE FROM customer_billing_entities WHERE platform_id = $1 AND customer_id = $2`, [platformId, customerId]);
    return;
  }
  await tx.manager.query(
    `INSERT INTO customer_billing_entities (platform_id, customer_id, billing_entity_id, assigned_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (platform_id, customer_id) DO UPDATE SET billing_entity_id = excluded.billing_entity_id, assigned_at = excluded.assigned_at`,
    [platformId, customerId, entityId, now],
  );
}

/** What a document says of its seller: the fields of one entity version, named with its entity. */
export interface InvoiceSeller extends Pick<
  BillingEntityFields,
  'legalName' | 'address' | 'taxId' | 'logo' | 'invoiceFooter' | 'paymentInstructions' | 'currency' | 'locale' | 'timeZone' | 'emailFrom'
> {
  invoiceId: string;
  /** The entity version's id and number, and the entity's id and code. */
  versionId: string;
  version: number;
  billingEntityId: string;
  code: string;
}

/**
 * The seller block of invoices, for documents (PDF) and e-mails: for each issued invoice the entity version it was
 * issued with; for a draft the current version of the entity that bills its customer now. Invoices of other platforms
 * and unknown ids are absent from the map. Drafts of customers without an assignment need the platform's default
 * entity to exist (ensureDefaultBillingEntity; any read of entities or issuing makes it).
 */
export async function billingEntityVersionsOfInvoices(
  runner: Queryable,
  platformId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, InvoiceSeller>> {
  const rows = (await runner.query(
    `SELECT i.id AS "invoiceId", v.id AS "versionId", v.version, e.id AS "billingEntityId", e.code, v.legal_name AS "legalName",
            v.address, v.tax_id AS "taxId", v.logo, v.invoice_footer AS "invoiceFooter", v.payment_instructions AS "paymentInstructions",
            trim(v.currency) AS currency, v.locale, v.time_zone AS "timeZone", v.email_from AS "emailFrom"
       FROM invoices i
       LEFT JOIN customer_billing_entities a ON a.platform_id = i.platform_id AND a.customer_id = i.customer_id
       LEFT JOIN invoicing_settings s ON s.platform_id = i.platform_id
       LEFT JOIN billing_entities now_billing ON now_billing.platform_id = i.platform_id
             AND now_billing.id = coalesce(a.billing_entity_id, s.default_billing_entity_id)
       JOIN billing_entity_versions v ON v.platform_id = i.platform_id
             AND v.id = coalesce(i.billing_entity_version_id, now_billing.current_version_id)
       JOIN billing_entities e ON e.id = v.billing_entity_id
      WHERE i.platform_id = $1 AND i.id = ANY($2::uuid[])`,
    [platformId, invoiceIds.filter(isUuid)],
  )) as InvoiceSeller[];
  return new Map(rows.map((r) => [r.invoiceId, r]));
}
