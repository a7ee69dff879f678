/**
 * Issue 18: on Node 20, `npm ci` warns (EBADENGINE) for each locked package whose `engines.node`
 * leaves Node 20 out. The README's Development section lists every one of them in a table, and
 * only them: this test reads the lockfile, so a dependency update that adds or removes one fails
 * here until the README says so.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/runner-env.js';

const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('- **Node.**'), readme.indexOf('- **`dist/` is committed**'));

/** Package name → the Node range it declares, for those that leave Node 20 out. */
function warnedOnNode20(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const range = !Array.isArray(pkg.engines) ? pkg.engines?.node : undefined;
    if (!range || semver.satisfies('20.19.0', range)) continue;
    found.set(
      path === '' ? 'gemini-tune' : path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      range,
    );
  }
  return found;
}

/** The README table's rows: package → declared range. */
function listed(): Map<string, string> {
  const rows = [...section.matchAll(/^\s*\| `([^`]+)`\s*\| `(.+?)`\s*\|/gm)];
  return new Map(rows.map((m) => [m[1]!, m[2]!.replaceAll('\\|', '|')]));
}

describe('the engine warnings on Node 20', () => {
  it('the README lists each package the lockfile warns about, with its range, and no other', () => {
    const warned = warnedOnNode20();
    expect(warned.size).toBeGreaterThan(0);
    expect(Object.fromEntries(listed())).toEqual(Object.fromEntries(warned));
  });
});
