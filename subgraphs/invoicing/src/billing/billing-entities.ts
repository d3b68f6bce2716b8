import { conflict, forbidden, isUuid, notFound, type RequestContext, type Transaction } from '@meterline/kit';
import {
  applyBillingEntityChange,
  changesAnything,
  checkBillingEntityChange,
  checkEntityCode,
  checkNewBillingEntity,
  effectivePrefixes,
  prefixClash,
  UNDESCRIBED_ENTITY,
  type BillingEntityChange,
  type NumberPrefixes,
} from '../domain/billing-entity';
import {
  allBillingEntityVersions,
  assignCustomerBillingEntity,
  billingEntityByIdOrCode,
  billingEntityVersionsByIds,
  currentVersionForCustomer,
  currentVersionOfEntity,
  ensureDefaultBillingEntity,
  fieldsOf,
  insertBillingEntity,
  insertVersion,
  nextNumber,
  type BillingEntityEntity,
} from '../store/billing-entities.repository';
import type { InvoiceEntity } from '../store/invoice.entity';
import type { BillingOptions } from './invoice-issuing';

/** The deployment's prefixes (INVOICE_NUMBER_PREFIX, CREDIT_NOTE_NUMBER_PREFIX): an entity's that sets none. */
export const deploymentPrefixes = (options: BillingOptions): NumberPrefixes => ({
  invoice: options.invoiceNumberPrefix,
  creditNote: options.creditNoteNumberPrefix,
});

function requireAdmin(ctx: RequestContext): void {
  if (ctx.role !== 'admin') throw forbidden('Billing entities are changed with admin keys');
}

/**
 * Entity changes of one platform run one at a time: they hold the platform's settings row (the default entity is made
 * first if need be), so the prefix check sees every other change.
 */
async function lockPlatformEntities(tx: Transaction, ctx: RequestContext): Promise<void> {
  await ensureDefaultBillingEntity(tx, ctx.platformId, ctx.clock.now());
  await tx.manager.query(`SELECT 1 FROM invoicing_settings WHERE platform_id = $1 FOR UPDATE`, [ctx.platformId]);
}

async function entityOrNotFound(tx: Transaction, ctx: RequestContext, key: string, field: string): Promise<BillingEntityEntity> {
  const entity = await billingEntityByIdOrCode(tx.manager, ctx.platformId, key);
  if (!entity) throw notFound('BillingEntity', field);
  return entity;
}

/** Refuses prefixes another series of the platform uses or used (CONFLICT naming the input field). */
async function checkPrefixes(
  tx: Transaction,
  ctx: RequestContext,
  options: BillingOptions,
  entityId: string | null,
  wanted: NumberPrefixes,
) {
  const versions = await allBillingEntityVersions(tx.manager, ctx.platformId);
  const prefixes = (own: boolean) =>
    versions.filter((v) => (v.billingEntityId === entityId) === own).map((v) => effectivePrefixes(v, deploymentPrefixes(options)));
  const clash = prefixClash(wanted, prefixes(true), prefixes(false));
  if (clash)
    throw conflict(
      `input.${clash}`,
      `${clash === 'invoiceNumberPrefix' ? wanted.invoice : wanted.creditNote} is (or was) the prefix of another number series of this platform: numbers would repeat`,
    );
}

/** A new entity with its version 1 (the platform's default entity exists first, so a platform always has one). */
export async function createBillingEntity(
  ctx: RequestContext,
  options: BillingOptions,
  code: string,
  input: BillingEntityChange,
): Promise<BillingEntityEntity> {
  requireAdmin(ctx);
  checkEntityCode('input.code', code);
  const change = checkNewBillingEntity('input', input);
  return ctx.db.transact(async (tx) => {
    await lockPlatformEntities(tx, ctx);
    if (await billingEntityByIdOrCode(tx.manager, ctx.platformId, code))
      throw conflict('input.code', `A billing entity with code ${code} already exists`);
    const fields = applyBillingEntityChange(UNDESCRIBED_ENTITY, change);
    await checkPrefixes(tx, ctx, options, null, effectivePrefixes(fields, deploymentPrefixes(options)));
    return insertBillingEntity(tx, ctx.platformId, code, fields, ctx.clock.now());
  });
}

