import { print } from 'graphql';
import { EventIngestDocument, type EventIngestMutationVariables, type EventMeterValueInput, type UsageEventInput } from '../generated';

/** One input of the manual entry form per value of the chosen meter; a blank quantity leaves the value out. */
export interface EventFormValue {
  reference: string;
  type: 'NUMBER' | 'AMOUNT';
  quantity: string;
  currency: string;
}

export interface EventFormProperty {
  key: string;
  value: string;
}

/** What the user typed on /events/new. `timestamp` is a datetime-local value read as UTC; blank = time received. */
export interface EventForm {
  meterReference: string;
  customerReference: string;
  reference: string;
  timestamp: string;
  values: EventFormValue[];
  properties: EventFormProperty[];
}

/** A fresh event reference, e.g. `desk-m1x2y3-4f7a9c`. */
export function randomReference(): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16).padStart(8, '0');
  return `desk-${Date.now().toString(36)}-${random}`;
}

/** A datetime-local value (`YYYY-MM-DDTHH:mm[:ss[.sss]]`) of an instant, in UTC, to the second. */
export function utcInputValue(at: Date): string {
  return at.toISOString().slice(0, 19);
}

/** A datetime-local value read as UTC, as RFC 3339 (`…Z`); null when blank. */
export function utcTimestamp(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed) ? `${trimmed}:00Z` : `${trimmed}Z`;
}

function filledValues(form: EventForm): EventFormValue[] {
  return form.values.filter((v) => v.quantity.trim() !== '');
}

function properties(form: EventForm): Record<string, string> | null {
  const rows = form.properties.filter((p) => p.key.trim() !== '');
  return rows.length ? Object.fromEntries(rows.map((p) => [p.key.trim(), p.value])) : null;
}

function meterValue(v: EventFormValue): EventMeterValueInput {
  return v.type === 'AMOUNT'
    ? { reference: v.reference, amount: { currency: v.currency.trim().toUpperCase(), quantity: v.quantity.trim() } }
    : { reference: v.reference, number: v.quantity.trim() };
}

/** The form as one `UsageEventInput` of GraphQL's ingestUsageEvents. */
export function usageEventInput(form: EventForm): UsageEventInput {
  const timestamp = utcTimestamp(form.timestamp);
  const props = properties(form);
  return {
    meterReference: form.meterReference,
    customerReference: form.customerReference.trim(),
    reference: form.reference.trim(),
    ...(timestamp ? { timestamp } : {}),
    meterValues: filledValues(form).map(meterValue),
    ...(props ? { properties: props } : {}),
  };
}

export function ingestVariables(form: EventForm): EventIngestMutationVariables {
  return { events: [usageEventInput(form)] };
}

/** The form as the seed's JSON shape that POST /v1/events takes (`meter_reference`, `meter_values`, …). */
export function restEvent(form: EventForm): Record<string, unknown> {
  const input = usageEventInput(form);
  return {
    meter_reference: input.meterReference,
    customer_reference: input.customerReference,
    reference: input.reference,
    ...(input.timestamp ? { timestamp: input.timestamp } : {}),
    meter_values: input.meterValues,
    ...(input.properties ? { properties: input.properties } : {}),
  };
}

/** The equivalent `curl` of the REST door: a JSON array of one event, the API key read from the environment. */
export function curlCommand(form: EventForm, origin: string): string {
  const body = JSON.stringify([restEvent(form)], null, 2).replaceAll("'", "'\\''");
  return [
    `curl -X POST '${origin}/v1/events' \\`,
    `  -H "Authorization: Bearer $METERLINE_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-raw '${body}'`,
  ].join('\n');
}

/** The mutation Desk sends, as text. */
export const INGEST_MUTATION = print(EventIngestDocument);

export function graphqlVariables(form: EventForm): string {
  return JSON.stringify(ingestVariables(form), null, 2);
}
