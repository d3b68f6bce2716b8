import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Settings of the caller’s platform. An entity: each subgraph adds the settings it owns (this one: subscriptions); a value the platform has not set is the deployment’s default',
})
@Directive('@key(fields: "id")')
export class PlatformSettings {
  @Field(() => ID, { description: 'The platform’s id' })
  id: string;

  @Field(() => Int, {
    description:
      'Days before now a subscription may start, or a change or cancellation take effect (older history: an import with a cutover): the platform’s own value, else the deployment’s SUBSCRIPTION_MAX_BACKDATE_DAYS',
  })
  subscriptionMaxBackdateDays: number;

  @Field({ description: 'True while the platform has not set its own subscriptionMaxBackdateDays' })
  subscriptionMaxBackdateDaysIsDefault: boolean;

  @Field({
    description:
      'A sandbox platform (created with `platform create --sandbox`): its business clock can be advanced; a production platform’s cannot',
  })
  sandbox: boolean;

  @Field(() => Date, {
    description: 'The platform’s business time: real time (or the deployment’s test clock), plus how far a sandbox was advanced',
  })
  now: Date;
}

@InputType({ description: 'The subscription settings of the caller’s platform; a field left out is unchanged' })
export class SubscriptionSettingsInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Days back history may reach, 1 to 3660; null returns to the deployment’s default',
  })
  maxBackdateDays?: number | null;
}
