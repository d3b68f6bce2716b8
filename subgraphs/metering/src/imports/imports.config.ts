import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@meterline/kit';

/** Settings of file imports; from IMPORTS_* environment variables unless given. */
export interface ImportsOptions {
  /** Where uploaded files wait to be processed. */
  directory: string;
  /** Largest upload accepted, in bytes (413 above). */
  maxBytes: number;
  /**
   * Whether every replica sees `directory` (a shared volume). When it does not, a node only processes the files it
   * received itself.
   */
  sharedDirectory: boolean;
  /** This node's name in `stored_on`. */
  nodeId: string;
  /** How often an idle worker looks for queued imports. */
  pollIntervalMs: number;
  /** A claim without a heartbeat for this long is presumed dead and its import is queued again. */
  staleClaimMs: number;
  /** Claims of one import before it is FAILED (a file that crashes its worker must not loop forever). */
  maxAttempts: number;
  /** Imports processed at once by this node. */
  concurrency: number;
  /** Rows per ingestion call (and per progress update). */
  chunkSize: number;
}

const spec = {
  IMPORTS_DIR: { kind: 'string', description: 'directory for uploaded files', default: join(tmpdir(), 'meterline-imports') },
  IMPORTS_MAX_BYTES: { kind: 'int', description: 'largest file upload in bytes', default: String(2 * 1024 ** 3) },
  IMPORTS_DIR_SHARED: { kind: 'string', description: 'true when every replica sees IMPORTS_DIR', default: 'false' },
  IMPORTS_NODE_ID: { kind: 'string', description: 'name of this node for uploaded files', default: hostname() },
  IMPORTS_POLL_INTERVAL_MS: { kind: 'duration-ms', description: 'idle poll interval of the import worker', default: '1000' },
  IMPORTS_STALE_CLAIM_MS: { kind: 'duration-ms', description: 'time after which a silent import claim is taken back', default: '300000' },
  IMPORTS_MAX_ATTEMPTS: { kind: 'int', description: 'claims of one import before it fails', default: '5' },
  IMPORTS_CONCURRENCY: { kind: 'int', description: 'imports processed at once per node', default: '2' },
} as const;

export function importsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ImportsOptions {
  const config = loadConfig(spec, env);
  const problems: string[] = [];
  if (!['true', 'false'].includes(config.IMPORTS_DIR_SHARED))
    problems.push(`IMPORTS_DIR_SHARED must be true or false; got "${config.IMPORTS_DIR_SHARED}"`);
  if (config.IMPORTS_MAX_BYTES < 1) problems.push('IMPORTS_MAX_BYTES must be at least 1');
  if (config.IMPORTS_CONCURRENCY < 1) problems.push('IMPORTS_CONCURRENCY must be at least 1');
  if (config.IMPORTS_MAX_ATTEMPTS < 1) problems.push('IMPORTS_MAX_ATTEMPTS must be at least 1');
  if (config.IMPORTS_POLL_INTERVAL_MS < 1) problems.push('IMPORTS_POLL_INTERVAL_MS must be at least 1');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    directory: config.IMPORTS_DIR,
    maxBytes: config.IMPORTS_MAX_BYTES,
    sharedDirectory: config.IMPORTS_DIR_SHARED === 'true',
    nodeId: config.IMPORTS_NODE_ID,
    pollIntervalMs: config.IMPORTS_POLL_INTERVAL_MS,
    staleClaimMs: config.IMPORTS_STALE_CLAIM_MS,
    maxAttempts: config.IMPORTS_MAX_ATTEMPTS,
    concurrency: config.IMPORTS_CONCURRENCY,
    chunkSize: 5000,
  };
}
