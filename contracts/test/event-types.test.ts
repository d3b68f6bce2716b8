import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsDir, eventVersions, readEventSchemas } from '../src';

// The generator runs in a child process (from dist/, built before tests): Prettier's dynamic import does not run inside Jest.
function generatedNow(): string {
  const script = "require('./dist/generate-event-types').generateEventTypes().then((s) => process.stdout.write(s))";
  return execFileSync(process.execPath, ['-e', script], { cwd: contractsDir, encoding: 'utf8' });
}

const checkedIn = () => readFileSync(join(contractsDir, 'src', 'events.generated.ts'), 'utf8');

describe('the generated event payload types', () => {
  it('are exactly what the generator writes from contracts/events now (run `npm run events` after changing an event schema)', () => {
    expect(checkedIn()).toBe(generatedNow());
  });

  it('have the current version of every event schema', () => {
    const schemas = [...readEventSchemas().values()];
    expect(eventVersions).toEqual(Object.fromEntries(schemas.map((s) => [s.$id, s.version])));
  });

  it('name a payload <Entity><Verb>Payload, keyed by its event type', () => {
    expect(checkedIn()).toContain("'metering.usage.recorded': UsageRecordedPayload;");
    expect(checkedIn()).toContain("'catalog.plan_version.activated': PlanVersionActivatedPayload;");
  });
});
