import { badInput, forbidden, notFound, type RequestContext } from '@meterline/kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { billingOptionsOf } from '../billing/billing-options';
import { checkGracePeriodSeconds } from '../domain/draft-schedule';
import { checkPaymentTermsDays } from '../domain/payments';
import { InvoicingSettingsRepository, type OwnInvoicingSettings } from '../store/invoicing-settings.repository';
import { defaultEntityOf, entityById } from './billing-entity.resolver';
import { InvoicingSettingsInput, PlatformSettings } from './refs/platform-settings.type';

export async function settingsOf(ctx: RequestContext): Promise<PlatformSettings> {
  const defaultEntity = (await entityById(ctx, await defaultEntityOf(ctx)))!;
  const own = await new InvoicingSettingsRepository(ctx).own();
  const options = billingOptionsOf(ctx.db);
  return {
    id: ctx.platformId,
    invoicePaymentTermsDays: own.paymentTermsDays ?? options.paymentTermsDays,
    invoicePaymentTermsDaysIsDefault: own.paymentTermsDays === null,
    invoiceGracePeriodSeconds: own.gracePeriodSeconds ?? Math.floor(options.graceMs / 1000),
    invoiceGracePeriodSecondsIsDefault: own.gracePeriodSeconds === null,
    defaultBillingEntity: defaultEntity,
  };
}

@Resolver(() => PlatformSettings)
export class InvoicingSettingsResolver {
  @Mutation(() => PlatformSettings, { description: 'Sets the invoicing settings of the caller’s platform (admin keys)' })
  async updateInvoicingSettings(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => InvoicingSettingsInput) input: InvoicingSettingsInput,
  ): Promise<PlatformSettings> {
    if (ctx.role !== 'admin') throw forbidden('Platform settings are for admin keys');
    if (input.paymentTermsDays === undefined && input.gracePeriodSeconds === undefined)
      throw badInput('input', 'Nothing to change: give paymentTermsDays or gracePeriodSeconds (null for the default)');
    const change: Partial<OwnInvoicingSettings> = {};
    if (input.paymentTermsDays !== undefined)
      change.paymentTermsDays = checkPaymentTermsDays('input.paymentTermsDays', input.paymentTermsDays);
    if (input.gracePeriodSeconds !== undefined)
      change.gracePeriodSeconds = checkGracePeriodSeconds('input.gracePeriodSeconds', input.gracePeriodSeconds);
    await new InvoicingSettingsRepository(ctx).save(change, billingOptionsOf(ctx.db).graceMs);
    return settingsOf(ctx);
  }
}

/** Only the caller's own platform has settings it may see: any other id is not found. */
export async function resolvePlatformSettingsReference(reference: { id: string }, ctx: RequestContext): Promise<PlatformSettings> {
  if (reference.id !== ctx.platformId) throw notFound('PlatformSettings');
  return settingsOf(ctx);
}
