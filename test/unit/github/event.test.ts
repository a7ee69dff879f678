import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pullRequestFromEvent } from '../../../src/github/event.js';
import { commentMarker, defaultCommentKey } from '../../../src/github/marker.js';

const dir = mkdtempSync(join(tmpdir(), 'gt-event-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function env(eventName: string, payload: unknown): NodeJS.ProcessEnv {
  const path = join(dir, `event-${n++}.json`);
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'octo/repo' };
}

function prPayload(headFullName: string | null, number = 7) {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { ref: 'feature', repo: headFullName === null ? null : { full_name: headFullName } },
      base: { ref: 'main', repo: { full_name: 'octo/repo', name: 'repo', owner: { login: 'octo' } } },
    },
    repository: { full_name: 'octo/repo', name: 'repo', owner: { login: 'octo' } },
  };
}

describe('pullRequestFromEvent', () => {
  it('reads a same-repository pull_request', () => {
    expect(pullRequestFromEvent(env('pull_request', prPayload('octo/repo')))).toMatchObject({
      owner: 'octo',
      repo: 'repo',
      number: 7,
      isFork: false,
    });
  });
  it('reads pull_request_target', () => {
    expect(pullRequestFromEvent(env('pull_request_target', prPayload('octo/repo', 12)))).toMatchObject({
      owner: 'octo',
      repo: 'repo',
      number: 12,
      isFork: false,
    });
  });
  it('detects forks, including a deleted head repository', () => {
    expect(pullRequestFromEvent(env('pull_request', prPayload('someone/repo')))?.isFork).toBe(true);
    expect(pullRequestFromEvent(env('pull_request_target', prPayload(null)))?.isFork).toBe(true);
  });
  it('falls back to payload.number', () => {
    const p = prPayload('octo/repo', 3) as Record<string, unknown>;
    (p['pull_request'] as Record<string, unknown>)['number'] = undefined;
    expect(pullRequestFromEvent(env('pull_request', p))?.number).toBe(3);
  });
  it('is null for other events', () => {
    for (const name of ['push', 'workflow_dispatch', 'release', 'schedule', 'issue_comment', 'merge_group']) {
      expect(pullRequestFromEvent(env(name, prPayload('octo/repo'))), name).toBeNull();
    }
  });
  it('is null without an event, with a missing or broken payload', () => {
    expect(pullRequestFromEvent({})).toBeNull();
    expect(
      pullRequestFromEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'missing.json') }),
    ).toBeNull();
    expect(pullRequestFromEvent(env('pull_request', '{not json'))).toBeNull();
    expect(pullRequestFromEvent(env('pull_request', { action: 'opened' }))).toBeNull();
  });
});

describe('commentMarker', () => {
  it('wraps the key in a hidden HTML comment', () => {
    expect(commentMarker('CI/build')).toBe('<!-- gemini-tune:CI/build -->');
    expect(commentMarker('')).toBe('<!-- gemini-tune:default -->');
  });
  it('cannot be closed early or broken by the key', () => {
    for (const key of ['a --> <img src=x>', 'x--', '-->', 'line\nbreak', 'テスト', 'a'.repeat(500)]) {
      const m = commentMarker(key);
      expect(m.startsWith('<!-- gemini-tune:')).toBe(true);
      expect(m.endsWith(' -->')).toBe(true);
      expect(m.slice(4, -4)).not.toContain('--');
      expect(m).not.toContain('\n');
      expect(m.indexOf('>')).toBe(m.length - 1);
      expect(m.length).toBeLessThan(140);
    }
  });
  it('keeps distinct keys distinct', () => {
    expect(commentMarker('テスト')).not.toBe(commentMarker('ビルド'));
    expect(commentMarker('a b')).not.toBe(commentMarker('a_b'));
    expect(commentMarker('x'.repeat(300) + '1')).not.toBe(commentMarker('x'.repeat(300) + '2'));
  });
});

describe('defaultCommentKey', () => {
  it('combines workflow and job', () => {
    expect(defaultCommentKey({ GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'tune' })).toBe('CI/tune');
    expect(defaultCommentKey({})).toBe('default');
  });
});
