// The exec target: any program as the pipeline under test (a Python app, a script in any language),
// started once per case without a shell. The contract (docs/evals.md#the-exec-target): the case as
// one line of JSON on stdin, `{"name": …, "vars": {…}}`, then end of input; the answer as JSON on
// stdout, a string or `{"output": …, "costUsd"?: …}`; stderr is the program's own log. A non-zero
// exit, a signal, stdout that is not JSON or larger than 1 MiB, or the timeout fail the case.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EvalConfigError, TargetError } from '../errors';
import type { EvalCase, TargetSpec } from '../types';
import { abortMessage, answerOf, type Target, type TargetCall } from './target';

type ExecSpec = Extract<TargetSpec, { kind: 'exec' }>;

export interface ExecTargetOptions {
  /** The environment the program inherits; the target's `env` is added on top. */
  env: Record<string, string | undefined>;
  /** How long a stopped program has between SIGTERM and SIGKILL. Default 2000 ms. */
  killGraceMs?: number;
  /** The most a program may write to stdout for one case. Default 1 MiB. */
  maxStdoutBytes?: number;
}

const STDERR_KEPT = 16_384;
const STDERR_LINES = 5;
/** Files the command names are hashed into the cache key up to this size, larger ones by size and time. */
const HASHED_FILE_BYTES = 5 * 1024 * 1024;

/** What the program reads on stdin. The expected output stays out: the program must not see it. */
export const execInput = (evalCase: EvalCase) => ({ name: evalCase.name, vars: evalCase.vars });

export async function createExecTarget(spec: ExecSpec, evalFile: string, options: ExecTargetOptions): Promise<Target> {
  const cwd = path.resolve(path.dirname(evalFile), spec.cwd ?? '.');
  if (!(await fs.stat(cwd).catch(() => null))?.isDirectory())
    throw new EvalConfigError(`The exec target's cwd ${spec.cwd} (${cwd}) is not a folder.`);
  const run = {
    spec,
    cwd,
    shown: spec.command.map((w) => (/[\s"']/.test(w) ? JSON.stringify(w) : w)).join(' '),
    options,
  };
  return {
    // The files the command names (app.py) are part of its identity: editing them asks again.
    identity: { ...spec, files: await fileVersions(spec.command, cwd) },
    render: execInput,
    call: (input, signal) => runOnce(run, input, signal),
  };
}

interface ExecRun {
  spec: ExecSpec;
  cwd: string;
  /** The command as messages show it. */
  shown: string;
  options: ExecTargetOptions;
}

function runOnce({ spec, cwd, shown, options }: ExecRun, input: unknown, signal: AbortSignal): Promise<TargetCall> {
  return new Promise((resolve, reject) => {
    const aborted = abortMessage(signal);
    if (aborted) return reject(new TargetError(`${shown} ${aborted}`, false));
    const maxStdout = options.maxStdoutBytes ?? 1024 * 1024;
    const started = performance.now();
    const env = { ...options.env, ...spec.env } as NodeJS.ProcessEnv;
    // Its own process group, so that a timeout also stops what it started (uv run, poetry run, sh -c).
    const child = spawn(spec.command[0], spec.command.slice(1), {
      cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let stopped: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const stop = (why: string) => {
      stopped ??= why;
      signalGroup(child, 'SIGTERM');
      killTimer ??= setTimeout(() => signalGroup(child, 'SIGKILL'), options.killGraceMs ?? 2000);
    };
    const onAbort = () => stop(abortMessage(signal) ?? 'aborted');
    const settle = (error: TargetError | null, call?: TargetCall) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(call!);
    };
    signal.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) stop(`wrote more than ${maxStdout.toLocaleString('en')} bytes to stdout`);
      else stdout.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_KEPT)));
    // A program that exits without reading its input closes the pipe: not an error of ours.
    child.stdin.on('error', () => {});
    child.on('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'ENOENT' ? `${spec.command[0]} was not found (in ${cwd}, or on PATH)` : err.message;
      settle(new TargetError(`Cannot run ${shown}: ${why}`, false));
    });
    child.on('close', (code, killedBy) => {
      const latencyMs = Math.round(performance.now() - started);
      if (stopped) return settle(new TargetError(`${shown} ${stopped}`, false));
      if (killedBy) return settle(new TargetError(`${shown} was killed by ${killedBy}${stderrTail(stderr)}`, false));
      if (code !== 0) return settle(new TargetError(`${shown} exited with code ${code}${stderrTail(stderr)}`, false));
      try {
        settle(null, { ...readAnswer(Buffer.concat(stdout).toString('utf8'), shown), latencyMs });
      } catch (err) {
        settle(err as TargetError);
      }
    });
    child.stdin.end(`${JSON.stringify(input)}\n`);
  });
}

/** The whole group, even after the program itself exited: what it started may still hold stdout open. */
function signalGroup(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** ": <last line>" then the last lines of stderr: a Python traceback ends with the exception. */
function stderrTail(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length) return ' (nothing on stderr)';
  const last = lines.slice(-STDERR_LINES);
  return `: ${last.at(-1)!.trim().slice(0, 500)}${last.length > 1 ? `\nstderr (last ${last.length} lines):\n${last.join('\n').slice(-2000)}` : ''}`;
}

function readAnswer(text: string, shown: string): { output: string; costUsd: number | null } {
  const trimmed = text.trim();
  const contract = 'it must write the answer as JSON: a string or {"output": …, "costUsd"?: …} (logs go to stderr)';
  if (!trimmed) throw new TargetError(`${shown} wrote nothing to stdout; ${contract}.`, false);
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    const start = trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed;
    throw new TargetError(
      `${shown} did not write JSON to stdout (it wrote ${JSON.stringify(start)}); ${contract}.`,
      false,
    );
  }
  const answer = answerOf(value);
  if (!answer)
    throw new TargetError(
      `${shown} wrote ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object without "output"' : `a ${typeof value}`} to stdout; ${contract}.`,
      false,
    );
  return answer;
}

/** A fingerprint of each word of the command that names a file (the script, a config). */
async function fileVersions(command: string[], cwd: string): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const word of command) {
    const file = path.resolve(cwd, word);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) continue;
    versions[word] =
      stat.size <= HASHED_FILE_BYTES
        ? createHash('sha256')
            .update(await fs.readFile(file))
            .digest('hex')
        : `${stat.size}:${stat.mtimeMs}`;
  }
  return versions;
}
