import { conflict, isUniqueViolation, loadById, notFound, type RequestContext } from '@meterline/kit';
import type { NewMeter } from '../domain/meter';
import { MeterEntity, MeterMetricEntity } from './meter.entity';

export class MeterRepository {
  constructor(private readonly ctx: RequestContext) {}

  private get repo() {
    return this.ctx.db.ds.getRepository(MeterEntity);
  }

  query() {
    return this.repo
      .createQueryBuilder('m')
      .leftJoinAndSelect('m.metrics', 'metric')
      .where('m.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  byId(id: string): Promise<MeterEntity | null> {
    return loadById(this.ctx.loaders, 'meterById', (ids) => this.query().andWhere('m.id::text IN (:...ids)', { ids }).getMany(), id);
  }

  byReference(reference: string): Promise<MeterEntity | null> {
    return this.query().andWhere('m.reference = :reference', { reference }).getOne();
  }

  /** By id or reference, as every API that takes a meter accepts either. */
  async get(idOrReference: string): Promise<MeterEntity> {
    const byId = /^[0-9a-f-]{36}$/i.test(idOrReference) ? await this.byId(idOrReference) : null;
    const meter = byId ?? (await this.byReference(idOrReference));
    if (!meter) throw notFound('Meter', 'meter');
    return meter;
  }

  async insert(meter: NewMeter): Promise<MeterEntity> {
    const { platformId, clock } = this.ctx;
    try {
      return await this.ctx.db.transact(async (tx) => {
        const saved = await tx.manager.save(
          tx.manager.create(MeterEntity, {
            platformId,
            reference: meter.reference,
            name: meter.name,
            status: 'DRAFT',
            values: meter.values,
            createdAt: clock.now(),
          }),
        );
        saved.metrics = await tx.manager.save(
          meter.metrics.map((m) => tx.manager.create(MeterMetricEntity, { ...m, platformId, meterId: saved.id })),
        );
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'meter_metrics')) {
        throw conflict('metrics', 'A metric with one of these references already exists on this platform');
      }
      if (isUniqueViolation(error)) throw conflict('reference', `A meter with reference "${meter.reference}" already exists`);
      throw error;
    }
  }

  async setStatus(meter: MeterEntity, status: MeterEntity['status']): Promise<MeterEntity> {
    await this.repo.update({ id: meter.id, platformId: this.ctx.platformId }, { status });
    return Object.assign(meter, { status });
  }
}
