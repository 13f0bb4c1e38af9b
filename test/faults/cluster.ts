import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/*
 * Throwaway servers for the fault suite: its own PostgreSQL cluster, Redis and app processes, on spare ports,
 * so that killing and restarting them never touches the shared servers other test runs use. Every process
 * here is started by this file and stopped by its pid; `stopAll()` cleans up, also after a failure.
 */

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20000) {
  const started = Date.now();
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function pgBin(tool: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return `/usr/lib/postgresql/${versions[versions.length - 1]}/bin/${tool}`;
}

/** initdb refuses to run as root: then the cluster belongs to the `postgres` system user. */
function asPostgresUser(args: string[]): void {
  const root = process.getuid?.() === 0;
  if (root) {
    const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'ignore' });
  } else {
    execFileSync(args[0], args.slice(1), { stdio: 'ignore' });
  }
}

export class Postgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'academy-faults-pg-'));
  port = 0;
  private started = false;

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/academy_faults`;
  }

  async init(): Promise<void> {
    this.port = await freePort();
    if (process.getuid?.() === 0)
      chownSync(this.dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
    asPostgresUser([
      pgBin('initdb'),
      '-D',
      `${this.dir}/data`,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    writeFileSync(`${this.dir}/port`, String(this.port));
    await this.start();
  }

  private ctl(...args: string[]): void {
    asPostgresUser([
      pgBin('pg_ctl'),
      '-D',
      `${this.dir}/data`,
      '-l',
      `${this.dir}/log`,
      '-w',
      '-t',
      '30',
      ...args,
    ]);
  }

  private options(): string {
    // fsync off: a throwaway cluster; a "fast" restart still drops every connection, which is the fault.
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  }

  async start(): Promise<void> {
    this.ctl('-o', this.options(), 'start');
    this.started = true;
    await until('PostgreSQL to accept connections', () => this.ping(), 20000);
  }

  /** `pg_ctl stop -m fast`: every session is terminated; returns once the server is down. */
  stop(): void {
    this.ctl('-m', 'fast', 'stop');
    this.started = false;
  }

  async ping(): Promise<boolean> {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${this.port}/postgres` });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  destroy(): void {
    try {
      if (this.started) this.stop();
    } catch {
      // already down
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RedisServer {
  port = 0;
  private child?: ChildProcess;

  async start(): Promise<void> {
    this.port ||= await freePort();
    // No persistence: a SIGKILL loses everything Redis held (the harsh case for the queue).
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = () => {
      const redis = new Redis(this.port, '127.0.0.1', {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      redis.on('error', () => undefined);
      return redis.connect().then(
        () => (redis.disconnect(), true),
        () => (redis.disconnect(), false),
      );
    };
    await until('redis-server to start', probe, 10000);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }
}

/** `node dist/src/main.js` or `node dist/src/worker.js` with the given environment; output kept for failures. */
export class AppProcess {
  private child?: ChildProcess;
  output = '';

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(ready: () => Promise<boolean>): Promise<void> {
    const child = spawn('node', [this.script], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    await until(
      `${this.name} to start`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited: ${this.output}`);
        return ready();
      },
      30000,
    );
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await Promise.race([exited, sleep(10000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.child = undefined;
  }
}
