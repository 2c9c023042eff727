// The target of an eval set, ready to call: an OpenAI-compatible endpoint or the team's own module.
import type { EvalSet } from '../types';
import { createHttpTarget, type HttpTargetOptions } from './http';
import { loadModuleTarget } from './module';
import type { Target } from './target';

export type { Target, TargetCall } from './target';

export async function createTarget(set: EvalSet, options: HttpTargetOptions): Promise<Target> {
  return set.target.kind === 'http' ? createHttpTarget(set.target, options) : loadModuleTarget(set.target, set.file);
}
