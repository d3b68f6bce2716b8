import { isUuid, loadById, type RequestContext } from '@meterline/kit';
import type { VersionForBilling } from '../domain/invoice-calculation';
import type { UsageRow } from '../domain/period-usage';
import type { UsageQuery } from '../domain/usage-windows';
import { usageOfQueries } from '../store/usage.repository';
import { customersByIds, subscriptionsOfCustomers, versionsByIds, type BilledCustomer, type BilledSubscription } from './read-models';

/**
 * The read models as a request reads them, through its DataLoaders: whatever asks during one request (every event of
 * an `_entities`), each read model costs one query, filtered by the request's platform.
 */
export class RequestReadModels {
  constructor(private readonly ctx: RequestContext) {}

  customer(id: string): Promise<BilledCustomer | null> {
    return loadById(
      this.ctx.loaders,
      'billedCustomerById',
      async (ids) => [...(await customersByIds(this.ctx.db.ds, this.ctx.platformId, [...ids])).values()],
      id,
    );
  }

  /** The customer's subscriptions that bill, in start order. */
  subscriptionsOf(customerId: string): Promise<BilledSubscription[]> {
    return this.ctx.loaders
      .get<string, BilledSubscription[]>('billedSubscriptionsByCustomer', async (ids) => {
        const subscriptions = await subscriptionsOfCustomers(this.ctx.db.ds, this.ctx.platformId, ids.filter(isUuid));
        return ids.map((id) => subscriptions.filter((s) => s.customerId === id));
      })
      .load(customerId);
  }

  /** The plan versions found of those asked for, by id. */
  async versions(ids: string[]): Promise<Map<string, VersionForBilling>> {
    const found = await Promise.all(
      ids.map((id) =>
        loadById(
          this.ctx.loaders,
          'billedVersionById',
          async (batch) => [...(await versionsByIds(this.ctx.db.ds, this.ctx.platformId, [...batch])).values()],
          id,
        ),
      ),
    );
    return new Map(found.filter((version) => version !== null).map((version) => [version.id, version]));
  }

  /** The usage rows of one query (`usageOfQueries`); the queries of one request are read together. */
  usageRows(query: UsageQuery): Promise<UsageRow[]> {
    return this.ctx.loaders
      .get<string, UsageRow[]>('usageRowsByQuery', async (keys) =>
        usageOfQueries(
          this.ctx.db.ds,
          this.ctx.platformId,
          keys.map((key) => {
            const q = JSON.parse(key) as UsageQuery & { start: string; end: string };
            return { ...q, start: new Date(q.start), end: new Date(q.end) };
          }),
        ),
      )
      .load(JSON.stringify(query));
  }
}
