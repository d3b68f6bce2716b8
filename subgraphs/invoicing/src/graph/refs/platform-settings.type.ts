import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BillingEntity } from '../billing-entity.type';

/**
 * PlatformSettings is an entity each subgraph adds its own settings to; invoicing adds the payment terms, the grace
 * period and the default billing entity.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class PlatformSettings {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    description:
      'Days from issue to an invoice’s payment due date (0: due on issue): the platform’s own value, else the deployment’s INVOICE_PAYMENT_TERMS_DAYS. A billing entity’s own paymentTermsDays comes first. An issued invoice keeps the due date it was issued with',
  })
  invoicePaymentTermsDays: number;

  @Field({ description: 'True while the platform has not set its own invoicePaymentTermsDays' })
  invoicePaymentTermsDaysIsDefault: boolean;

  @Field(() => Int, {
    description:
      'How long after a period ends its draft stays open for late usage before it is issued, in seconds: the platform’s own value, else the deployment’s INVOICE_GRACE_PERIOD_MS',
  })
  invoiceGracePeriodSeconds: number;

  @Field({ description: 'True while the platform has not set its own invoiceGracePeriodSeconds' })
  invoiceGracePeriodSecondsIsDefault: boolean;

  @Field(() => BillingEntity, { description: 'The entity customers without one of their own are billed from' })
  defaultBillingEntity: BillingEntity;
}

@InputType({ description: 'The invoicing settings of the caller’s platform; a field left out is unchanged' })
export class InvoicingSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Payment terms in days, 0 to 365; null returns to the deployment’s default' })
  paymentTermsDays?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Grace period in seconds, 0 to 2678400 (31 days); null returns to the deployment’s default. Open drafts move their issue instant with it',
  })
  gracePeriodSeconds?: number | null;
}
