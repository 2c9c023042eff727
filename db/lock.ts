// PGlite has no lock across processes: two processes on one data folder silently lose writes.
// A lock file holding the owner's pid makes the second opener fail loudly instead.
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly command: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (${command}). ` +
        'Only one process may open it: stop that process first, or set DATABASE_URL to use a Postgres server.',
    );
    this.name = 'DataDirLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeProcess(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || 'unknown command';
  } catch {
    return 'unknown command';
  }
}

/** Takes the lock on `dataDir` for this process; returns a function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'switchboard.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid === process.pid) return () => {};
      if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid)) {
        throw new DataDirLockedError(dataDir, pid, describeProcess(pid));
      }
      fs.rmSync(lockPath, { force: true }); // left by a process that died: take it over
    }
  }
  throw new Error(`Could not take the lock on ${lockPath}`);
}
