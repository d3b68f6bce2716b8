import type { RequestContext } from '@meterline/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { resendDocumentEmail, setEmailDelivery } from '../billing/email-deliveries';
import { emailOptionsOf } from '../billing/email-options';
import {
  emailDeliveryEnabled,
  EmailDeliveryRepository,
  type EmailAttemptRow,
  type EmailDeliveryRow,
} from '../store/email-deliveries.repository';
import type { CreditNoteEntity, InvoiceEntity } from '../store/invoice.entity';
import { EmailDelivery, EmailDeliveryAttempt, EmailDeliverySettingsInput } from './email-delivery.type';
import { CreditNote, Invoice } from './invoice.type';
import { resolvePlatformSettingsReference } from './invoicing-settings.resolver';
import { PlatformSettings } from './refs/platform-settings.type';

@Resolver(() => EmailDelivery)
export class EmailDeliveryResolver {
  @Mutation(() => EmailDelivery, {
    description: 'E-mails an issued invoice’s PDF again, to `to` or the customer’s billing e-mail (admin keys)',
  })
  sendInvoiceEmail(
    @Ctx() ctx: RequestContext,
    @Arg('invoice', () => ID) invoice: string,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
  ): Promise<EmailDeliveryRow> {
    return resendDocumentEmail(ctx, 'INVOICE', invoice, to);
  }

  @Mutation(() => EmailDelivery, {
    description: 'E-mails a credit note’s PDF again, to `to` or the customer’s billing e-mail (admin keys)',
  })
  sendCreditNoteEmail(
    @Ctx() ctx: RequestContext,
    @Arg('creditNote', () => ID) creditNote: string,
    @Arg('to', () => String, { nullable: true }) to?: string | null,
  ): Promise<EmailDeliveryRow> {
    return resendDocumentEmail(ctx, 'CREDIT_NOTE', creditNote, to);
  }

  @Mutation(() => PlatformSettings, {
    description: 'Turns e-mail delivery of issued invoices and credit notes on or off for the caller’s platform (admin keys)',
  })
  async updateEmailDeliverySettings(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => EmailDeliverySettingsInput) input: EmailDeliverySettingsInput,
  ): Promise<PlatformSettings> {
    await setEmailDelivery(ctx, input.enabled);
    return resolvePlatformSettingsReference({ id: ctx.platformId }, ctx);
  }

  @FieldResolver(() => [EmailDeliveryAttempt], { description: 'Every attempt, oldest first' })
  attemptLog(@Root() delivery: EmailDeliveryRow, @Ctx() ctx: RequestContext): Promise<EmailAttemptRow[]> {
    return new EmailDeliveryRepository(ctx).attemptsOf(delivery.id);
  }
}

@Resolver(() => Invoice)
export class InvoiceEmailResolver {
  @FieldResolver(() => [EmailDelivery], { description: 'The e-mails that carried this invoice, newest first' })
  emailDeliveries(@Root() invoice: InvoiceEntity, @Ctx() ctx: RequestContext): Promise<EmailDeliveryRow[]> {
    return new EmailDeliveryRepository(ctx).deliveriesOf(invoice.id);
  }
}

@Resolver(() => CreditNote)
export class CreditNoteEmailResolver {
  @FieldResolver(() => [EmailDelivery], { description: 'The e-mails that carried this credit note, newest first' })
  emailDeliveries(@Root() note: CreditNoteEntity, @Ctx() ctx: RequestContext): Promise<EmailDeliveryRow[]> {
    return new EmailDeliveryRepository(ctx).deliveriesOf(note.id);
  }
}

@Resolver(() => PlatformSettings)
export class EmailSettingsResolver {
  @FieldResolver(() => Boolean, {
    description: 'Whether issued invoices and credit notes are e-mailed to the customer’s billing e-mail (updateEmailDeliverySettings)',
  })
  invoiceEmailDelivery(@Root() settings: PlatformSettings, @Ctx() ctx: RequestContext): Promise<boolean> {
    return emailDeliveryEnabled(ctx.db.ds, settings.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether this deployment has an SMTP server to send e-mail through (SMTP_URL)' })
  emailDeliveryAvailable(@Ctx() ctx: RequestContext): boolean {
    return emailOptionsOf(ctx.db).smtpUrl !== null;
  }
}
