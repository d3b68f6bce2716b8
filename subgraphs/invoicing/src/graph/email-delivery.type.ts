import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum EmailDeliveryStatus {
  QUEUED = 'QUEUED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(EmailDeliveryStatus, {
  name: 'EmailDeliveryStatus',
  valuesConfig: {
    QUEUED: { description: 'Waiting for its next attempt (nextAttemptAt)' },
    SENDING: { description: 'Being handed to the mail server' },
    SENT: { description: 'The mail server accepted it (sentAt)' },
    FAILED: { description: 'Given up: refused for good, no attempt left, or no recipient (lastError says which)' },
  },
});

export enum EmailDeliveryTrigger {
  ISSUE = 'ISSUE',
  RESEND = 'RESEND',
}
registerEnumType(EmailDeliveryTrigger, {
  name: 'EmailDeliveryTrigger',
  valuesConfig: {
    ISSUE: { description: 'Sent because the document was issued' },
    RESEND: { description: 'Sent again on request (sendInvoiceEmail, sendCreditNoteEmail)' },
  },
});

@ObjectType({ description: 'One try at handing a message to the mail server' })
export class EmailDeliveryAttempt {
  @Field(() => Int)
  attempt: number;

  @Field()
  attemptedAt: Date;

  @Field(() => EmailDeliveryStatus, { description: 'SENT or FAILED' })
  outcome: 'SENT' | 'FAILED';

  @Field(() => String, { nullable: true, description: 'What the mail server or the connection said' })
  error: string | null;
}

@ObjectType({ description: 'An e-mail carrying an invoice or credit note PDF to the customer, with its attempts' })
export class EmailDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Who it goes to; null when the customer had no billing e-mail' })
  recipient: string | null;

  @Field(() => EmailDeliveryStatus)
  status: EmailDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far (at most 6, over about 8.6 hours)' })
  attempts: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (QUEUED)' })
  nextAttemptAt: Date | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field({ description: 'The Message-ID header, the same on every attempt' })
  messageId: string;

  @Field(() => EmailDeliveryTrigger, { name: 'trigger' })
  requestedBy: EmailDeliveryTrigger;

  @Field()
  queuedAt: Date;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;
}

@InputType({ description: 'Whether the caller’s platform e-mails its issued invoices and credit notes' })
export class EmailDeliverySettingsInput {
  @Field({ description: 'true: every invoice and credit note issued from now on goes to the customer’s billing e-mail' })
  enabled: boolean;
}
