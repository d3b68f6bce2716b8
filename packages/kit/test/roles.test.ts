import { OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import { requireDocumentRole, requireReportRole, roleRefusal, rootFieldsOf, type Role } from '../src';

const operationOf = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return { operation: operation.operation, fields: rootFieldsOf(operation, document) };
};

describe('roles', () => {
  const query = operationOf('{ meters { totalCount } customer(reference: "a") { id } }');
  const ingest = operationOf('mutation { ingestUsageEvents(events: []) { accepted } }');
  const create = operationOf('mutation { createMeter(input: {}) { id } }');
  const sneaky = operationOf(
    'mutation { ...F } fragment F on Mutation { ingestUsageEvents(events: []) { accepted } createMeter(input: {}) { id } }',
  );

  it('finds root fields through fragments', () => {
    expect(query.fields).toEqual(['meters', 'customer']);
    expect(sneaky.fields).toEqual(['ingestUsageEvents', 'createMeter']);
  });

  it.each([
    ['admin', query, true],
    ['admin', create, true],
    ['read', query, true],
    ['read', ingest, false],
    ['read', create, false],
    ['ingest', ingest, true],
    ['ingest', query, false],
    ['ingest', create, false],
    ['ingest', sneaky, false],
    ['partner', query, true],
    ['partner', create, true],
  ] as const)('%s may run it: %#', (role, { operation, fields }, allowed) => {
    expect(roleRefusal(role, operation, fields) === null).toBe(allowed);
  });

  it('says why', () => {
    expect(roleRefusal('read', OperationTypeNode.MUTATION, ['createMeter'])).toBe('A read key runs queries only; this is a mutation');
    expect(roleRefusal('ingest', OperationTypeNode.MUTATION, ['ingestUsageEvents', 'createMeter'])).toBe(
      'An ingest key only ingests usage events (ingestUsageEvents); refused: createMeter',
    );
  });
});

describe('requireDocumentRole and requireReportRole', () => {
  const outcome = (role: Role, guard = requireDocumentRole) => {
    let status = 0;
    let body: unknown = null;
    let passed = false;
    const res = {
      locals: { tenant: { platformId: 'p', role } },
      status(code: number) {
        status = code;
        return this;
      },
      json(value: unknown) {
        body = value;
        return this;
      },
    };
    guard({} as never, res as never, () => {
      passed = true;
    });
    return { passed, status, body };
  };

  it.each(['admin', 'read'] as const)('lets a %s key download documents', (role) => {
    expect(outcome(role).passed).toBe(true);
  });

  it.each(['ingest', 'partner'] as const)('refuses a %s key with a coded 403', (role) => {
    expect(outcome(role)).toEqual({
      passed: false,
      status: 403,
      body: { errors: [{ message: 'Only admin and read keys download invoice documents', extensions: { code: 'FORBIDDEN' } }] },
    });
  });

  it.each(['ingest', 'partner'] as const)('refuses a %s key a report download, saying reports', (role) => {
    expect(outcome(role, requireReportRole)).toEqual({
      passed: false,
      status: 403,
      body: { errors: [{ message: 'Only admin and read keys download reports', extensions: { code: 'FORBIDDEN' } }] },
    });
    expect(outcome('read', requireReportRole).passed).toBe(true);
  });
});
