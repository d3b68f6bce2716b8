import { badInput, forbidden, notFound, type RequestContext } from '@meterline/kit';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { checkPlatformBackdateDays } from '../domain/subscription';
import { PlatformSettingsRepository } from '../store/platform-settings.repository';
import { PlatformSettings, SubscriptionSettingsInput } from './platform-settings.type';

async function settingsOf(ctx: RequestContext): Promise<PlatformSettings> {
  const settings = new PlatformSettingsRepository(ctx);
  const [own, limits] = [await settings.own(), await settings.historyLimits()];
  return {
    id: ctx.platformId,
    subscriptionMaxBackdateDays: limits.maxBackdateDays,
    subscriptionMaxBackdateDaysIsDefault: own.maxBackdateDays === null,
  };
}

@Resolver(() => PlatformSettings)
export class PlatformSettingsResolver {
  @Query(() => PlatformSettings, { description: 'The settings of the caller’s platform' })
  platformSettings(@Ctx() ctx: RequestContext): Promise<PlatformSettings> {
    return settingsOf(ctx);
  }

  @Mutation(() => PlatformSettings, { description: 'Sets the subscription settings of the caller’s platform (admin keys)' })
  async updateSubscriptionSettings(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SubscriptionSettingsInput) input: SubscriptionSettingsInput,
  ): Promise<PlatformSettings> {
    if (ctx.role !== 'admin') throw forbidden('Platform settings are for admin keys');
    if (input.maxBackdateDays === undefined) throw badInput('input', 'Nothing to change: give maxBackdateDays (null for the default)');
    const maxBackdateDays = checkPlatformBackdateDays('input.maxBackdateDays', input.maxBackdateDays);
    await new PlatformSettingsRepository(ctx).save({ maxBackdateDays });
    return settingsOf(ctx);
  }
}

/** Only the caller's own platform has settings it may see: any other id is not found. */
export async function resolvePlatformSettingsReference(reference: { id: string }, ctx: RequestContext): Promise<PlatformSettings> {
  if (reference.id !== ctx.platformId) throw notFound('PlatformSettings');
  return settingsOf(ctx);
}
