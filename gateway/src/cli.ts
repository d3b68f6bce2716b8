import 'reflect-metadata';
import { isUuid, Roles, systemClock, type Role } from '@meterline/kit';
import { createApiKey, createPlatform, listApiKeys, platformExists, revokeApiKey } from './access/api-keys';
import { openAccessDatabase } from './gateway';

const USAGE = `Meterline access administration (platforms and API keys), on the database in DATABASE_URL.

  npm run meterline -- platform create [--sandbox] <name>   (a sandbox's business clock can be advanced)
  npm run meterline -- key create --platform <platform id> --role <admin|ingest|read|partner> [--name <name>]
  npm run meterline -- key list --platform <platform id>
  npm run meterline -- key revoke --platform <platform id> --key <key id>

A key is shown once, when it is created: only its hash and its prefix (ml_<prefix>_…) are stored.`;

class UsageError extends Error {}

/** `--name value` options after the command words; unknown or repeated flags are refused by name. */
function options(args: string[], allowed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if (!flag.startsWith('--') || !allowed.includes(flag.slice(2)))
      throw new UsageError(`Unknown option ${flag} (expected ${allowed.map((a) => `--${a}`).join(', ')})`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (flag.slice(2) in out) throw new UsageError(`${flag} is given twice`);
    out[flag.slice(2)] = value;
  }
  return out;
}

function required(opts: Record<string, string>, name: string): string {
  const value = opts[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function platformOf(opts: Record<string, string>): string {
  const platform = required(opts, 'platform');
  if (!isUuid(platform)) throw new UsageError(`--platform must be a platform id (a UUID); got "${platform}"`);
  return platform;
}

/** Runs one command; returns what to print. Throws UsageError for bad input (exit code 2). */
export async function runCli(argv: string[], databaseUrl: string): Promise<string> {
  const [noun, verb, ...rest] = argv;
  if (!noun || noun === 'help' || noun === '--help') return USAGE;
  const ds = await openAccessDatabase(databaseUrl);
  try {
    if (noun === 'platform' && verb === 'create') {
      const sandbox = rest.includes('--sandbox');
      const name = rest
        .filter((word) => word !== '--sandbox')
        .join(' ')
        .trim();
      if (!name) throw new UsageError('platform create needs a name');
      const id = await createPlatform(ds, name, systemClock, { sandbox });
      return `${sandbox ? 'sandbox ' : ''}platform ${id} (${name})`;
    }
    if (noun === 'key') {
      if (verb === 'create') {
        const opts = options(rest, ['platform', 'role', 'name']);
        const platformId = platformOf(opts);
        const role = required(opts, 'role');
        if (!(Roles as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${Roles.join(', ')}; got "${role}"`);
        if (!(await platformExists(ds, platformId))) throw new UsageError(`No platform ${platformId}`);
        const created = await createApiKey(ds, platformId, role as Role, opts.name ?? role, systemClock);
        return `key ${created.id} (${created.role}, prefix ${created.prefix})\n${created.key}\nKeep it now: it is not shown again.`;
      }
      if (verb === 'list') {
        const platformId = platformOf(options(rest, ['platform']));
        const keys = await listApiKeys(ds, platformId);
        if (keys.length === 0) return `no keys for platform ${platformId}`;
        return keys
          .map((k) =>
            [
              k.id,
              k.role.padEnd(7),
              `ml_${k.prefix}_…`,
              k.name,
              `created ${k.createdAt.toISOString()}`,
              `last used ${k.lastUsedAt?.toISOString() ?? 'never'}`,
              k.revokedAt ? `REVOKED ${k.revokedAt.toISOString()}` : 'active',
            ].join('  '),
          )
          .join('\n');
      }
      if (verb === 'revoke') {
        const opts = options(rest, ['platform', 'key']);
        const platformId = platformOf(opts);
        const keyId = required(opts, 'key');
        if (!isUuid(keyId) || !(await revokeApiKey(ds, platformId, keyId, systemClock)))
          throw new UsageError(`No active key ${keyId} on platform ${platformId}`);
        return `key ${keyId} revoked`;
      }
    }
    throw new UsageError(`Unknown command "${[noun, verb].filter(Boolean).join(' ')}"\n\n${USAGE}`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/meterline').then(
    (output) => console.log(output),
    (error: Error) => {
      console.error(error instanceof UsageError ? error.message : `meterline: ${error.message}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
