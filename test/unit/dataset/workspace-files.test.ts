/**
 * Issue 12, item 1: a dataset path must resolve (symbolic links followed) to a regular file inside
 * the workspace, or it is an error naming the input and the file is never read; and messages quote
 * at most a short cut preview of the data (never a whole header line, never a parser's quote).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadEvalSet } from '../../../src/dataset/validate/load-eval.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { openDataset } from '../../../src/dataset/read/open.js';
import { preview, previewList } from '../../../src/dataset/problems.js';
import { lines, TempWorkspace, validJsonl } from './helpers.js';

const SECRET = 'https://x-access-token:ghs_0123456789abcdefSECRETvalue@github.com';
const secretCsv = `text_input,output\n"${SECRET}","${SECRET}"\n`;

let ws: TempWorkspace;
let outside: string;

beforeEach(() => {
  ws = new TempWorkspace();
  outside = mkdtempSync(path.join(tmpdir(), 'gt-outside-'));
  writeFileSync(path.join(outside, 'secret.csv'), secretCsv);
  writeFileSync(path.join(outside, 'secret.jsonl'), `${JSON.stringify({ text_input: SECRET, output: 'x' })}\n`);
});
afterEach(() => {
  ws.cleanup();
  rmSync(outside, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

const training = (file: string, workspace: string | undefined = ws.dir) =>
  loadTrainingSet(file, {
    backend: 'gemini-api',
    role: 'training',
    ...(workspace !== undefined ? { workspace } : {}),
  });

/** The one file-level error a refused path gives, with no trace of the file's content. */
function refused(problems: readonly { severity: string; line?: number; message: string }[]): string {
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ severity: 'error' });
  expect(problems[0]?.line).toBeUndefined();
  expect(JSON.stringify(problems)).not.toContain('SECRET');
  return problems[0]!.message;
}

describe('dataset paths stay inside the workspace', () => {
  it('a symbolic link to a file outside is refused, naming the input; the file is not read', async () => {
    symlinkSync(path.join(outside, 'secret.csv'), path.join(ws.dir, 'link.csv'));
    const ds = await training('link.csv');
    const message = refused(ds.problems);
    expect(message).toMatch(/^training-data: link\.csv resolves outside the workspace \(.+\) through a symbolic link/);
    expect(ds.records).toEqual([]);
  });

  it('a ../ path, an absolute path outside and a missing ../ path are refused', async () => {
    const rel = path.relative(ws.dir, path.join(outside, 'secret.jsonl'));
    expect(rel.startsWith('..')).toBe(true);
    expect(refused((await training(rel)).problems)).toMatch(/^training-data: \.\.\/.* resolves outside the workspace/);
    const abs = path.join(outside, 'secret.csv');
    expect(refused((await training(abs)).problems)).toMatch(/resolves outside the workspace/);
    expect(refused((await training('../nowhere/x.csv')).problems)).toMatch(
      /^training-data: \.\.\/nowhere\/x\.csv resolves outside the workspace/,
    );
  });

  it('a link to /proc/self/environ (the runner environment) is refused for the eval set too', async () => {
    vi.stubEnv('GT_FAKE_SECRET', 'SECRET-env-value-42');
    symlinkSync('/proc/self/environ', path.join(ws.dir, 'env.jsonl'));
    const ds = await loadEvalSet('env.jsonl', { workspace: ws.dir });
    expect(refused(ds.problems)).toMatch(/^eval-data: env\.jsonl resolves outside the workspace/);
  });

  it('a link through a linked directory counts where it leads', async () => {
    symlinkSync(outside, path.join(ws.dir, 'data'));
    expect(refused((await training('data/secret.jsonl')).problems)).toMatch(/through a symbolic link/);
  });

  it('GITHUB_WORKSPACE is the rule when no workspace is given', async () => {
    vi.stubEnv('GITHUB_WORKSPACE', ws.dir);
    symlinkSync(path.join(outside, 'secret.csv'), path.join(ws.dir, 'link.csv'));
    expect(refused((await training(path.join(ws.dir, 'link.csv'), undefined)).problems)).toMatch(
      /^training-data: link\.csv resolves outside the workspace/,
    );
  });

  it('a link that stays inside the workspace is followed', async () => {
    ws.write('real/train.jsonl', validJsonl(25));
    symlinkSync(path.join(ws.dir, 'real/train.jsonl'), path.join(ws.dir, 'train.jsonl'));
    const ds = await training('train.jsonl');
    expect(ds.problems).toEqual([]);
    expect(ds.records).toHaveLength(25);
  });

  it('a directory, a named pipe and a device are refused without being opened', async () => {
    mkdirSync(path.join(ws.dir, 'dir.jsonl'));
    expect(refused((await training('dir.jsonl')).problems)).toMatch(/is a directory/);
    // Opening a FIFO with no writer would block: this test would hang if it were read.
    execFileSync('mkfifo', [path.join(ws.dir, 'pipe.jsonl')]);
    expect(refused((await training('pipe.jsonl')).problems)).toMatch(
      /^training-data: pipe\.jsonl is a named pipe, not a regular file/,
    );
    const dev = await openDataset('/dev/zero.jsonl', ws.dir, 'validation set');
    expect(dev.file).toBeNull();
    symlinkSync('/dev/zero', path.join(ws.dir, 'zero.jsonl'));
    const zero = await openDataset('zero.jsonl', ws.dir, 'validation set');
    expect(zero.file).toBeNull();
    expect(zero.sink.problems[0]?.message).toMatch(/^validation-data: zero\.jsonl is a device, not a regular file/);
  });
});

