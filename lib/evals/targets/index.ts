// The target of an eval set, ready to call: an OpenAI-compatible endpoint, the team's own module,
// or a program in any language (exec).
import type { EvalSet } from '../types';
import { createExecTarget } from './exec';
import { createHttpTarget, type HttpTargetOptions } from './http';
import { loadModuleTarget } from './module';
import type { Target } from './target';

export type { Target, TargetCall } from './target';

export async function createTarget(set: EvalSet, options: HttpTargetOptions): Promise<Target> {
  switch (set.target.kind) {
    case 'http':
      return createHttpTarget(set.target, options);
    case 'module':
      return loadModuleTarget(set.target, set.file);
    case 'exec':
      return createExecTarget(set.target, set.file, { env: options.env });
  }
}
