/** The inputs of the modes (INTERFACE "Modes"; decisions 9, 10, 11). */
import { describe, expect, it } from 'vitest';
import { INPUT_NAMES, InputError, parseSettings, type RawInputs } from '../../../src/inputs/settings.js';

function raw(overrides: Partial<RawInputs> = {}): RawInputs {
  const base = Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as RawInputs;
  return { ...base, 'github-token': 'ghs_x', ...overrides };
}
const vertex = { project: 'my-project-1', 'staging-uri': 'gs://my-bucket/p' };
const onPullRequest = { GITHUB_EVENT_NAME: 'pull_request' };

function errorOf(overrides: Partial<RawInputs>, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseSettings(raw(overrides), env);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('mode', () => {
  it('defaults to tune, with commit-status auto and release-label production', () => {
    const s = parseSettings(raw({ ...vertex, 'training-data': 't.jsonl' }));
    expect(s).toMatchObject({ mode: 'tune', commitStatus: 'auto', releaseLabel: 'production' });
  });

  it('refuses an unknown mode, naming the four', () => {
    expect(errorOf({ ...vertex, mode: 'train' })).toMatch(
      /input "mode" must be one of "tune", "finish", "cleanup", "promote"/,
    );
  });

  it('finish and cleanup need no dataset; finish needs no staging-uri', () => {
    expect(parseSettings(raw({ mode: 'finish', project: 'my-project-1' })).mode).toBe('finish');
    expect(parseSettings(raw({ mode: 'cleanup', project: 'my-project-1' })).mode).toBe('cleanup');
    expect(parseSettings(raw({ mode: 'cleanup', 'api-key': 'k' })).backend).toBe('gemini-api');
  });

  it('finish is Vertex AI only', () => {
    expect(errorOf({ mode: 'finish', 'api-key': 'k' })).toMatch(/input "mode" finish is Vertex AI only/);
  });

  it('promote needs the training set (the content key), not a staging-uri', () => {
    expect(errorOf({ mode: 'promote', project: 'my-project-1' })).toMatch(
      /input "training-data" is required in promote mode/,
    );
    expect(parseSettings(raw({ mode: 'promote', project: 'my-project-1', 'training-data': 't.jsonl' })).mode).toBe(
      'promote',
    );
  });

  it('resume applies to tune only', () => {
    expect(errorOf({ ...vertex, mode: 'promote', 'training-data': 't.jsonl', resume: 'tunedModels/abc' })).toMatch(
      /input "resume" applies to mode: tune only/,
    );
  });
});

describe('release-label (decision 9)', () => {
  it.each(['production', 'canary-2', 'ab'])('accepts %s', (label) => {
    expect(
      parseSettings(raw({ ...vertex, mode: 'promote', 'training-data': 't', 'release-label': label })).releaseLabel,
    ).toBe(label);
  });
  it.each(['default', 'Prod', '2prod', 'prod-', 'a', 'prod_1', 'x'.repeat(64)])('refuses %s', (label) => {
    expect(errorOf({ ...vertex, mode: 'promote', 'training-data': 't', 'release-label': label })).toMatch(
      /input "release-label" must be 2 to 63 lower-case letters/,
    );
  });
});

describe('commit-status (decision 10)', () => {
  it('auto with wait: false and comment: off on a pull request is an input error', () => {
    expect(errorOf({ ...vertex, 'training-data': 't', wait: 'false', comment: 'off' }, onPullRequest)).toMatch(
      /input "commit-status" auto with wait: false on a pull request needs the comment/,
    );
  });
  it('is fine off a pull request, with commit-status: off, or when the run waits', () => {
    const inputs = { ...vertex, 'training-data': 't', wait: 'false', comment: 'off' };
    expect(parseSettings(raw(inputs), {}).commitStatus).toBe('auto');
    expect(parseSettings(raw({ ...inputs, 'commit-status': 'off' }), onPullRequest).commitStatus).toBe('off');
    expect(parseSettings(raw({ ...inputs, wait: 'true' }), onPullRequest).wait).toBe(true);
  });
  it('refuses anything but auto and off', () => {
    expect(errorOf({ ...vertex, 'training-data': 't', 'commit-status': 'on' })).toMatch(
      /input "commit-status" must be one of "auto", "off"/,
    );
  });
});
