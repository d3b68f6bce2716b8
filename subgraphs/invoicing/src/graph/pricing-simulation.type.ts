import { ConnectionType, DecimalScalar, Money, PageArgs, type Decimal } from '@meterline/kit';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { LineKind } from '../domain/invoice-calculation';
import { Invoice, InvoiceLineKind } from './invoice.type';
import { Customer, ProductItem, Subscription } from './refs/customer.type';

export enum PricingSimulationScope {
  CUSTOMER = 'CUSTOMER',
  PLAN = 'PLAN',
  ALL = 'ALL',
}
registerEnumType(PricingSimulationScope, {
  name: 'PricingSimulationScope',
  description: 'CUSTOMER: one customer; PLAN: the customers with a subscription on a version of `plan`; ALL: every customer',
});

export enum PricingSimulationStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(PricingSimulationStatus, { name: 'PricingSimulationStatus' });

@InputType()
export class CreatePricingSimulationInput {
  @Field(() => PricingSimulationScope)
  scope: PricingSimulationScope;

  @Field(() => String, { nullable: true, description: 'Scope CUSTOMER: the customer (id or reference)' })
  customer?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Pricing plan (reference or id) whose phases are priced with `planVersion` instead; none: every phase. Needed with scope PLAN',
  })
  plan?: string | null;

  @Field(() => ID, { description: 'The plan version to price with, of any status (a DRAFT is fine)' })
  planVersion: string;

  @Field(() => Date, { description: 'The billing periods overlapping [from, to) are simulated' })
  from: Date;

  @Field(() => Date)
  to: Date;

  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the first run' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'Customers priced so far out of those in scope' })
export class PricingSimulationProgress {
  @Field(() => Int)
  customersDone: number;

  @Field(() => Int, { nullable: true, description: 'Known once the run started' })
  customersTotal: number | null;

  @Field(() => Int, { description: 'Billing periods compared so far' })
  periods: number;
}

@ObjectType({ description: 'Invoice totals (tax included) under the current pricing and simulated, in one currency' })
export class PricingSimulationTotal {
  @Field()
  currency: string;

  @Field(() => Money, { description: 'What the invoices and drafts say' })
  current: Money;

  @Field(() => Money, { description: 'What the same billing code computes with the simulated version' })
  simulated: Money;

  @Field(() => Money, { description: 'simulated − current' })
  difference: Money;
}

@ObjectType({ description: 'A customer’s totals over the simulated periods, in one currency' })
export class PricingSimulationCustomerTotal extends PricingSimulationTotal {
  @Field(() => Customer)
  customer: Customer;

  @Field(() => String, { nullable: true })
  customerReference: string | null;

  @Field(() => Int)
  periods: number;
}

@ObjectType({ description: 'One invoice line under the current pricing next to the same line simulated' })
export class SimulatedLine {
  @Field(() => InvoiceLineKind)
  kind: LineKind;

  @Field(() => ProductItem, { nullable: true })
  productItem: ProductItem | null;

  @Field()
  description: string;

  @Field(() => DecimalScalar, { nullable: true })
  currentQuantity: Decimal | null;

  @Field(() => Money, { nullable: true, description: 'None: the invoice has no such line' })
  currentAmount: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  simulatedQuantity: Decimal | null;

  @Field(() => Money, { nullable: true, description: 'None: the simulation has no such line' })
  simulatedAmount: Money | null;

  @Field(() => Money, { description: 'simulated − current (an absent side counts as zero)' })
  difference: Money;
}

@ObjectType({ description: 'One billing period of a subscription: its invoice next to the simulated one' })
export class SimulatedPeriod {
  @Field(() => ID, { description: 'The run’s id and the period’s position in it' })
  id: string;

  @Field(() => Customer)
  customer: Customer;

  @Field(() => String, { nullable: true })
  customerReference: string | null;

  @Field(() => Subscription)
  subscription: Subscription;

  @Field(() => Invoice, { nullable: true, description: 'The invoice (or draft) compared' })
  invoice: { id: string };

  @Field()
  invoiceStatus: string;

  @Field()
  periodStart: Date;

  @Field()
  periodEnd: Date;

  @Field(() => Money)
  currentSubtotal: Money;

  @Field(() => Money, { description: 'Tax included' })
  currentTotal: Money;

  @Field(() => Money)
  simulatedSubtotal: Money;

  @Field(() => Money, { description: 'Tax included' })
  simulatedTotal: Money;

  @Field(() => Money, { description: 'simulatedTotal − currentTotal' })
  difference: Money;

  @Field(() => [SimulatedLine])
  lines: SimulatedLine[];
}

export const SimulatedPeriodConnection = ConnectionType(SimulatedPeriod, 'SimulatedPeriod');

@ArgsType()
export class SimulatedPeriodArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this customer’s periods' })
  customer?: string | null;
}

@ObjectType({
  description:
    'What customers would have been billed under another plan version, from stored usage by the billing code itself; touches no invoice. Computed in the background: see status and progress',
})
export class PricingSimulation {
  @Field(() => ID)
  id: string;

  @Field(() => PricingSimulationStatus)
  status: PricingSimulationStatus;

  @Field(() => PricingSimulationScope)
  scope: PricingSimulationScope;

  @Field(() => Customer, { nullable: true })
  customer: Customer | null;

  @Field(() => ID, { nullable: true, description: 'The plan whose phases are substituted (none: every phase)' })
  planId: string | null;

  @Field(() => ID)
  planVersionId: string;

  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => PricingSimulationProgress)
  progress: PricingSimulationProgress;

  @Field(() => String, { nullable: true, description: 'Why a FAILED run failed' })
  error: string | null;

  @Field({ description: 'REST path of the CSV (one row per line), with the same API key' })
  csvPath: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}
