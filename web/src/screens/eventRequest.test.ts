import { describe, expect, it } from 'vitest';
import {
  curlCommand,
  graphqlVariables,
  ingestVariables,
  INGEST_MUTATION,
  randomReference,
  restEvent,
  utcInputValue,
  utcTimestamp,
  usageEventInput,
  type EventForm,
} from './eventRequest';

const SAMPLE_FORM: EventForm = {
  meterReference: 'transactions',
  customerReference: ' acme ',
  reference: 'acme_txn_001',
  timestamp: '2025-04-17T13:33',
  values: [
    { reference: 'amount_processed', type: 'AMOUNT', quantity: '749.98', currency: 'eur' },
    { reference: 'fees', type: 'NUMBER', quantity: '', currency: '' },
    { reference: 'items', type: 'NUMBER', quantity: ' 3 ', currency: '' },
  ],
  properties: [
    { key: 'region', value: 'eu-west' },
    { key: 'note', value: "o'clock" },
    { key: ' ', value: 'no name: left out' },
  ],
};

const SAMPLE_CURL = `curl -X POST 'https://desk.example.com/v1/events' \\
  -H "Authorization: Bearer $METERLINE_API_KEY" \\
  -H 'Content-Type: application/json' \\
  --data-raw '[
  {
    "meter_reference": "transactions",
    "customer_reference": "acme",
    "reference": "acme_txn_001",
    "timestamp": "2025-04-17T13:33:00Z",
    "meter_values": [
      {
        "reference": "amount_processed",
        "amount": {
          "currency": "EUR",
          "quantity": "749.98"
        }
      },
      {
        "reference": "items",
        "number": "3"
      }
    ],
    "properties": {
      "region": "eu-west",
      "note": "o'\\''clock"
    }
  }
]'`;

describe('event request builders', () => {
  it('builds the GraphQL variables: UTC timestamp, blank values and unnamed properties left out', () => {
    expect(ingestVariables(SAMPLE_FORM)).toEqual({
      events: [
        {
          meterReference: 'transactions',
          customerReference: 'acme',
          reference: 'acme_txn_001',
          timestamp: '2025-04-17T13:33:00Z',
          meterValues: [
            { reference: 'amount_processed', amount: { currency: 'EUR', quantity: '749.98' } },
            { reference: 'items', number: '3' },
          ],
          properties: { region: 'eu-west', note: "o'clock" },
        },
      ],
    });
    expect(JSON.parse(graphqlVariables(SAMPLE_FORM))).toEqual(ingestVariables(SAMPLE_FORM));
  });

  it('leaves out a blank timestamp (the API stamps the time received) and absent properties', () => {
    const input = usageEventInput({ ...SAMPLE_FORM, timestamp: '', properties: [] });
    expect(input).not.toHaveProperty('timestamp');
    expect(input).not.toHaveProperty('properties');
    expect(restEvent({ ...SAMPLE_FORM, timestamp: '', properties: [] })).toEqual({
      meter_reference: 'transactions',
      customer_reference: 'acme',
      reference: 'acme_txn_001',
      meter_values: input.meterValues,
    });
  });

  it('builds the exact curl of POST /v1/events with the seed shape, quoting single quotes for the shell', () => {
    expect(curlCommand(SAMPLE_FORM, 'https://desk.example.com')).toBe(SAMPLE_CURL);
  });

  it('shows the mutation Desk sends', () => {
    expect(INGEST_MUTATION).toContain('mutation EventIngest($events: [UsageEventInput!]!)');
    expect(INGEST_MUTATION).toContain('ingestUsageEvents(events: $events)');
  });

  it('reads datetime-local values as UTC', () => {
    expect(utcTimestamp('2026-03-10T08:00')).toBe('2026-03-10T08:00:00Z');
    expect(utcTimestamp('2026-03-10T08:00:15')).toBe('2026-03-10T08:00:15Z');
    expect(utcTimestamp(' ')).toBeNull();
    expect(utcInputValue(new Date('2026-03-10T08:00:15.250Z'))).toBe('2026-03-10T08:00:15');
  });

  it('makes a new random reference each time', () => {
    const a = randomReference();
    expect(a).toMatch(/^desk-[0-9a-z]+-[0-9a-f]{8}$/);
    expect(randomReference()).not.toBe(a);
  });
});
