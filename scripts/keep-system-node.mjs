// Runs after `npm ci` / `npm install`. The devDependency `node@24` (the Node 24 the end-to-end tests of
// dist/ also run under, see test/e2e/node24.test.ts) links itself as node_modules/.bin/node, and npm puts
// that folder first on PATH for every script and npx: `npm test` would then run the whole suite on
// Node 24 instead of the machine's Node. Remove that one link; the binary stays at
// node_modules/node/bin/node for the tests that ask for it.
import { lstatSync, readlinkSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const bin = resolve('node_modules', '.bin');
for (const name of ['node', 'node.cmd', 'node.ps1']) {
  const link = join(bin, name);
  let stat;
  try {
    stat = lstatSync(link);
  } catch {
    continue; // not there: nothing to do
  }
  // Only the link npm made for the node package; never a file someone put there on purpose.
  const target = stat.isSymbolicLink() ? readlinkSync(link) : '';
  if (stat.isSymbolicLink() ? /(^|[\\/])node[\\/]bin[\\/]node$/.test(target) : name !== 'node') {
    rmSync(link, { force: true });
    console.log(
      `keep-system-node: removed ${join('node_modules', '.bin', name)}: npm scripts and npx use the system node`,
    );
  }
}
