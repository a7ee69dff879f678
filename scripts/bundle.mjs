#!/usr/bin/env node
// Builds the action's committed bundles and their third-party license list.
//
//   node scripts/bundle.mjs                 src/main.ts -> dist/main/, src/post.ts -> dist/post/,
//                                           src/dataset/analysis/worker.ts -> dist/dataset-worker/, dist/licenses.txt
//   node scripts/bundle.mjs --out DIR [name=entry ...]   same, into another directory (for experiments)
//
// ncc writes ESM (index.js + dist/*/package.json {"type":"module"}), lazy-loaded chunks for every dynamic
// import() (N.index.js, loaded relative to index.js) and a source map per file. No source-map-register shim
// is emitted: it costs ~25 ms of cold start on every step and would ship code that has no license entry here.
// Run `node --enable-source-maps dist/main/index.js` to get mapped stack traces.
//
// The license list is built from the source maps' `sources`, not ncc's --license (which misses most
// packages once gaxios is bundled): every node_modules/<pkg> directory (scoped and nested too) that
// contributed code, with the license text the package ships. The build fails when a package has no license.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const DEFAULT_ENTRIES = [
  ['main', 'src/main.ts'],
  ['post', 'src/post.ts'],
  // The dataset analysis thread, which dist/main starts from ../dataset-worker/index.js (src/dataset/analysis/thread.ts).
  ['dataset-worker', 'src/dataset/analysis/worker.ts'],
];
// Files ncc may leave behind that are not part of the action.
const STRAY_FILES = ['licenses.txt', 'LICENSES.txt', 'sourcemap-register.cjs', 'sourcemap-register.js', 'stats.json'];
const LICENSE_FILE = /^(licen[cs]e|copying|notice|unlicense)([-._].*)?$/i;

function fail(message) {
  console.error(`bundle: error: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  let outDir = 'dist';
  const entries = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      outDir = argv[++i] ?? fail('--out needs a directory');
    } else if (/^[a-z0-9-]+=.+/i.test(arg)) {
      const [name, entry] = arg.split(/=(.*)/s);
      entries.push([name, entry]);
    } else {
      fail(`unknown argument ${JSON.stringify(arg)} (usage: bundle.mjs [--out DIR] [name=entry ...])`);
    }
  }
  return { outDir: path.resolve(root, outDir), entries: entries.length ? entries : DEFAULT_ENTRIES };
}

function runNcc(entry, out) {
  const cli = require.resolve('@vercel/ncc/dist/ncc/cli.js');
  // --no-cache: every build starts from the same state (reproducible on any machine).
  // Not --transpile-only: ts-loader then transpiles file by file, cannot see that NodeNext means ESM here
  // and emits CommonJS (top-level await breaks). The price: ncc type-checks the whole tsconfig program, so
  // any type error (in tests too) fails the bundle, as it fails `npm run typecheck`.
  const args = [cli, 'build', entry, '-o', out, '--source-map', '--no-source-map-register', '--target', 'es2022'];
  args.push('--no-cache', '--quiet');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`ncc build ${entry} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? listFiles(path.join(dir, d.name)) : [path.join(dir, d.name)]))
    .sort();
}

function checkOutput(name, out) {
  for (const stray of STRAY_FILES) rmSync(path.join(out, stray), { force: true });
  const files = listFiles(out).map((f) => path.relative(out, f).split(path.sep).join('/'));
  for (const required of ['index.js', 'index.js.map', 'package.json']) {
    if (!files.includes(required)) fail(`dist/${name}/${required} was not written`);
  }
  const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8'));
  if (pkg.type !== 'module') fail(`dist/${name}/package.json is not {"type":"module"}`);

  // Lazy chunks: the webpack runtime in index.js loads chunk N with import("./" + N + ".index.js"), relative
  // to itself; a chunk may load further chunks. Every emitted chunk must be loaded by some file, and every
  // chunk a file loads must exist, or a dynamic import() would fail only at run time.
  const index = readFileSync(path.join(out, 'index.js'), 'utf8');
  if (!index.includes('".index.js"') && files.some((f) => f !== 'index.js' && f.endsWith('.js'))) {
    fail(`dist/${name}/index.js has no chunk loader but chunks were emitted`);
  }
  const chunks = files.filter((f) => f !== 'index.js' && f.endsWith('.js'));
  const emitted = new Set();
  for (const chunk of chunks) {
    const id = /^(\d+)\.index\.js$/.exec(chunk)?.[1];
    if (!id) fail(`dist/${name}/${chunk}: unexpected file (expected N.index.js chunks only)`);
    const head = readFileSync(path.join(out, chunk), 'utf8').slice(0, 200);
    if (!head.startsWith(`export const id = ${id};`))
      fail(`dist/${name}/${chunk}: chunk id does not match its file name`);
    if (!files.includes(`${chunk}.map`)) fail(`dist/${name}/${chunk} has no source map`);
    emitted.add(id);
  }
  const referenced = new Set();
  for (const file of ['index.js', ...chunks]) {
    const code = readFileSync(path.join(out, file), 'utf8');
    for (const m of code.matchAll(/_require__\.e\((?:\/\*[^*]*\*\/\s*)?(\d+)\)/g)) referenced.add(m[1]);
  }
  for (const id of referenced) {
    if (!emitted.has(id)) fail(`dist/${name}: chunk ${id}.index.js is loaded but was not emitted`);
  }
  for (const id of emitted) {
    if (!referenced.has(id)) fail(`dist/${name}/${id}.index.js is not loaded by any bundle file`);
  }
  return { files, chunks };
}

