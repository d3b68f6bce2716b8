import { ConnectionType } from '@meterline/kit';
import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A capability a plan grants, shown to customers but not billed' })
export class Feature {
  @Field(() => ID)
  id: string;

  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  createdAt: Date;
}

export const FeatureConnection = ConnectionType(Feature, 'Feature');

@InputType()
export class CreateFeatureInput {
  @Field()
  reference: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}
