import { isUuid, conflict, isUniqueViolation, loadById, notFound, type RequestContext } from '@meterline/kit';
import { FeatureEntity } from './feature.entity';

export class FeatureRepository {
  constructor(private readonly ctx: RequestContext) {}

  query() {
    return this.ctx.db.ds.manager
      .createQueryBuilder(FeatureEntity, 'f')
      .where('f.platformId = :platformId', { platformId: this.ctx.platformId });
  }

  byId(id: string): Promise<FeatureEntity | null> {
    return loadById(this.ctx.loaders, 'featureById', (ids) => this.query().andWhere('f.id IN (:...ids)', { ids }).getMany(), id);
  }

  async get(idOrReference: string, field = 'feature'): Promise<FeatureEntity> {
    const feature = isUuid(idOrReference)
      ? await this.byId(idOrReference)
      : await this.query().andWhere('f.reference = :reference', { reference: idOrReference }).getOne();
    if (!feature) throw notFound('Feature', field);
    return feature;
  }

  async insert(feature: { reference: string; name: string; description: string | null }): Promise<FeatureEntity> {
    const repo = this.ctx.db.ds.getRepository(FeatureEntity);
    try {
      return await repo.save(repo.create({ ...feature, platformId: this.ctx.platformId, createdAt: this.ctx.clock.now() }));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('reference', `A feature with reference "${feature.reference}" already exists`);
      throw error;
    }
  }
}
