/**
 * Issue 12, items 3 and 15: what the dataset phase produces is bounded whatever the input. A
 * message is cut, the problems kept are capped while their count stays exact (annotations, the
 * report, the summary), and a record longer than the backend accepts is an error at its line,
 * skipped while streaming without ever being held whole.
 */

import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { annotateProblems } from '../../../src/dataset/validate/annotate.js';
import { loadEvalSet } from '../../../src/dataset/validate/load-eval.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { GEMINI_MAX_RECORD_BYTES, MAX_JSON_FILE_BYTES } from '../../../src/dataset/limits.js';
import { readRecords } from '../../../src/dataset/read/records.js';
import { ProblemSink } from '../../../src/dataset/problems.js';
import { problemReports, REPORT_PROBLEMS } from '../../../src/report/dataset-report.js';
import { renderSummary } from '../../../src/report/summary.js';
import { report } from '../report/fixtures.js';
import { TempWorkspace, validJsonl } from './helpers.js';

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => {
  ws.cleanup();
  vi.restoreAllMocks();
});

const training = (file: string, backend: 'gemini-api' | 'vertex-ai' = 'gemini-api') =>
  loadTrainingSet(file, { backend, role: 'training', workspace: ws.dir, keepRecords: false });

/** The workflow commands `fn` writes to stdout. */
function stdoutOf(fn: () => void): string {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    fn();
  } finally {
    vi.restoreAllMocks();
  }
  return out.join('');
}

/** Writes `head`, then `size` bytes of `fill` on one line, then `tail`, without building the line in memory. */
function writeLongLine(name: string, head: string, fill: string, size: number, tail: string): string {
  const fd = openSync(path.join(ws.dir, name), 'w');
  const block = Buffer.from(fill.repeat(Math.ceil((1 << 20) / fill.length)).slice(0, 1 << 20));
  writeSync(fd, head);
  for (let left = size; left > 0; left -= block.length) writeSync(fd, block, 0, Math.min(left, block.length));
  writeSync(fd, tail);
  closeSync(fd);
  return name;
}

describe('annotation and report sizes (item 3)', () => {
  // 10,000 columns here (the parser takes seconds for 100,000; the e2e test runs those).
  it('a 10,000-column CSV gives short messages and a small annotation', async () => {
    const header = ['text_input', 'output', ...Array.from({ length: 10_000 }, (_, i) => `extra_column_${i}`)];
    ws.write('wide.csv', `${header.join(',')}\n${header.map(() => 'v').join(',')}\n`);
    const ds = await training('wide.csv');
    for (const p of ds.problems) expect(p.message.length).toBeLessThanOrEqual(1000);
    expect(ds.problems[0]?.message).toMatch(/^CSV columns "extra_column_0", .* and 9,9\d\d more are ignored/);
    const text = stdoutOf(() => annotateProblems(ds.problems, { counts: ds.problemCounts! }));
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(2048);

    const noInput = ['answer', ...header.slice(2)];
    ws.write('wide-bad.csv', `${noInput.join(',')}\n`);
    const bad = await training('wide-bad.csv');
    expect(bad.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(bad.problems).length).toBeLessThan(4096);
  });

  it('a long message is cut when annotated', () => {
    const text = stdoutOf(() =>
      annotateProblems([{ severity: 'error', file: 'f.jsonl', line: 1, message: 'x'.repeat(1_000_000) }]),
    );
    expect(text.length).toBeLessThan(2048);
  });

  it('thousands of problems: the report keeps the first ones, every count stays exact', async () => {
    ws.write('t.jsonl', validJsonl(20) + '{"text_input": "q"}\n'.repeat(5000));
    const ds = await training('t.jsonl');
    expect(ds.problemCounts).toEqual({ errors: 5000, warnings: 0 });

    const counts = ds.problemCounts!;
    const text = stdoutOf(() => expect(annotateProblems(ds.problems, { counts })).toEqual(counts));
    expect(text.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(51);
    expect(text).toContain('::error::4950 more dataset problems (4950 errors, 0 warnings) not shown');

    const listed = problemReports(ds.problems);
    expect(listed).toHaveLength(REPORT_PROBLEMS);
    expect(listed[0]).toMatchObject({ severity: 'error', line: 21 });
    const summary = renderSummary(
      report({ state: 'FAILED', dataset: null, eval: null, problems: listed, problemCounts: counts }),
    );
    expect(summary).toContain('**5000** errors in the datasets');
    expect(summary).toContain('… and 4950 more');
    expect(JSON.stringify(listed).length).toBeLessThan(100 * 1024);
  });
});

describe('record size cap while reading (item 15)', () => {
  it('a 64 MB single-line JSONL record is an error at its line; the lines after it are read', async () => {
    const size = 64 * 1024 * 1024;
    writeLongLine('big.jsonl', '{"text_input": "', 'abcdefgh', size, `", "output": "x"}\n${validJsonl(20)}`);
    const before = process.memoryUsage();
    const ds = await training('big.jsonl');
    const after = process.memoryUsage();
    expect(ds.problems).toEqual([
      {
        severity: 'error',
        file: 'big.jsonl',
        line: 1,
        message: expect.stringMatching(
          /^this line is 67,108,8\d\d bytes, more than the Gemini API accepts for one record \(4,194,304 bytes\)/,
        ),
      },
    ]);
    expect(ds.analysis?.count).toBe(20);
    // Never held whole: far less than the line itself was ever allocated at once.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(size / 2);
  });

  it('a 64 MB single-line CSV row is an error at its line (Vertex AI limit), without buffering it', async () => {
    writeLongLine('big.csv', 'text_input,output\n"', 'abc,def ', 64 * 1024 * 1024, '",x\nq,a\n');
    const ds = await training('big.csv', 'vertex-ai');
    expect(ds.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 2,
        message: expect.stringMatching(/^this line is 67,108,8\d\d bytes, more than Vertex AI accepts for one record/),
      }),
    ]);
  });

  it('an eval case line is capped too', async () => {
    writeLongLine('e.jsonl', '{"input": "', 'x', 9 * 1024 * 1024, '"}\n{"input": "ok"}\n');
    const ds = await loadEvalSet('e.jsonl', { workspace: ws.dir });
    expect(ds.problems).toEqual([
      expect.objectContaining({
        line: 1,
        message: expect.stringMatching(/^this line is 9,437,1\d\d bytes, more than /),
      }),
    ]);
    expect(ds.records.map((c) => c.input)).toEqual(['ok']);
  });

  it('a CSV row spread over many short lines (quoted line breaks) is capped by the parser', async () => {
    ws.write('multi.csv', `text_input,output\n"${'line of text\n'.repeat(200)}",x\nq,a\n`);
    const sink = new ProblemSink('multi.csv');
    const records = [];
    for await (const r of readRecords({
      absolute: path.join(ws.dir, 'multi.csv'),
      format: 'csv',
      sink,
      recordShape: '{}',
      csvShape: 'text_input,output',
      jsonContainers: [],
      csvHeader: () => true,
      maxRecord: { bytes: 1000, limitName: 'the test' },
    }))
      records.push(r);
    expect(records).toEqual([]);
    expect(sink.problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^this row is too long, more than the test/) }),
    ]);
  });

  it('a .json document larger than the cap is refused before it is read', async () => {
    writeLongLine('big.json', '[', ' ', MAX_JSON_FILE_BYTES + 10, ']');
    const ds = await training('big.json');
    expect(ds.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/too large for a single \.json document/) }),
    ]);
    expect(GEMINI_MAX_RECORD_BYTES).toBe(4 * 1024 * 1024);
  });
});
