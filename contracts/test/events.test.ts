import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir, readEnvelopeSchema, readEventSchemas } from '../src';

describe('event contracts', () => {
  const ajv = addFormats(new Ajv({ strict: true, allErrors: true }));

  it('has a valid envelope schema that requires every field of DESIGN §4', () => {
    const envelope = readEnvelopeSchema();
    expect(() => ajv.compile(envelope)).not.toThrow();
    expect(envelope.required).toEqual(['id', 'type', 'version', 'platformId', 'occurredAt', 'data']);
  });

  const schemas = [...readEventSchemas().values()];

  it('has at least the events the thin slice sends', () => {
    expect(schemas.map((s) => s.$id)).toContain('subscriptions.customer.created');
  });

  it.each(schemas.map((s) => [s.$id, s] as const))(
    '%s: type is <subgraph>.<entity>.<verb>, versioned, and its data schema compiles',
    (id, schema) => {
      expect(id).toMatch(/^(metering|catalog|subscriptions|invoicing)\.[a-z_]+\.[a-z_]+$/);
      expect(Number.isInteger(schema.version) && schema.version >= 1).toBe(true);
      expect(schema.description.length).toBeGreaterThan(10);
      expect(() => ajv.compile(schema.data)).not.toThrow();
      expect(schema.data).toMatchObject({ type: 'object', additionalProperties: false });
    },
  );

  // Producers prove their events keep the contract: each type is read back and checked in its producer's tests.
  it.each(schemas.map((s) => [s.$id] as const))('%s is checked by a test of its producer', (type) => {
    const producer = type.split('.')[0];
    const dir = join(contractsDir, '..', 'subgraphs', producer, 'test');
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(sources.includes(`'${type}'`)).toBe(true);
  });
});
