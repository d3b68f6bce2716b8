import { ConnectionType, PageArgs } from '@meterline/kit';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A postal address' })
export class PostalAddress {
  @Field()
  line1: string;

  @Field(() => String, { nullable: true })
  line2: string | null;

  @Field()
  city: string;

  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Field(() => String, { nullable: true })
  state: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. NL' })
  country: string;
}

@InputType()
export class PostalAddressInput {
  @Field()
  line1: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field()
  city: string;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  state?: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. NL' })
  country: string;
}

@ObjectType({
  description:
    'One version of a billing entity: what the invoices issued while it was current say of the seller. Every change of the entity makes a new version; an issued invoice keeps the version it was issued with',
})
export class BillingEntityVersion {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1, 2, 3… per entity' })
  version: number;

  @Field(() => String, { nullable: true, description: 'Null only on a default entity nobody has described yet' })
  legalName: string | null;

  @Field(() => PostalAddress, { nullable: true })
  address: PostalAddress | null;

  @Field(() => String, { nullable: true })
  taxId: string | null;

  @Field(() => String, { nullable: true, description: 'An https URL, or a data:image/png or data:image/jpeg URI of at most 64 KiB' })
  logo: string | null;

  @Field(() => String, { nullable: true })
  invoiceFooter: string | null;

  @Field(() => String, { nullable: true })
  paymentInstructions: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Prefix of the entity’s invoice numbers; null: the deployment’s INVOICE_NUMBER_PREFIX',
  })
  invoiceNumberPrefix: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Prefix of the entity’s credit note numbers; null: the deployment’s CREDIT_NOTE_NUMBER_PREFIX',
  })
  creditNoteNumberPrefix: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Payment terms in days; null: the platform’s invoicePaymentTermsDays (its own, else the deployment’s)',
  })
  paymentTermsDays: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 4217 default currency of the entity (shown; invoices bill in their customer’s currency)',
  })
  currency: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 locale documents are formatted in, e.g. nl-NL' })
  locale: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone dates on documents are shown in, e.g. Europe/Amsterdam' })
  timeZone: string | null;

  @Field(() => String, { nullable: true, description: 'The sender address of e-mails about the entity’s invoices' })
  emailFrom: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'A legal entity a platform bills from: its own number series, payment terms and seller details' })
export class BillingEntity {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Unique per platform; never changes' })
  code: string;

  @Field()
  createdAt: Date;

  @Field({ description: 'When its current version was made' })
  updatedAt: Date;
}

export const BillingEntityConnection = ConnectionType(BillingEntity, 'BillingEntity');
export const BillingEntityVersionConnection = ConnectionType(BillingEntityVersion, 'BillingEntityVersion');

@ArgsType()
export class BillingEntityListArgs extends PageArgs {}

/** The fields of a billing entity a change may set; left out: unchanged, null: cleared (the default applies). */
@InputType()
class BillingEntityFieldsInput {
  @Field(() => PostalAddressInput, { nullable: true })
  address?: PostalAddressInput | null;

  @Field(() => String, { nullable: true })
  taxId?: string | null;

  @Field(() => String, { nullable: true, description: 'An https URL, or a data:image/png or data:image/jpeg base64 URI of at most 64 KiB' })
  logo?: string | null;

  @Field(() => String, { nullable: true })
  invoiceFooter?: string | null;

  @Field(() => String, { nullable: true })
  paymentInstructions?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '1-20 letters, digits and - _ . /; must differ from every other number series of the platform',
  })
  invoiceNumberPrefix?: string | null;

  @Field(() => String, { nullable: true })
  creditNoteNumberPrefix?: string | null;

  @Field(() => Int, { nullable: true, description: '0 to 365; null: the platform’s payment terms' })
  paymentTermsDays?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217' })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47, canonical form (en-US)' })
  locale?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone' })
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: 'An e-mail address' })
  emailFrom?: string | null;
}

@InputType()
export class CreateBillingEntityInput extends BillingEntityFieldsInput {
  @Field({ description: 'Unique per platform: letters, digits and _ . : @ -' })
  code: string;

  @Field()
  legalName: string;
}

@InputType({ description: 'A change of a billing entity: makes its next version. A field left out keeps its value; null clears it' })
export class UpdateBillingEntityInput extends BillingEntityFieldsInput {
  @Field(() => String, { nullable: true, description: 'May be changed, not removed' })
  legalName?: string | null;
}
