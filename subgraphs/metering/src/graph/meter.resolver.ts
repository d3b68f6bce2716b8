import { notFound, paginate, StatusAction, type RequestContext } from '@meterline/kit';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { checkMeterEditable, checkMeterTransition, validateNewMeter } from '../domain/meter';
import type { MeterEntity, MeterMetricEntity } from '../store/meter.entity';
import { MeterRepository } from '../store/meter.repository';
import { CreateMeterInput, Meter, MeterConnection, MeterListArgs, UsageMetric } from './meter.type';

@Resolver(() => Meter)
export class MeterResolver {
  @Query(() => Meter, { nullable: true, description: 'A meter by id or reference' })
  async meter(@Ctx() ctx: RequestContext, @Arg('meter', { description: 'Id or reference' }) meter: string): Promise<Meter | null> {
    return new MeterRepository(ctx).get(meter).catch(() => null);
  }

  @Query(() => MeterConnection)
  async meters(@Ctx() ctx: RequestContext, @Args() args: MeterListArgs) {
    return paginate(new MeterRepository(ctx).query(args.includeArchived), 'm', args);
  }

  @FieldResolver(() => [UsageMetric])
  metrics(@Root() meter: MeterEntity): UsageMetric[] {
    return [...meter.metrics]
      .sort((a, b) => a.reference.localeCompare(b.reference))
      .map((m: MeterMetricEntity) => ({ ...m, filters: Object.entries(m.filters).map(([property, values]) => ({ property, values })) }));
  }

  @Mutation(() => Meter, { description: 'Creates a meter in DRAFT' })
  async createMeter(@Ctx() ctx: RequestContext, @Arg('input') input: CreateMeterInput): Promise<Meter> {
    return new MeterRepository(ctx).insert(validateNewMeter(input));
  }

  @Mutation(() => Meter, { description: 'Replaces a DRAFT meter’s definition; an active meter is never changed in place' })
  async updateMeter(
    @Ctx() ctx: RequestContext,
    @Arg('meter', { description: 'Id or reference' }) id: string,
    @Arg('input') input: CreateMeterInput,
  ): Promise<Meter> {
    const meters = new MeterRepository(ctx);
    const meter = await meters.get(id);
    checkMeterEditable(meter.status);
    return meters.replaceDefinition(meter, validateNewMeter(input));
  }

  @Mutation(() => Meter, { description: 'ACTIVATE (events are matched from then on), DEPRECATE, ARCHIVE or RESTORE a meter' })
  async changeMeterStatus(
    @Ctx() ctx: RequestContext,
    @Arg('meter', { description: 'Id or reference' }) id: string,
    @Arg('action', () => StatusAction) action: StatusAction,
  ): Promise<Meter> {
    const meters = new MeterRepository(ctx);
    const meter = await meters.get(id);
    const next = checkMeterTransition({ ...meter, metricCount: meter.metrics.length }, action);
    return meters.setLifecycle(meter, next);
  }
}

export async function resolveMeterReference(reference: { id: string }, ctx: RequestContext): Promise<Meter> {
  const meter = await new MeterRepository(ctx).byId(reference.id);
  if (!meter) throw notFound('Meter');
  return meter;
}
