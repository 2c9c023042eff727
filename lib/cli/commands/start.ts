import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { env } from '@/lib/env';
import { buildNeeded } from '../build-check';
import { defineCommand } from '../command';

/** Runs a Node script in the foreground; Ctrl-C and SIGTERM go to it. Resolves to its exit code. */
function runNode(args: string[], childEnv: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: childEnv });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
    });
  });
}

export const start = defineCommand({
  path: ['start'],
  summary: 'Builds the app when needed, then serves it (what `npm start` runs).',
  usage: '[--port P] [--hostname H]',
  help: [
    'Builds with `next build` when there is no build yet or a source file is newer than it, then serves it with lib/server/serve.mjs.',
    'Without DATABASE_URL it uses the embedded database in SWITCHBOARD_DATA_DIR (.data); migrations apply on start.',
  ],
  options: {
    port: { type: 'string', short: 'p', value: 'P', description: 'The port to listen on (default: PORT or 3000).' },
    hostname: { type: 'string', short: 'H', value: 'H', description: 'The address to listen on (default: all).' },
  },
  schema: z.object({
    port: z.coerce
      .number({ message: 'Must be a port number.' })
      .int()
      .min(1, 'Must be 1–65535.')
      .max(65535, 'Must be 1–65535.')
      .optional(),
    hostname: z.string().min(1).optional(),
  }),
  async run(input, { projectRoot }) {
    const port = input.port ?? env.PORT;
    // The child gets this process's whole environment (that is what it is configured by), plus
    // the public URL that next-auth needs when none is configured, and Next's anonymous telemetry
    // off unless asked for: a self-hosted dashboard sends nothing home.
    const childEnv = {
      ...process.env,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1',
    };
    const reason = buildNeeded(projectRoot);
    if (reason) {
      console.log(`Building Switchboard first (${reason}); this takes a minute or two…`);
      const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
      const code = await runNode([nextBin, 'build'], { ...childEnv, NODE_ENV: 'production' });
      if (code !== 0) {
        console.error(`switchboard: the build failed (exit code ${code}); see the output above.`);
        return 1;
      }
    }
    console.log(`Starting Switchboard on ${childEnv.NEXTAUTH_URL}…`);
    const server = path.join(projectRoot, 'lib', 'server', 'serve.mjs');
    return runNode(
      [server, '--port', String(port), ...(input.hostname ? ['--hostname', input.hostname] : [])],
      childEnv,
    );
  },
});
