import { paginate, PageArgs, type RequestContext } from '@meterline/kit';
import { validateNewFeature } from '../domain/product';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { FeatureRepository } from '../store/feature.repository';
import { CreateFeatureInput, Feature, FeatureConnection } from './feature.type';

@Resolver(() => Feature)
export class FeatureResolver {
  @Query(() => FeatureConnection)
  async features(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(new FeatureRepository(ctx).query(), 'f', page);
  }

  @Mutation(() => Feature)
  async createFeature(@Ctx() ctx: RequestContext, @Arg('input') input: CreateFeatureInput): Promise<Feature> {
    return new FeatureRepository(ctx).insert(validateNewFeature(input));
  }
}
