/**
 * action.yml says `runs.using: node24`; this machine and CI run Node 20 (INTERFACE v2.1, decision 21).
 * The end-to-end tests of dist/ and the @google/genai 3.3 conformance test (it declares Node >= 22)
 * run here a second time under Node 24, from the npm package `node@24` (a devDependency whose binary
 * comes from the registry): vitest itself is started with that binary, so every dist/ child process
 * (spawned with process.execPath) and the genai client run on Node 24.
 *
 * scripts/keep-system-node.mjs keeps that binary off node_modules/.bin, so the rest of the suite runs
 * on the machine's Node.
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, workspaceTempDir } from '../helpers/runner-env.js';

const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** The files that run the bundle as the runner does (the demo runs the sources through tsx), and the genai conformance test. */
const FILES = [
  ...readdirSync(join(ROOT, 'test', 'e2e'))
    .filter((f) => f.endsWith('.test.ts') && f !== 'node24.test.ts' && f !== 'demo.test.ts')
    .map((f) => `test/e2e/${f}`),
  'test/conformance/vertex-genai.test.ts',
];

interface FileResult {
  name: string;
  status: string;
  assertionResults: { status: string; fullName: string; failureMessages: string[] }[];
}

describe('Node 24 (runs.using: node24)', () => {
  it('the node@24 devDependency is installed, and is not the node that npm scripts and npx find first', () => {
    expect(existsSync(NODE24), 'run npm ci: node_modules/node/bin/node is missing').toBe(true);
    const version = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version).toMatch(/^v24\./);
    expect(existsSync(join(ROOT, 'node_modules', '.bin', 'node'))).toBe(false);
    expect(process.versions.node.split('.')[0]).not.toBe('24'); // this suite runs on the machine's Node
  });

  it('the end-to-end tests of dist/ and the @google/genai conformance test pass under Node 24', async () => {
    const out = join(workspaceTempDir('node24-'), 'results.json');
    const child = spawn(NODE24, [VITEST, 'run', ...FILES, '--reporter=json', `--outputFile=${out}`, '--maxWorkers=4'], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    child.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(existsSync(out), `vitest under Node 24 wrote no results:\n${log}`).toBe(true);
    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: FileResult[];
    };
    rmSync(out, { force: true });
    const failures = results.testResults.flatMap((f) =>
      f.assertionResults
        .filter((a) => a.status === 'failed')
        .map((a) => `${a.fullName}: ${a.failureMessages.join('\n').slice(0, 2000)}`),
    );
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(code, log).toBe(0);
    // Every file ran, and ran tests (a file that fails to load has no assertion results).
    expect(results.testResults.map((f) => f.name.slice(ROOT.length + 1)).sort()).toEqual([...FILES].sort());
    for (const f of results.testResults) expect(f.assertionResults.length, f.name).toBeGreaterThan(0);
    expect(results.numFailedTests).toBe(0);
  }, 300_000);
});
