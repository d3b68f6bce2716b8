import { badInput, forbidden, notFound, type RequestContext } from '@meterline/kit';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { checkPlatformBackdateDays } from '../domain/subscription';
import { advanceSandboxClock } from '../events/platform-clock.events';
import { PlatformSettingsRepository } from '../store/platform-settings.repository';
import { PlatformSettings, SubscriptionSettingsInput } from './platform-settings.type';

async function settingsOf(ctx: RequestContext): Promise<PlatformSettings> {
  const settings = new PlatformSettingsRepository(ctx);
  const [own, limits] = [await settings.own(), await settings.historyLimits()];
  return {
    id: ctx.platformId,
    subscriptionMaxBackdateDays: limits.maxBackdateDays,
    subscriptionMaxBackdateDaysIsDefault: own.maxBackdateDays === null,
    sandbox: ctx.sandbox === true,
    now: ctx.clock.now(),
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

  @Mutation(() => PlatformSettings, {
    description:
      'Moves the business clock of the caller’s sandbox platform forward to `to` (admin keys): every service then acts on the sandbox at that time and keeps running from there (periods open, drafts are issued and numbered as if the time had passed). Refused (FORBIDDEN, reason PRODUCTION_PLATFORM) on a production platform; going back is refused (BAD_USER_INPUT, field to)',
  })
  async advanceSandboxClock(@Ctx() ctx: RequestContext, @Arg('to', () => Date) to: Date): Promise<PlatformSettings> {
    if (ctx.role !== 'admin') throw forbidden('Moving a sandbox clock is for admin keys');
    const now = await advanceSandboxClock(ctx, to);
    return { ...(await settingsOf(ctx)), now };
  }
}

/** Only the caller's own platform has settings it may see: any other id is not found. */
export async function resolvePlatformSettingsReference(reference: { id: string }, ctx: RequestContext): Promise<PlatformSettings> {
  if (reference.id !== ctx.platformId) throw notFound('PlatformSettings');
  return settingsOf(ctx);
}
