// A private Postgres cluster for the reliability suite: initdb into a temporary folder, a free
// port, trust authentication, its socket in that folder. The suite restarts it and saturates it,
// which it must never do to the machine's shared server at 127.0.0.1:5432. Postgres refuses to
// run as root, so under root the cluster belongs to the `postgres` OS user (runuser).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from '../../support/ports';

export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:port/postgres */
  adminUrl: string;
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl restart` by hand: stop -m fast, `downMs` without a server, start; answers how long the server was unreachable. */
  restart(downMs: number): Promise<{ downMs: number }>;
  /** Stops the server: `immediate` is a crash (no shutdown checkpoint), as when the machine dies. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /**
   * A hot standby of this cluster (`pg_basebackup -R`, streaming replication) on a port of its
   * own; with `synchronous`, this server's commits wait until the standby has flushed them.
   */
  startStandby(options?: { synchronous?: boolean }): Promise<PrivatePostgres>;
  /** Promotes a standby to a primary (`pg_ctl promote`) and waits until it takes writes. */
  promote(): Promise<void>;
  /** Stops the server and removes its folder; safe to call twice. */
  destroy(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    : [];
  if (versions.length === 0)
    throw new Error(`No Postgres binaries under ${root}/*/bin (install the postgresql package).`);
  versions.sort((a, b) => Number(b) - Number(a));
  return path.join(root, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;

const asOwner = (bin: string, args: string[]): [string, string[]] =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];

/** Runs a Postgres binary as the user that owns the cluster, without blocking the event loop (the SDK clients share it). */
async function run(bin: string, args: string[]): Promise<void> {
  await promisify(execFile)(...asOwner(bin, args));
}

export function startPrivatePostgres(): Promise<PrivatePostgres> {
  return startCluster((bin, data) =>
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']),
  );
}

/** A cluster whose data folder `makeData` fills (initdb, or a base backup of another cluster). */
async function startCluster(makeData: (bin: string, data: string) => Promise<void>): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-reliability-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const port = await freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  let destroyed = false;

  const start = () =>
    run(pgCtl, [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      'start',
    ]);
  const stop = (mode: 'fast' | 'immediate') => run(pgCtl, ['-D', data, '-w', '-t', '30', '-m', mode, 'stop']);
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    process.off('exit', destroy);
    // Synchronous, so that it also runs from the 'exit' hook of a crashed run.
    spawnSync(...asOwner(pgCtl, ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', destroy);

  try {
    await makeData(bin, data);
    await start();
  } catch (err) {
    const output = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2_000) : '';
    destroy();
    throw new Error(`The private Postgres did not start: ${(err as Error).message}\n${output}`);
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;

  return {
    port,
    adminUrl,
    async createDatabase(name) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      await admin.end();
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart(downMs) {
      const began = performance.now();
      await stop('fast');
      await new Promise((r) => setTimeout(r, downMs));
      await start();
      return { downMs: performance.now() - began };
    },
    stop,
    async startStandby(options = {}) {
      const standby = await startCluster((standbyBin, standbyData) =>
        run(path.join(standbyBin, 'pg_basebackup'), [
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'postgres',
          '-D',
          standbyData,
          '-R',
          '-X',
          'stream',
          '--checkpoint=fast',
          '--no-sync',
        ]),
      );
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        if (options.synchronous) {
          await admin.unsafe(`alter system set synchronous_standby_names = '*'`);
          await admin`select pg_reload_conf()`;
        }
        // Streaming (and, when asked, synchronous) before anyone relies on the standby.
        const wanted = options.synchronous ? 'sync' : 'async';
        for (let i = 0; ; i++) {
          const [row] = await admin`select sync_state from pg_stat_replication where state = 'streaming'`;
          if (row?.sync_state === wanted) break;
          if (i > 300) throw new Error(`the standby is not streaming (${wanted}) after 30 s`);
          await new Promise((r) => setTimeout(r, 100));
        }
      } catch (err) {
        standby.destroy();
        throw err;
      } finally {
        await admin.end();
      }
      return standby;
    },
    async promote() {
      await run(pgCtl, ['-D', data, '-w', '-t', '30', 'promote']);
    },
    destroy,
  };
}
