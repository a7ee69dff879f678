import { afterEach, describe, expect, it, vi } from 'vitest';
import { annotateProblems } from '../../../src/dataset/validate/annotate.js';

// The real @actions/core: workflow commands written to stdout.
describe('annotateProblems (workflow commands)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes ::error / ::warning commands with file and line', () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    annotateProblems([
      { severity: 'error', file: 'data/t.jsonl', line: 7, column: 2, message: '"output" is missing' },
      { severity: 'warning', file: 'data/t.jsonl', message: 'only 3 examples' },
    ]);
    const text = out.join('');
    expect(text).toContain(
      '::error title=Dataset error%3A data/t.jsonl%3A7,file=data/t.jsonl,line=7,col=2::"output" is missing',
    );
    expect(text).toContain('::warning file=data/t.jsonl::only 3 examples');
  });
});
