import { isUuid, conflict, isUniqueViolation, loadById, notFound, type RequestContext, type Transaction } from '@meterline/kit';
import type { MeterStatus, ValidMeter } from '../domain/meter';
import { MeterEntity, MeterMetricEntity } from './meter.entity';

export class MeterRepository {
  constructor(private readonly ctx: RequestContext) {}

  query(includeArchived = true) {
    const query = this.ctx.db.ds.manager
      .createQueryBuilder(MeterEntity, 'm')
      .leftJoinAndSelect('m.metrics', 'metric')
      .where('m.platformId = :platformId', { platformId: this.ctx.platformId });
    return includeArchived ? query : query.andWhere(`m.status <> 'ARCHIVED'`);
  }

  byId(id: string): Promise<MeterEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return loadById(this.ctx.loaders, 'meterById', (ids) => this.query().andWhere('m.id IN (:...ids)', { ids }).getMany(), id);
  }

  byReference(reference: string): Promise<MeterEntity | null> {
    return this.query().andWhere('m.reference = :reference', { reference }).getOne();
  }

  /** By id or reference, as every API that takes a meter accepts either. */
  async get(idOrReference: string): Promise<MeterEntity> {
    const meter = (await this.byId(idOrReference)) ?? (await this.byReference(idOrReference));
    if (!meter) throw notFound('Meter', 'meter');
    return meter;
  }

  private async saveMetrics(tx: Transaction, meterId: string, metrics: ValidMeter['metrics']): Promise<MeterMetricEntity[]> {
    await tx.manager.delete(MeterMetricEntity, { meterId, platformId: this.ctx.platformId });
    return tx.manager.save(metrics.map((m) => tx.manager.create(MeterMetricEntity, { ...m, platformId: this.ctx.platformId, meterId })));
  }

  async insert(meter: ValidMeter): Promise<MeterEntity> {
    const { platformId, clock } = this.ctx;
    return this.mapConflicts(meter, () =>
      this.ctx.db.transact(async (tx) => {
        const now = clock.now();
        const saved = await tx.manager.save(
          tx.manager.create(MeterEntity, { ...meter, platformId, status: 'DRAFT', previousStatus: null, createdAt: now, updatedAt: now }),
        );
        saved.metrics = await this.saveMetrics(tx, saved.id, meter.metrics);
        return saved;
      }),
    );
  }

  /** Replaces a draft meter's definition (values, properties, metrics) in one transaction. */
  async replaceDefinition(existing: MeterEntity, meter: ValidMeter): Promise<MeterEntity> {
    return this.mapConflicts(meter, () =>
      this.ctx.db.transact(async (tx) => {
        Object.assign(existing, {
          reference: meter.reference,
          name: meter.name,
          values: meter.values,
          properties: meter.properties,
          updatedAt: this.ctx.clock.now(),
        });
        const { metrics: _metrics, ...row } = existing;
        await tx.manager.update(MeterEntity, { id: existing.id, platformId: this.ctx.platformId }, row);
        existing.metrics = await this.saveMetrics(tx, existing.id, meter.metrics);
        return existing;
      }),
    );
  }

  async setLifecycle(meter: MeterEntity, state: { status: MeterStatus; previousStatus: MeterStatus | null }): Promise<MeterEntity> {
    const updatedAt = this.ctx.clock.now();
    await this.ctx.db.ds.manager.update(MeterEntity, { id: meter.id, platformId: this.ctx.platformId }, { ...state, updatedAt });
    return Object.assign(meter, state, { updatedAt });
  }

  private async mapConflicts<T>(meter: ValidMeter, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'meter_metrics'))
        throw conflict('metrics', 'A metric with one of these references already exists on this platform');
      if (isUniqueViolation(error)) throw conflict('reference', `A meter with reference "${meter.reference}" already exists`);
      throw error;
    }
  }
}
