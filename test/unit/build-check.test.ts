import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNeeded } from '@/lib/cli/build-check';

describe('whether `switchboard start` must build first', () => {
  let root: string;
  const write = (file: string, mtimeSeconds: number) => {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, 'x');
    fs.utimesSync(full, mtimeSeconds, mtimeSeconds);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-build-check-'));
    write('app/page.tsx', 1000);
    write('lib/deep/nested/logic.ts', 1000);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build', () => {
    expect(buildNeeded(root)).toBe('there is no production build yet');
  });

  it('does not build when the build is newer than every source', () => {
    write('.next/BUILD_ID', 2000);
    expect(buildNeeded(root)).toBeNull();
  });

  it('rebuilds when a nested source file or a config file changed after the build', () => {
    write('.next/BUILD_ID', 2000);
    write('lib/deep/nested/logic.ts', 3000);
    expect(buildNeeded(root)).toBe('sources changed since the last build');
    write('lib/deep/nested/logic.ts', 1000);
    write('next.config.ts', 3000);
    expect(buildNeeded(root)).toBe('sources changed since the last build');
  });

  it('ignores what the build does not read: migrations, the CLI, node_modules', () => {
    write('.next/BUILD_ID', 2000);
    write('db/migrations/0009_new.sql', 3000);
    write('lib/cli/main.ts', 3000);
    write('lib/node_modules/x/index.js', 3000);
    expect(buildNeeded(root)).toBeNull();
  });
});