// --- licenses ---------------------------------------------------------------------------------------

/**
 * The node_modules package directory (absolute) that a source-map `sources` entry belongs to, or null.
 * ncc writes sources as "../" + the path relative to the project root (e.g. ".././node_modules/x/y.js";
 * "../../../elsewhere/node_modules/..." when node_modules is a symlink), so drop one "../" and resolve.
 */
function packageDirOf(source) {
  const rel = source
    .replace(/^webpack:\/\/[^/]*\//, '')
    .replace(/\\/g, '/')
    .replace(/^\.\.\//, '');
  if (!rel.includes('node_modules/')) return null;
  const parts = path.resolve(root, rel).split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return null;
  const nameLength = parts[at + 1].startsWith('@') ? 2 : 1;
  if (at + 1 + nameLength >= parts.length) return null;
  return parts.slice(0, at + 1 + nameLength).join(path.sep);
}

function licenseOf(pkg) {
  const { license, licenses } = pkg;
  if (typeof license === 'string' && license.trim()) return license.trim();
  if (license && typeof license.type === 'string') return license.type;
  if (Array.isArray(licenses) && licenses.length) {
    const types = licenses.map((l) => (typeof l === 'string' ? l : l?.type)).filter(Boolean);
    if (types.length) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return null;
}

function repositoryOf(pkg) {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return typeof repo === 'string' && repo ? repo : null;
}

function normalizeText(text) {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

/** The "License" section of a package's README, for packages that ship no license file. */
function readmeLicenseSection(dir) {
  const readme = readdirSync(dir)
    .filter((f) => /^readme(\.md|\.markdown|\.txt)?$/i.test(f))
    .sort()[0];
  if (!readme) return null;
  const lines = normalizeText(readFileSync(path.join(dir, readme), 'utf8')).split('\n');
  // Markdown headings, ATX ("## License") or setext ("License" over "-------"): [line index, level, title].
  const headings = [];
  lines.forEach((line, k) => {
    const atx = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) headings.push([k, atx[1].length, atx[2], k + 1]);
    else if (k > 0 && lines[k - 1].trim() && /^(=+|-+)\s*$/.test(line) && line.trim().length >= 3) {
      headings.push([k - 1, line.startsWith('=') ? 1 : 2, lines[k - 1].trim(), k + 1]);
    }
  });
  const at = headings.findIndex(([, , title]) => /^licen[cs]e\b/i.test(title));
  if (at < 0) return null;
  const [, level, , bodyStart] = headings[at];
  const next = headings.slice(at + 1).find(([, l]) => l <= level);
  const body = lines.slice(bodyStart, next ? next[0] : lines.length);
  while (body.length && (!body.at(-1).trim() || /^\[[^\]]+\]:\s/.test(body.at(-1)))) body.pop();
  const text = body.join('\n').trim();
  return text ? { file: `${readme} (License section)`, text } : null;
}

function compareVersions(a, b) {
  return a.localeCompare(b, 'en', { numeric: true });
}

function collectPackages(bundles) {
  /** @type {Map<string, {dir: string, bundles: Set<string>}>} */
  const dirs = new Map();
  for (const { name, out, files } of bundles) {
    for (const file of files.filter((f) => f.endsWith('.map'))) {
      const map = JSON.parse(readFileSync(path.join(out, file), 'utf8'));
      if (!Array.isArray(map.sources)) fail(`dist/${name}/${file} has no sources`);
      for (const source of map.sources) {
        const dir = packageDirOf(source);
        if (!dir) continue;
        if (!dirs.has(dir)) dirs.set(dir, { dir, bundles: new Set() });
        dirs.get(dir).bundles.add(name);
      }
    }
  }

  /** @type {Map<string, object>} keyed by name@version */
  const packages = new Map();
  const problems = [];
  for (const { dir: abs, bundles: usedIn } of dirs.values()) {
    const dir = path.relative(root, abs).split(path.sep).join('/');
    const pkgFile = path.join(abs, 'package.json');
    if (!existsSync(pkgFile)) {
      problems.push(`${dir}: no package.json`);
      continue;
    }
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    const license = licenseOf(pkg);
    const texts = readdirSync(abs)
      .filter((f) => LICENSE_FILE.test(f) && statSync(path.join(abs, f)).isFile())
      .sort()
      .map((f) => ({ file: f, text: normalizeText(readFileSync(path.join(abs, f), 'utf8')) }))
      .filter((t) => t.text);
    if (!texts.length) {
      const readme = readmeLicenseSection(abs);
      if (readme) texts.push(readme);
    }
    if (!license && !texts.length) {
      problems.push(`${dir}: no "license" in package.json and no LICENSE/COPYING/NOTICE file`);
      continue;
    }
    if (license && /^(unlicensed|see license in)/i.test(license) && !texts.length) {
      problems.push(`${dir}: license "${license}" but no license file to ship`);
      continue;
    }
    const key = `${pkg.name}@${pkg.version}`;
    const entry = packages.get(key) ?? {
      name: pkg.name,
      version: pkg.version,
      license: license ?? 'see text',
      repository: repositoryOf(pkg),
      texts,
      bundles: new Set(),
    };
    for (const b of usedIn) entry.bundles.add(b);
    if (!entry.texts.length && texts.length) entry.texts = texts;
    packages.set(key, entry);
  }
  if (problems.length) {
    fail(`bundled packages without usable license information:\n  ${problems.join('\n  ')}`);
  }
  return [...packages.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'en') || compareVersions(a.version, b.version),
  );
}

function renderLicenses(packages) {
  const lines = [
    'Third-party software bundled in this directory',
    '',
    'Generated by scripts/bundle.mjs from the source maps of the bundles; do not edit.',
    `${packages.length} packages.`,
    '',
  ];
  const missing = [];
  for (const p of packages) {
    lines.push('='.repeat(100), `${p.name}@${p.version}`, `License: ${p.license}`);
    if (p.repository) lines.push(`Repository: ${p.repository}`);
    lines.push(`Bundled in: ${[...p.bundles].sort().join(', ')}`, '');
    if (p.texts.length) {
      for (const { file, text } of p.texts) lines.push(`--- ${file}`, '', text, '');
    } else {
      missing.push(`${p.name}@${p.version}`);
      lines.push(`(The package ships no license file; its package.json declares "${p.license}".)`, '');
    }
  }
  return { text: `${lines.join('\n').trimEnd()}\n`, missing };
}

// --- main -------------------------------------------------------------------------------------------

const { outDir, entries } = parseArgs(process.argv.slice(2));
const started = Date.now();
for (const [name] of entries) rmSync(path.join(outDir, name), { recursive: true, force: true });
rmSync(path.join(outDir, 'licenses.txt'), { force: true });

try {
  await Promise.all(entries.map(([name, entry]) => runNcc(entry, path.join(outDir, name))));
} catch (error) {
  fail(error.message);
}

const bundles = entries.map(([name]) => {
  const out = path.join(outDir, name);
  return { name, out, ...checkOutput(name, out) };
});
const packages = collectPackages(bundles);
const { text, missing } = renderLicenses(packages);
writeFileSync(path.join(outDir, 'licenses.txt'), text);

const rel = path.relative(root, outDir) || '.';
for (const b of bundles) {
  const size = b.files.reduce((n, f) => n + (f.endsWith('.js') ? statSync(path.join(b.out, f)).size : 0), 0);
  console.log(
    `bundle: ${rel}/${b.name}/index.js + ${b.chunks.length} chunk(s), ${(size / 1024).toFixed(0)} kB of JavaScript`,
  );
}
console.log(
  `bundle: ${rel}/licenses.txt lists ${packages.length} packages (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
if (missing.length) console.warn(`bundle: warning: no license file shipped by ${missing.join(', ')}`);