describe('messages quote at most a short preview of the data', () => {
  const long = `${'header-column-'.repeat(20)}${SECRET}`;

  it('preview cuts at 80 characters, on a character boundary, with an ellipsis', () => {
    expect(preview('a'.repeat(200))).toBe(JSON.stringify(`${'a'.repeat(80)}…`));
    const emoji = preview('😀'.repeat(100));
    expect(JSON.parse(emoji)).toBe(`${'😀'.repeat(80)}…`);
    expect(preview('short\n\ttext')).toBe('"short text"');
    expect(preview('x'.repeat(5_000_000)).length).toBeLessThan(100);
    expect(previewList(Array.from({ length: 100_000 }, (_, i) => `c${i}`))).toMatch(/ and 99,9\d\d more$/);
  });

  it('the CSV header check never echoes the whole header line', async () => {
    ws.write('h.csv', `${long},other\nx,y\n`);
    const ds = await training('h.csv');
    const text = ds.problems.map((p) => p.message).join('\n');
    expect(text).toContain('the CSV header has no input column');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(long.slice(0, 100));
  });

  it('a one-line secret as a CSV in the workspace does not come out whole', async () => {
    ws.write('one.csv', `${SECRET}\n`);
    const ds = await training('one.csv');
    expect(ds.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(ds.problems)).not.toContain('ghs_0123456789abcdefSECRET');
  });

  it("csv-parse's messages, which quote the field, are not passed on", async () => {
    ws.write('q.csv', `text_input,output\n${SECRET}"abc,y\n`);
    const ds = await training('q.csv');
    expect(ds.problems[0]?.message).toMatch(/^not valid CSV: a quote appears inside an unquoted field/);
    expect(JSON.stringify(ds.problems)).not.toContain('SECRET');
  });

  it('an eval regex, an id and a scorer are quoted as previews', async () => {
    const pattern = `(${'a'.repeat(100)}${SECRET}`;
    ws.write(
      'e.jsonl',
      lines(
        { input: 'x', expected: pattern, scorer: 'regex' },
        { id: `${'i'.repeat(100)}${SECRET}`, input: 'x' },
        { id: `${'i'.repeat(100)}${SECRET}`, input: 'x' },
        { input: 'x', expected: 'y', scorer: `${'s'.repeat(100)}${SECRET}` },
      ),
    );
    const ds = await loadEvalSet('e.jsonl', { workspace: ws.dir });
    expect(ds.problems.map((p) => p.line)).toEqual([1, 3, 4]);
    expect(ds.problems[0]?.message).toMatch(/not a valid regular expression .*Unterminated group/);
    expect(JSON.stringify(ds.problems)).not.toContain('SECRET');
  });
});
