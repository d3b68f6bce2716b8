import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export interface SchemaChange {
  level: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  message: string;
  path?: string;
}

/** graphql-inspector's changes from one SDL to another (breaking first), for contract tests to print and judge. */
export async function schemaChanges(previousSdl: string, nextSdl: string): Promise<SchemaChange[]> {
  const changes = await diff(buildSchema(previousSdl), buildSchema(nextSdl));
  const rank = { BREAKING: 0, DANGEROUS: 1, NON_BREAKING: 2 } as const;
  return changes
    .map((c) => ({
      level: (c.criticality.level === CriticalityLevel.Breaking
        ? 'BREAKING'
        : c.criticality.level === CriticalityLevel.Dangerous
          ? 'DANGEROUS'
          : 'NON_BREAKING') as SchemaChange['level'],
      message: c.message,
      path: c.path,
    }))
    .sort((a, b) => rank[a.level] - rank[b.level]);
}

/** One line per change, to read in a failing test. */
export function describeChanges(changes: SchemaChange[]): string {
  return changes.map((c) => `${c.level.padEnd(12)} ${c.message}`).join('\n');
}
