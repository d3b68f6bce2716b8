import { ConnectionType, Money } from '@meterline/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { InvoiceStatus as InvoiceStatusName } from '../store/invoice.entity';
import { Customer } from './customer/customer.type';

export enum InvoiceStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

@ObjectType({ description: 'What a customer owes for one billing period of a subscription' })
@Directive('@key(fields: "id")')
export class Invoice {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Gapless per platform; set when issued' })
  number: string | null;

  @Field(() => InvoiceStatus)
  status: InvoiceStatusName;

  @Field(() => Customer)
  customer: Customer;

  @Field()
  periodStart: Date;

  @Field()
  periodEnd: Date;

  @Field(() => Money)
  total: Money;

  @Field()
  createdAt: Date;
}

export const InvoiceConnection = ConnectionType(Invoice, 'Invoice');
