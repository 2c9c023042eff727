// The Python that the exec-target and JUnit-import tests run: Debian's python3 with python3-pytest,
// which .ci/run installs (SWITCHBOARD_TEST_PYTHON names another interpreter). Without it the tests
// fail with what to install; they never skip.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';

export const PYTHON = process.env.SWITCHBOARD_TEST_PYTHON || '/usr/bin/python3';
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
/** No __pycache__ or .pytest_cache left in the fixtures. */
const QUIET_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };

export function requirePython({ pytest = false } = {}): void {
  try {
    execFileSync(PYTHON, ['-c', pytest ? 'import json, pytest' : 'import json'], { stdio: 'pipe', env: QUIET_ENV });
  } catch (err) {
    throw new Error(
      `These tests run ${PYTHON}${pytest ? ' with pytest' : ''}, which failed (${(err as Error).message.split('\n')[0]}). ` +
        "Install Debian's python3 and python3-pytest (apt-get install -y python3 python3-pytest, as .ci/run does), or set SWITCHBOARD_TEST_PYTHON.",
    );
  }
}

/** `python -m pytest <file> --junitxml=<xml>`: answers pytest's exit code (1 when tests failed) and its output. */
export function runPytest(testFile: string, xml: string): Promise<{ code: number; output: string }> {
  const args = [
    '-m',
    'pytest',
    '-q',
    '-p',
    'no:cacheprovider',
    `--rootdir=${path.dirname(testFile)}`,
    `--junitxml=${xml}`,
    testFile,
  ];
  return new Promise((resolve) => {
    execFile(PYTHON, args, { env: QUIET_ENV, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as { code?: unknown }).code === 'number'
          ? (err as { code: number }).code
          : -1
        : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
