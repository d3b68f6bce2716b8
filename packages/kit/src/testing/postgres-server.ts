import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isListening, waitFor } from './environment';
import { freePort } from './nats-server';

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'postgres')));
  if (!found) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin');
  return found;
}

/** As root, Postgres refuses to run: the server then runs as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

/**
 * A PostgreSQL server of the test's own (the machine's binaries) on a free port, with trust auth and a temporary data
 * directory, that the test can stop and start again (same port, same data) to prove what happens while the database
 * is down. `pause()` is a fast shutdown: clients see 57P01 and then connection refused, as in a restart.
 */
export class OwnPostgresServer {
  private process?: ChildProcess;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'meterline-pg-'));
  private readonly bin = postgresBinDir();
  private readonly user = serverUser();

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnPostgresServer> {
    const server = new OwnPostgresServer(await freePort());
    if (server.user) chownSync(server.dataDir, server.user.uid, server.user.gid);
    execFileSync(join(server.bin, 'initdb'), ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], {
      stdio: 'ignore',
      ...server.user,
    });
    await server.resume();
    return server;
  }

  /** A connection string to `database` on this server (create it with ensureDatabase). */
  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async resume(): Promise<void> {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) return;
    const args = ['-D', this.dataDir, '-p', String(this.port), '-k', this.dataDir, '-c', 'listen_addresses=127.0.0.1'];
    args.push('-c', 'fsync=off', '-c', 'max_connections=200', '-c', 'shared_buffers=32MB');
    this.process = spawn(join(this.bin, 'postgres'), args, { stdio: 'ignore', ...this.user });
    await waitFor(() => isListening('127.0.0.1', this.port), `postgres on port ${this.port}`, 30_000);
  }

  /** Stops the server (fast shutdown: open sessions are terminated) and waits until it is gone. */
  async pause(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    this.process = undefined;
  }

  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
