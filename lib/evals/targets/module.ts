// The module target: a team's own pipeline (fallbacks included) as a .js/.mjs/.ts file next to the
// eval file, exporting `async (vars) => string | { output, costUsd? }` as `default` (or a named
// export). The CLI runs under tsx, so TypeScript files load as they are.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EvalConfigError, isRetryableStatus, TargetError } from '../errors';
import type { EvalCase, TargetSpec } from '../types';
import { abortMessage, answerOf, type Target, type TargetCall } from './target';

type ModuleSpec = Extract<TargetSpec, { kind: 'module' }>;
type TargetFunction = (vars: Record<string, unknown>, options: { signal: AbortSignal }) => unknown;

export async function loadModuleTarget(spec: ModuleSpec, evalFile: string): Promise<Target> {
  const file = path.resolve(path.dirname(evalFile), spec.path);
  let source: Buffer;
  let loaded: Record<string, unknown>;
  try {
    source = await fs.readFile(file);
    loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new EvalConfigError(`Cannot load the target module ${spec.path} (${file}): ${(err as Error).message}`);
  }
  const name = spec.exportName ?? 'default';
  const fn = findExport(loaded, name) ?? (spec.exportName ? undefined : findExport(loaded, 'run'));
  if (!fn)
    throw new EvalConfigError(
      `The target module ${spec.path} has no function export "${name}"${spec.exportName ? '' : ' (nor "run")'}.`,
    );

  return {
    // The module's source is part of its identity: editing the pipeline asks it again.
    identity: { ...spec, source: createHash('sha256').update(source).digest('hex') },
    render: (evalCase: EvalCase) => evalCase.vars,
    async call(input, signal): Promise<TargetCall> {
      const started = performance.now();
      let value: unknown;
      try {
        value = await untilAborted(Promise.resolve(fn(input as Record<string, unknown>, { signal })), signal);
      } catch (err) {
        throw asTargetError(err, spec.path, signal);
      }
      const latencyMs = Math.round(performance.now() - started);
      return { ...readAnswer(value, spec.path), latencyMs };
    },
  };
}

/** A module that ignores the signal still times out: the case stops waiting for it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The export by name, also through the `default` wrapper a CommonJS-compiled module gets. */
function findExport(loaded: Record<string, unknown>, name: string): TargetFunction | undefined {
  const wrapped = loaded.default as Record<string, unknown> | undefined;
  const candidates = name === 'default' ? [loaded.default, wrapped?.default] : [loaded[name], wrapped?.[name]];
  return candidates.find((c): c is TargetFunction => typeof c === 'function');
}

function readAnswer(value: unknown, file: string): { output: string; costUsd: number | null } {
  const answer = answerOf(value);
  if (answer) return answer;
  throw new TargetError(
    `${file} returned ${value === null ? 'null' : typeof value}; it must return a string or { output, costUsd? }.`,
    false,
  );
}

/** SDK errors carry an HTTP status (and headers): a provider's 429 inside the pipeline is retried too. */
function asTargetError(err: unknown, file: string, signal: AbortSignal): TargetError {
  const aborted = abortMessage(signal);
  if (aborted) return new TargetError(`${file} ${aborted}`, false);
  const e = err as { message?: string; status?: unknown; headers?: unknown };
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const headers = e?.headers as { get?: (n: string) => string | null } | Record<string, string> | undefined;
  const retryAfter =
    typeof headers?.get === 'function'
      ? headers.get('retry-after')
      : ((headers as Record<string, string> | undefined)?.['retry-after'] ?? null);
  return new TargetError(
    `${file} threw: ${e?.message ?? String(err)}`,
    status !== undefined && isRetryableStatus(status),
    status,
    retryAfter,
  );
}
