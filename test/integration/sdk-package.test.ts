// The SDK as its own package (@switchboard/sdk): `npm pack` in lib/sdk, installed alone into an
// empty project (no registry: it has no dependencies), imported by name as an ES module and with
// require(), running a kill-switched chain against the started app.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall } from '../support/calls';
import { createFeature } from '../support/switches';
import { baseUrl, createTestKey } from '../support/system';

const sdkDir = path.resolve(import.meta.dirname, '../../lib/sdk');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sdk-package-'));
const consumer = path.join(work, 'app');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('@switchboard/sdk packed and installed alone', () => {
  let tarball: string;
  beforeAll(() => {
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], sdkDir)) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = path.join(work, packed[0].filename);
    expect(packed[0].files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cjs/index.js',
        'dist/openfeature/index.js',
      ]),
    );
    expect(packed[0].files.filter((f) => f.path.endsWith('.ts') && !f.path.endsWith('.d.ts'))).toEqual([]);
    fs.mkdirSync(consumer);
    fs.writeFileSync(
      path.join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    npm(['install', '--offline', tarball], consumer);
  }, 180_000);
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('installs nothing but itself', () => {
    const installed = fs.readdirSync(path.join(consumer, 'node_modules')).filter((d) => !d.startsWith('.'));
    expect(installed).toEqual(['@switchboard']);
    expect(fs.readdirSync(path.join(consumer, 'node_modules/@switchboard'))).toEqual(['sdk']);
  });

  it('runs a kill-switched chain against the app from an ES module, and loads with require()', async () => {
    const feature = await createFeature('sdk-package');
    const apiKey = await createTestKey(['ingest', 'switches:read'], 'sdk-package');
    const writeKey = await createTestKey(['switches:write'], 'sdk-package-oncall');
    const flip = await fetch(`${baseUrl()}/api/v1/switches/${feature}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ killed: true, reason: 'Provider outage' }),
    });
    expect(flip.status).toBe(200);
    fs.writeFileSync(
      path.join(consumer, 'chain.mjs'),
      `import { createSwitchboard, model, rule } from '@switchboard/sdk';
       const sb = createSwitchboard({ baseUrl: process.argv[2], apiKey: process.argv[3], logger: { warn() {} } });
       await sb.ready();
       const result = await sb.run(process.argv[4], [
         model('gpt-4o', async () => { throw new Error('a killed feature must not call its model'); }),
         rule('canned-reply', () => 'We are looking into it.'),
       ]);
       await sb.close();
       console.log(JSON.stringify({ route: result.route, value: result.value, id: result.id, sent: sb.stats().sent }));`,
    );
    const ran = JSON.parse(
      execFileSync(process.execPath, ['chain.mjs', baseUrl(), apiKey, feature], {
        cwd: consumer,
        encoding: 'utf8',
        timeout: 30_000,
      }),
    );
    expect(ran).toMatchObject({ route: 'killed', value: 'We are looking into it.', sent: 1 });
    expect(await (await getCall(await createTestKey(['read']), ran.id)).json()).toMatchObject({
      feature,
      route: 'killed',
    });

    fs.writeFileSync(
      path.join(consumer, 'check.cjs'),
      `const sdk = require('@switchboard/sdk');
       const { SwitchboardProvider } = require('@switchboard/sdk/openfeature');
       console.log(JSON.stringify({ createSwitchboard: typeof sdk.createSwitchboard, runChain: typeof sdk.runChain, provider: typeof SwitchboardProvider }));`,
    );
    expect(JSON.parse(execFileSync(process.execPath, ['check.cjs'], { cwd: consumer, encoding: 'utf8' }))).toEqual({
      createSwitchboard: 'function',
      runChain: 'function',
      provider: 'function',
    });
  });
});
