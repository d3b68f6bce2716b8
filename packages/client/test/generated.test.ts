import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { print } from 'graphql';
import { CustomerUsageDocument, IngestUsageDocument } from '../src';

/** What `npm run client` would write now (in a child process: graphql-codegen loads ES modules Jest cannot). */
function generatedClient(): string {
  return execFileSync(
    process.execPath,
    ['-e', "require('./scripts/codegen').generatedClient().then((code) => process.stdout.write(code))"],
    { cwd: join(__dirname, '..'), encoding: 'utf8' },
  );
}

describe('@meterline/client', () => {
  it('is generated from the current supergraph and operations (run npm run client after changing either)', async () => {
    expect(readFileSync(join(__dirname, '..', 'src', 'generated.ts'), 'utf8')).toBe(generatedClient());
  });

  it('carries each public operation as a typed document', () => {
    expect(print(IngestUsageDocument)).toContain('mutation IngestUsage($events: [UsageEventInput!]!)');
    expect(print(CustomerUsageDocument)).toContain('query CustomerUsage(');
  });
});
