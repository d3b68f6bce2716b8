import { isUuid, loadById, loadChildren, notFound, paginate, type PageArgs, type RequestContext } from '@meterline/kit';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entity';

/** Endpoints of the caller's platform (every query filtered by it). */
export class EndpointRepository {
  constructor(private readonly ctx: RequestContext) {}

  query() {
    return this.ctx.db.ds.manager
      .createQueryBuilder(WebhookEndpointEntity, 'e')
      .where('e.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  list(page: PageArgs) {
    return paginate(this.query(), 'e', page, 'DESC');
  }

  byId(id: string): Promise<WebhookEndpointEntity | null> {
    return loadById(this.ctx.loaders, 'webhookEndpointById', (ids) => this.query().andWhere('e.id IN (:...ids)', { ids }).getMany(), id);
  }

  async get(id: string, field = 'id'): Promise<WebhookEndpointEntity> {
    const endpoint = await this.byId(id);
    if (!endpoint) throw notFound('Webhook endpoint', field);
    return endpoint;
  }

  async insert(values: {
    url: string;
    eventTypes: string[];
    description: string | null;
    secretSealed: string;
  }): Promise<WebhookEndpointEntity> {
    const repo = this.ctx.db.ds.getRepository(WebhookEndpointEntity);
    const now = this.ctx.clock.now();
    return repo.save(
      repo.create({
        ...values,
        platformId: this.ctx.platformId,
        status: 'ENABLED',
        disabledReason: null,
        disabledAt: null,
        consecutiveFailed: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  /** Applies `changes` to the platform's endpoint `id`; NOT_FOUND when it is not the platform's. */
  async update(
    id: string,
    changes: Partial<Omit<WebhookEndpointEntity, 'id' | 'platformId' | 'createdAt'>>,
  ): Promise<WebhookEndpointEntity> {
    if (!isUuid(id)) throw notFound('Webhook endpoint'); // compared as uuid: a malformed id is simply not found
    const result = await this.ctx.db.ds.manager
      .createQueryBuilder()
      .update(WebhookEndpointEntity)
      .set({ ...changes, updatedAt: this.ctx.clock.now() })
      .where('platform_id = :platformId AND id = :id', { platformId: this.ctx.platformId, id })
      .returning('*')
      .execute();
    const row = (result.raw as Array<Record<string, unknown>>)[0];
    if (!row) throw notFound('Webhook endpoint');
    return this.ctx.db.ds.manager.create(WebhookEndpointEntity, {
      id: row.id as string,
      platformId: row.platform_id as string,
      url: row.url as string,
      description: row.description as string | null,
      eventTypes: row.event_types as string[],
      secretSealed: row.secret_sealed as string,
      status: row.status as WebhookEndpointEntity['status'],
      disabledReason: row.disabled_reason as string | null,
      disabledAt: row.disabled_at as Date | null,
      consecutiveFailed: row.consecutive_failed as number,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
    });
  }

  /** Removes the endpoint with its messages and attempts; false when it is not the platform's. */
  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.ctx.db.ds.manager
      .createQueryBuilder()
      .delete()
      .from(WebhookEndpointEntity)
      .where('platform_id = :platformId AND id = :id', { platformId: this.ctx.platformId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}

/** Messages (one message to one endpoint) and their attempts, of the caller's platform. */
export class DeliveryRepository {
  constructor(private readonly ctx: RequestContext) {}

  query() {
    return this.ctx.db.ds.manager
      .createQueryBuilder(WebhookDeliveryEntity, 'd')
      .innerJoinAndSelect('d.message', 'm')
      .where('d.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  /** An endpoint's messages, newest first. */
  ofEndpoint(endpointId: string, page: PageArgs, status?: string | null) {
    const query = this.query().andWhere('d.endpointId = :endpointId', { endpointId });
    if (status) query.andWhere('d.status = :status', { status });
    return paginate(query, 'd', page, 'DESC');
  }

  byId(id: string): Promise<WebhookDeliveryEntity | null> {
    return loadById(this.ctx.loaders, 'webhookDeliveryById', (ids) => this.query().andWhere('d.id IN (:...ids)', { ids }).getMany(), id);
  }

  async get(id: string, field = 'id'): Promise<WebhookDeliveryEntity> {
    const delivery = await this.byId(id);
    if (!delivery) throw notFound('Webhook message', field);
    return delivery;
  }

  /** Read again, past the request's loader (after a change). */
  async fresh(id: string): Promise<WebhookDeliveryEntity> {
    const delivery = await this.query().andWhere('d.id = :id', { id }).getOne();
    if (!delivery) throw notFound('Webhook message');
    return delivery;
  }

  /** Attempts of a message, oldest first; one query for every message of the request. */
  attempts(deliveryId: string): Promise<WebhookAttemptEntity[]> {
    return loadChildren(
      this.ctx.loaders,
      'webhookAttemptsByDelivery',
      'webhook attempts',
      (ids, take) =>
        this.ctx.db.ds.manager
          .createQueryBuilder(WebhookAttemptEntity, 'a')
          .where('a.platformId = :platformId AND a.deliveryId IN (:...ids)', { platformId: this.ctx.platformId, ids })
          .orderBy('a.attemptedAt', 'ASC')
          .addOrderBy('a.id', 'ASC')
          .take(take)
          .getMany(),
      (a) => a.deliveryId,
      deliveryId,
    );
  }

  /** Due again now (PENDING), keeping its attempts; NOT_FOUND when it is not the platform's. */
  async replay(id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('Webhook message');
    const now = this.ctx.clock.now();
    const result = await this.ctx.db.ds.manager.query(
      `UPDATE webhook_deliveries SET status = 'PENDING', attempt_count = 0, next_attempt_at = $3, updated_at = $3 WHERE platform_id = $1 AND id = $2`,
      [this.ctx.platformId, id, now],
    );
    if ((result as [unknown, number])[1] === 0) throw notFound('Webhook message');
  }

  /** Every FAILED message of an endpoint created at or after `since` is due again now; returns how many. */
  async replayFailed(endpointId: string, since: Date): Promise<number> {
    const now = this.ctx.clock.now();
    const result = await this.ctx.db.ds.manager.query(
      `UPDATE webhook_deliveries SET status = 'PENDING', attempt_count = 0, next_attempt_at = $4, updated_at = $4
        WHERE platform_id = $1 AND endpoint_id = $2 AND status = 'FAILED' AND created_at >= $3`,
      [this.ctx.platformId, endpointId, since, now],
    );
    return (result as [unknown, number])[1];
  }
}
