// The commit and branch a run was made from: git itself, else the CI's variables (a CI checkout
// is often a detached HEAD, where git knows the commit but not the branch).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd, timeout: 5000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function gitInfo(
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ commit?: string; branch?: string }> {
  const [commit, branch] = await Promise.all([
    git(cwd, ['rev-parse', 'HEAD']),
    git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']),
  ]);
  return {
    commit: commit ?? env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? undefined,
    branch:
      (branch && branch !== 'HEAD' ? branch : undefined) ?? env.GITHUB_REF_NAME ?? env.CI_COMMIT_REF_NAME ?? undefined,
  };
}
