import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '@meterline/kit';
import { testInfrastructure } from '@meterline/kit/testing';
import { authenticateApiKey, openAccessDatabase } from '../src';
import { runCli } from '../src/cli';

describe('npm run meterline (platforms and API keys)', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = (await testInfrastructure()).databaseUrl;
  });

  it('creates a platform and keys, shows a key once, lists them by prefix with their last use, and revokes one', async () => {
    const platform = await runCli(['platform', 'create', 'Acme', 'Billing'], databaseUrl);
    const platformId = /^platform (\S+) \(Acme Billing\)$/.exec(platform)![1];
    const created = await runCli(['key', 'create', '--platform', platformId, '--role', 'read', '--name', 'dashboard'], databaseUrl);
    const [, keyId, prefix] = /^key (\S+) \(read, prefix (\S+)\)/.exec(created)!;
    const key = created.split('\n')[1];
    expect(key.startsWith(`ml_${prefix}_`)).toBe(true);

    const ds = await openAccessDatabase(databaseUrl);
    try {
      expect(await authenticateApiKey(ds, key, systemClock)).toEqual({ platformId, role: 'read' });
      const listed = await runCli(['key', 'list', '--platform', platformId], databaseUrl);
      expect(listed).toContain(`${keyId}  read     ml_${prefix}_…  dashboard`);
      expect(listed).not.toContain(key);
      expect(listed).toMatch(/last used \d{4}-/);
      expect(listed).toContain('active');

      expect(await runCli(['key', 'revoke', '--platform', platformId, '--key', keyId], databaseUrl)).toBe(`key ${keyId} revoked`);
      expect(await authenticateApiKey(ds, key, systemClock)).toBeNull();
      expect(await runCli(['key', 'list', '--platform', platformId], databaseUrl)).toContain('REVOKED');
      await expect(runCli(['key', 'revoke', '--platform', platformId, '--key', keyId], databaseUrl)).rejects.toThrow(
        `No active key ${keyId} on platform ${platformId}`,
      );
    } finally {
      await ds.destroy();
    }
  });

  it('creates a sandbox platform with --sandbox: its keys resolve to a tenant marked as a sandbox', async () => {
    const made = await runCli(['platform', 'create', '--sandbox', 'Acme', 'test'], databaseUrl);
    const platformId = /^sandbox platform (\S+) \(Acme test\)$/.exec(made)![1];
    const key = (await runCli(['key', 'create', '--platform', platformId, '--role', 'admin'], databaseUrl)).split('\n')[1];
    const ds = await openAccessDatabase(databaseUrl);
    try {
      expect(await authenticateApiKey(ds, key, systemClock)).toEqual({ platformId, role: 'admin', sandbox: true });
    } finally {
      await ds.destroy();
    }
  });

  it('refuses bad input naming the option, with exit code 2', async () => {
    await expect(runCli(['key', 'create', '--platform', 'nope', '--role', 'read'], databaseUrl)).rejects.toThrow(
      '--platform must be a platform id (a UUID); got "nope"',
    );
    const run = promisify(execFile)(
      process.execPath,
      [join(__dirname, '..', 'dist', 'cli.js'), 'key', 'create', '--platform', '00000000-0000-4000-8000-000000000000', '--role', 'owner'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 2, stderr: '--role must be one of admin, ingest, read, partner; got "owner"\n' });
  });
});
