import { describe, expect, it } from 'vitest';
import { renderComment } from '../../../src/report/comment.js';
import { renderSummary } from '../../../src/report/summary.js';
import { report } from './fixtures.js';

const stats = {
  exampleCount: 1200,
  totalCharacterCount: 480_000,
  totalBillableTokenCount: 131_072,
  tuningStepCount: 150,
  truncatedExampleCount: 3,
  droppedExampleReasons: ['<img src=x onerror=alert(1)> too long @octocat'],
};

describe('Vertex AI tuningDataStats in the comment and the summary', () => {
  it('shows what the service counted, its drop reasons escaped', () => {
    const r = report({ backend: 'vertex-ai', tuningDataStats: stats });
    for (const body of [renderSummary(r), renderComment(r, { marker: '<!-- gemini-tune:k -->', phase: 'final' })]) {
      expect(body).toContain(
        '**Vertex AI counted:** **1200** examples · **131072** billable tokens · **150** tuning steps · ⚠️ **3** examples truncated',
      );
      expect(body).toContain('dropped: ');
      expect(body).not.toContain('<img');
      expect(body).not.toContain('@octocat');
    }
  });

  it('says nothing on the Gemini API, which reports no such counts', () => {
    const r = report({ tuningDataStats: null });
    expect(renderSummary(r)).not.toContain('Vertex AI counted');
  });
});
