import { notFound, paginate, PageArgs, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { LifecycleAction } from '@meterline/kit';
import { checkMeterTransition, validateNewMeter } from '../domain/meter';
import { MeterRepository } from '../store/meter.repository';
import { CreateMeterInput, Meter, MeterConnection } from './meter.type';

@Resolver(() => Meter)
export class MeterResolver {
  @Query(() => Meter, { nullable: true, description: 'A meter by id or reference' })
  async meter(@Ctx() ctx: RequestContext, @Arg('meter', { description: 'Id or reference' }) meter: string): Promise<Meter | null> {
    return new MeterRepository(ctx).get(meter).catch(() => null);
  }

  @Query(() => MeterConnection)
  async meters(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return paginate(new MeterRepository(ctx).query(), 'm', page);
  }

  @Mutation(() => Meter, { description: 'Creates a meter in DRAFT' })
  async createMeter(@Ctx() ctx: RequestContext, @Arg('input') input: CreateMeterInput): Promise<Meter> {
    return new MeterRepository(ctx).insert(validateNewMeter(input));
  }

  @Mutation(() => Meter, { description: 'DRAFT → ACTIVE: events of this meter are matched from now on' })
  async activateMeter(@Ctx() ctx: RequestContext, @Arg('meter', { description: 'Id or reference' }) id: string): Promise<Meter> {
    return this.transition(ctx, id, 'ACTIVATE');
  }

  @Mutation(() => Meter, { description: 'ACTIVE → DEPRECATED' })
  async deprecateMeter(@Ctx() ctx: RequestContext, @Arg('meter', { description: 'Id or reference' }) id: string): Promise<Meter> {
    return this.transition(ctx, id, 'DEPRECATE');
  }

  private async transition(ctx: RequestContext, id: string, action: LifecycleAction): Promise<Meter> {
    const meters = new MeterRepository(ctx);
    const meter = await meters.get(id);
    const to = checkMeterTransition({ status: meter.status, values: meter.values, metricCount: meter.metrics.length }, action);
    return meters.setStatus(meter, to);
  }
}

export async function resolveMeterReference(reference: { id: string }, ctx: RequestContext): Promise<Meter> {
  const meter = await new MeterRepository(ctx).byId(reference.id);
  if (!meter) throw notFound('Meter');
  return meter;
}
