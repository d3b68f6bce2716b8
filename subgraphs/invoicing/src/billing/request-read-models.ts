import { isUuid, loadById, type RequestContext } from '@meterline/kit';
import type { Period } from '@meterline/periods';
import type { VersionForBilling } from '../domain/invoice-calculation';
import type { UsageTotal } from '../domain/period-usage';
import {
  customersByIds,
  subscriptionsOfCustomers,
  usageOfPeriods,
  versionsByIds,
  type BilledCustomer,
  type BilledSubscription,
} from './read-models';

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

  /** The customer's usage totals of a period. */
  usageOf(customerId: string, period: Period): Promise<UsageTotal[]> {
    return this.ctx.loaders
      .get<string, UsageTotal[]>('periodUsageByWindow', (windows) =>
        usageOfPeriods(
          this.ctx.db.ds,
          this.ctx.platformId,
          windows.map((window) => {
            const [customer, start, end] = window.split(' ');
            return { customerId: customer, period: { start: new Date(start), end: new Date(end) } };
          }),
        ),
      )
      .load(`${customerId} ${period.start.toISOString()} ${period.end.toISOString()}`);
  }
}
