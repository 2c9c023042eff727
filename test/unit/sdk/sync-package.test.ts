// The SDK as another application gets it: built to plain JavaScript, installed as a dependency
// (a symlink, as `npm install <folder>` makes), imported by package name from an ES module.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sdk-consumer-'));

describe('switchboard/sdk as a dependency', () => {
  afterAll(() => fs.rmSync(consumer, { recursive: true, force: true }));

  it('builds and imports from plain Node by package name', () => {
    execFileSync(process.execPath, [path.join(root, 'lib/sdk/build.mjs')], { stdio: 'pipe' });
    fs.writeFileSync(
      path.join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    fs.mkdirSync(path.join(consumer, 'node_modules'));
    fs.symlinkSync(root, path.join(consumer, 'node_modules', 'switchboard'), 'dir');
    fs.writeFileSync(
      path.join(consumer, 'check.mjs'),
      `import { createSwitchboard } from 'switchboard/sdk';
       import { SwitchboardProvider } from 'switchboard/sdk/openfeature';
       const sb = createSwitchboard({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', logger: { warn() {} } });
       const provider = new SwitchboardProvider(sb);
       let deep = 'allowed';
       try { await import('switchboard/lib/env.ts'); } catch (e) { deep = e.code; }
       console.log(JSON.stringify({ killed: sb.isKilled('x'), stale: sb.switches.stale, name: provider.metadata.name, deep }));
       await sb.close();`,
    );
    const out = execFileSync(process.execPath, ['check.mjs'], { cwd: consumer, encoding: 'utf8', timeout: 10_000 });
    expect(JSON.parse(out)).toEqual({
      killed: false,
      stale: true,
      name: 'switchboard',
      deep: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
    expect(fs.existsSync(path.join(root, 'lib/sdk/dist/index.d.ts'))).toBe(true);
  }, 60_000);
});