/** A change makes the entity's next version (issued invoices keep theirs); a change that changes nothing makes none. */
export async function updateBillingEntity(
  ctx: RequestContext,
  options: BillingOptions,
  key: string,
  input: BillingEntityChange,
): Promise<BillingEntityEntity> {
  requireAdmin(ctx);
  const change = checkBillingEntityChange('input', input);
  return ctx.db.transact(async (tx) => {
    await lockPlatformEntities(tx, ctx);
    const entity = await entityOrNotFound(tx, ctx, key, 'billingEntity');
    const current = await currentVersionOfEntity(tx.manager, ctx.platformId, entity.id);
    if (!changesAnything(fieldsOf(current), change)) return entity;
    const fields = applyBillingEntityChange(fieldsOf(current), change);
    await checkPrefixes(tx, ctx, options, entity.id, effectivePrefixes(fields, deploymentPrefixes(options)));
    await insertVersion(tx, ctx.platformId, entity.id, current.version + 1, fields, ctx.clock.now());
    return (await billingEntityByIdOrCode(tx.manager, ctx.platformId, entity.id))!;
  });
}

/** Makes an entity the platform's default: customers without an assignment are billed from it from now on. */
export async function setDefaultBillingEntity(ctx: RequestContext, key: string): Promise<BillingEntityEntity> {
  requireAdmin(ctx);
  return ctx.db.transact(async (tx) => {
    await lockPlatformEntities(tx, ctx);
    const entity = await entityOrNotFound(tx, ctx, key, 'billingEntity');
    await tx.manager.query(`UPDATE invoicing_settings SET default_billing_entity_id = $2, updated_at = $3 WHERE platform_id = $1`, [
      ctx.platformId,
      entity.id,
      ctx.clock.now(),
    ]);
    return entity;
  });
}

/** A customer of invoicing's customers projection, by id or reference; NOT_FOUND naming `field` otherwise. */
export async function customerIdOf(runner: Transaction['manager'], platformId: string, key: string, field: string): Promise<string> {
  const rows = (await runner.query(
    `SELECT id FROM customers WHERE platform_id = $1 AND (id = $3::uuid OR reference = $2) ORDER BY id = $3::uuid DESC NULLS LAST LIMIT 1`,
    [platformId, key, isUuid(key) ? key : null],
  )) as Array<{ id: string }>;
  if (rows.length === 0) throw notFound('Customer', field);
  return rows[0].id;
}

/**
 * Bills a customer from an entity (null: the platform's default again). Its drafts show the entity at once; invoices
 * already issued keep the entity they were issued with.
 */
export async function assignBillingEntity(ctx: RequestContext, customerKey: string, entityKey: string | null): Promise<{ id: string }> {
  requireAdmin(ctx);
  return ctx.db.transact(async (tx) => {
    const customerId = await customerIdOf(tx.manager, ctx.platformId, customerKey, 'customer');
    await ensureDefaultBillingEntity(tx, ctx.platformId, ctx.clock.now());
    const entity = entityKey === null ? null : await entityOrNotFound(tx, ctx, entityKey, 'billingEntity');
    await assignCustomerBillingEntity(tx, ctx.platformId, customerId, entity?.id ?? null, ctx.clock.now());
    return { id: customerId };
  });
}

/**
 * A credit note's number and seller: the credit-note series of the entity the invoice was issued by (an invoice from
 * before entities, none recorded: its customer's entity), with that entity's current version and prefix.
 */
export async function creditNoteSeller(
  tx: Transaction,
  platformId: string,
  invoice: InvoiceEntity,
  options: BillingOptions,
  now: Date,
): Promise<{ number: string; versionId: string }> {
  const issuedWith = invoice.billingEntityVersionId
    ? (await billingEntityVersionsByIds(tx.manager, platformId, [invoice.billingEntityVersionId]))[0]
    : await currentVersionForCustomer(tx, platformId, invoice.customerId, now);
  const current = await currentVersionOfEntity(tx.manager, platformId, issuedWith.billingEntityId);
  const prefix = effectivePrefixes(current, deploymentPrefixes(options)).creditNote;
  return { number: await nextNumber(tx, platformId, current.billingEntityId, 'credit_note', prefix), versionId: current.id };
}
