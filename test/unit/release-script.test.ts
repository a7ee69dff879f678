/**
 * scripts/release.sh in a throw-away repository with a local bare "origin": the dry run (what CI
 * runs on every pull request) changes nothing and says what it would do; the real run tags vX.Y.Z,
 * moves vX and pushes both; every check refuses a release that could not work.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/runner-env.js';

const SCRIPT = join(ROOT, 'scripts/release.sh');
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

const changelog = (...versions: string[]) =>
  [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    ...versions.flatMap((v) => [`## [${v}]`, '', `- Changes of ${v}.`, '']),
  ].join('\n');

/** A repository shaped like this one (package.json, CHANGELOG.md, action.yml, dist/), with a bare origin. */
function repo(version: string, opts: { changelog?: string } = {}): { dir: string; origin: string } {
  const base = mkdtempSync(join(tmpdir(), 'gemini-tune-release-'));
  dirs.push(base);
  const origin = join(base, 'origin.git');
  const dir = join(base, 'work');
  git(base, 'init', '-q', '--bare', origin);
  git(base, 'init', '-q', '-b', 'main', dir);
  mkdirSync(join(dir, 'dist/main'), { recursive: true });
  mkdirSync(join(dir, 'dist/post'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'gemini-tune', version }, null, 2));
  writeFileSync(join(dir, 'CHANGELOG.md'), opts.changelog ?? changelog(version));
  writeFileSync(join(dir, 'action.yml'), 'name: t\nruns:\n  using: node24\n  main: dist/main/index.js\n');
  writeFileSync(join(dir, 'dist/main/index.js'), '// main\n');
  writeFileSync(join(dir, 'dist/post/index.js'), '// post\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  git(dir, 'remote', 'add', 'origin', origin);
  git(dir, 'push', '-q', 'origin', 'main');
  return { dir, origin };
}

function release(cwd: string, ...args: string[]) {
  const r = spawnSync('bash', [SCRIPT, ...args], { cwd, env: GIT_ENV, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const tags = (dir: string) => git(dir, 'tag', '--list').split('\n').filter(Boolean).sort();

describe('scripts/release.sh --dry-run', () => {
  it('checks, prints the tags, pushes and notes it would make, and changes nothing', () => {
    const { dir, origin } = repo('1.2.3');
    const r = release(dir, '--dry-run');
    expect(r.out).toContain('dry run: a release of v1.2.3 would succeed');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/would run: git tag -a v1\.2\.3 -m v1\.2\.3 [0-9a-f]{40}/);
    expect(r.out).toMatch(/would run: git tag -f -a v1 -m v1: v1\.2\.3 [0-9a-f]{40}/);
    expect(r.out).toContain('would run: git push origin refs/tags/v1.2.3');
    expect(r.out).toContain('would run: git push --force origin refs/tags/v1');
    expect(r.out).toContain('would run: gh release create v1.2.3 --verify-tag --title v1.2.3 --notes-file');
    expect(r.out).toContain('  | - Changes of 1.2.3.');
    expect(tags(dir)).toEqual([]);
    expect(git(origin, 'tag', '--list')).toBe('');
  });

  it('a version that is already tagged is a notice in a dry run, an error in a real one', () => {
    const { dir } = repo('1.2.3');
    git(dir, 'tag', '-a', 'v1.2.3', '-m', 'v1.2.3');
    const dry = release(dir, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('notice: v1.2.3 already exists');
    const real = release(dir, '--no-github-release');
    expect(real.code).toBe(1);
    expect(real.out).toContain('tag v1.2.3 already exists');
  });

  it.each([
    ['a version that package.json does not say', ['1.2.4'], 'package.json says 1.2.3, not 1.2.4'],
    ['something that is not a version', ['one'], '"one" is not a version of the form X.Y.Z'],
  ])('refuses %s', (_what, args, message) => {
    const { dir } = repo('1.2.3');
    const r = release(dir, '--dry-run', ...args);
    expect(r.code).toBe(1);
    expect(r.out).toContain(message);
  });

  it('refuses a version without a CHANGELOG section', () => {
    const { dir } = repo('1.2.3', { changelog: changelog('1.2.2') });
    const r = release(dir, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.out).toContain('CHANGELOG.md has no "## [1.2.3]" section');
  });

  it('refuses a work tree with changes (a dist/ that was rebuilt but not committed)', () => {
    const { dir } = repo('1.2.3');
    writeFileSync(join(dir, 'dist/main/index.js'), '// rebuilt\n');
    const r = release(dir, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.out).toContain('the work tree has changes');
  });

  it('refuses a commit without the bundles', () => {
    const { dir } = repo('1.2.3');
    git(dir, 'rm', '-q', 'dist/post/index.js');
    git(dir, 'commit', '-q', '-m', 'drop post');
    const r = release(dir, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.out).toContain('dist/post/index.js is not committed');
  });

  it('answers a bad option with the usage', () => {
    const { dir } = repo('1.2.3');
    const r = release(dir, '--push-everything');
    expect(r.code).toBe(2);
    expect(r.out).toContain('usage: scripts/release.sh');
  });
});

describe('scripts/release.sh (real run against a local origin)', () => {
  it('tags vX.Y.Z, moves vX to the newest release, and pushes both', () => {
    const { dir, origin } = repo('1.2.3');
    const first = release(dir, '--no-github-release');
    expect(first.out).toContain('v1.2.3 released; v1 now points at it');
    expect(first.code).toBe(0);
    const c1 = git(dir, 'rev-parse', 'HEAD');
    expect(git(origin, 'rev-list', '-n', '1', 'v1.2.3')).toBe(c1);
    expect(git(origin, 'rev-list', '-n', '1', 'v1')).toBe(c1);

    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'gemini-tune', version: '1.3.0' }, null, 2));
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog('1.3.0', '1.2.3'));
    git(dir, 'commit', '-q', '-am', '1.3.0');
    const second = release(dir, '--no-github-release', 'v1.3.0');
    expect(second.code).toBe(0);
    const c2 = git(dir, 'rev-parse', 'HEAD');
    expect(git(origin, 'rev-list', '-n', '1', 'v1.3.0')).toBe(c2);
    expect(git(origin, 'rev-list', '-n', '1', 'v1')).toBe(c2);
    expect(git(origin, 'rev-list', '-n', '1', 'v1.2.3')).toBe(c1);
  });

  it('does not move the major tag to a pre-release', () => {
    const { dir, origin } = repo('2.0.0-rc.1');
    const r = release(dir, '--no-github-release');
    expect(r.code).toBe(0);
    expect(r.out).toContain('v2.0.0-rc.1 is a pre-release: v2 is not moved');
    expect(git(origin, 'tag', '--list').split('\n')).toEqual(['v2.0.0-rc.1']);
  });
});
