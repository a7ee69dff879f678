/** The dataset doctor's findings link to their lines on the pull request's head commit, as dataset problems do. */
import { describe, expect, it } from 'vitest';
import { renderComment } from '../../../src/report/comment.js';
import { renderSummary } from '../../../src/report/summary.js';
import { report } from './fixtures.js';

const SOURCE = 'https://github.com/octo-org/number-tuner/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function withFinding(sourceUrl: string | null, file = 'data/train set.jsonl') {
  const r = report({ sourceUrl });
  r.dataset!.findings = [
    { kind: 'duplicates', file, message: '2 examples are the same', examples: [7, 19], count: 3 },
  ] as never;
  return r;
}

describe('doctor findings', () => {
  it('the comment links the first line, the summary every line', () => {
    const r = withFinding(SOURCE);
    const comment = renderComment(r, { marker: '<!-- gemini-tune:k -->', phase: 'final' });
    expect(comment).toContain(`[\`data/train set.jsonl:7\`](${SOURCE}/data/train%20set.jsonl#L7)`);
    const summary = renderSummary(r);
    expect(summary).toContain(
      `(lines: [7](${SOURCE}/data/train%20set.jsonl#L7), [19](${SOURCE}/data/train%20set.jsonl#L19), … 3 in all)`,
    );
  });

  it('without a source URL, or for a path outside the repository, no link', () => {
    const plain = renderComment(withFinding(null), { marker: '<!-- gemini-tune:k -->', phase: 'final' });
    expect(plain).toContain('`data/train set.jsonl:7`');
    expect(plain).not.toContain('#L7');
    const outside = renderSummary(withFinding(SOURCE, '../secret.jsonl'));
    expect(outside).toContain('(lines: 7, 19, … 3 in all)');
  });
});
