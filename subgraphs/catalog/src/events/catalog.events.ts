import type { EntityEventType, LifecycleStatus, Transaction } from '@meterline/kit';
import type { ProductEntity, ProductItemEntity } from '../store/product.entity';
import { loadVersionSnapshot } from '../store/version-snapshot';

const VERSION_EVENT: Record<LifecycleStatus, EntityEventType<'catalog.plan_version'>> = {
  DRAFT: 'catalog.plan_version.drafted',
  ACTIVE: 'catalog.plan_version.activated',
  DEPRECATED: 'catalog.plan_version.deprecated',
  ARCHIVED: 'catalog.plan_version.archived',
};

/**
 * A version entering a status is announced with its full state; so is every edit of a DRAFT (invoicing simulates
 * pricing on drafts; nobody can subscribe to one).
 */
export async function emitPlanVersionStatus(
  tx: Transaction,
  platformId: string,
  versionId: string,
  status: LifecycleStatus,
): Promise<void> {
  await tx.emit(VERSION_EVENT[status], platformId, await loadVersionSnapshot(tx.manager, platformId, versionId));
}

/** A DRAFT version as it is after an edit in this transaction (see `emitPlanVersionStatus`). */
export function emitPlanVersionDrafted(tx: Transaction, platformId: string, versionId: string): Promise<void> {
  return emitPlanVersionStatus(tx, platformId, versionId, 'DRAFT');
}

export async function emitProductChanged(tx: Transaction, product: ProductEntity): Promise<void> {
  await tx.emit('catalog.product.changed', product.platformId, {
    id: product.id,
    reference: product.reference,
    name: product.name,
    description: product.description,
    status: product.status,
    position: product.position,
  });
}

export async function emitProductItemChanged(tx: Transaction, item: ProductItemEntity): Promise<void> {
  await tx.emit('catalog.product_item.changed', item.platformId, {
    id: item.id,
    productId: item.productId,
    reference: item.reference,
    name: item.name,
    chargeType: item.chargeType,
    meterReference: item.meterReference,
    metricReference: item.metricReference,
    deduction: item.deduction,
    unitLabel: item.unitLabel,
    position: item.position,
  });
}
