// Starts the built app with lib/server/serve.mjs (what `npm start` runs after its build check) in
// a child process and waits until it is healthy.
import { spawn } from 'node:child_process';
import { freePort } from './ports';

export const TEST_AUTH_SECRET = 'test-secret-test-secret-test-secret';

export interface AppServer {
  url: string;
  /** The server process, for tests that watch its memory through /proc. */
  pid: number;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `switchboard` runs lib/server/serve.mjs, as `npm start` does; `next` runs plain `next start`,
 * without the server's switch lane (lib/server/switch-lane.ts), for benchmarks that compare the two.
 */
export type AppServerKind = 'switchboard' | 'next';

export async function startAppServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  kind: AppServerKind = 'switchboard',
): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const command = kind === 'next' ? ['node_modules/next/dist/bin/next', 'start'] : ['lib/server/serve.mjs'];
  const child = spawn(process.execPath, [...command, '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SWITCHBOARD_DEMO: '0',
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: TEST_AUTH_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const server: AppServer = {
    url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`The app did not become healthy within 60 s:\n${output}`);
}
