// Debian's pgbouncer in front of a test Postgres, in transaction mode: what a company runs in front
// of its primary once many app instances share it (docs/scaling.md). Its own folder, a free port,
// trust authentication; like Postgres it refuses to run as root, so under root it runs as the
// `postgres` OS user.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/ports';

export interface PgBouncer {
  port: number;
  /** `url` (a database on the target server) with its host and port pointed at pgbouncer. */
  urlFor(url: string): string;
  /** pgbouncer's log so far (connections, errors). */
  log(): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** The server pgbouncer connects to. */
  target: { host: string; port: number };
  /** Server connections per database and user (pgbouncer's default_pool_size). */
  poolSize?: number;
}

const BINARY = '/usr/sbin/pgbouncer';

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  if (!fs.existsSync(BINARY))
    throw new Error(`${BINARY} is missing: install Debian's pgbouncer package (.ci/run does).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-pgbouncer-'));
  const port = await freePort();
  const logFile = path.join(dir, 'pgbouncer.log');
  const pidFile = path.join(dir, 'pgbouncer.pid');
  fs.writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n');
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${options.target.host} port=${options.target.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 1000',
      `default_pool_size = ${options.poolSize ?? 20}`,
      // A server connection that broke (a failover) is replaced on the next transaction.
      'server_login_retry = 1',
      `logfile = ${logFile}`,
      `pidfile = ${pidFile}`,
      'admin_users = postgres',
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const args = [path.join(dir, 'pgbouncer.ini')];
  const child: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', BINARY, ...args], { stdio: 'ignore' })
    : spawn(BINARY, args, { stdio: 'ignore' });
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    // SIGTERM: shut down at once (SIGINT would wait for clients). To pgbouncer itself, not only to runuser.
    if (child.exitCode === null) {
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : NaN;
      if (Number.isInteger(pid)) process.kill(pid, 'SIGTERM');
      child.kill('SIGTERM');
    }
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));

  try {
    await waitForPort(port, child, 10_000);
  } catch (err) {
    const output = log().slice(-2_000);
    await stop();
    throw new Error(`pgbouncer did not start: ${(err as Error).message}\n${output}`);
  }
  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    log,
    stop,
  };
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (performance.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
