import { DecimalScalar, Money, type Decimal } from '@meterline/kit';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { PaymentMethod as PaymentMethodName } from '../store/payment.entity';
import { CreditNote, Invoice } from './invoice.type';

export enum PaymentMethod {
  BANK_TRANSFER = 'BANK_TRANSFER',
  CARD = 'CARD',
  DIRECT_DEBIT = 'DIRECT_DEBIT',
  CHECK = 'CHECK',
  CASH = 'CASH',
  OTHER = 'OTHER',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod', description: 'How money was paid or paid back' });

/** The fields payments and refunds share (not a type of the schema itself). */
@ObjectType()
abstract class MoneyMovement {
  @Field(() => ID)
  id: string;

  @Field(() => Money, { description: 'Exact, in the currency of the invoice (or credit note) it is recorded against' })
  amount: Money;

  @Field(() => PaymentMethod)
  method: PaymentMethodName;

  @Field(() => String, {
    nullable: true,
    description: 'Your reference (bank transaction, check number); unique per invoice or credit note',
  })
  reference: string | null;

  @Field({ description: 'When it was recorded' })
  createdAt: Date;
}

@ObjectType({ description: 'Money received against an invoice (one of several partial payments, or the whole)' })
export class Payment extends MoneyMovement {
  @Field(() => Invoice)
  invoice: Invoice;

  @Field({ description: 'When the money was received' })
  paidAt: Date;
}

@ObjectType({ description: 'Money paid back to a customer against a credit note' })
export class Refund extends MoneyMovement {
  @Field(() => CreditNote)
  creditNote: CreditNote;

  @Field({ description: 'When the money was paid back' })
  refundedAt: Date;
}

/** The fields a payment and a refund to record share (not a type of the schema itself). */
@InputType()
abstract class MoneyMovementInput {
  @Field(() => DecimalScalar, {
    description: 'More than 0, in the currency and minor unit of the invoice (or credit note); at most what is left due (or to refund)',
  })
  amount: Decimal;

  @Field(() => PaymentMethod)
  method: PaymentMethodName;

  @Field(() => String, {
    nullable: true,
    description: 'Idempotency: the same reference on the same invoice (or credit note) is the same one',
  })
  reference?: string | null;
}

@InputType({ description: 'A payment against an ISSUED or OVERDUE invoice' })
export class RecordPaymentInput extends MoneyMovementInput {
  @Field(() => ID)
  invoice: string;

  @Field(() => Date, { nullable: true, description: 'When the money was received; not in the future. Default: now' })
  paidAt?: Date | null;
}

@InputType({ description: 'A refund against a credit note' })
export class RecordRefundInput extends MoneyMovementInput {
  @Field(() => ID)
  creditNote: string;

  @Field(() => Date, { nullable: true, description: 'When the money was paid back; not in the future. Default: now' })
  refundedAt?: Date | null;
}
