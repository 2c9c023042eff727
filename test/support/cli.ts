// Runs the real CLI (`node lib/cli/bin.mjs …`) against the test database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `cwd`: where the user runs it (the CLI resolves their relative paths from there). */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('lib/cli/bin.mjs'), ...args], {
      cwd: options.cwd,
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), SWITCHBOARD_PASSWORD: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
